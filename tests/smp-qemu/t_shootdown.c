/* t_shootdown.c - a thread on processor 1 reads a page in a loop while the
 * root on processor 0 unmaps it and then writes new contents through
 * another mapping of the same frame: once unmap has returned the reader
 * must fault (its pager, the root, hears of it) and never see the new value. */
#include "smptest.h"

#define ROUNDS		20u
#define WATCHED_VA	0x30000000u
#define ALIAS_VA	0x30100000u
#define OLD_VALUE	0x01d01d01u
#define NEW_VALUE	0x0e110e11u
#define MIN_READS	1000u

static volatile uint32_t reads, saw_new;

static void reader(uint32_t arg)
{
	(void)arg;
	for (;;) {
		if (*(volatile uint32_t *)WATCHED_VA == NEW_VALUE)
			saw_new++;
		reads++;
	}
}

void test_shootdown(void)
{
	uint32_t faulted = 0, rw = L4_PERM_READ | L4_PERM_WRITE;
	for (uint32_t round = 0; round < ROUNDS; round++) {
		uint32_t frame = phys_page();
		volatile uint32_t *alias = (volatile uint32_t *)ALIAS_VA;
		l4_map(root_tid, frame, WATCHED_VA, L4_PAGE_SIZE, rw, 0);
		l4_map(root_tid, frame, ALIAS_VA, L4_PAGE_SIZE, rw, 0);
		*alias = OLD_VALUE;
		reads = 0;
		l4_tid_t t = spawn_on(1, reader, 0, 100);
		while (reads < MIN_READS)
			;
		l4_unmap(root_tid, WATCHED_VA, L4_PAGE_SIZE, 0);
		*alias = NEW_VALUE;
		int r = l4_receive(t, WAIT, 0);
		if (r == 0 && L4_TAG_LABEL(l4_utcb()->mr[0]) == L4_LABEL_PAGEFAULT &&
		    l4_utcb()->mr[1] == WATCHED_VA)
			faulted++;
		l4_thread_destroy(t);
		l4_unmap(root_tid, ALIAS_VA, L4_PAGE_SIZE, 0);
	}
	check_eq("shootdown: the reader faulted after every unmap", (int32_t)faulted, ROUNDS);
	check_eq("shootdown: it never read the new contents", (int32_t)saw_new, 0);
}
