/* workers.h - mm0's worker threads, one per processor, and the lock their requests run under. */
#ifndef MM0_ARM_WORKERS_H
#define MM0_ARM_WORKERS_H

#include <stdbool.h>
#include <stdint.h>

#include <idlrt/idlrt.h>

/* Starts init with start_init, and with several processors a worker
 * pinned to each processor but the first (the calling main thread's),
 * each registered with fs0 as mm0's, and marks mm0's space a worker pool
 * (a deferred reply may come from any worker). Without a disk the workers
 * and init start now; with one, the first worker waits for fs0 to mount it
 * and then starts the others and init (docs/mm0.md, "Workers"). 0 or
 * -errno (then mm0 serves with the workers that did start). */
int workers_start(void (*start_init)(void));
/* The main thread's receive loop, for ever: with workers, idlrt_serve's
 * loop with every request under the mm0 lock, as the workers run it;
 * alone, mm.idl's generated loop (its small operations inline, no lock). */
void workers_serve(void) __attribute__((noreturn));
/* The thread that should page a thread placed on processor cpu: that
 * processor's worker, or the caller when there is none. */
uint32_t workers_pager_for(uint32_t cpu);
/* Whether tid is one of the running workers (the main thread among them). */
bool workers_own(uint32_t tid);

#endif
