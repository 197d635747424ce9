/* t_placement.c - the processor count in the KIP, threads pinned to each
 * processor reporting it from their UTCB, the schedule call's checks, and
 * a thread that never yields running beside the root on another processor
 * (and moved and destroyed while it runs there). */
#include "smptest.h"

#define REPORT_CPU	21
#define HIGH_PRIO	200	/* above the root's: on the root's processor it would starve it */

static volatile uint32_t spins;

static void report_cpu(uint32_t arg)
{
	report(REPORT_CPU, arg, l4_my_processor(), 0, 0);
	block_forever();
}

static void spin(uint32_t arg)
{
	(void)arg;
	for (;;)
		spins++;
}

static void check_spinning(const char *name)
{
	uint32_t before = spins;
	sleep_ms(3);
	check_true(name, spins != before, spins);
}

void test_placement(void)
{
	check_eq("kip: four processors", (int32_t)l4_kip()->num_processors, SMP_CPUS);
	check_eq("utcb: the root runs on processor 0", (int32_t)l4_my_processor(), 0);
	for (uint32_t cpu = 0; cpu < SMP_CPUS; cpu++) {
		uint32_t w[5], where = 99;
		l4_tid_t t = spawn_on(cpu, report_cpu, cpu, 100);
		int r = wait_report(t, w);
		check_true("placement: a pinned thread reports its processor",
			   r == 0 && w[1] == cpu && w[2] == cpu, w[2]);
		check_true("placement: schedule reads the processor",
			   l4_get_processor(t, &where) == 0 && where == cpu, where);
		l4_thread_destroy(t);
	}
	check_eq("schedule: no processor 4", l4_set_processor(root_tid, SMP_CPUS), -L4_EINVAL);

	l4_tid_t spinner = spawn_on(1, spin, 0, HIGH_PRIO);
	check_true("placement: a spinner starts on processor 1", spinner != L4_NILTHREAD, spinner);
	check_spinning("placement: it runs beside the root");
	check_eq("placement: move it while it runs", l4_set_processor(spinner, 2), 0);
	check_spinning("placement: it runs on processor 2");
	uint32_t where = 99;
	check_true("placement: schedule says processor 2",
		   l4_get_processor(spinner, &where) == 0 && where == 2, where);
	check_eq("placement: destroy it while it runs", l4_thread_destroy(spinner), 0);
	uint32_t after = spins;
	sleep_ms(3);
	check_eq("placement: it runs no more", (int32_t)spins, (int32_t)after);
}
