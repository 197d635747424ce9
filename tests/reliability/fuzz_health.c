/* fuzz_health.c - after a fuzzing round, mm0, fs0 and the console must
 * still answer real requests correctly and in time, and be alive. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <l4/ipc.h>
#include <idlrt/idlrt.h>
#include <l4/syscalls.h>
#include "console.h"
#include "fs0.h"
#include "fuzzsys.h"
#include "reliab.h"

#define PAGE		4096u
#define PAGES		3u
#define RAW_TIMEOUT	L4_TIMEOUTS(1000, 1000)	/* ms */

static void health(uint32_t round, const char *what, bool cond, long detail)
{
	char name[96];
	snprintf(name, sizeof(name), "health %lu: %s", (unsigned long)round, what);
	check(name, cond, detail);
}

/* One request by hand, with timeouts both ways: a server that hangs fails
 * the check instead of the run. Returns the result word, or the IPC error. */
static int32_t timed_request(l4_tid_t to, uint32_t op, uint32_t header, uint32_t words,
			     uint32_t arg)
{
	uint32_t *mr = l4_utcb()->mr;
	mr[0] = L4_TAG(op, words);
	mr[1] = header;
	mr[2] = arg;
	int ipc = l4_ipc(to, to, RAW_TIMEOUT, 0);
	if (ipc < 0)
		return ipc;
	return (int32_t)mr[1];
}

static int exit_42(uint32_t unused)
{
	(void)unused;
	return 42;
}

static bool memory_works(void)
{
	uint8_t *p = mmap(NULL, PAGES * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			  -1, 0);
	if (p == MAP_FAILED)
		return false;
	for (uint32_t i = 0; i < PAGES; i++)
		p[i * PAGE + i] = (uint8_t)(0xa0 + i);
	bool same = true;
	for (uint32_t i = 0; i < PAGES; i++)
		same = same && p[i * PAGE + i] == (uint8_t)(0xa0 + i) && p[i * PAGE] == (i ? 0 : 0xa0);
	return munmap(p, PAGES * PAGE) == 0 && same;
}

static bool files_work(void)
{
	static const char text[] = "the servers survived the fuzzer";
	char back[sizeof(text)] = { 0 };
	int fd = open("/fuzz-health", O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return false;
	bool ok = write(fd, text, sizeof(text)) == (ssize_t)sizeof(text) &&
		  lseek(fd, 0, SEEK_SET) == 0 && read(fd, back, sizeof(back)) == (ssize_t)sizeof(back) &&
		  memcmp(back, text, sizeof(text)) == 0;
	ok = close(fd) == 0 && ok;
	return unlink("/fuzz-health") == 0 && ok && open("/fuzz-health", O_RDONLY) == -1 &&
	       errno == ENOENT;
}

static bool pipes_work(void)
{
	int p[2];
	char back[5] = { 0 };
	if (pipe(p) != 0)
		return false;
	bool ok = write(p[1], "pipe", 5) == 5 && read(p[0], back, 5) == 5 &&
		  strcmp(back, "pipe") == 0;
	ok = close(p[1]) == 0 && ok;
	ok = read(p[0], back, 1) == 0 && ok;	/* end of file once the writer is gone */
	return close(p[0]) == 0 && ok;
}

static bool shm_works(void)
{
	int id = shmget(IPC_PRIVATE, PAGE, IPC_CREAT | 0600);
	if (id < 0)
		return false;
	volatile uint32_t *p = shmat(id, NULL, 0);
	bool ok = p != (void *)-1;
	if (ok) {
		*p = 0x5eed;
		ok = *p == 0x5eed && shmdt((void *)p) == 0;
	}
	return shmctl(id, IPC_RMID, NULL) == 0 && ok;
}

/* One line through the console server itself, not printf's fallback to
 * the kernel debugger: a TAP comment, so it cannot disturb the results; the
 * newline first ends whatever a child's random write left unfinished. */
static bool console_works(l4_tid_t console, uint32_t round)
{
	char line[48];
	int length = snprintf(line, sizeof(line), "\n# health %lu: the console writes\n",
			      (unsigned long)round);
	fflush(stdout);
	for (int tries = 0; tries < 1000; tries++) {
		int taken = console_write(console, line, (uint32_t)length);
		if (taken != -EBUSY)
			return taken == length;
		l4_yield();
	}
	return false;
}

/* A signal probe at a live server that is not ours is refused with EPERM;
 * a dead one would give ESRCH. */
static bool servers_alive(const struct fuzz_targets *t)
{
	for (int pid = t->first_server_pid; pid <= t->last_server_pid; pid++)
		if (kill(pid, 0) != -1 || errno != EPERM)
			return false;
	return true;
}

void health_check(const struct fuzz_targets *t, uint32_t round)
{
	/* First: its newline starts the results on a line of their own. */
	health(round, "the console answers a write", console_works(t->console, round), 0);
	int32_t pid = timed_request(t->mm0, MM_OP_GETPID, IDLRT_HEADER(MM_IFACE_ID,
				    MM_IFACE_VERSION), 1, 0);
	health(round, "mm0 answers a getpid sent by hand in time", pid == getpid(), pid);
	int32_t closed = timed_request(t->fs0, FS0_OP_CLOSE, IDLRT_HEADER(FS0_IFACE_ID,
				       FS0_IFACE_VERSION), 2, 999);
	health(round, "fs0 answers a close of no descriptor in time with EBADF", closed == -EBADF,
	       closed);
	int status = run_child(exit_42, 0);
	health(round, "fork, exit and waitpid", status != -1 && WIFEXITED(status) &&
	       WEXITSTATUS(status) == 42, status);
	health(round, "mmap, touch and munmap", memory_works(), errno);
	health(round, "file create, write, read back, unlink", files_work(), errno);
	health(round, "pipe write, read and end of file", pipes_work(), errno);
	health(round, "shm create, attach, write, detach, remove", shm_works(), errno);
	health(round, "mm0, fs0 and the console are alive and refuse a signal probe",
	       servers_alive(t), errno);
}
