/* t_timers.c - setitimer/getitimer (and alarm as ITIMER_REAL), the POSIX timers with each
 * notification, clock, flag and error, clock_nanosleep and the timer sysconf answers. Under
 * -icount times repeat closely, but checks assert ranges, not exact figures. */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test0.h"

#define MS	1000000LL

static volatile sig_atomic_t alarms, vtalarms, profs, usr1s;
static volatile int last_code, last_value, overrun_seen;
static timer_t overrun_timer;

static long long ns_of(const struct timespec *t)
{
	return (long long)t->tv_sec * 1000000000LL + t->tv_nsec;
}

static long long now_ns(clockid_t clock)
{
	struct timespec now = { 0, 0 };

	clock_gettime(clock, &now);
	return ns_of(&now);
}

static long long timeval_us(const struct timeval *t)
{
	return (long long)t->tv_sec * 1000000LL + t->tv_usec;
}

static void count_signal(int signo)
{
	if (signo == SIGALRM)
		alarms++;
	else if (signo == SIGVTALRM)
		vtalarms++;
	else if (signo == SIGPROF)
		profs++;
}

static void note_info(int signo, siginfo_t *info, void *context)
{
	(void)signo;
	(void)context;
	last_code = info->si_code;
	last_value = info->si_value.sival_int;
	usr1s++;
}

static void note_overrun(int signo)
{
	(void)signo;
	overrun_seen = timer_getoverrun(overrun_timer);
}

static void catch_signal(int signo, void (*handler)(int))
{
	struct sigaction action = { .sa_handler = handler };

	sigemptyset(&action.sa_mask);
	sigaction(signo, &action, NULL);
}

/* Waits (sleeping a millisecond at a time, at most limit_ms) until *counter reaches want. */
static void wait_count(volatile sig_atomic_t *counter, int want, int limit_ms)
{
	const struct timespec one_ms = { 0, 1000000 };

	for (int slept = 0; *counter < want && slept < limit_ms; slept++)
		nanosleep(&one_ms, NULL);
}

static void real_itimer(void)
{
	struct itimerval value = { { 0, 10000 }, { 0, 20000 } }, now, off = { { 0, 0 }, { 0, 0 } };
	const struct timespec settle = { 0, 50 * 1000000 };
	unsigned left;

	catch_signal(SIGALRM, count_signal);
	alarms = 0;
	CHECK_EQ("setitimer(ITIMER_REAL, 20 ms every 10 ms) succeeds", 0,
		 setitimer(ITIMER_REAL, &value, NULL));
	CHECK_EQ("getitimer(ITIMER_REAL) succeeds", 0, getitimer(ITIMER_REAL, &now));
	CHECK("getitimer reports at most 20 ms left, more than 0",
	      timeval_us(&now.it_value) > 0 && timeval_us(&now.it_value) <= 20000);
	CHECK_EQ("getitimer reports the 10 ms interval", 10000LL, timeval_us(&now.it_interval));
	wait_count(&alarms, 3, 1000);
	CHECK("the interval re-arms: SIGALRM three times", alarms >= 3);
	CHECK_EQ("setitimer with a zero value disarms", 0, setitimer(ITIMER_REAL, &off, &now));
	CHECK("the old value comes back: an interval timer has at most 10 ms left",
	      timeval_us(&now.it_value) <= 10000 && timeval_us(&now.it_interval) == 10000);
	left = (unsigned)alarms;
	nanosleep(&settle, NULL);
	CHECK_EQ("a disarmed timer sends no more", (long)left, (long)alarms);

	CHECK_EQ("alarm(5) with nothing armed returns 0", 0L, (long)alarm(5));
	getitimer(ITIMER_REAL, &now);
	CHECK("alarm is ITIMER_REAL: getitimer sees 4..5 s left",
	      timeval_us(&now.it_value) > 4000000 && timeval_us(&now.it_value) <= 5000000 &&
	      timeval_us(&now.it_interval) == 0);
	value = (struct itimerval){ { 0, 0 }, { 7, 0 } };
	setitimer(ITIMER_REAL, &value, &now);
	CHECK("setitimer returns the alarm's remaining time", timeval_us(&now.it_value) > 4000000);
	CHECK_EQ("alarm(0) returns the 7 s setitimer armed", 7L, (long)alarm(0));
	getitimer(ITIMER_REAL, &now);
	CHECK("alarm(0) disarmed ITIMER_REAL", timeval_us(&now.it_value) == 0);
}

/* Computes until *counter reaches want, or about 2 s of CPU time went by. Asks no server
 * meanwhile: the time a request spends in mm0 is not the caller's. */
static void compute_until(volatile sig_atomic_t *counter, int want)
{
	for (volatile long spin = 0; *counter < want && spin < 400000000L; spin++)
		continue;
}

static void cpu_itimers(void)
{
	struct itimerval twenty_ms = { { 0, 0 }, { 0, 20000 } }, now, off = { { 0, 0 }, { 0, 0 } };
	const struct timespec hundred_ms = { 0, 100 * 1000000 };
	long long cpu_before = now_ns(CLOCK_PROCESS_CPUTIME_ID);

	catch_signal(SIGVTALRM, count_signal);
	catch_signal(SIGPROF, count_signal);
	vtalarms = profs = 0;
	CHECK_EQ("setitimer(ITIMER_VIRTUAL, 20 ms) succeeds", 0,
		 setitimer(ITIMER_VIRTUAL, &twenty_ms, NULL));
	nanosleep(&hundred_ms, NULL);
	CHECK_EQ("ITIMER_VIRTUAL does not run while the process sleeps", 0L, (long)vtalarms);
	getitimer(ITIMER_VIRTUAL, &now);
	CHECK("getitimer(ITIMER_VIRTUAL) still has most of its 20 ms",
	      timeval_us(&now.it_value) > 10000 && timeval_us(&now.it_value) <= 20000);
	compute_until(&vtalarms, 1);
	CHECK_EQ("ITIMER_VIRTUAL sends SIGVTALRM once the process computed 20 ms", 1L,
		 (long)vtalarms);
	CHECK("not before 20 ms of CPU time", now_ns(CLOCK_PROCESS_CPUTIME_ID) - cpu_before >= 20 * MS);
	cpu_before = now_ns(CLOCK_PROCESS_CPUTIME_ID);
	twenty_ms.it_interval.tv_usec = 20000;
	CHECK_EQ("setitimer(ITIMER_PROF, 20 ms every 20 ms) succeeds", 0,
		 setitimer(ITIMER_PROF, &twenty_ms, NULL));
	compute_until(&profs, 2);
	setitimer(ITIMER_PROF, &off, NULL);
	CHECK_EQ("ITIMER_PROF re-arms: SIGPROF twice", 2L, (long)profs);
	CHECK("not before 40 ms of CPU time", now_ns(CLOCK_PROCESS_CPUTIME_ID) - cpu_before >= 40 * MS);
}

static void itimer_errors(void)
{
	struct itimerval bad_usec = { { 0, 0 }, { 0, 1000000 } }, negative = { { 0, 0 }, { -1, 0 } };
	struct itimerval ok = { { 0, 0 }, { 0, 0 } };

	errno = 0;
	CHECK("setitimer of an unknown timer gives EINVAL",
	      setitimer(3, &ok, NULL) == -1 && errno == EINVAL);
	errno = 0;
	CHECK("getitimer of an unknown timer gives EINVAL",
	      getitimer(-1, &ok) == -1 && errno == EINVAL);
	errno = 0;
	CHECK("setitimer with a million microseconds gives EINVAL",
	      setitimer(ITIMER_REAL, &bad_usec, NULL) == -1 && errno == EINVAL);
	errno = 0;
	CHECK("setitimer with negative seconds gives EINVAL",
	      setitimer(ITIMER_REAL, &negative, NULL) == -1 && errno == EINVAL);
}

static void signal_timers(void)
{
	struct sigaction action = { .sa_sigaction = note_info, .sa_flags = SA_SIGINFO };
	struct sigevent event = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR1,
				  .sigev_value.sival_int = 42 };
	struct itimerspec ten_ms = { { 0, 0 }, { 0, 10 * MS } }, now, off = { { 0, 0 }, { 0, 0 } };
	timer_t timer;
	long long before;

	sigemptyset(&action.sa_mask);
	sigaction(SIGUSR1, &action, NULL);
	usr1s = 0;
	CHECK_EQ("timer_create(CLOCK_MONOTONIC, SIGEV_SIGNAL) succeeds", 0,
		 timer_create(CLOCK_MONOTONIC, &event, &timer));
	before = now_ns(CLOCK_MONOTONIC);
	CHECK_EQ("timer_settime(10 ms) succeeds", 0, timer_settime(timer, 0, &ten_ms, NULL));
	wait_count(&usr1s, 1, 1000);
	CHECK_EQ("the timer's signal came once", 1L, (long)usr1s);
	CHECK("not before 10 ms", now_ns(CLOCK_MONOTONIC) - before >= 10 * MS);
	CHECK_EQ("its si_code is SI_TIMER", SI_TIMER, last_code);
	CHECK_EQ("its si_value is the event's", 42, last_value);
	CHECK_EQ("timer_gettime of an expired one-shot timer succeeds", 0, timer_gettime(timer, &now));
	CHECK("it reads disarmed", ns_of(&now.it_value) == 0 && ns_of(&now.it_interval) == 0);

	ten_ms.it_interval.tv_nsec = 5 * MS;
	usr1s = 0;
	timer_settime(timer, 0, &ten_ms, NULL);
	timer_gettime(timer, &now);
	CHECK("timer_gettime: at most 10 ms to go, the 5 ms interval",
	      ns_of(&now.it_value) > 0 && ns_of(&now.it_value) <= 10 * MS &&
	      ns_of(&now.it_interval) == 5 * MS);
	wait_count(&usr1s, 4, 1000);
	CHECK("an interval timer fires again and again", usr1s >= 4);
	CHECK_EQ("timer_settime(0) disarms, returning the old setting", 0,
		 timer_settime(timer, 0, &off, &now));
	CHECK("the old setting has the 5 ms interval", ns_of(&now.it_interval) == 5 * MS &&
	      ns_of(&now.it_value) <= 5 * MS);
	before = usr1s;
	{
		const struct timespec thirty_ms = { 0, 30 * MS };

		nanosleep(&thirty_ms, NULL);
	}
	CHECK_EQ("a disarmed timer sends nothing more", (long)before, (long)usr1s);

	usr1s = 0;
	now.it_interval = (struct timespec){ 0, 0 };
	before = now_ns(CLOCK_REALTIME);
	now.it_value = (struct timespec){ (time_t)((before + 20 * MS) / 1000000000LL),
					  (long)((before + 20 * MS) % 1000000000LL) };
	CHECK_EQ("timer_delete succeeds", 0, timer_delete(timer));
	timer_create(CLOCK_REALTIME, &event, &timer);
	CHECK_EQ("an absolute CLOCK_REALTIME time 20 ms ahead is taken", 0,
		 timer_settime(timer, TIMER_ABSTIME, &now, NULL));
	wait_count(&usr1s, 1, 1000);
	CHECK("it fires once the real time is reached",
	      usr1s == 1 && now_ns(CLOCK_REALTIME) >= before + 20 * MS - 1 * MS);
	usr1s = 0;
	now.it_value = (struct timespec){ 1, 0 };
	timer_settime(timer, TIMER_ABSTIME, &now, NULL);
	wait_count(&usr1s, 1, 1000);
	CHECK_EQ("an absolute time already past fires at once", 1L, (long)usr1s);
	CHECK_EQ("timer_delete of a CLOCK_REALTIME timer succeeds", 0, timer_delete(timer));
	errno = 0;
	CHECK("timer_delete of a deleted timer gives EINVAL",
	      timer_delete(timer) == -1 && errno == EINVAL);
	errno = 0;
	CHECK("timer_settime of a deleted timer gives EINVAL",
	      timer_settime(timer, 0, &ten_ms, NULL) == -1 && errno == EINVAL);
}

/* While the signal is blocked, expirations pile up as the overrun count of the one
 * pending signal. */
static void overruns(void)
{
	struct sigevent event = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR2 };
	struct itimerspec every_2ms = { { 0, 2 * MS }, { 0, 2 * MS } }, off = { { 0, 0 }, { 0, 0 } };
	const struct timespec thirty_ms = { 0, 30 * MS };
	sigset_t usr2;

	catch_signal(SIGUSR2, note_overrun);
	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);
	sigprocmask(SIG_BLOCK, &usr2, NULL);
	overrun_seen = -1;
	timer_create(CLOCK_MONOTONIC, &event, &overrun_timer);
	timer_settime(overrun_timer, 0, &every_2ms, NULL);
	nanosleep(&thirty_ms, NULL);
	sigprocmask(SIG_UNBLOCK, &usr2, NULL);
	timer_settime(overrun_timer, 0, &off, NULL);
	CHECK("timer_getoverrun in the handler counts the expirations lost while blocked: "
	      "10..15", overrun_seen >= 10 && overrun_seen <= 15);
	timer_delete(overrun_timer);
}

static void none_timer(void)
{
	struct sigevent event = { .sigev_notify = SIGEV_NONE };
	struct itimerspec one_s = { { 0, 0 }, { 1, 0 } }, now;
	const struct timespec ten_ms = { 0, 10 * MS };
	timer_t timer;

	alarms = 0;
	CHECK_EQ("timer_create(SIGEV_NONE) succeeds", 0, timer_create(CLOCK_MONOTONIC, &event, &timer));
	timer_settime(timer, 0, &one_s, NULL);
	nanosleep(&ten_ms, NULL);
	timer_gettime(timer, &now);
	CHECK("a SIGEV_NONE timer counts down: 0.9..0.99 s left",
	      ns_of(&now.it_value) > 900 * MS && ns_of(&now.it_value) <= 990 * MS);
	timer_delete(timer);
}

static volatile sig_atomic_t notified;
static volatile int notified_value;
static pthread_t notified_thread;

static void notify_function(union sigval value)
{
	notified_value = value.sival_int;
	notified_thread = pthread_self();
	notified++;
}

static void thread_timer(void)
{
	struct sigevent event = { .sigev_notify = SIGEV_THREAD,
				  .sigev_notify_function = notify_function,
				  .sigev_value.sival_int = 7 };
	struct itimerspec every_5ms = { { 0, 5 * MS }, { 0, 5 * MS } };
	const struct timespec thirty_ms = { 0, 30 * MS };
	timer_t timer;
	long count;

	notified = 0;
	CHECK_EQ("timer_create(SIGEV_THREAD) succeeds", 0, timer_create(CLOCK_MONOTONIC, &event, &timer));
	timer_settime(timer, 0, &every_5ms, NULL);
	wait_count(&notified, 3, 1000);
	CHECK("SIGEV_THREAD runs the function at each expiration", notified >= 3);
	CHECK_EQ("with the event's value", 7, notified_value);
	CHECK("on a thread other than the caller's", !pthread_equal(notified_thread, pthread_self()));
	CHECK_EQ("timer_delete of a SIGEV_THREAD timer succeeds", 0, timer_delete(timer));
	nanosleep(&thirty_ms, NULL);
	count = notified;
	nanosleep(&thirty_ms, NULL);
	CHECK_EQ("after timer_delete the function runs no more", count, (long)notified);
}

static int child_sees_no_timer(void *arg)
{
	struct itimerspec now;

	errno = 0;
	return timer_gettime(*(timer_t *)arg, &now) == -1 && errno == EINVAL ? 0 : 1;
}

static void timer_errors(void)
{
	struct sigevent bad_signal = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = 99 };
	struct sigevent none = { .sigev_notify = SIGEV_NONE };
	struct itimerspec bad_ns = { { 0, 0 }, { 0, 1000000000L } }, now;
	timer_t timers[40], timer;
	int made = 0, status;

	errno = 0;
	CHECK("timer_create of CLOCK_PROCESS_CPUTIME_ID gives EINVAL",
	      timer_create(CLOCK_PROCESS_CPUTIME_ID, NULL, &timer) == -1 && errno == EINVAL);
	errno = 0;
	CHECK("timer_create with signal 99 gives EINVAL",
	      timer_create(CLOCK_MONOTONIC, &bad_signal, &timer) == -1 && errno == EINVAL);
	while (made < 40 && timer_create(CLOCK_MONOTONIC, &none, &timers[made]) == 0)
		made++;
	CHECK_EQ("a process has sysconf(_SC_TIMER_MAX) timers", sysconf(_SC_TIMER_MAX), (long)made);
	errno = 0;
	CHECK("the next timer_create gives EAGAIN",
	      timer_create(CLOCK_MONOTONIC, &none, &timer) == -1 && errno == EAGAIN);
	while (made > 1)
		timer_delete(timers[--made]);
	errno = 0;
	CHECK("timer_settime with a billion nanoseconds gives EINVAL",
	      timer_settime(timers[0], 0, &bad_ns, NULL) == -1 && errno == EINVAL);
	errno = 0;
	CHECK("timer_settime with an unknown flag gives EINVAL",
	      timer_settime(timers[0], 8, &now, NULL) == -1 && errno == EINVAL);
	errno = 0;
	CHECK("timer_getoverrun of a timer never made gives EINVAL",
	      timer_getoverrun((timer_t)31) == -1 && errno == EINVAL);
	status = run_in_child(child_sees_no_timer, &timers[0]);
	CHECK("a fork child has none of its parent's timers",
	      WIFEXITED(status) && WEXITSTATUS(status) == 0);
	timer_delete(timers[0]);
	CHECK_EQ("timer_create with no event succeeds", 0, timer_create(CLOCK_MONOTONIC, NULL, &timer));
	timer_delete(timer);
}

static void on_alarm_sleeps(void)
{
	struct itimerval twenty_ms = { { 0, 0 }, { 0, 20000 } };
	struct timespec ten_ms = { 0, 10 * MS }, one_s = { 1, 0 }, left = { -1, -1 }, at;
	long long before = now_ns(CLOCK_MONOTONIC);

	CHECK_EQ("clock_nanosleep(CLOCK_MONOTONIC, 10 ms) returns 0", 0,
		 clock_nanosleep(CLOCK_MONOTONIC, 0, &ten_ms, NULL));
	CHECK("and lasts 10 ms or more", now_ns(CLOCK_MONOTONIC) - before >= 10 * MS);
	before = now_ns(CLOCK_REALTIME) + 10 * MS;
	at = (struct timespec){ (time_t)(before / 1000000000LL), (long)(before % 1000000000LL) };
	CHECK_EQ("clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME) returns 0", 0,
		 clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &at, NULL));
	CHECK("it returns once the time is reached", now_ns(CLOCK_REALTIME) >= before);
	at = (struct timespec){ 0, 1 };
	CHECK_EQ("an absolute time in the past returns at once", 0,
		 clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &at, NULL));
	catch_signal(SIGALRM, count_signal);
	setitimer(ITIMER_REAL, &twenty_ms, NULL);
	CHECK_EQ("a handler ends clock_nanosleep with EINTR", EINTR,
		 clock_nanosleep(CLOCK_MONOTONIC, 0, &one_s, &left));
	CHECK("the remaining time is 0.9..1 s", ns_of(&left) > 900 * MS && ns_of(&left) < 1000 * MS);
	setitimer(ITIMER_REAL, &twenty_ms, NULL);
	left = (struct timespec){ -1, -1 };
	CHECK_EQ("nanosleep gives -1", -1, nanosleep(&one_s, &left));
	CHECK("with EINTR and 0.9..1 s left", errno == EINTR && ns_of(&left) > 900 * MS &&
	      ns_of(&left) < 1000 * MS);
	CHECK_EQ("clock_nanosleep with a billion nanoseconds gives EINVAL", EINVAL,
		 clock_nanosleep(CLOCK_MONOTONIC, 0, &(struct timespec){ 0, 1000000000L }, NULL));
	CHECK_EQ("clock_nanosleep of an unknown clock gives EINVAL", EINVAL,
		 clock_nanosleep((clockid_t)99, 0, &ten_ms, NULL));
	CHECK_EQ("clock_nanosleep on a CPU-time clock gives ENOTSUP", ENOTSUP,
		 clock_nanosleep(CLOCK_PROCESS_CPUTIME_ID, 0, &ten_ms, NULL));
	CHECK_EQ("clock_nanosleep with an unknown flag gives EINVAL", EINVAL,
		 clock_nanosleep(CLOCK_MONOTONIC, 2, &ten_ms, NULL));
}

static void sysconf_answers(void)
{
	CHECK("sysconf(_SC_TIMERS) says POSIX timers are here", sysconf(_SC_TIMERS) > 0);
	CHECK("sysconf(_SC_CLOCK_SELECTION) says clock_nanosleep is here",
	      sysconf(_SC_CLOCK_SELECTION) > 0);
	CHECK("sysconf(_SC_MONOTONIC_CLOCK) says CLOCK_MONOTONIC is here",
	      sysconf(_SC_MONOTONIC_CLOCK) > 0);
	CHECK_EQ("sysconf(_SC_TIMER_MAX) is 32", 32L, sysconf(_SC_TIMER_MAX));
	CHECK("sysconf(_SC_DELAYTIMER_MAX) is at least POSIX's 32", sysconf(_SC_DELAYTIMER_MAX) >= 32);
}

void test_timers(void)
{
	real_itimer();
	cpu_itimers();
	itimer_errors();
	signal_timers();
	overruns();
	none_timer();
	thread_timer();
	timer_errors();
	on_alarm_sleeps();
	sysconf_answers();
	catch_signal(SIGALRM, SIG_DFL);
	catch_signal(SIGUSR1, SIG_DFL);
	catch_signal(SIGUSR2, SIG_DFL);
	catch_signal(SIGVTALRM, SIG_DFL);
	catch_signal(SIGPROF, SIG_DFL);
}
