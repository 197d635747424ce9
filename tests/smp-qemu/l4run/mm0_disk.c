/* mm0_disk.c - mm0's workers with a disk (mm0disk.test, run with
 * tools/l4run --cpus 4 --disk on an ext2 image holding /pages, PAGES pages,
 * page p all the byte PAGE_BYTE[p]): four processes pinned to processors
 * 0-3 each map /pages and read every page several times, so that file
 * faults from every processor go through mm0's workers and its pager
 * thread to fs0 and the disk at once, then call getpid, fork and wait;
 * each is paged by mm0's worker on its processor, not by processor 0's.
 * Prints the failures. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include <l4/ipc.h>

#include "four_processes.h"

#define PAGES		64
#define PAGE_BYTES	4096
#define ROUNDS		4
#define GETPIDS		500
#define FORKS		5

static const char PAGE_BYTE[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/* The parent's pager on processor 0, once it has asked mm0 something there. */
static l4_tid_t pager_of_processor0;

/* 1 when every page read back as the test made it, starting at a
 * page of the processor's own so that the four fault different pages first. */
static int map_and_read(int processor)
{
	for (int round = 0; round < ROUNDS; round++) {
		int fd = open("/pages", O_RDONLY);
		const char *bytes;

		if (fd < 0)
			return 0;
		bytes = mmap(NULL, PAGES * PAGE_BYTES, PROT_READ, MAP_PRIVATE, fd, 0);
		close(fd);
		if (bytes == MAP_FAILED)
			return 0;
		for (int i = 0; i < PAGES; i++) {
			uint32_t page = (uint32_t)(i + processor * PAGES / PROCESSES) % PAGES;

			for (uint32_t at = 0; at < PAGE_BYTES; at += 97)
				if (bytes[page * PAGE_BYTES + at] != PAGE_BYTE[page])
					return 0;
		}
		if (munmap((void *)bytes, PAGES * PAGE_BYTES))
			return 0;
	}
	return 1;
}

static int getpid_and_fork(void)
{
	pid_t self = getpid();

	for (int i = 0; i < GETPIDS; i++)
		if (getpid() != self)
			return 0;
	return fork_and_wait(FORKS, 0);
}

/* 1 when, after a request from its processor, the caller's pager is
 * processor 0's exactly when it runs there. */
static int paged_on_own_processor(int processor)
{
	(void)getpid();
	return (l4_utcb()->pager == pager_of_processor0) == (processor == 0);
}

/* A bit per part that failed. */
static int caller(int processor)
{
	if (!pin_to(processor))
		return 1;
	return !map_and_read(processor) << 1 | !getpid_and_fork() << 2 |
	       !paged_on_own_processor(processor) << 3;
}

int main(void)
{
	int all_ok;

	check("runs on four processors", sysconf(_SC_NPROCESSORS_ONLN) == PROCESSES);
	check("the parent stays on processor 0", pin_to(0));
	(void)getpid();
	pager_of_processor0 = l4_utcb()->pager;
	all_ok = on_each_processor(caller);
	check("four processes on four processors, each paged by mm0's worker there, fault a disk file's pages at once and read them right",
	      all_ok);
	printf("mm0_disk: %d failed\n", failures);
	return failures;
}
