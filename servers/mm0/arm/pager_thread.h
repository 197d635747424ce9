/* mm0's pager thread on the target: file pages read for parked faults (pager_thread.c). */
#ifndef MM0_ARM_PAGER_THREAD_H
#define MM0_ARM_PAGER_THREAD_H

#include <stdbool.h>
#include <stdint.h>

#include <idlrt/idlrt.h>

/* Starts the thread and registers it with fs0 as mm0's (its own page in
 * fs0's window): 0, or -errno and faults read synchronously. */
int pager_thread_start(void);
/* The receiving thread posts one read; -ENOSYS without a pager thread. */
int pager_thread_post(uint32_t handle, uint32_t page_index, uint32_t phys);
/* Whether the caller runs on the pager thread. */
bool pager_thread_current(void);
/* mm0's message entry: the pager thread's done, else mm0_serve. */
int pager_thread_serve(struct idlrt_request *rq);

#endif
