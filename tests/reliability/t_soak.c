/* t_soak.c - long runs that must lose nothing: fork/exit with an open file,
 * random mmap/munmap against a page-granular model, shm create/attach/
 * remove, and open/write/close/unlink; mm0's counts and the kernel's
 * objects must come back to their starting values after each. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "reliab.h"

#define FORKS		2000
#define MODEL_BASE	0x30000000u
#define MODEL_PAGES	48u
#define MODEL_STEPS	600
#define SHM_ROUNDS	300
#define FILE_ROUNDS	300
#define PAGE		4096u

static int child_with_file(uint32_t round)
{
	int fd = open("/soak-child", O_RDWR | O_CREAT, 0644);
	if (fd < 0)
		return 1;
	return (int)(round & 0x3f);
}

static void soak_fork(void)
{
	/* One round first (child, check, unlink), so the parent's own stack,
	 * heap and fs0 buffer pages have grown to what the loop needs. */
	check("soak: a first child with an open file", run_child(child_with_file, 0) == 0, 0);
	check("soak: its file removed", unlink("/soak-child") == 0, errno);
	struct snapshot before = snapshot_now();
	int bad = 0;
	for (uint32_t round = 0; round < FORKS && !bad; round++) {
		int status = run_child(child_with_file, round);
		if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != (int)(round & 0x3f))
			bad = (int)round + 1;
	}
	check("soak: 2000 fork/exit/wait cycles, each child leaving a file open", !bad, bad);
	check("soak: the children's file removed", unlink("/soak-child") == 0, errno);
	snapshot_same("soak: fork/exit gave everything back", &before);
}

static volatile uint8_t *model_page(uint32_t page)
{
	return (volatile uint8_t *)(MODEL_BASE + page * PAGE);
}

/* Touching a page the model calls unmapped must kill a probe child. */
static int probe_page(uint32_t page)
{
	return *model_page(page);
}

/* Random fixed maps and unmaps over MODEL_PAGES pages; tag[p] is what page
 * p holds (0: unmapped). Fresh pages must read zero; mapped ones keep their
 * tag; unmapped ones must fault. */
static void soak_mmap(void)
{
	uint8_t tag[MODEL_PAGES] = { 0 };
	uint32_t seed = 0x9e3779b9u, bad_step = 0, probes = 0, probes_ok = 0;
	uint8_t next_tag = 1;
	/* The kernel keeps a page table for the range once it was used. */
	void *first = (void *)(uintptr_t)MODEL_BASE;
	*(volatile uint8_t *)mmap(first, PAGE, PROT_READ | PROT_WRITE,
				  MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) = 1;
	munmap(first, PAGE);
	run_child(probe_page, 0);
	struct snapshot before = snapshot_now();
	for (uint32_t step = 0; step < MODEL_STEPS && !bad_step; step++) {
		uint32_t first = next_random(&seed) % MODEL_PAGES;
		uint32_t count = 1 + next_random(&seed) % 6;
		if (first + count > MODEL_PAGES)
			count = MODEL_PAGES - first;
		void *at = (void *)(uintptr_t)(MODEL_BASE + first * PAGE);
		if (next_random(&seed) % 3) {
			if (mmap(at, count * PAGE, PROT_READ | PROT_WRITE,
				 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != at)
				bad_step = step + 1;
			for (uint32_t p = first; p < first + count && !bad_step; p++) {
				if (model_page(p)[0] != 0 || model_page(p)[PAGE - 1] != 0)
					bad_step = step + 1;
				tag[p] = next_tag;
				model_page(p)[0] = model_page(p)[PAGE - 1] = next_tag;
			}
			next_tag = next_tag == 255 ? 1 : next_tag + 1;
		} else {
			if (munmap(at, count * PAGE) != 0)
				bad_step = step + 1;
			memset(&tag[first], 0, count);
		}
		for (uint32_t p = 0; p < MODEL_PAGES && !bad_step; p++)
			if (tag[p] && (model_page(p)[0] != tag[p] || model_page(p)[PAGE - 1] != tag[p]))
				bad_step = step + 1;
		if (step % 40 == 0) {
			uint32_t p = next_random(&seed) % MODEL_PAGES;
			if (!tag[p]) {
				int status = run_child(probe_page, p);
				probes++;
				probes_ok += status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV;
			}
		}
	}
	check("soak: 600 random mmap/munmap steps agree with the page model", !bad_step, bad_step);
	check("soak: every probe of an unmapped page faulted", probes_ok == probes, probes);
	check("soak: the model's range unmapped", munmap((void *)(uintptr_t)MODEL_BASE,
						       MODEL_PAGES * PAGE) == 0, errno);
	snapshot_same("soak: mmap/munmap gave everything back", &before);
}

static void soak_shm(void)
{
	struct snapshot before = snapshot_now();
	int bad = 0;
	for (int round = 0; round < SHM_ROUNDS && !bad; round++) {
		int id = shmget(IPC_PRIVATE, 2 * PAGE, IPC_CREAT | 0600);
		volatile uint32_t *seg = id < 0 ? (void *)-1 : shmat(id, NULL, 0);
		if (seg == (void *)-1) {
			bad = round + 1;
			break;
		}
		seg[0] = (uint32_t)round;
		seg[PAGE / 4] = (uint32_t)round;
		if (shmdt((void *)seg) != 0 || shmctl(id, IPC_RMID, NULL) != 0)
			bad = round + 1;
	}
	check("soak: 300 shm create/attach/write/detach/remove cycles", !bad, bad);
	snapshot_same("soak: shm gave everything back", &before);
}

static void soak_files(void)
{
	char text[64], back[64];
	struct stat st;
	struct snapshot before = snapshot_now();
	int bad = 0;
	for (int round = 0; round < FILE_ROUNDS && !bad; round++) {
		int len = snprintf(text, sizeof(text), "round %d of the file soak", round);
		int fd = open("/soak-file", O_RDWR | O_CREAT | O_TRUNC, 0644);
		if (fd < 0 || write(fd, text, (size_t)len) != len || close(fd) != 0)
			bad = round + 1;
		fd = open("/soak-file", O_RDONLY);
		if (fd < 0 || read(fd, back, sizeof(back)) != len || memcmp(text, back, (size_t)len) ||
		    close(fd) != 0 || unlink("/soak-file") != 0)
			bad = round + 1;
	}
	check("soak: 300 open/write/close/read/unlink cycles", !bad, bad);
	check("soak: the file is gone", stat("/soak-file", &st) == -1 && errno == ENOENT, errno);
	snapshot_same("soak: files gave everything back", &before);
}

void family_soak(void)
{
	soak_fork();
	soak_mmap();
	soak_shm();
	soak_files();
}
