/* t_memory.c - page faults and exceptions as IPC to a user pager, map,
 * partial unmap, write-protect then fault, and a fault with no pager. */
#include "ktest.h"

#define FAULT_VA	0x20000000u
#define UNMAP_VA	0x21000000u
#define PROTECT_VA	0x22000000u

static void toucher(uint32_t address)
{
	volatile uint32_t *p = (volatile uint32_t *)address;
	*p = 0x5eed;
	report(5, *p, 0, 0, 0);
	block_forever();
}

static void undef_thread(uint32_t arg)
{
	(void)arg;
	asm volatile(".word 0xe7f000f0");	/* permanently undefined (udf #0) */
	report(6, 0x600d, 0, 0, 0);
	block_forever();
}

static void bkpt_thread(uint32_t arg)
{
	(void)arg;
	asm volatile("bkpt #7");
	report(6, 0xb007, 0, 0, 0);
	block_forever();
}

static void test_breakpoint(void)
{
	uint32_t *mr = l4_utcb()->mr, w[5];
	l4_tid_t t = spawn(bkpt_thread, 0, 100, root_tid);
	int r = l4_receive(t, WAIT, 0);
	check_true("exception: bkpt arrives as BREAKPOINT", r == 0 &&
		   L4_TAG_LABEL(mr[0]) == L4_LABEL_EXCEPTION && mr[1] == L4_EXC_BREAKPOINT &&
		   mr[3] == 0xe1200077u, mr[1]);
	l4_exchange_registers(t, L4_EXREG_SET_PC, mr[2] + 4, 0);
	mr[0] = 0;
	l4_send(t, L4_TIMEOUTS(0, 0));
	r = wait_report(t, w);
	check_true("exception: resumed after bkpt", r == 0 && w[1] == 0xb007, w[1]);
	l4_thread_destroy(t);
}

static void test_page_fault(void)
{
	uint32_t *mr = l4_utcb()->mr, w[5];
	l4_tid_t t = spawn(toucher, FAULT_VA + 0x10, 100, root_tid);
	l4_tid_t from = 0;
	int r = l4_receive(t, WAIT, &from);
	check_eq("fault: pager receives a message", r, 0);
	check_eq("fault: label is PAGEFAULT", (int32_t)L4_TAG_LABEL(mr[0]), (int32_t)L4_LABEL_PAGEFAULT);
	check_eq("fault: four words", (int32_t)L4_TAG_WORDS(mr[0]), L4_FAULT_WORDS);
	check_eq("fault: address", (int32_t)mr[1], (int32_t)(FAULT_VA + 0x10));
	check_eq("fault: access is a write", (int32_t)mr[2], L4_PERM_WRITE);
	check_true("fault: pc inside the image", mr[3] >= 0x10000 && mr[3] < 0x100000, mr[3]);
	check_eq("fault: stamped with the faulting thread", (int32_t)from, (int32_t)t);
	uint32_t page = phys_page();
	check_eq("map: one page for the fault", l4_map(root_tid, page, FAULT_VA, 4096,
		 L4_PERM_READ | L4_PERM_WRITE, 0), 0);
	mr[0] = 0;
	check_eq("fault: reply resumes the thread", l4_send(t, L4_TIMEOUTS(0, 0)), 0);
	r = wait_report(t, w);
	check_true("fault: thread completed its store", r == 0 && w[1] == 0x5eed, w[1]);
	l4_thread_destroy(t);
}

static void test_undefined(void)
{
	uint32_t *mr = l4_utcb()->mr, w[5];
	l4_tid_t t = spawn(undef_thread, 0, 100, root_tid);
	int r = l4_receive(t, WAIT, 0);
	check_eq("exception: pager receives a message", r, 0);
	check_eq("exception: label is EXCEPTION", (int32_t)L4_TAG_LABEL(mr[0]),
		 (int32_t)L4_LABEL_EXCEPTION);
	check_eq("exception: kind undefined", (int32_t)mr[1], L4_EXC_UNDEFINED);
	check_eq("exception: instruction word", (int32_t)mr[3], (int32_t)0xe7f000f0u);
	uint32_t pc = mr[2];
	check_eq("exception: skip the instruction", l4_exchange_registers(t, L4_EXREG_SET_PC,
		 pc + 4, 0), 0);
	check_eq("exception: old pc returned", (int32_t)mr[L4_EXREG_PC], (int32_t)pc);
	mr[0] = 0;
	l4_send(t, L4_TIMEOUTS(0, 0));
	r = wait_report(t, w);
	check_true("exception: thread resumed after the instruction", r == 0 && w[1] == 0x600d, w[1]);
	l4_thread_destroy(t);
}

static void test_unmap_protect(void)
{
	uint32_t done = 99, rw = L4_PERM_READ | L4_PERM_WRITE;
	uint32_t p0 = phys_page(), p1 = phys_page();
	l4_map(root_tid, p0, UNMAP_VA, 4096, rw, 0);
	l4_map(root_tid, p1, UNMAP_VA + 0x2000, 4096, rw, 0);
	check_eq("unmap: partly mapped range", l4_unmap(root_tid, UNMAP_VA, 0x3000, &done), -L4_EPARTIAL);
	check_eq("unmap: pages unmapped reported", (int32_t)done, 2);
	check_eq("unmap: nothing left", l4_unmap(root_tid, UNMAP_VA, 0x3000, &done), -L4_EPARTIAL);
	check_eq("unmap: zero pages reported", (int32_t)done, 0);
	l4_map(root_tid, p0, UNMAP_VA, 4096, rw, 0);
	check_eq("unmap: fully mapped range", l4_unmap(root_tid, UNMAP_VA, 0x1000, &done), 0);
	check_eq("map: three pages", l4_map(root_tid, p0, UNMAP_VA, 0x3000, rw, &done), 0);
	check_eq("map: three pages reported", (int32_t)done, 3);
	check_eq("unmap: a range over 2 GiB of empty blocks",
		 l4_unmap(root_tid, 0x30000000u, 0x40000000u, &done), -L4_EPARTIAL);
	l4_unmap(root_tid, UNMAP_VA, 0x3000, 0);

	volatile uint32_t *data = (volatile uint32_t *)PROTECT_VA;
	uint32_t *mr = l4_utcb()->mr, w[5];
	l4_map(root_tid, p1, PROTECT_VA, 4096, rw, 0);
	*data = 1;
	check_eq("protect: make read-only", l4_protect(root_tid, PROTECT_VA, 0x2000, L4_PERM_READ, &done),
		 -L4_EPARTIAL);
	check_eq("protect: one page changed", (int32_t)done, 1);
	check_eq("protect: still readable", (int32_t)*data, 1);
	l4_tid_t t = spawn(toucher, PROTECT_VA, 100, root_tid);
	int r = l4_receive(t, WAIT, 0);
	check_true("protect: write to read-only page faults", r == 0 &&
		   L4_TAG_LABEL(mr[0]) == L4_LABEL_PAGEFAULT && mr[1] == PROTECT_VA &&
		   mr[2] == L4_PERM_WRITE, mr[1]);
	check_eq("protect: writable again", l4_protect(root_tid, PROTECT_VA, 0x1000, rw, &done), 0);
	mr[0] = 0;
	l4_send(t, L4_TIMEOUTS(0, 0));
	r = wait_report(t, w);
	check_true("protect: faulting write then completes", r == 0 && w[1] == 0x5eed && *data == 0x5eed,
		   w[1]);
	l4_thread_destroy(t);
}

static void test_no_pager(void)
{
	l4_tid_t t = spawn(toucher, FAULT_VA + 0x100000, 100, L4_NILTHREAD);
	sleep_ms(2);
	check_eq("fault: thread without pager is destroyed", l4_thread_resume(t), -L4_ENOTHREAD);
}

void test_memory(void)
{
	test_page_fault();
	test_undefined();
	test_breakpoint();
	test_unmap_protect();
	test_no_pager();
}
