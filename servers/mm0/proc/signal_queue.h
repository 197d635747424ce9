/* The pending set and queue of a process or a thread (struct signal_pending): adding an
 * instance, taking the oldest of a signal, discarding. */
#ifndef MM0_SIGNAL_QUEUE_H
#define MM0_SIGNAL_QUEUE_H

#include <stdint.h>

#include "proc/signal_state.h"

/* Queues info's signal: a standard signal already pending is not added again; a
 * real-time one beyond limit instances is -EAGAIN (so is one without memory). */
int signal_queue_add(struct signal_pending *pending, const struct mm_siginfo *info,
		     uint32_t limit);
/* Takes the oldest instance of signo, pending in pending->set, into *info. */
void signal_queue_take(struct signal_pending *pending, int signo, struct mm_siginfo *info);
/* Forgets every pending instance of the signals in set. */
void signal_queue_discard(struct signal_pending *pending, uint64_t set);

#endif
