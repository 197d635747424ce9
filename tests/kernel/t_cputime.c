/* t_cputime.c - CPU_TIME: each thread's time as the kernel charges it at
 * switches: it grows while the thread computes, not while it waits, idle
 * time is nobody's, and only a thread's own space (or a privileged one) reads it. */
#include "ktest.h"

#define LABEL_CPU_TIME	0x300u

static uint64_t counts_per_ms(void)
{
	return l4_kip()->timer_hz / 1000;
}

static uint64_t cpu_counts(l4_tid_t tid)
{
	uint64_t counts = 0;

	l4_cpu_time(tid, &counts);
	return counts;
}

static void spin_ms(uint32_t ms)
{
	uint64_t until = l4_timer_count() + ms * counts_per_ms();

	while (l4_timer_count() < until)
		continue;
}

static void spinner(uint32_t arg)
{
	(void)arg;
	for (;;)
		continue;
}

static void waiter(uint32_t arg)
{
	(void)arg;
	block_forever();
}

/* In a space of its own, unprivileged: what the kernel answers about the root. */
static void stranger(uint32_t arg)
{
	uint64_t own = 0, root = 0;
	int own_result = l4_cpu_time(l4_myself(), &own);
	int root_result = l4_cpu_time((l4_tid_t)arg, &root);

	report(LABEL_CPU_TIME, (uint32_t)own_result, (uint32_t)root_result, (uint32_t)root, 0);
	block_forever();
}

void test_cputime(void)
{
	uint64_t before, after, ms = counts_per_ms();
	l4_tid_t busy, idle, other;
	uint32_t words[5];

	before = cpu_counts(root_tid);
	spin_ms(10);
	after = cpu_counts(root_tid);
	check_true("cpu_time: 10 ms of computing adds 9..11 ms to the thread",
		   after - before >= 9 * ms && after - before <= 11 * ms, (uint32_t)((after - before) / ms));
	before = cpu_counts(root_tid);
	sleep_ms(10);
	after = cpu_counts(root_tid);
	check_true("cpu_time: 10 ms asleep adds under 1 ms", after - before < ms,
		   (uint32_t)(after - before));

	idle = spawn(waiter, 0, 100, 0);
	busy = spawn(spinner, 0, 100, 0);
	sleep_ms(1);
	/* We wake after 20 ms, and run once the spinner's slice is over: the
	 * spinner had all of that time but our few instructions. */
	uint64_t start = l4_timer_count(), waiting = cpu_counts(idle);
	before = cpu_counts(busy);
	sleep_ms(20);
	after = cpu_counts(busy);
	uint64_t elapsed = l4_timer_count() - start;
	check_true("cpu_time: a thread computing while we sleep is charged all that time, within 1 ms",
		   after - before <= elapsed && after - before + ms >= elapsed && elapsed >= 20 * ms,
		   (uint32_t)(elapsed - (after - before)));
	check_eq("cpu_time: a blocked thread is charged nothing", (int32_t)(cpu_counts(idle) - waiting), 0);
	l4_thread_destroy(busy);
	l4_thread_destroy(idle);

	uint64_t gone = 0;
	check_eq("cpu_time: a destroyed thread is ENOTHREAD", l4_cpu_time(busy, &gone), -L4_ENOTHREAD);
	check_eq("cpu_time: the nil thread is ENOTHREAD", l4_cpu_time(L4_NILTHREAD, &gone), -L4_ENOTHREAD);

	other = spawn_in_new_space(stranger, root_tid, root_tid);
	check_eq("cpu_time: a thread in its own space reports", wait_report(other, words), 0);
	check_eq("cpu_time: an unprivileged thread reads its own time", (int32_t)words[1], 0);
	check_eq("cpu_time: but not another space's (EPERM)", (int32_t)words[2], -L4_EPERM);
	l4_thread_destroy(other);
}
