/* t_bench.c - instruction counts (cycle counter under -icount shift=0) of a
 * null system call and a register-only IPC round trip between two spaces. */
#include "ktest.h"

#define ROUNDS 1000u

/* Shared with the server in the other space (the image pages are shared). */
static volatile uint32_t server_stamp;

static void echo_loop(uint32_t arg)
{
	(void)arg;
	l4_tid_t from;
	int r = l4_receive(L4_ANYTHREAD, L4_TIMEOUTS_NEVER, &from);
	for (;;) {
		r = r ? l4_receive(L4_ANYTHREAD, L4_TIMEOUTS_NEVER, &from) : l4_reply_wait(from, &from);
		server_stamp = l4_cycles();
	}
}

static void print_count(const char *what, uint32_t count)
{
	out("bench: ");
	out(what);
	out(": ");
	out_dec(count);
	out(" instructions\n");
}

#define PAGES		64u
#define FAULT_BASE	0x70000000u
#define MAP_BASE	0x71000000u
#define LABEL_FAULTS	13u

/* Touches `pages` unmapped pages; reports the instructions they took. */
static void fault_toucher(uint32_t pages)
{
	uint32_t total = 0;
	for (uint32_t i = 0; i < pages; i++) {
		uint32_t start = l4_cycles();
		*(volatile uint32_t *)(FAULT_BASE + i * L4_PAGE_SIZE) = i;
		total += l4_cycles() - start;
	}
	report(LABEL_FAULTS, total, 0, 0, 0);
	block_forever();
}

static void bench_memory(void)
{
	uint32_t page = phys_page(), rw = L4_PERM_READ | L4_PERM_WRITE, done = 0;
	uint32_t c0 = l4_cycles();
	for (uint32_t i = 0; i < PAGES; i++)
		l4_map(root_tid, page, MAP_BASE + i * L4_PAGE_SIZE, L4_PAGE_SIZE, L4_PERM_READ, 0);
	print_count("map one page", (l4_cycles() - c0) / PAGES);
	c0 = l4_cycles();
	int r = l4_unmap(root_tid, MAP_BASE, PAGES * L4_PAGE_SIZE, &done);
	print_count("unmap, per page of a 64-page range", (l4_cycles() - c0) / PAGES);
	check_true("bench: unmapped all 64 pages", r == 0 && done == PAGES, done);

	uint32_t *mr = l4_utcb()->mr, faults = 0;
	l4_tid_t t = spawn(fault_toucher, PAGES, 100, root_tid);
	r = l4_receive(t, WAIT, 0);
	while (r == 0 && L4_TAG_LABEL(mr[0]) == L4_LABEL_PAGEFAULT) {
		faults++;
		l4_map(root_tid, phys_page(), mr[1] & ~(L4_PAGE_SIZE - 1), L4_PAGE_SIZE, rw, 0);
		mr[0] = 0;
		r = l4_ipc(t, t, L4_TIMEOUTS(L4_TIMEOUT_ZERO, WAIT_MS), 0);
	}
	check_true("bench: every touched page faulted once", r == 0 && faults == PAGES &&
		   L4_TAG_LABEL(mr[0]) == LABEL_FAULTS, faults);
	print_count("page fault to a user pager, map, reply, resume", mr[1] / PAGES);
	l4_thread_destroy(t);
	l4_unmap(root_tid, FAULT_BASE, PAGES * L4_PAGE_SIZE, 0);
}

void test_benchmarks(void)
{
	uint32_t c0 = l4_cycles();
	for (uint32_t i = 0; i < ROUNDS; i++)
		l4_null();
	uint32_t null_cost = (l4_cycles() - c0) / ROUNDS;
	print_count("null system call", null_cost);
	check_true("bench: null system call under 60 instructions", null_cost < 60, null_cost);

	l4_tid_t server = spawn_in_new_space(echo_loop, 0, root_tid);
	uint32_t *mr = l4_utcb()->mr;
	mr[0] = L4_TAG(1, 2);
	int r = l4_call(server);
	check_eq("bench: first call to the other space", r, 0);
	int errors = 0;
	c0 = l4_cycles();
	for (uint32_t i = 0; i < ROUNDS; i++) {
		mr[0] = L4_TAG(1, 2);
		errors += l4_call(server) != 0;
	}
	uint32_t ipc_cost = (l4_cycles() - c0) / ROUNDS;
	print_count("ipc round trip, two spaces, 2 words", ipc_cost);
	check_eq("bench: every call succeeded", errors, 0);
	check_true("bench: ipc round trip under 1000 instructions", ipc_cost < 1000, ipc_cost);

	uint32_t call_total = 0, reply_total = 0;
	for (uint32_t i = 0; i < ROUNDS; i++) {
		mr[0] = L4_TAG(1, 2);
		uint32_t start = l4_cycles();
		l4_call(server);
		uint32_t end = l4_cycles();
		call_total += server_stamp - start;
		reply_total += end - server_stamp;
	}
	print_count("ipc call one way, user to user", call_total / ROUNDS);
	print_count("ipc reply-and-wait one way, user to user", reply_total / ROUNDS);
	l4_thread_destroy(server);
	bench_memory();
}
