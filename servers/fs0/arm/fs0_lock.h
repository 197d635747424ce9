/* fs0_lock.h - the one lock over fs0's state (vnodes, descriptor tables,
 * pipes, poll's waiters, the buffers' registry) while several worker threads
 * serve requests (workers.c). */
#ifndef FS0_LOCK_H
#define FS0_LOCK_H

void fs0_lock(void);
void fs0_unlock(void);

#endif
