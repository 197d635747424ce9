/* poll.h - poll requests and their waiters (poll.c); while there are
 * waiters, pipe.c's pipe_changed is poll_wake, so a pipe's change lets them
 * look again. */
#ifndef FS0_POLL_H
#define FS0_POLL_H

#include <stdint.h>
#include "fs0_logic.h"

/* Something a waiter may watch changed (a pipe's bytes or ends): every
 * waiter with a ready descriptor is answered now. */
void poll_wake(void);
/* The task's waiters are answered with -EINTR; returns how many. */
uint32_t poll_interrupt_task(fs0_task_t task);
/* Every waiter is answered with -EINTR (shutdown). */
void poll_cancel_all(void);
uint32_t poll_pending_count(void);

#endif
