/* Per-process timers in mm0: alarm and setitimer's three, and the POSIX timers
 * (docs/signals.md, "Timers"); timers.c keeps them, the timer thread's tick fires them. */
#ifndef MM0_TIMERS_H
#define MM0_TIMERS_H

#include <stdbool.h>
#include <stdint.h>

#include "mm0_local.h"

struct task;

/* alarm: ITIMER_REAL for seconds (0 disarms); the whole seconds the old one had left. */
long mm0_alarm(struct task *caller, uint32_t seconds);
/* setitimer (change) or getitimer of which (MM0_ITIMER_*); times in nanoseconds. */
long mm0_setitimer(struct task *caller, int which, bool change, int64_t value_ns,
		   int64_t interval_ns, int64_t *old_value_ns, int64_t *old_interval_ns);

/* The POSIX timers: ids 0 .. MM0_TIMERS_MAX - 1 of the caller's process. */
long mm0_timer_create(struct task *caller, int clock, int notify, int signo, int32_t value);
/* The timer's MM0_CLOCK_*, or -EINVAL. */
long mm0_timer_clock(struct task *caller, int timer);
/* absolute: value_ns is a reading of mm0's clock (the caller converted a CLOCK_REALTIME
 * one); else a time from now. 0 disarms. */
long mm0_timer_settime(struct task *caller, int timer, bool absolute, int64_t value_ns,
		       int64_t interval_ns, int64_t *old_value_ns, int64_t *old_interval_ns);
long mm0_timer_gettime(struct task *caller, int timer, int64_t *value_ns, int64_t *interval_ns);
long mm0_timer_getoverrun(struct task *caller, int timer);
long mm0_timer_delete(struct task *caller, int timer);
/* A MM0_SIGEV_THREAD timer's expirations: their count now, or IDLRT_DEFERRED with token
 * answered through mm0_reply->complete_timer_wait at the next one. */
long mm0_timer_wait(struct task *caller, int timer, void *token);

/* A new image keeps alarm and the itimers but not the POSIX timers (POSIX); a waiting
 * timer_wait is not answered, its thread is gone. */
void timers_exec(struct task *leader);
/* The process ends: every timer goes. */
void timers_end(struct task *leader);
/* Fires due timers; the milliseconds until the timer thread should look again (at most
 * INT32_MAX), or 0 when no timer is armed. */
uint32_t timers_tick(void);

#endif
