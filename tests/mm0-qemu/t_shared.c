/* t_shared.c - MAP_SHARED|MAP_ANONYMOUS across fork, SysV shm between two
 * unrelated programs, and clone threads faulting one page together. */
#include <errno.h>
#include <stdio.h>

#include <l4/syscalls.h>

#include "scenarios.h"

#define PAGE		4096u
#define RW		(MM0_PROT_READ | MM0_PROT_WRITE)
#define SHM_KEY		0x4d30
#define THREADS		4
#define STACK_SIZE	8192u

static int child_writes(void *arg)
{
	uint32_t *words = arg;

	for (uint32_t i = 0; i < PAGE / 4; i++)
		words[i] = 0xc0de0000u + i;
	return 0;
}

static void test_shared_anon(void)
{
	int addr = mm_mmap(mm0c_server(), 0, PAGE, RW, MM0_MAP_SHARED | MM0_MAP_ANONYMOUS, -1, 0);
	uint32_t *words = (uint32_t *)addr;
	bool all = true;
	int status;

	if (!check("mmap: MAP_SHARED|MAP_ANONYMOUS", addr > 0, addr))
		return;
	status = run_child(child_writes, words);
	for (uint32_t i = 0; i < PAGE / 4; i++)
		all = all && words[i] == 0xc0de0000u + i;
	check("mmap: a child's writes to shared anonymous memory reach the parent",
	      status == 0 && all, status);
	mm_munmap(mm0c_server(), addr, PAGE);
}

/* shmpeer is another program (not a fork): it finds the segment by key. */
static void test_sysv_shm(void)
{
	char key[16];
	int id = mm_shmget(mm0c_server(), SHM_KEY, 2 * PAGE, MM0_IPC_CREAT | MM0_IPC_EXCL | 0600);
	int addr, pid, status = -1;
	struct mm0_shm_stat stat;

	if (!check("shmget: a new segment by key", id >= 0, id))
		return;
	addr = mm_shmat(mm0c_server(), id, 0, 0);
	if (check("shmat: attached", addr > 0, addr)) {
		snprintf(key, sizeof(key), "%d", SHM_KEY);
		pid = mm_spawn(mm0c_server(), "shmpeer", key);
		check("spawn: shmpeer started by name", pid > 0, pid);
		if (pid > 0)
			mm0c_waitpid(pid, &status);
		check("shm: shmpeer ended well", status == 0, status);
		check("shm: what shmpeer wrote is seen here",
		      ((uint32_t *)addr)[0] == 0x5348u && ((uint32_t *)addr)[PAGE / 4] == 0x4d30u,
		      ((uint32_t *)addr)[0]);
		check("shmctl: IPC_STAT counts one attachment",
		      mm_shmctl(mm0c_server(), id, MM0_IPC_STAT, &stat) == 0 && stat.nattch == 1,
		      stat.nattch);
		check("shmdt: detached", mm_shmdt(mm0c_server(), addr) == 0, 0);
	}
	check("shmctl: IPC_RMID", mm_shmctl(mm0c_server(), id, MM0_IPC_RMID, &stat) == 0, 0);
}

static volatile uint32_t *together;
static volatile uint32_t done;

/* Every thread writes the same fresh page at once: one fault each, one page. */
static int thread_body(void *arg)
{
	uint32_t index = (uint32_t)arg;

	together[index * 8] = 0x7ead0000u + index;
	together[index * 8 + 1] = (uint32_t)mm_gettid(mm0c_server());
	__atomic_add_fetch(&done, 1, __ATOMIC_SEQ_CST);
	return 0;
}

static void test_threads(void)
{
	int page = mm_mmap(mm0c_server(), 0, PAGE, RW, MM0_MAP_PRIVATE | MM0_MAP_ANONYMOUS, -1, 0);
	int stacks = mm_mmap(mm0c_server(), 0, THREADS * STACK_SIZE, RW,
			     MM0_MAP_PRIVATE | MM0_MAP_ANONYMOUS, -1, 0);
	int tids[THREADS];
	bool started = true, distinct = true, written = true;

	if (!check("mmap: a page and stacks for threads", page > 0 && stacks > 0, page))
		return;
	together = (uint32_t *)page;
	done = 0;
	for (uint32_t i = 0; i < THREADS; i++) {
		tids[i] = mm0c_thread_start(thread_body, (void *)i,
					    (uint8_t *)stacks + i * STACK_SIZE, STACK_SIZE);
		started = started && tids[i] > 0;
	}
	check("clone: threads started in this space", started, tids[0]);
	for (int spins = 0; started && done < THREADS && spins < 100000; spins++)
		l4_yield();
	for (uint32_t i = 0; i < THREADS; i++) {
		written = written && together[i * 8] == 0x7ead0000u + i;
		distinct = distinct && together[i * 8 + 1] == (uint32_t)tids[i];
	}
	check("clone: threads faulting one page together all see their writes",
	      done == THREADS && written, (long)done);
	check("clone: each thread has its own thread id", distinct, 0);
	for (int spins = 0; spins < 20; spins++)
		l4_yield();	/* let the threads finish exiting */
	mm_munmap(mm0c_server(), page, PAGE);
	mm_munmap(mm0c_server(), stacks, THREADS * STACK_SIZE);
}

void test_shared(void)
{
	test_shared_anon();
	test_sysv_shm();
	test_threads();
}
