/* timer.c - the POSIX timers: mm0 keeps and fires them (docs/signals.md, "Timers").
 * SIGEV_THREAD is made here: a detached thread per timer, all signals blocked, waits
 * in mm0's timer_wait and calls the notify function once per answer. */
#include <pthread.h>
#include <signal.h>
#include <stdlib.h>
#include <time.h>

#include "internal.h"
#include "mm0.h"

#define NSEC_PER_SEC	1000000000ll

/* What a SIGEV_THREAD timer's thread runs; the thread owns it. */
struct notify_thread {
	int timer;
	unsigned generation;
	void (*function)(union sigval);
	union sigval value;
};

/* Moves on at each timer_delete of the id: a notify thread whose timer was deleted
 * while its function ran must not wait on a new timer given the same id. */
static unsigned timer_generation[MM0_TIMERS_MAX];

static int64_t timespec_ns(const struct timespec *time)
{
	return (int64_t)time->tv_sec * NSEC_PER_SEC + time->tv_nsec;
}

static struct timespec ns_timespec(int64_t ns)
{
	struct timespec time = { (time_t)(ns / NSEC_PER_SEC), (long)(ns % NSEC_PER_SEC) };

	return time;
}

static bool timespec_valid(const struct timespec *time)
{
	return time->tv_sec >= 0 && time->tv_nsec >= 0 && time->tv_nsec < NSEC_PER_SEC;
}

static int mm0_clock_of(clockid_t clock)
{
	if (clock == CLOCK_REALTIME)
		return MM0_CLOCK_REALTIME;
	if (clock == CLOCK_MONOTONIC)
		return MM0_CLOCK_MONOTONIC;
	return -1;
}

static void *notify_thread_run(void *arg)
{
	struct notify_thread *notify = arg;

	for (;;) {
		long expirations = mm_timer_wait(posix_mm0(), notify->timer);

		if (expirations < 0 ||
		    __atomic_load_n(&timer_generation[notify->timer], __ATOMIC_ACQUIRE) !=
			    notify->generation)
			break;
		notify->function(notify->value);
	}
	free(notify);
	return NULL;
}

/* The thread starts with every signal blocked (they are for the program's threads),
 * detached whatever the attributes say: nobody joins it. */
static int notify_thread_start(int timer, const struct sigevent *event)
{
	struct notify_thread *notify = malloc(sizeof(*notify));
	pthread_attr_t attr;
	sigset_t all, old;
	pthread_t thread;
	int err;

	if (!notify)
		return EAGAIN;
	*notify = (struct notify_thread){ timer, timer_generation[timer],
					  event->sigev_notify_function, event->sigev_value };
	if (event->sigev_notify_attributes)
		attr = *event->sigev_notify_attributes;
	else
		pthread_attr_init(&attr);
	pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	err = pthread_create(&thread, &attr, notify_thread_run, notify);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err)
		free(notify);
	return err;
}

int timer_create(clockid_t clock, struct sigevent *restrict event, timer_t *restrict timer)
{
	struct sigevent asked = { .sigev_notify = SIGEV_SIGNAL };
	int mm0_clock = mm0_clock_of(clock), err;
	long id;

	if (event && posix_copy(&asked, event, sizeof(asked)))
		return posix_error(EFAULT);
	if (mm0_clock < 0 || (asked.sigev_notify == SIGEV_THREAD && !asked.sigev_notify_function) ||
	    (event && asked.sigev_notify == SIGEV_SIGNAL && asked.sigev_signo <= 0))
		return posix_error(EINVAL);
	/* No event: signal 0 asks mm0 for POSIX's default, SIGALRM with the id as its value. */
	id = mm_timer_create(posix_mm0(), mm0_clock, asked.sigev_notify, asked.sigev_signo,
			     asked.sigev_value.sival_int);
	if (id < 0)
		return (int)posix_result(id);
	if (asked.sigev_notify == SIGEV_THREAD) {
		err = notify_thread_start((int)id, &asked);
		if (err) {
			mm_timer_delete(posix_mm0(), (int32_t)id);
			return posix_error(err);
		}
	}
	if (posix_copy(timer, &(timer_t){ (timer_t)id }, sizeof(*timer))) {
		timer_delete((timer_t)id);
		return posix_error(EFAULT);
	}
	return 0;
}

int timer_delete(timer_t timer)
{
	if (timer < MM0_TIMERS_MAX)
		__atomic_add_fetch(&timer_generation[timer], 1, __ATOMIC_RELEASE);
	return (int)posix_result(mm_timer_delete(posix_mm0(), (int32_t)timer));
}

int timer_settime(timer_t timer, int flags, const struct itimerspec *restrict value,
		  struct itimerspec *restrict old)
{
	struct itimerspec asked, before;
	int64_t old_value, old_interval;
	long answer;

	if (posix_copy(&asked, value, sizeof(asked)))
		return posix_error(EFAULT);
	if (!timespec_valid(&asked.it_value) || !timespec_valid(&asked.it_interval) ||
	    (flags & ~TIMER_ABSTIME))
		return posix_error(EINVAL);
	answer = mm_timer_settime(posix_mm0(), (int32_t)timer,
				  flags & TIMER_ABSTIME ? MM0_TIMER_ABSTIME : 0,
				  timespec_ns(&asked.it_value), timespec_ns(&asked.it_interval),
				  &old_value, &old_interval);
	if (answer < 0)
		return (int)posix_result(answer);
	before.it_value = ns_timespec(old_value);
	before.it_interval = ns_timespec(old_interval);
	if (old && posix_copy(old, &before, sizeof(before)))
		return posix_error(EFAULT);
	return 0;
}

int timer_gettime(timer_t timer, struct itimerspec *value)
{
	struct itimerspec now;
	int64_t value_ns, interval_ns;
	long answer = mm_timer_gettime(posix_mm0(), (int32_t)timer, &value_ns, &interval_ns);

	if (answer < 0)
		return (int)posix_result(answer);
	now.it_value = ns_timespec(value_ns);
	now.it_interval = ns_timespec(interval_ns);
	return posix_copy(value, &now, sizeof(now)) ? posix_error(EFAULT) : 0;
}

int timer_getoverrun(timer_t timer)
{
	return (int)posix_result(mm_timer_getoverrun(posix_mm0(), (int32_t)timer));
}
