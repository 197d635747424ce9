/* thread_ops_linux.c - the loops of thread_ops.c on Linux with glibc, for the Linux
 * column of docs/benchmarks.md: runs as /init of an initramfs under the same QEMU
 * board and -icount shift=0 as ../../shared/linux-peer, where one nanosecond of the
 * guest's CLOCK_MONOTONIC is one guest instruction, prints RESULT lines and powers
 * off. Build and run: docs/benchmarks.md, "The thread rows' Linux figures". */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <time.h>
#include <unistd.h>

enum { MUTEX_ROUNDS = 10000, HANDOFF_ROUNDS = 2000, CREATE_ROUNDS = 200 };

static uint64_t now_ns(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (uint64_t)now.tv_sec * 1000000000ull + (uint64_t)now.tv_nsec;
}

static void result(const char *name, uint64_t total, uint64_t ops)
{
	printf("RESULT %s %llu %llu %llu\n", name, (unsigned long long)((total + ops / 2) / ops),
	       (unsigned long long)ops, (unsigned long long)total);
}

static void bench_mutex_uncontended(void)
{
	pthread_mutex_t mutex = PTHREAD_MUTEX_INITIALIZER;
	uint64_t start;

	pthread_mutex_lock(&mutex);
	pthread_mutex_unlock(&mutex);
	start = now_ns();
	for (int i = 0; i < MUTEX_ROUNDS; i++) {
		pthread_mutex_lock(&mutex);
		pthread_mutex_unlock(&mutex);
	}
	result("mutex_uncontended", now_ns() - start, MUTEX_ROUNDS);
}

static sem_t to_partner, to_main;

static void *handoff_partner(void *arg)
{
	for (int i = 0; i < HANDOFF_ROUNDS + 1; i++) {
		sem_wait(&to_partner);
		sem_post(&to_main);
	}
	return arg;
}

static void bench_thread_handoff(void)
{
	pthread_t partner;
	uint64_t start;

	sem_init(&to_partner, 0, 0);
	sem_init(&to_main, 0, 0);
	pthread_create(&partner, NULL, handoff_partner, NULL);
	sem_post(&to_partner);
	sem_wait(&to_main);
	start = now_ns();
	for (int i = 0; i < HANDOFF_ROUNDS; i++) {
		sem_post(&to_partner);
		sem_wait(&to_main);
	}
	result("thread_handoff_rtt", now_ns() - start, HANDOFF_ROUNDS);
	pthread_join(partner, NULL);
}

static void *return_at_once(void *arg)
{
	return arg;
}

static void bench_create_join(void)
{
	static int marker;
	pthread_t thread;
	void *answer;
	uint64_t start;

	pthread_create(&thread, NULL, return_at_once, NULL);
	pthread_join(thread, NULL);
	start = now_ns();
	for (int i = 0; i < CREATE_ROUNDS; i++) {
		pthread_create(&thread, NULL, return_at_once, &marker);
		pthread_join(thread, &answer);
	}
	result("pthread_create_join", now_ns() - start, CREATE_ROUNDS);
}

/* As /init the console may not be open yet. */
static void open_console(void)
{
	int fd;

	if (fcntl(1, F_GETFD) >= 0)
		return;
	mkdir("/dev", 0755);
	mknod("/dev/console", S_IFCHR | 0600, makedev(5, 1));
	fd = open("/dev/console", O_RDWR);
	if (fd >= 0) {
		dup2(fd, 0);
		dup2(fd, 1);
		dup2(fd, 2);
	}
}

int main(void)
{
	open_console();
	setvbuf(stdout, NULL, _IOLBF, 0);
	bench_mutex_uncontended();
	bench_thread_handoff();
	bench_create_join();
	printf("BENCH-END\n");
	sync();
	reboot(RB_POWER_OFF);
	return 0;
}
