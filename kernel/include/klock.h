/* klock.h - the big kernel lock: one ticket lock held by the processor that
 * runs kernel code, from each entry (after the user registers are saved) to
 * the return to user mode. Taken only when more than one processor runs. */
#ifndef KERNEL_KLOCK_H
#define KERNEL_KLOCK_H

void kernel_lock(void);
void kernel_unlock(void);

#endif
