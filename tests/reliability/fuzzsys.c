/* fuzzsys.c - the system-call fuzzer on QEMU: for each seed, ordinary
 * forked children issue random system calls and random requests to mm0
 * and fs0 (a killed child is replaced until the seed's calls are done);
 * then mm0 and fs0 must pass a health check, and at the end every mm0,
 * fs0 and kernel count must be back where it started. Exits with the
 * number of failed checks. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <l4/ipc.h>
#include "fs0.h"
#include "fuzzsys.h"
#include "warm_image.h"
#include "reliab.h"

#ifndef FUZZ_SEEDS
#define FUZZ_SEEDS	4u	/* seeds FUZZ_FIRST_SEED.. */
#endif
#ifndef FUZZ_FIRST_SEED
#define FUZZ_FIRST_SEED	1u
#endif
#ifndef FUZZ_CALLS
#define FUZZ_CALLS	3000u	/* calls per seed, over all its children */
#endif
#define MAX_CHILDREN	200u	/* per seed: children killed before they got far */
#define POLL_MS		10
#define DEADLINE_POLLS	2000u	/* 20 s of virtual time for one child */
#define RACES_PER_SEED	4u	/* racing children after each seed's fuzzing */

/* Variables, not constants, so that any count given on the command line
 * (even 0) compiles cleanly. */
static uint32_t first_seed = FUZZ_FIRST_SEED, seeds = FUZZ_SEEDS, calls = FUZZ_CALLS;
static uint32_t children, died, hung, stalled, racers;

/* Waits for `pid` at most DEADLINE_POLLS polls, then kills it and says
 * what it was doing. */
static int wait_with_deadline(pid_t pid, uint32_t seed, const struct fuzz_tally *tally)
{
	const struct timespec poll = { 0, POLL_MS * 1000000L };
	int status = 0;
	for (uint32_t i = 0; i < DEADLINE_POLLS; i++) {
		pid_t got = waitpid(pid, &status, WNOHANG);
		if (got == pid)
			return status;
		if (got < 0)
			return -1;
		nanosleep(&poll, NULL);
	}
	hung++;
	printf("# seed %lu: child %d killed after the deadline in call %08lx %08lx %08lx\n",
	       (unsigned long)seed, (int)pid, (unsigned long)tally->last_call[0],
	       (unsigned long)tally->last_call[1], (unsigned long)tally->last_call[2]);
	kill(pid, SIGKILL);
	return waitpid(pid, &status, 0) == pid ? status : -1;
}

static void fuzz_seed(const struct fuzz_targets *t, struct fuzz_tally *tally, uint32_t seed)
{
	memset((void *)tally, 0, sizeof(*tally));
	for (uint32_t n = 0; n < MAX_CHILDREN; n++) {
		uint32_t done = tally->kernel_calls + tally->server_calls;
		if (done >= calls)
			return;
		pid_t pid = fork();
		if (pid == 0)
			_exit(fuzz_child(t, tally, seed * 7919u + n, calls - done));
		if (pid < 0)
			return;
		children++;
		int status = wait_with_deadline(pid, seed, tally);
		if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
			died++;
		if (tally->kernel_calls + tally->server_calls == done)
			stalled++;
	}
}

/* Racing children, each killed after 0-4 ms unless it ended first: its
 * requesting thread is in fs0 when the process goes either way. */
static void race_seed(const struct fuzz_targets *t, struct fuzz_tally *tally, uint32_t seed)
{
	uint32_t state = seed * 40503u | 1u;
	for (uint32_t n = 0; n < RACES_PER_SEED; n++) {
		struct timespec pause = { 0, (long)(next_random(&state) % 5) * 1000000L };
		pid_t pid = fork();
		if (pid == 0)
			_exit(fuzz_race_child(t, tally, seed * 7919u + n));
		if (pid < 0)
			return;
		racers++;
		nanosleep(&pause, NULL);
		kill(pid, SIGKILL);
		wait_with_deadline(pid, seed, tally);
	}
}

/* Segments the children created outlive them (SysV semantics); they hold
 * ids between one taken before the fuzzing and a fresh one. */
static void remove_children_segments(int first_id)
{
	int probe = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	for (int id = first_id + 1; probe > 0 && id <= probe; id++)
		shmctl(id, IPC_RMID, NULL);
}

int main(void)
{
	struct fuzz_targets t = { .mm0 = l4_utcb()->pager, .parent = l4_myself(),
				  .first_server_pid = 1, .last_server_pid = getpid() - 1 };
	uintptr_t buffer = 0;
	uint64_t kernel_calls = 0, server_calls = 0, kernel_ok = 0, server_ok = 0;
	uint32_t kills_allowed = 0;
	printf("fuzz-system: %lu seeds from %lu, %lu calls each\n", (unsigned long)seeds,
	       (unsigned long)first_seed, (unsigned long)calls);
	check("fuzz-system: fs0's thread and buffer from mm0",
	      mm_fs0_buffer(t.mm0, &t.fs0, &buffer, &t.fs0_buffer_size) == 0, 0);
	t.fs0_buffer = (uint32_t)buffer;
	check("fuzz-system: the console's thread from mm0",
	      mm_service(t.mm0, "console", &t.console) == 0 && t.console, 0);
	/* What racing children send everyone (kill(-1, ...)) must not end the fuzzer. */
	signal(SIGTERM, SIG_IGN);
	signal(SIGHUP, SIG_IGN);
	signal(SIGUSR1, SIG_IGN);
	/* A shared mapping, not a SysV segment: no child can remove it by id. */
	struct fuzz_tally *tally = mmap(NULL, 4096, PROT_READ | PROT_WRITE,
					MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (!check("fuzz-system: a shared page for the children's tally", tally != MAP_FAILED, errno))
		return tap_summary("fuzz-system");
	int first_id = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	shmctl(first_id, IPC_RMID, NULL);
	/* The tally's page is touched, the program's pages read and one round
	 * is run first, so that every page the parent uses is in place before
	 * the counts are read. */
	memset((void *)tally, 0, sizeof(*tally));
	warm_program_image();
	health_check(&t, 0);
	struct snapshot before = snapshot_now();
	struct fs0_counts fs_before = { 0 }, fs_after = { 0 };
	fs0_stats(t.fs0, &fs_before);
	for (uint32_t seed = first_seed; seed < first_seed + seeds; seed++) {
		fuzz_seed(&t, tally, seed);
		race_seed(&t, tally, seed);
		kernel_calls += tally->kernel_calls;
		server_calls += tally->server_calls;
		kernel_ok += tally->kernel_successes;
		server_ok += tally->server_successes;
		kills_allowed += tally->server_kills_allowed;
		health_check(&t, seed);
	}
	remove_children_segments(first_id);
	snapshot_same("fuzz-system: mm0's and the kernel's counts are back", &before);
	printf("fuzz-system: %llu kernel calls (%llu returned 0), %llu server requests (%llu "
	       "succeeded) by %lu children (%lu ended by a call, %lu killed after the deadline, "
	       "%lu made no progress), %lu racing children\n", (unsigned long long)kernel_calls,
	       (unsigned long long)kernel_ok, (unsigned long long)server_calls,
	       (unsigned long long)server_ok,
	       (unsigned long)children, (unsigned long)died, (unsigned long)hung,
	       (unsigned long)stalled, (unsigned long)racers);
	check("fuzz-system: every seed's calls were made",
	      kernel_calls + server_calls >= (uint64_t)seeds * calls,
	      (long)(kernel_calls + server_calls));
	check("fuzz-system: no child had to be killed", hung == 0, (long)hung);
	check("fuzz-system: every signal at a boot server or its group was refused",
	      kills_allowed == 0, (long)kills_allowed);
	fs0_stats(t.fs0, &fs_after);
	check("fuzz-system: fs0's counts are back", memcmp(&fs_before, &fs_after,
	      sizeof(fs_before)) == 0, (long)fs_after.vnodes - (long)fs_before.vnodes);
	munmap(tally, 4096);
	return tap_summary("fuzz-system");
}
