/* Timers in mm0's logic (proc/timers.c): setitimer's clocks and intervals, POSIX timers'
 * signals, values, overruns and SIGEV_THREAD waits, what fork and exec keep, and errors,
 * over a fake millisecond clock and the fake kernel's per-thread CPU times. Signals stay
 * blocked, so expirations show as pending signals and nothing is delivered. */
#include <string.h>

#include "harness.h"
#include "proc/signals.h"
#include "proc/timers.h"

#define MS 1000000ll
#define THREAD_FLAGS (MM0_CLONE_VM | MM0_CLONE_FILES | MM0_CLONE_THREAD)

static int no_exregs(void *ctx, uint32_t tid, uint32_t flags, uint32_t pc, uint32_t sp,
		     uint32_t regs[])
{
	(void)ctx, (void)tid, (void)flags, (void)pc, (void)sp, (void)regs;
	ck_abort_msg("a blocked signal was delivered");
	return -ENOSYS;
}

static const struct signal_kernel_ops fake_signal_ops = {
	.exregs = no_exregs,
	.now_ms = fake_now_ms,
	.timer_wake = fake_timer_wake,
};

static void timers_setup(void)
{
	mm0_setup();
	fake_clock_ms = 1000;
	fake_timer_wakes = 0;
	signal_kernel = &fake_signal_ops;
}

static void timers_teardown(void)
{
	signal_kernel = NULL;
	mm0_teardown();
}

/* A process with every signal blocked. */
static struct task *blocked_process(void)
{
	struct task *task = spawn();
	uint64_t old;

	ck_assert_int_eq(signal_mask_set(task, MM0_SIG_SETMASK, true, ~(uint64_t)0, &old), 0);
	return task;
}

static bool pending(struct task *task, int signo)
{
	return signal_pending_of(task) & MM0_SIGBIT(signo);
}

/* Takes the oldest pending instance of signo, as delivery would. */
static struct mm_siginfo take_pending(struct task *task, int signo)
{
	struct mm_siginfo info;

	signal_take(task, signo, &info);
	return info;
}

static void clear_pending(struct task *task, int signo)
{
	take_pending(task, signo);
}

START_TEST(itimer_real_fires_and_rearms)
{
	struct task *task = blocked_process();
	int64_t value, interval;

	ck_assert_int_eq(mm0_setitimer(task, MM0_ITIMER_REAL, true, 20 * MS, 10 * MS, &value,
				       &interval), 0);
	ck_assert_int_eq(value, 0);
	ck_assert_uint_eq(fake_timer_wakes, 1);
	ck_assert_uint_eq(timers_tick(), 20);
	fake_clock_ms += 19;
	ck_assert_uint_eq(timers_tick(), 1);
	ck_assert(!pending(task, MM0_SIGALRM));
	fake_clock_ms += 1;
	ck_assert_uint_eq(timers_tick(), 10);
	ck_assert(pending(task, MM0_SIGALRM));
	ck_assert_int_eq(take_pending(task, MM0_SIGALRM).code, MM0_SI_KERNEL);
	ck_assert(!pending(task, MM0_SIGALRM));
	fake_clock_ms += 4;
	ck_assert_int_eq(mm0_setitimer(task, MM0_ITIMER_REAL, false, 0, 0, &value, &interval), 0);
	ck_assert_int_eq(value, 6 * MS);
	ck_assert_int_eq(interval, 10 * MS);
	/* alarm is the same timer: it reads the 6 ms as a second, and replaces it. */
	ck_assert_int_eq(mm0_alarm(task, 3), 1);
	ck_assert_int_eq(mm0_setitimer(task, MM0_ITIMER_REAL, true, 0, 0, &value, &interval), 0);
	ck_assert_int_eq(value, 3000 * MS);
	ck_assert_int_eq(interval, 0);
	ck_assert_uint_eq(timers_tick(), 0);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(cpu_itimers_count_the_process_cpu_time)
{
	struct task *task = blocked_process();
	struct task *thread = task_of(mm0_clone(task, THREAD_FLAGS, TEST_SP - 0x1000, TEST_PC));
	int64_t value, interval;

	fake_thread_find(task->l4_tid)->cpu_ns = 5 * MS;
	ck_assert_int_eq(mm0_setitimer(task, MM0_ITIMER_VIRTUAL, true, 20 * MS, 0, &value,
				       &interval), 0);
	ck_assert_int_eq(mm0_setitimer(thread, MM0_ITIMER_PROF, true, 30 * MS, 0, &value,
				       &interval), 0);
	fake_clock_ms += 1000;
	/* Sampled every 10 ms while one is armed, whatever mm0's clock says. */
	ck_assert_uint_eq(timers_tick(), 10);
	ck_assert(!pending(task, MM0_SIGVTALRM));
	fake_thread_find(thread->l4_tid)->cpu_ns = 20 * MS;
	ck_assert_uint_eq(timers_tick(), 10);
	ck_assert(pending(task, MM0_SIGVTALRM));
	ck_assert(!pending(task, MM0_SIGPROF));
	ck_assert_int_eq(mm0_setitimer(task, MM0_ITIMER_PROF, false, 0, 0, &value, &interval), 0);
	ck_assert_int_eq(value, 10 * MS);
	fake_thread_find(task->l4_tid)->cpu_ns = 15 * MS;
	ck_assert_uint_eq(timers_tick(), 0);
	ck_assert(pending(task, MM0_SIGPROF));
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(posix_timers_send_their_value_and_count_overruns)
{
	struct task *task = blocked_process();
	long timer = mm0_timer_create(task, MM0_CLOCK_MONOTONIC, MM0_SIGEV_SIGNAL, MM0_SIGUSR1, 42);
	int64_t value, interval;

	ck_assert_int_eq(timer, 0);
	ck_assert_int_eq(mm0_timer_settime(task, (int)timer, false, 5 * MS, 5 * MS, &value,
					   &interval), 0);
	fake_clock_ms += 5;
	ck_assert_uint_eq(timers_tick(), 5);
	ck_assert(pending(task, MM0_SIGUSR1));
	{
		struct mm_siginfo info = take_pending(task, MM0_SIGUSR1);

		ck_assert_int_eq(info.code, MM0_SI_TIMER);
		ck_assert_int_eq(info.value, 42);
		/* Put back as it was: the overruns below count against a pending signal. */
		ck_assert_int_eq(signal_post_info(task, NULL, &info), 0);
	}
	ck_assert_int_eq(mm0_timer_getoverrun(task, (int)timer), 0);
	/* Still pending: 1010, 1015, 1020 and 1025 are overruns of it. */
	fake_clock_ms += 22;
	ck_assert_uint_eq(timers_tick(), 3);
	ck_assert_int_eq(mm0_timer_getoverrun(task, (int)timer), 4);
	ck_assert_int_eq(mm0_timer_gettime(task, (int)timer, &value, &interval), 0);
	ck_assert_int_eq(value, 3 * MS);
	ck_assert_int_eq(interval, 5 * MS);
	/* Taken: the next expiration sends a new signal with no overrun. */
	clear_pending(task, MM0_SIGUSR1);
	fake_clock_ms += 3;
	timers_tick();
	ck_assert(pending(task, MM0_SIGUSR1));
	ck_assert_int_eq(mm0_timer_getoverrun(task, (int)timer), 0);
	ck_assert_int_eq(mm0_timer_settime(task, (int)timer, false, 0, 0, &value, &interval), 0);
	ck_assert_int_eq(value, 5 * MS);
	ck_assert_uint_eq(timers_tick(), 0);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(absolute_and_default_timers)
{
	struct task *task = blocked_process();
	long timer = mm0_timer_create(task, MM0_CLOCK_REALTIME, MM0_SIGEV_SIGNAL, 0, 99);
	int64_t value, interval;

	ck_assert_int_eq(timer, 0);
	ck_assert_int_eq(mm0_timer_clock(task, (int)timer), MM0_CLOCK_REALTIME);
	ck_assert_int_eq(mm0_timer_settime(task, (int)timer, true, 1050 * MS, 0, &value,
					   &interval), 0);
	ck_assert_uint_eq(timers_tick(), 50);
	fake_clock_ms = 1050;
	timers_tick();
	/* No event: SIGALRM with the timer's id as its value. */
	ck_assert(pending(task, MM0_SIGALRM));
	ck_assert_int_eq(take_pending(task, MM0_SIGALRM).value, 0);
	ck_assert_int_eq(mm0_timer_settime(task, (int)timer, true, 1 * MS, 0, &value, &interval), 0);
	timers_tick();
	ck_assert_msg(pending(task, MM0_SIGALRM), "a time already past fires at the next tick");
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(thread_timers_answer_their_waiter)
{
	struct task *task = blocked_process();
	long timer = mm0_timer_create(task, MM0_CLOCK_MONOTONIC, MM0_SIGEV_THREAD, 0, 0);
	void *token = (void *)0x1234, *second = (void *)0x5678;
	struct fake_reply *reply;
	int64_t value, interval;

	ck_assert_int_eq(timer, 0);
	ck_assert_int_eq(mm0_timer_wait(task, (int)timer, token), IDLRT_DEFERRED);
	ck_assert_int_eq(mm0_timer_wait(task, (int)timer, second), -EBUSY);
	mm0_timer_settime(task, (int)timer, false, 2 * MS, 2 * MS, &value, &interval);
	fake_clock_ms += 2;
	timers_tick();
	reply = fake_reply_for(token);
	ck_assert_ptr_nonnull(reply);
	ck_assert_int_eq(reply->op, FAKE_REPLY_TIMER_WAIT);
	ck_assert_int_eq(reply->result, 1);
	ck_assert(!pending(task, MM0_SIGALRM));
	/* Three expirations with nobody waiting are answered at once. */
	fake_clock_ms += 6;
	timers_tick();
	ck_assert_int_eq(mm0_timer_wait(task, (int)timer, second), 3);
	ck_assert_int_eq(mm0_timer_wait(task, (int)timer, second), IDLRT_DEFERRED);
	ck_assert_int_eq(mm0_timer_delete(task, (int)timer), 0);
	reply = fake_reply_for(second);
	ck_assert_ptr_nonnull(reply);
	ck_assert_int_eq(reply->result, -ECANCELED);
	ck_assert_int_eq(mm0_timer_wait(task, (int)timer, second), -EINVAL);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(fork_inherits_none_and_exec_keeps_the_itimers)
{
	struct task *task = blocked_process();
	struct task *child = task_of(mm0_fork(task, TEST_PC, TEST_SP));
	long timer = mm0_timer_create(task, MM0_CLOCK_MONOTONIC, MM0_SIGEV_NONE, 0, 0);
	int64_t value, interval;

	mm0_setitimer(task, MM0_ITIMER_REAL, true, 40 * MS, 0, &value, &interval);
	mm0_timer_settime(task, (int)timer, false, 40 * MS, 0, &value, &interval);
	ck_assert_int_eq(mm0_timer_gettime(child, (int)timer, &value, &interval), -EINVAL);
	ck_assert_int_eq(mm0_setitimer(child, MM0_ITIMER_REAL, false, 0, 0, &value, &interval), 0);
	ck_assert_int_eq(value, 0);
	signal_exec(task);
	timers_exec(task);
	ck_assert_int_eq(mm0_timer_gettime(task, (int)timer, &value, &interval), -EINVAL);
	ck_assert_int_eq(mm0_setitimer(task, MM0_ITIMER_REAL, false, 0, 0, &value, &interval), 0);
	ck_assert_int_eq(value, 40 * MS);
	exit_and_reap(child, 0);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(bad_requests_and_the_limit)
{
	struct task *task = blocked_process();
	int64_t value, interval;
	long id;

	ck_assert_int_eq(mm0_setitimer(task, 3, true, 0, 0, &value, &interval), -EINVAL);
	ck_assert_int_eq(mm0_setitimer(task, -1, false, 0, 0, &value, &interval), -EINVAL);
	ck_assert_int_eq(mm0_setitimer(task, MM0_ITIMER_REAL, true, -1, 0, &value, &interval),
			 -EINVAL);
	ck_assert_int_eq(mm0_setitimer(NULL, MM0_ITIMER_REAL, true, 0, 0, &value, &interval),
			 -ESRCH);
	ck_assert_int_eq(mm0_timer_create(task, 2, MM0_SIGEV_NONE, 0, 0), -EINVAL);
	ck_assert_int_eq(mm0_timer_create(task, MM0_CLOCK_MONOTONIC, 3, 0, 0), -EINVAL);
	ck_assert_int_eq(mm0_timer_create(task, MM0_CLOCK_MONOTONIC, MM0_SIGEV_SIGNAL, MM0_NSIG, 0),
			 -EINVAL);
	for (id = 0; id < MM0_TIMERS_MAX; id++)
		ck_assert_int_eq(mm0_timer_create(task, MM0_CLOCK_MONOTONIC, MM0_SIGEV_NONE, 0, 0), id);
	ck_assert_int_eq(mm0_timer_create(task, MM0_CLOCK_MONOTONIC, MM0_SIGEV_NONE, 0, 0), -EAGAIN);
	ck_assert_int_eq(mm0_timer_settime(task, 0, false, -5, 0, &value, &interval), -EINVAL);
	ck_assert_int_eq(mm0_timer_settime(task, MM0_TIMERS_MAX, false, 5, 0, &value, &interval),
			 -EINVAL);
	ck_assert_int_eq(mm0_timer_wait(task, 0, (void *)1), -EINVAL);
	ck_assert_int_eq(mm0_timer_delete(task, 7), 0);
	ck_assert_int_eq(mm0_timer_delete(task, 7), -EINVAL);
	ck_assert_int_eq(mm0_timer_getoverrun(task, 7), -EINVAL);
	ck_assert_int_eq(mm0_timer_create(task, MM0_CLOCK_MONOTONIC, MM0_SIGEV_NONE, 0, 0), 7);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("timers");

	add_test_alone(suite, itimer_real_fires_and_rearms, timers_setup, timers_teardown);
	add_test_alone(suite, cpu_itimers_count_the_process_cpu_time, timers_setup, timers_teardown);
	add_test_alone(suite, posix_timers_send_their_value_and_count_overruns, timers_setup,
		       timers_teardown);
	add_test_alone(suite, absolute_and_default_timers, timers_setup, timers_teardown);
	add_test_alone(suite, thread_timers_answer_their_waiter, timers_setup, timers_teardown);
	add_test_alone(suite, fork_inherits_none_and_exec_keeps_the_itimers, timers_setup,
		       timers_teardown);
	add_test_alone(suite, bad_requests_and_the_limit, timers_setup, timers_teardown);
	return run_suite(suite);
}
