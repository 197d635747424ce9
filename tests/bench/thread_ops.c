/* thread_ops.c - the pthread benchmarks: an uncontended mutex lock+unlock, a
 * hand-off between two threads (a semaphore each way, so every step blocks
 * and wakes), and pthread_create+join of a thread that returns at once. */
#include <pthread.h>
#include <semaphore.h>
#include <stdint.h>
#include <l4/cycles.h>

#include "pbench.h"

static void bench_mutex_uncontended(void)
{
	enum { ROUNDS = 10000 };
	pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
	uint32_t start;

	pthread_mutex_lock(&mutex);
	pthread_mutex_unlock(&mutex);
	start = l4_cycles();
	for (int i = 0; i < ROUNDS; i++) {
		pthread_mutex_lock(&mutex);
		pthread_mutex_unlock(&mutex);
	}
	pbench_result("mutex_uncontended", ROUNDS, l4_cycles() - start);
}

enum { HANDOFF_ROUNDS = 2000 };

struct handoff {
	sem_t to_partner;
	sem_t to_main;
};

static void *handoff_partner(void *arg)
{
	struct handoff *handoff = arg;

	for (int i = 0; i < HANDOFF_ROUNDS + 1; i++) {
		sem_wait(&handoff->to_partner);
		sem_post(&handoff->to_main);
	}
	return NULL;
}

/* One op is a round trip: the main thread wakes the partner, which wakes it back. */
static void bench_thread_handoff(void)
{
	static struct handoff handoff;
	pthread_t partner;
	uint32_t start;

	sem_init(&handoff.to_partner, 0, 0);
	sem_init(&handoff.to_main, 0, 0);
	if (pthread_create(&partner, NULL, handoff_partner, &handoff))
		pbench_fail("pthread_create");
	sem_post(&handoff.to_partner);
	sem_wait(&handoff.to_main);
	start = l4_cycles();
	for (int i = 0; i < HANDOFF_ROUNDS; i++) {
		sem_post(&handoff.to_partner);
		sem_wait(&handoff.to_main);
	}
	pbench_result("thread_handoff_rtt", HANDOFF_ROUNDS, l4_cycles() - start);
	pthread_join(partner, NULL);
}

static void *return_at_once(void *arg)
{
	return arg;
}

static void bench_create_join(void)
{
	enum { ROUNDS = 200 };
	static int marker;
	pthread_t thread;
	void *result;
	uint32_t start;

	if (pthread_create(&thread, NULL, return_at_once, NULL) || pthread_join(thread, NULL))
		pbench_fail("pthread_create");
	start = l4_cycles();
	for (int i = 0; i < ROUNDS; i++) {
		if (pthread_create(&thread, NULL, return_at_once, &marker) ||
		    pthread_join(thread, &result) || result != &marker)
			pbench_fail("pthread_create+join");
	}
	pbench_result("pthread_create_join", ROUNDS, l4_cycles() - start);
}

void bench_threads(void)
{
	bench_mutex_uncontended();
	bench_thread_handoff();
	bench_create_join();
}
