/* smp_affinity.c - smp.test, on four processors: sysconf's count, mm0
 * spreading four CPU-bound children over the processors, threads pinned with
 * pthread_setaffinity_np, a fork child keeping its parent's mask, and
 * sched_setaffinity's errors. Prints a line per check; exits with the failures. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <sys/wait.h>
#include <unistd.h>

#define PROCESSORS	4
/* Long enough that the four children run at once. */
#define SPIN_ROUNDS	2000000

static int failures;

static void check(const char *what, int passed)
{
	printf("%s: %s\n", passed ? "ok" : "FAIL", what);
	failures += !passed;
}

/* Exits with the processor it ran on, or 100 if it was moved while spinning. */
static void spinning_child(void)
{
	int start = sched_getcpu();
	volatile unsigned sum = 0;

	for (unsigned i = 0; i < SPIN_ROUNDS; i++)
		sum += i;
	_exit(sched_getcpu() == start ? start : 100);
}

static void children_spread(void)
{
	pid_t children[PROCESSORS];
	unsigned seen = 0;
	int finished = 0;

	for (int i = 0; i < PROCESSORS; i++) {
		children[i] = fork();
		if (children[i] == 0)
			spinning_child();
	}
	for (int i = 0; i < PROCESSORS; i++) {
		int status;

		if (children[i] > 0 && waitpid(children[i], &status, 0) == children[i] &&
		    WIFEXITED(status) && WEXITSTATUS(status) < PROCESSORS) {
			finished++;
			seen |= 1u << WEXITSTATUS(status);
		}
	}
	check("four CPU-bound children all finish", finished == PROCESSORS);
	check("and each ran on a different processor", seen == (1u << PROCESSORS) - 1);
}

struct pinned {
	pthread_t thread;
	pthread_barrier_t *pinned_all;
	int processor;		/* where the thread found itself */
	int mask_count;		/* its own pthread_getaffinity_np's */
};

static void *report_processor(void *arg)
{
	struct pinned *pinned = arg;
	cpu_set_t set;

	pthread_barrier_wait(pinned->pinned_all);
	pinned->processor = sched_getcpu();
	pinned->mask_count = pthread_getaffinity_np(pthread_self(), sizeof(set), &set) == 0 &&
			     CPU_ISSET(pinned->processor, &set) ? CPU_COUNT(&set) : -1;
	return NULL;
}

static void threads_pinned(void)
{
	struct pinned pinned[PROCESSORS];
	pthread_barrier_t pinned_all;
	int on_their_processor = 0, pins = 0, masks = 0;

	pthread_barrier_init(&pinned_all, NULL, PROCESSORS + 1);
	for (int i = 0; i < PROCESSORS; i++) {
		cpu_set_t set;

		pinned[i].pinned_all = &pinned_all;
		pinned[i].processor = -1;
		pthread_create(&pinned[i].thread, NULL, report_processor, &pinned[i]);
		CPU_ZERO(&set);
		CPU_SET(i, &set);
		pins += pthread_setaffinity_np(pinned[i].thread, sizeof(set), &set) == 0;
	}
	pthread_barrier_wait(&pinned_all);
	for (int i = 0; i < PROCESSORS; i++) {
		pthread_join(pinned[i].thread, NULL);
		on_their_processor += pinned[i].processor == i;
		masks += pinned[i].mask_count == 1;
	}
	pthread_barrier_destroy(&pinned_all);
	check("pthread_setaffinity_np pins four threads", pins == PROCESSORS);
	check("each pinned thread runs on its processor", on_their_processor == PROCESSORS);
	check("and pthread_getaffinity_np gives its one processor", masks == PROCESSORS);
}

/* Four children: mm0's turns would put at least three of them off processor 2. */
static void fork_keeps_mask(void)
{
	cpu_set_t set;
	int kept = 0;

	CPU_ZERO(&set);
	CPU_SET(2, &set);
	check("sched_setaffinity to {2}", sched_setaffinity(0, sizeof(set), &set) == 0);
	check("moves the caller to processor 2", sched_getcpu() == 2);
	for (int i = 0; i < PROCESSORS; i++) {
		pid_t child = fork();
		int status = -1;

		if (child == 0) {
			CPU_ZERO(&set);
			_exit(sched_getaffinity(0, sizeof(set), &set) == 0 && CPU_COUNT(&set) == 1 &&
			      CPU_ISSET(2, &set) && sched_getcpu() == 2 ? 0 : 1);
		}
		kept += child > 0 && waitpid(child, &status, 0) == child && WIFEXITED(status) &&
			WEXITSTATUS(status) == 0;
	}
	check("fork children keep the mask and run in it", kept == PROCESSORS);
	for (int cpu = 0; cpu < PROCESSORS; cpu++)
		CPU_SET(cpu, &set);
	check("every processor again", sched_setaffinity(0, sizeof(set), &set) == 0);
	check("keeps the caller where it was", sched_getcpu() == 2);
}

static void affinity_errors(void)
{
	int hold[2];
	cpu_set_t set;
	pid_t child;
	char byte;

	CPU_ZERO(&set);
	errno = 0;
	check("an empty mask is EINVAL", sched_setaffinity(0, sizeof(set), &set) == -1 &&
	      errno == EINVAL);
	CPU_SET(7, &set);
	errno = 0;
	check("a mask of processor 7 only is EINVAL",
	      sched_setaffinity(0, sizeof(set), &set) == -1 && errno == EINVAL);
	if (pipe(hold) != 0) {
		check("pipe", 0);
		return;
	}
	child = fork();
	if (child == 0) {
		close(hold[1]);
		_exit(read(hold[0], &byte, 1) == 0 ? 0 : 1);
	}
	CPU_SET(0, &set);
	errno = 0;
	check("another process's pid is ESRCH",
	      sched_setaffinity(child, sizeof(set), &set) == -1 && errno == ESRCH);
	errno = 0;
	check("for sched_getaffinity too",
	      sched_getaffinity(child, sizeof(set), &set) == -1 && errno == ESRCH);
	close(hold[0]);
	close(hold[1]);
	waitpid(child, NULL, 0);
}

int main(void)
{
	check("sysconf says four processors", sysconf(_SC_NPROCESSORS_ONLN) == PROCESSORS &&
	      sysconf(_SC_NPROCESSORS_CONF) == PROCESSORS);
	children_spread();
	threads_pinned();
	fork_keeps_mask();
	affinity_errors();
	printf("smp_affinity: %d failed\n", failures);
	return failures;
}
