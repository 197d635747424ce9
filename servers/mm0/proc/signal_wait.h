/* sigtimedwait in mm0: a thread's wait for a signal of a set, with a deadline. */
#ifndef MM0_SIGNAL_WAIT_H
#define MM0_SIGNAL_WAIT_H

#include <stdbool.h>
#include <stdint.h>

#include "proc/task.h"

/* sigtimedwait: the signal number with *info when one of set is pending
 * (taken), 0 when the caller waits (token answered later), -EAGAIN for timeout_ms 0 and
 * nothing pending; timeout_ms < 0 waits for ever. */
long signal_wait_begin(struct task *caller, uint64_t set, int32_t timeout_ms, void *token,
		       struct mm_siginfo *info);
/* Answers thread's wait with signo and info (dispatch found one of its set). */
void signal_wait_answer(struct task *thread, int signo, const struct mm_siginfo *info);
/* Ends thread's wait with -EINTR (a handler runs); whether it was waiting. */
bool signal_wait_interrupt(struct task *thread);
/* Ends the waits whose deadline is past (-EAGAIN); *next becomes the earliest deadline
 * still ahead when it is earlier (0: none yet). */
void signal_wait_expire(uint64_t now, uint64_t *next);
/* signal_wait_expire at the clock's now: the milliseconds to the next deadline (at most
 * INT32_MAX), 0 for none. The timer thread's request calls it beside timers_tick. */
uint32_t signal_wait_tick(void);

#endif
