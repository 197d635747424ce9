/* memlimit.c - init under mm0 with fs0: a process can only hurt itself. Each
 * round a grower takes heap (malloc) and mappings (mmap) until mm0 says
 * ENOMEM, and holds them while bystanders fork, map, write memory and write
 * files; every bystander must finish normally, the grower must get ENOMEM
 * (never a signal), and mm0's and the kernel's counts must come back after
 * the round. Exits with the number of failed checks. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <l4/ipc.h>
#include <l4/syscalls.h>
#include "mm0.h"
#include "tap.h"
#include "warm_image.h"

#define ROUNDS		100
#define BYSTANDERS	3
#define PAGE		4096u
#define HEAP_STEP	(256u * 1024u)
#define MAP_STEP	(64u * 1024u)
/* Every TOUCH_EVERY-th round the grower writes every page it got; the others
 * write one page per step, which keeps the suite short. */
#define TOUCH_EVERY	10
#define BYSTANDER_MAP	(256u * 1024u)

/* The grower's exit codes: 0 ENOMEM at both; else what went wrong. */
enum { GROWER_OK, GROWER_MALLOC_ERRNO, GROWER_MMAP_ERRNO, GROWER_PIPE, GROWER_TOO_LITTLE };

static void touch(uint8_t *at, size_t len, int every_page)
{
	for (size_t off = 0; off < len; off += every_page ? PAGE : len)
		at[off] = (uint8_t)(off >> 12);
}

/* Grows until ENOMEM, says so on ready, holds everything until release closes. */
static int grower(int ready, int release, int every_page)
{
	size_t got = 0;
	uint8_t *block;
	char byte = 'R';

	errno = 0;
	while ((block = malloc(HEAP_STEP)) != NULL) {
		touch(block, HEAP_STEP, every_page);
		got += HEAP_STEP;
	}
	if (errno != ENOMEM)
		return GROWER_MALLOC_ERRNO;
	for (;;) {
		block = mmap(NULL, MAP_STEP, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (block == MAP_FAILED)
			break;
		touch(block, MAP_STEP, every_page);
		got += MAP_STEP;
	}
	if (errno != ENOMEM)
		return GROWER_MMAP_ERRNO;
	if (write(ready, &byte, 1) != 1 || read(release, &byte, 1) != 0)
		return GROWER_PIPE;
	/* The commit leaves the others 1/8 of it: the grower got most of the rest. */
	return got >= 32u * 1024u * 1024u ? GROWER_OK : GROWER_TOO_LITTLE;
}

static int grandchild(void)
{
	uint8_t *block = mmap(NULL, MAP_STEP, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
			      -1, 0);

	if (block == MAP_FAILED)
		return 1;
	touch(block, MAP_STEP, 1);
	return 7;
}

/* Forks, maps and writes, writes a file and reads it back: 0 when all worked. */
static int bystander(int number)
{
	char path[32], text[32], back[32];
	int status, fd, length;
	pid_t pid = fork();
	uint8_t *block;

	if (pid == 0)
		_exit(grandchild());
	if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
	    WEXITSTATUS(status) != 7)
		return 1;
	block = mmap(NULL, BYSTANDER_MAP, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (block == MAP_FAILED)
		return 2;
	touch(block, BYSTANDER_MAP, 1);
	if (munmap(block, BYSTANDER_MAP))
		return 3;
	block = malloc(64u * 1024u);
	if (!block)
		return 4;
	memset(block, number, 64u * 1024u);
	free(block);
	snprintf(path, sizeof(path), "/ml/bystander%d", number);
	length = snprintf(text, sizeof(text), "bystander %d\n", number);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0 || write(fd, text, (size_t)length) != length || lseek(fd, 0, SEEK_SET) != 0 ||
	    read(fd, back, sizeof(back)) != length || memcmp(text, back, (size_t)length) != 0 ||
	    close(fd) || unlink(path))
		return 5;
	return 0;
}

struct round_result {
	int grower_status;
	int bystander_status[BYSTANDERS];
};

static int spawn_grower(int every_page, int *release_out)
{
	int ready[2], release[2];
	pid_t pid;
	char byte;

	if (pipe(ready) || pipe(release))
		return -1;
	pid = fork();
	if (pid == 0) {
		close(ready[0]);
		close(release[1]);
		_exit(grower(ready[1], release[0], every_page));
	}
	close(ready[1]);
	close(release[0]);
	/* Bystanders start once the grower holds all it could get. */
	if (pid < 0 || read(ready[0], &byte, 1) != 1) {
		close(ready[0]);
		close(release[1]);
		return pid < 0 ? -1 : pid;
	}
	close(ready[0]);
	*release_out = release[1];
	return pid;
}

static void round_run(int round, struct round_result *result)
{
	pid_t bystanders[BYSTANDERS];
	int release = -1;
	pid_t grower_pid = spawn_grower(round % TOUCH_EVERY == 0, &release);

	for (int i = 0; i < BYSTANDERS; i++) {
		bystanders[i] = fork();
		if (bystanders[i] == 0)
			_exit(bystander(i));
	}
	for (int i = 0; i < BYSTANDERS; i++)
		if (bystanders[i] < 0 || waitpid(bystanders[i], &result->bystander_status[i], 0) < 0)
			result->bystander_status[i] = -1;
	if (release >= 0)
		close(release);
	if (grower_pid < 0 || waitpid(grower_pid, &result->grower_status, 0) < 0)
		result->grower_status = -1;
}

struct counts {
	struct mm_counts mm0;
	struct l4_kstats kernel;
	uint32_t committed;
};

static struct counts counts_now(void)
{
	struct counts now;
	uint32_t limit, own;

	memset(&now, 0, sizeof(now));
	mm_stats(l4_utcb()->pager, &now.mm0);
	l4_kstats(&now.kernel);
	mm_commit(l4_utcb()->pager, &limit, &now.committed, &own);
	return now;
}

static bool counts_equal(const struct counts *a, const struct counts *b)
{
	return a->mm0.free_pages == b->mm0.free_pages && a->mm0.live_objects == b->mm0.live_objects &&
	       a->mm0.live_areas == b->mm0.live_areas && a->mm0.live_tasks == b->mm0.live_tasks &&
	       a->mm0.live_allocs == b->mm0.live_allocs &&
	       a->kernel.free_kernel_pages == b->kernel.free_kernel_pages &&
	       a->kernel.threads == b->kernel.threads && a->kernel.spaces == b->kernel.spaces &&
	       a->kernel.page_tables == b->kernel.page_tables && a->committed == b->committed;
}

int main(void)
{
	struct round_result result;
	struct counts before, after;
	int bystanders_failed = 0, growers_failed = 0, counts_failed = 0;
	int first_bad_grower = 0, first_bad_bystander = 0, first_bad_counts = -1;

	printf("memlimit: %d rounds of a grower at ENOMEM beside %d bystanders\n", ROUNDS,
	       BYSTANDERS);
	check("a directory for the bystanders' files", mkdir("/ml", 0755) == 0, errno);
	/* One round first, so that init's own heap, stack and buffers have grown
	 * to what the rounds need before the counts are taken. */
	round_run(0, &result);
	warm_program_image();
	before = counts_now();
	for (int round = 1; round <= ROUNDS; round++) {
		round_run(round, &result);
		if (result.grower_status != 0) {
			if (!growers_failed++)
				first_bad_grower = result.grower_status;
		}
		for (int i = 0; i < BYSTANDERS; i++)
			if (result.bystander_status[i] != 0 && !bystanders_failed++)
				first_bad_bystander = result.bystander_status[i];
		after = counts_now();
		if (!counts_equal(&before, &after) && !counts_failed++)
			first_bad_counts = round;
	}
	check_report(growers_failed == 0, "every round the grower got ENOMEM, not a signal, after "
		     "taking at least 32 MiB", "%d rounds failed, the first with wait status %#x",
		     growers_failed, (unsigned)first_bad_grower);
	check_report(bystanders_failed == 0, "every bystander forked, mapped, wrote and exited 0",
		     "%d failed, the first with wait status %#x", bystanders_failed,
		     (unsigned)first_bad_bystander);
	check_report(counts_failed == 0, "mm0's pages, records and commit and the kernel's counts "
		     "came back after every round", "%d rounds differed, the first round %d: free "
		     "pages %lu/%lu areas %lu/%lu allocs %lu/%lu kernel pages %lu/%lu commit %lu/%lu",
		     counts_failed, first_bad_counts, (unsigned long)after.mm0.free_pages,
		     (unsigned long)before.mm0.free_pages, (unsigned long)after.mm0.live_areas,
		     (unsigned long)before.mm0.live_areas, (unsigned long)after.mm0.live_allocs,
		     (unsigned long)before.mm0.live_allocs,
		     (unsigned long)after.kernel.free_kernel_pages,
		     (unsigned long)before.kernel.free_kernel_pages, (unsigned long)after.committed,
		     (unsigned long)before.committed);
	rmdir("/ml");
	return tap_summary("memlimit");
}
