/* spin_handoff.c - a thread spinning in user mode on one processor must
 * not keep a thread on another from running: for every ordered pair of
 * processors, a thread pinned to the first spins until a thread pinned to
 * the second sets a flag (QEMU 7.2's round-robin under -icount starved the
 * later processor, docs/kernel-abi.md "Processors"). Prints one line per
 * pair and "spin_handoff: N failed"; the status is the failures. */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <unistd.h>

static volatile int spinner_started, spinner_released;

static int pin_to(pthread_t thread, int cpu)
{
	cpu_set_t set;
	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	return pthread_setaffinity_np(thread, sizeof set, &set);
}

static void *spin_until_released(void *cpu)
{
	if (pin_to(pthread_self(), (int)(long)cpu))
		return (void *)1;
	spinner_started = 1;
	while (!spinner_released)
		continue;
	return (void *)(long)sched_getcpu();
}

/* The spinner on spin_cpu, this thread on release_cpu. */
static int handoff(int spin_cpu, int release_cpu)
{
	pthread_t spinner;
	void *spinner_cpu;
	spinner_started = spinner_released = 0;
	if (pin_to(pthread_self(), release_cpu) ||
	    pthread_create(&spinner, NULL, spin_until_released, (void *)(long)spin_cpu)) {
		printf("FAIL: cannot place the threads on %d and %d\n", spin_cpu, release_cpu);
		return 1;
	}
	while (!spinner_started)
		continue;
	spinner_released = 1;
	pthread_join(spinner, &spinner_cpu);
	if ((long)spinner_cpu != spin_cpu || sched_getcpu() != release_cpu) {
		printf("FAIL: spinner ran on %ld (wanted %d), releaser on %d (wanted %d)\n",
		       (long)spinner_cpu, spin_cpu, sched_getcpu(), release_cpu);
		return 1;
	}
	printf("spinner on %d released from %d\n", spin_cpu, release_cpu);
	return 0;
}

int main(void)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int failed = 0;
	if (cpus < 2) {
		printf("FAIL: %ld processors online, the test needs two or more\n", cpus);
		failed++;
	}
	for (int spin_cpu = 0; spin_cpu < cpus; spin_cpu++)
		for (int release_cpu = 0; release_cpu < cpus; release_cpu++)
			if (spin_cpu != release_cpu)
				failed += handoff(spin_cpu, release_cpu);
	printf("spin_handoff: %d failed\n", failed);
	return failed;
}
