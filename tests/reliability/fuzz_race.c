/* fuzz_race.c - a racing child: one thread stays in fs0 requests while the
 * other remaps that thread's (and its own) fs0 buffer, signals the boot
 * servers, and then the process ends (exits, kills itself, or is killed by
 * the parent) with the first thread still in a request. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include "fuzzsys.h"
#include "reliab.h"

#define REQUESTER_STACK	16384u
#define THREAD_FLAGS	(CLONE_VM | CLONE_THREAD | CLONE_SIGHAND | CLONE_FS | CLONE_FILES)
#define PUBLISH_SPINS	20000u

/* The requesting thread's buffer, published for the remapping thread. */
static volatile uintptr_t requester_buffer;
static volatile uint32_t requester_buffer_size;
static int ends[2];

/* Requests through the thread's own fs0 buffer until the process ends;
 * every fourth one waits on an empty pipe, so the end often finds it there. */
static int requester(void *arg)
{
	const struct fuzz_targets *t = arg;
	char data[64] = "race";
	struct stat st;
	l4_tid_t fs0;
	uintptr_t buffer = 0;
	uint32_t size = 0;
	stat("/", &st);
	if (mm_fs0_buffer(t->mm0, &fs0, &buffer, &size) == 0) {
		requester_buffer_size = size;
		requester_buffer = buffer;
	}
	for (uint32_t i = 0;; i++) {
		if (i % 4 == 3) {
			read(ends[0], data, sizeof(data));
			continue;
		}
		write(ends[1], data, sizeof(data));
		read(ends[0], data, sizeof(data));
		stat("/", &st);
	}
	return 0;
}

/* munmap, anonymous memory over it, PROT_NONE, or its second half gone. */
static void remap(uint32_t choice, uintptr_t buffer, uint32_t size)
{
	void *at = (void *)buffer;
	switch (choice % 4) {
	case 0: munmap(at, size); break;
	case 1:
		mmap(at, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
		break;
	case 2: mprotect(at, size, PROT_NONE); break;
	default: munmap((char *)at + size / 2, size / 2); break;
	}
}

/* Every signal at a boot server, its group, or everyone must spare the
 * servers: a kill that reaches one is counted. */
static void signal_servers(uint32_t v, const struct fuzz_targets *t, struct fuzz_tally *tally)
{
	static const int everyone_safe[] = { 0, SIGTERM, SIGHUP, SIGUSR1, SIGCONT, SIGCHLD };
	int server = t->first_server_pid + (int)((v >> 8) % (uint32_t)(t->last_server_pid -
						 t->first_server_pid + 1));
	int signo = (int)((v >> 16) % 32);
	switch ((v >> 4) % 3) {
	case 0:
		if (kill(server, signo) == 0 || errno != EPERM)
			tally->server_kills_allowed++;
		break;
	case 1:
		/* kill(-1, ...) would be everyone: mm0's pid is no group here. */
		if (kill(-(server > 1 ? server : 2), signo) == 0)
			tally->server_kills_allowed++;
		break;
	default:
		/* The parent ignores these; SIGKILL or a stop would end it too. */
		kill(-1, everyone_safe[(v >> 16) % (sizeof(everyone_safe) / sizeof(int))]);
		break;
	}
}

int fuzz_race_child(const struct fuzz_targets *t, struct fuzz_tally *tally, uint32_t seed)
{
	uint32_t state = seed * 2246822519u | 1u;
	char *stack = malloc(REQUESTER_STACK);
	l4_tid_t fs0;
	uintptr_t own = 0;
	uint32_t own_size = 0;
	struct stat st;
	/* Its own group: a group kill of its own then spares the parent. */
	setpgid(0, 0);
	if (!stack || pipe(ends) != 0 || mm_fs0_buffer(t->mm0, &fs0, &own, &own_size) != 0)
		return 1;
	if (clone(requester, stack + REQUESTER_STACK, THREAD_FLAGS, (void *)t) < 0)
		return 1;
	for (uint32_t i = 0; i < PUBLISH_SPINS && !requester_buffer; i++)
		sched_yield();
	uint32_t actions = 1 + next_random(&state) % 6;
	for (uint32_t i = 0; i < actions; i++) {
		uint32_t v = next_random(&state);
		switch (v % 4) {
		case 0:
			if (requester_buffer)
				remap(v >> 2, requester_buffer, requester_buffer_size);
			break;
		case 1:
			remap(v >> 2, own, own_size);
			stat("/", &st);	/* the next request after its own buffer changed */
			break;
		case 2:
			signal_servers(v, t, tally);
			break;
		default:
			sched_yield();
			break;
		}
	}
	switch (next_random(&state) % 3) {
	case 0: return 0;	/* exit with the requester inside fs0 */
	case 1: kill(getpid(), SIGKILL); return 2;
	default:
		for (;;)	/* until the parent's SIGKILL */
			signal_servers(next_random(&state), t, tally);
	}
}
