/* t_pthread_stress.c - threads under load: 8 threads x 100,000 contended lock/unlock
 * pairs on one counter, condition-variable ping-pong, and 10,000 threads created and
 * joined with no memory lost. */
#include <pthread.h>
#include <unistd.h>

#include "test0.h"

#define COUNTING_THREADS	8
#define PAIRS_PER_THREAD	100000
#define PING_PONG_ROUNDS	10000
#define CHURN_THREADS		10000

struct counting {
	pthread_mutex_t mutex;
	unsigned long counter;
};

static void *count_up(void *arg)
{
	struct counting *counting = arg;

	for (int i = 0; i < PAIRS_PER_THREAD; i++) {
		pthread_mutex_lock(&counting->mutex);
		counting->counter++;
		pthread_mutex_unlock(&counting->mutex);
	}
	return NULL;
}

struct ping_pong {
	pthread_mutex_t mutex;
	pthread_cond_t turn_changed;
	int turn;		/* 0 the main thread's, 1 the partner's */
	int rounds_done;
};

static void *play_pong(void *arg)
{
	struct ping_pong *game = arg;

	pthread_mutex_lock(&game->mutex);
	for (int round = 0; round < PING_PONG_ROUNDS; round++) {
		while (game->turn != 1)
			pthread_cond_wait(&game->turn_changed, &game->mutex);
		game->rounds_done++;
		game->turn = 0;
		pthread_cond_signal(&game->turn_changed);
	}
	pthread_mutex_unlock(&game->mutex);
	return NULL;
}

static void *return_argument(void *arg)
{
	return arg;
}

void test_pthread_stress(void)
{
	static struct counting counting = { PTHREAD_MUTEX_INITIALIZER, 0 };
	static struct ping_pong game = { PTHREAD_MUTEX_INITIALIZER, PTHREAD_COND_INITIALIZER, 0, 0 };
	pthread_t threads[COUNTING_THREADS], partner;
	long free_before;
	int created = 0, joined_right = 0, in_step = 1;

	for (int i = 0; i < COUNTING_THREADS; i++)
		created += pthread_create(&threads[i], NULL, count_up, &counting) == 0;
	for (int i = 0; i < COUNTING_THREADS; i++)
		pthread_join(threads[i], NULL);
	CHECK_EQ("stress: 8 counting threads start", COUNTING_THREADS, created);
	CHECK_EQ("stress: 8 x 100,000 contended lock/unlock pairs count exactly",
		 (long)COUNTING_THREADS * PAIRS_PER_THREAD, counting.counter);

	pthread_create(&partner, NULL, play_pong, &game);
	pthread_mutex_lock(&game.mutex);
	for (int round = 0; round < PING_PONG_ROUNDS; round++) {
		in_step &= game.rounds_done == round;
		game.turn = 1;
		pthread_cond_signal(&game.turn_changed);
		while (game.turn != 0)
			pthread_cond_wait(&game.turn_changed, &game.mutex);
	}
	pthread_mutex_unlock(&game.mutex);
	pthread_join(partner, NULL);
	CHECK("stress: condition-variable ping-pong stays in step", in_step);
	CHECK_EQ("stress: every ping-pong round played", PING_PONG_ROUNDS, game.rounds_done);

	/* One thread first, so that the heap has grown for a thread record before counting. */
	pthread_create(&partner, NULL, return_argument, NULL);
	pthread_join(partner, NULL);
	free_before = sysconf(_SC_AVPHYS_PAGES);
	for (int i = 0; i < CHURN_THREADS; i++) {
		pthread_t thread;
		void *result = NULL;

		if (pthread_create(&thread, NULL, return_argument, (void *)(long)(i + 1)) ||
		    pthread_join(thread, &result))
			break;
		joined_right += result == (void *)(long)(i + 1);
	}
	CHECK_EQ("stress: 10,000 threads created and joined", CHURN_THREADS, joined_right);
	CHECK_EQ("stress: thread churn loses no pages", 0, free_pages_settle(free_before));
}
