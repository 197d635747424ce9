/* t_shm.c - System V shared memory: several attachments, a forked child,
 * two tasks that share only a key, statistics and removal. */
#include <errno.h>
#include <stdint.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test0.h"

#define SHM_KEY		0x7e57
#define SEGMENT_SIZE	8192

static int child_writes(void *arg)
{
	int id = *(int *)arg;
	volatile uint32_t *words = shmat(id, NULL, 0);

	if (words == (void *)-1)
		return 1;
	words[1] = words[0] * 2;
	return shmdt((void *)words) == 0 ? 0 : 2;
}

static int key_creator(void *arg)
{
	int id = shmget(SHM_KEY, SEGMENT_SIZE, IPC_CREAT | IPC_EXCL | 0600);
	volatile uint32_t *words;

	(void)arg;
	if (id < 0)
		return 1;
	words = shmat(id, NULL, 0);
	if (words == (void *)-1)
		return 2;
	words[2] = 0xfeed;
	return 0;
}

static int key_reader(void *arg)
{
	int id = shmget(SHM_KEY, 0, 0);
	volatile uint32_t *words;

	(void)arg;
	if (id < 0)
		return 1;
	words = shmat(id, NULL, SHM_RDONLY);
	if (words == (void *)-1)
		return 2;
	return words[2] == 0xfeed ? 0 : 3;
}

static int exit_code(int status)
{
	return status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

static void related(void)
{
	int id = shmget(IPC_PRIVATE, SEGMENT_SIZE, IPC_CREAT | 0600);
	volatile uint32_t *first, *second;
	struct shmid_ds info;

	CHECK("shmget creates a private segment", id >= 0);
	if (id < 0)
		return;
	first = shmat(id, NULL, 0);
	second = shmat(id, NULL, 0);
	CHECK("two attachments in one task at different addresses",
	      first != (void *)-1 && second != (void *)-1 && first != second);
	if (first == (void *)-1 || second == (void *)-1)
		return;
	first[0] = 21;
	CHECK_EQ("a write through one attachment shows through the other", 21, second[0]);
	CHECK_EQ("IPC_STAT", 0, shmctl(id, IPC_STAT, &info));
	CHECK_EQ("... counts both attachments", 2, info.shm_nattch);
	CHECK_EQ("... and the size", SEGMENT_SIZE, info.shm_segsz);
	CHECK_EQ("a child attaching the same id", 0, exit_code(run_in_child(child_writes, &id)));
	CHECK_EQ("... writes where the parent reads", 42, first[1]);
	CHECK_EQ("shmdt of one attachment", 0, shmdt((void *)second));
	shmctl(id, IPC_STAT, &info);
	CHECK_EQ("... leaves one", 1, info.shm_nattch);
	CHECK_EQ("IPC_RMID while attached", 0, shmctl(id, IPC_RMID, NULL));
	first[0] = 9;
	CHECK_EQ("the segment stays usable until detached", 9, first[0]);
	CHECK_EQ("shmdt of the last attachment", 0, shmdt((void *)first));
	errno = 0;
	CHECK("shmdt of an address with nothing attached fails with EINVAL",
	      shmdt((void *)first) == -1 && errno == EINVAL);
}

static void unrelated(void)
{
	int id;

	CHECK_EQ("one task creates a segment by key, writes and exits", 0,
		 exit_code(run_in_child(key_creator, NULL)));
	CHECK_EQ("another task, not its child, finds it by key and reads the data", 0,
		 exit_code(run_in_child(key_reader, NULL)));
	id = shmget(SHM_KEY, 0, 0);
	errno = 0;
	CHECK("IPC_EXCL on an existing key fails with EEXIST",
	      shmget(SHM_KEY, SEGMENT_SIZE, IPC_CREAT | IPC_EXCL | 0600) == -1 && errno == EEXIST);
	CHECK_EQ("removal by id", 0, shmctl(id, IPC_RMID, NULL));
	errno = 0;
	CHECK("after removal the key is gone (ENOENT)", shmget(SHM_KEY, 0, 0) == -1 && errno == ENOENT);
}

/* One silent round of what the checks above do: a segment attached twice,
 * written by a forked child, removed while attached, then detached. */
static void shm_cycle(void)
{
	int id = shmget(IPC_PRIVATE, SEGMENT_SIZE, IPC_CREAT | 0600);
	volatile uint32_t *first = shmat(id, NULL, 0), *second = shmat(id, NULL, 0);

	if (first != (void *)-1 && second != (void *)-1) {
		first[0] = 21;
		run_in_child(child_writes, &id);
		second[0] = first[1];
	}
	shmctl(id, IPC_RMID, NULL);
	shmdt((void *)first);
	shmdt((void *)second);
}

/* In a child that prints nothing: pages not back after the second round
 * (the first one touches the child's own stack and data for good). */
static int pages_lost_by_segments(void *arg)
{
	long before, lost;

	(void)arg;
	shm_cycle();
	before = sysconf(_SC_AVPHYS_PAGES);
	shm_cycle();
	lost = free_pages_settle(before);
	return lost < 0 ? 254 : lost > 253 ? 253 : (int)lost;
}

void test_shm(void)
{
	int status;

	related();
	unrelated();
	status = run_in_child(pages_lost_by_segments, NULL);
	CHECK_EQ("no pages lost after the segments are removed", 0,
		 status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1);
}
