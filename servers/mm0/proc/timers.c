/* timers.c - alarm, setitimer and the POSIX timers of each process: a table per
 * process, made on first use, never copied by fork; exec ends the POSIX timers only.
 * Real timers count mm0's clock (the generic timer, in whole milliseconds); the
 * CPU-time itimers count the process's CPU time, sampled at the timer thread's tick. */
#include <errno.h>

#include <idlrt/idlrt.h>
#include <server/counted_alloc.h>

#include "proc/exit.h"
#include "proc/rusage.h"
#include "proc/signals.h"
#include "proc/task.h"
#include "proc/timers.h"

#define NSEC_PER_MSEC	1000000ull
#define NSEC_PER_SEC	1000000000ull
/* How often the tick samples CPU time while a CPU-time itimer is armed: its resolution. */
#define CPU_SAMPLE_MS	10u
#define ITIMERS		3

struct proc_timer {
	bool used;
	bool armed;
	bool counts_cpu;	/* due_ns is of the process's CPU time, not mm0's clock */
	int clock;		/* a POSIX timer's MM0_CLOCK_* */
	int notify;		/* MM0_SIGEV_* */
	int signo;
	int32_t code;		/* the siginfo's si_code */
	int32_t value;		/* sigev_value */
	uint64_t due_ns;
	uint64_t interval_ns;
	uint32_t overrun;	/* expirations folded into the last signal sent */
	uint32_t unanswered;	/* SIGEV_THREAD: expirations timer_wait has not reported */
	void *waiter;		/* SIGEV_THREAD: timer_wait's token, or NULL */
};

struct task_timers {
	struct proc_timer itimers[ITIMERS];
	struct proc_timer posix[MM0_TIMERS_MAX];
};

static const int itimer_signal[ITIMERS] = { MM0_SIGALRM, MM0_SIGVTALRM, MM0_SIGPROF };

static uint64_t real_now_ns(void)
{
	return signal_kernel->now_ms(signal_kernel_ctx) * NSEC_PER_MSEC;
}

static uint64_t now_of(struct task *leader, const struct proc_timer *timer)
{
	return timer->counts_cpu ? rusage_process_ns(leader) : real_now_ns();
}

static struct task_timers *timers_of(struct task *caller)
{
	struct task *leader = caller->leader;

	if (!leader->timers)
		leader->timers = counted_alloc(sizeof(*leader->timers));
	return leader->timers;
}

static uint32_t counts_add(uint32_t count, uint64_t more)
{
	uint64_t sum = count + more;

	return sum > (uint64_t)MM0_DELAYTIMER_MAX ? (uint32_t)MM0_DELAYTIMER_MAX : (uint32_t)sum;
}

/* POSIX: a signal still pending from an earlier expiration is not sent again, its
 * overrun count grows instead. */
static void notify(struct task *leader, struct proc_timer *timer, uint64_t expirations)
{
	struct mm_siginfo info = { .signo = timer->signo, .code = timer->code,
				    .value = timer->value };

	if (timer->notify == MM0_SIGEV_SIGNAL) {
		if (leader->sig.process.set & MM0_SIGBIT(timer->signo)) {
			timer->overrun = counts_add(timer->overrun, expirations);
			return;
		}
		timer->overrun = counts_add(0, expirations - 1);
		signal_post_info(leader, NULL, &info);
	} else if (timer->notify == MM0_SIGEV_THREAD) {
		timer->unanswered = counts_add(timer->unanswered, expirations);
		if (timer->waiter) {
			mm0_reply->complete_timer_wait(timer->waiter, (long)timer->unanswered);
			timer->waiter = NULL;
			timer->unanswered = 0;
		}
	}
}

/* Fires timer if due by now; an interval timer moves on past now, counting what it skipped. */
static void timer_check(struct task *leader, struct proc_timer *timer, uint64_t now)
{
	uint64_t expirations = 1;

	if (!timer->armed || timer->due_ns > now)
		return;
	if (timer->interval_ns) {
		expirations += (now - timer->due_ns) / timer->interval_ns;
		timer->due_ns += expirations * timer->interval_ns;
	} else {
		timer->armed = false;
	}
	notify(leader, timer, expirations);
}

static void timer_read(struct task *leader, const struct proc_timer *timer, int64_t *value_ns,
		       int64_t *interval_ns)
{
	uint64_t now;

	*value_ns = 0;
	*interval_ns = (int64_t)timer->interval_ns;
	if (!timer->armed)
		return;
	now = now_of(leader, timer);
	/* A due timer the tick has not reached yet reads as just about to expire. */
	*value_ns = timer->due_ns > now ? (int64_t)(timer->due_ns - now) : 1;
}

/* value_ns 0 disarms; a due time not later than now fires at the next tick. */
static void timer_arm(struct task *leader, struct proc_timer *timer, bool absolute,
		      int64_t value_ns, int64_t interval_ns)
{
	timer->armed = value_ns != 0;
	timer->interval_ns = timer->armed ? (uint64_t)interval_ns : 0;
	timer->overrun = 0;
	if (!timer->armed)
		return;
	timer->due_ns = absolute ? (uint64_t)value_ns : now_of(leader, timer) + (uint64_t)value_ns;
	signal_kernel->timer_wake(signal_kernel_ctx);
}

static long caller_check(struct task *caller)
{
	if (!caller || !caller->thread_alive)
		return -ESRCH;
	return signal_kernel ? 0 : -ENOSYS;
}

long mm0_setitimer(struct task *caller, int which, bool change, int64_t value_ns,
		   int64_t interval_ns, int64_t *old_value_ns, int64_t *old_interval_ns)
{
	struct task_timers *timers;
	struct proc_timer *timer;
	long err = caller_check(caller);

	if (err)
		return err;
	if (which < MM0_ITIMER_REAL || which > MM0_ITIMER_PROF ||
	    (change && (value_ns < 0 || interval_ns < 0)))
		return -EINVAL;
	/* Nothing to read and nothing to arm: no table is made for it. */
	if (!caller->leader->timers && (!change || !value_ns)) {
		*old_value_ns = *old_interval_ns = 0;
		return 0;
	}
	timers = timers_of(caller);
	if (!timers)
		return -ENOMEM;
	timer = &timers->itimers[which];
	timer_read(caller->leader, timer, old_value_ns, old_interval_ns);
	if (!change)
		return 0;
	*timer = (struct proc_timer){ .used = true, .counts_cpu = which != MM0_ITIMER_REAL,
				      .notify = MM0_SIGEV_SIGNAL, .signo = itimer_signal[which],
				      .code = MM0_SI_KERNEL };
	timer_arm(caller->leader, timer, false, value_ns, interval_ns);
	return 0;
}

long mm0_alarm(struct task *caller, uint32_t seconds)
{
	int64_t old_value, old_interval;
	long err = mm0_setitimer(caller, MM0_ITIMER_REAL, true,
				 (int64_t)seconds * (int64_t)NSEC_PER_SEC, 0, &old_value,
				 &old_interval);
	uint64_t left;

	if (err)
		return err;
	/* POSIX: an alarm with less than a second left still counts as one. */
	left = ((uint64_t)old_value + NSEC_PER_SEC - 1) / NSEC_PER_SEC;
	return left > INT32_MAX ? INT32_MAX : (long)left;
}

long mm0_timer_create(struct task *caller, int clock, int notify_how, int signo, int32_t value)
{
	struct task_timers *timers;
	long err = caller_check(caller);

	if (err)
		return err;
	if ((clock != MM0_CLOCK_REALTIME && clock != MM0_CLOCK_MONOTONIC) ||
	    (notify_how != MM0_SIGEV_SIGNAL && notify_how != MM0_SIGEV_NONE &&
	     notify_how != MM0_SIGEV_THREAD) ||
	    (notify_how == MM0_SIGEV_SIGNAL && (signo < 0 || signo >= MM0_NSIG)))
		return -EINVAL;
	timers = timers_of(caller);
	if (!timers)
		return -ENOMEM;
	for (int id = 0; id < MM0_TIMERS_MAX; id++) {
		if (timers->posix[id].used)
			continue;
		/* Signal 0 is POSIX's default event: SIGALRM with the timer's id as value. */
		bool by_default = notify_how == MM0_SIGEV_SIGNAL && signo == 0;

		timers->posix[id] = (struct proc_timer){ .used = true, .clock = clock,
							 .notify = notify_how,
							 .signo = by_default ? MM0_SIGALRM : signo,
							 .code = MM0_SI_TIMER,
							 .value = by_default ? id : value };
		return id;
	}
	return -EAGAIN;
}

static struct proc_timer *posix_timer(struct task *caller, int timer)
{
	struct task_timers *timers = caller->leader->timers;

	if (!timers || timer < 0 || timer >= MM0_TIMERS_MAX || !timers->posix[timer].used)
		return NULL;
	return &timers->posix[timer];
}

long mm0_timer_clock(struct task *caller, int timer)
{
	struct proc_timer *found = caller ? posix_timer(caller, timer) : NULL;

	return found ? found->clock : -EINVAL;
}

long mm0_timer_settime(struct task *caller, int timer, bool absolute, int64_t value_ns,
		       int64_t interval_ns, int64_t *old_value_ns, int64_t *old_interval_ns)
{
	struct proc_timer *found;
	long err = caller_check(caller);

	if (err)
		return err;
	found = posix_timer(caller, timer);
	if (!found || value_ns < 0 || interval_ns < 0)
		return -EINVAL;
	timer_read(caller->leader, found, old_value_ns, old_interval_ns);
	timer_arm(caller->leader, found, absolute, value_ns, interval_ns);
	return 0;
}

long mm0_timer_gettime(struct task *caller, int timer, int64_t *value_ns, int64_t *interval_ns)
{
	struct proc_timer *found;
	long err = caller_check(caller);

	if (err)
		return err;
	found = posix_timer(caller, timer);
	if (!found)
		return -EINVAL;
	timer_read(caller->leader, found, value_ns, interval_ns);
	return 0;
}

long mm0_timer_getoverrun(struct task *caller, int timer)
{
	struct proc_timer *found;
	long err = caller_check(caller);

	if (err)
		return err;
	found = posix_timer(caller, timer);
	return found ? (long)found->overrun : -EINVAL;
}

long mm0_timer_delete(struct task *caller, int timer)
{
	struct proc_timer *found;
	long err = caller_check(caller);

	if (err)
		return err;
	found = posix_timer(caller, timer);
	if (!found)
		return -EINVAL;
	if (found->waiter)
		mm0_reply->complete_timer_wait(found->waiter, -ECANCELED);
	*found = (struct proc_timer){ 0 };
	return 0;
}

long mm0_timer_wait(struct task *caller, int timer, void *token)
{
	struct proc_timer *found;
	long err = caller_check(caller);
	uint32_t count;

	if (err)
		return err;
	found = posix_timer(caller, timer);
	if (!found || found->notify != MM0_SIGEV_THREAD)
		return -EINVAL;
	if (found->waiter)
		return -EBUSY;
	if (!found->unanswered) {
		found->waiter = token;
		return IDLRT_DEFERRED;
	}
	count = found->unanswered;
	found->unanswered = 0;
	return (long)count;
}

void timers_exec(struct task *leader)
{
	if (!leader->timers)
		return;
	for (int id = 0; id < MM0_TIMERS_MAX; id++)
		leader->timers->posix[id] = (struct proc_timer){ 0 };
}

void timers_end(struct task *leader)
{
	counted_free(leader->timers);
	leader->timers = NULL;
}

struct tick_scan {
	uint64_t real_now;
	uint64_t next_real;	/* the earliest real due time ahead (0: none) */
	bool cpu_armed;
};

static void process_tick(struct task *leader, void *arg)
{
	struct tick_scan *scan = arg;
	struct task_timers *timers = leader->timers;
	uint64_t cpu_now = 0;
	bool cpu_read = false;

	if (!timers)
		return;
	for (int i = 0; i < ITIMERS + MM0_TIMERS_MAX; i++) {
		struct proc_timer *timer = i < ITIMERS ? &timers->itimers[i]
						       : &timers->posix[i - ITIMERS];

		if (!timer->armed)
			continue;
		if (timer->counts_cpu) {
			if (!cpu_read)
				cpu_now = rusage_process_ns(leader);
			cpu_read = true;
			timer_check(leader, timer, cpu_now);
			scan->cpu_armed |= timer->armed;
			continue;
		}
		timer_check(leader, timer, scan->real_now);
		if (timer->armed && (!scan->next_real || timer->due_ns < scan->next_real))
			scan->next_real = timer->due_ns;
	}
}

uint32_t timers_tick(void)
{
	struct tick_scan scan = { 0 };
	uint64_t wait_ms = 0;

	if (!signal_kernel)
		return 0;
	scan.real_now = real_now_ns();
	signal_for_each_process(process_tick, &scan);
	signal_dispatch_all();
	if (scan.next_real)
		wait_ms = (scan.next_real - scan.real_now + NSEC_PER_MSEC - 1) / NSEC_PER_MSEC;
	if (scan.cpu_armed && (!wait_ms || wait_ms > CPU_SAMPLE_MS))
		wait_ms = CPU_SAMPLE_MS;
	/* The timer thread gets this as an int where 0 and below mean "ask again": a timer
	 * more than 2^31 ms away must not wrap there, or it asks again at once, for ever. */
	return wait_ms > INT32_MAX ? INT32_MAX : (uint32_t)wait_ms;
}
