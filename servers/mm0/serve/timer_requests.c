/* The timer requests of idl/mm0.idl (setitimer, the POSIX timers); proc/timers.c keeps them. */
#include "mm0_server.h"
#include "proc/task.h"
#include "proc/timers.h"
#include "serve/serve.h"
#include "serve/time_requests.h"

static struct task *caller(const struct idlrt_request *rq)
{
	return task_by_l4_tid(rq->client);
}

int mm_handle_setitimer(struct idlrt_request *idl_rq, int32_t which, int32_t change,
			int64_t value_ns, int64_t interval_ns, int64_t *old_value_ns,
			int64_t *old_interval_ns)
{
	return (int)mm0_setitimer(caller(idl_rq), which, change != 0, value_ns, interval_ns,
				  old_value_ns, old_interval_ns);
}

int mm_handle_timer_create(struct idlrt_request *idl_rq, int32_t clock, int32_t notify,
			   int32_t signo, int32_t value)
{
	return (int)mm0_timer_create(caller(idl_rq), clock, notify, signo, value);
}

/* An absolute CLOCK_REALTIME time becomes one of mm0's clock, which counts from the
 * boot: CLOCK_REALTIME is that count plus the boot time (docs/signals.md). A time
 * already past is the earliest time there is, so the timer fires at once. */
int mm_handle_timer_settime(struct idlrt_request *idl_rq, int32_t timer, int32_t flags,
			    int64_t value_ns, int64_t interval_ns, int64_t *old_value_ns,
			    int64_t *old_interval_ns)
{
	struct task *task = caller(idl_rq);
	bool absolute = flags & MM0_TIMER_ABSTIME;
	long clock = mm0_timer_clock(task, timer);

	if (flags & ~MM0_TIMER_ABSTIME)
		return -EINVAL;
	if (absolute && value_ns > 0 && clock == MM0_CLOCK_REALTIME) {
		value_ns -= serve_boot_time_ns;
		if (value_ns <= 0)
			value_ns = 1;
	}
	return (int)mm0_timer_settime(task, timer, absolute, value_ns, interval_ns, old_value_ns,
				      old_interval_ns);
}

int mm_handle_timer_gettime(struct idlrt_request *idl_rq, int32_t timer, int64_t *value_ns,
			    int64_t *interval_ns)
{
	return (int)mm0_timer_gettime(caller(idl_rq), timer, value_ns, interval_ns);
}

int mm_handle_timer_getoverrun(struct idlrt_request *idl_rq, int32_t timer)
{
	return (int)mm0_timer_getoverrun(caller(idl_rq), timer);
}

int mm_handle_timer_delete(struct idlrt_request *idl_rq, int32_t timer)
{
	return (int)mm0_timer_delete(caller(idl_rq), timer);
}

int mm_handle_timer_wait(struct idlrt_request *idl_rq, idlrt_token_t idl_token, int32_t timer)
{
	return (int)mm0_timer_wait(caller(idl_rq), timer, serve_token(idl_token));
}
