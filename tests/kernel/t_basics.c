/* t_basics.c - null and unknown system calls, kdebug, the KIP and UTCB,
 * argument validation, and kernel statistics over a create/destroy cycle. */
#include "ktest.h"

static int raw_syscall(uint32_t number)
{
	return l4_syscall(number, 0, 0, 0, 0, 0, 0);
}

static void test_kip(void)
{
	const struct l4_kip *kip = l4_kip();
	check_eq("kip: magic", (int32_t)kip->magic, (int32_t)L4_KIP_MAGIC);
	check_eq("kip: api version", (int32_t)kip->api_version, L4_API_VERSION);
	check_eq("kip: root tid is mine", (int32_t)kip->root_tid, (int32_t)root_tid);
	check_eq("kip: timer 62.5 MHz", (int32_t)kip->timer_hz, 62500000);
	check_eq("kip: utcb area", (int32_t)kip->utcb_area, (int32_t)L4_UTCB_AREA);
	const struct l4_kip_module *m = l4_kip_module("ktest");
	check_true("kip: root module named ktest", m && m->size > 0, 0);
	check_true("kip: unknown module absent", l4_kip_module("nosuch") == 0, 0);
	uint32_t conventional = 0;
	for (uint32_t i = 0; i < kip->num_mem; i++)
		if (kip->mem[i].type == L4_MEM_CONVENTIONAL)
			conventional += kip->mem[i].size;
	check_true("kip: conventional RAM listed", conventional >= 64u << 20, conventional);
	uint32_t tp;
	asm("mrc p15, 0, %0, c13, c0, 3" : "=r"(tp));
	check_eq("utcb: TPIDRURO is UTCB + 512", (int32_t)(tp - L4_UTCB_SIZE),
		 (int32_t)(uint32_t)l4_utcb());
	check_eq("utcb: my_tid", (int32_t)l4_utcb()->my_tid, (int32_t)kip->root_tid);
}

static void test_user_timer(void)
{
	uint64_t first = l4_timer_count();
	for (volatile int spin = 0; spin < 10000; spin++)
		;
	uint64_t second = l4_timer_count();
	check_true("timer: virtual count readable from user mode and advancing", second > first,
		   (uint32_t)(second - first));
}

static void test_kdebug(void)
{
	check_eq("kdebug: puts", l4_kdebug_puts("kdebug: hello\n", 14), 0);
	check_eq("kdebug: puts unmapped pointer", l4_kdebug_puts((const char *)0x100, 4), -L4_EFAULT);
	check_eq("kdebug: puts kernel pointer", l4_kdebug_puts((const char *)0xc0100000u, 4),
		 -L4_EINVAL);
	check_eq("kdebug: puts too long", l4_kdebug_puts("x", 100000), -L4_EINVAL);
	check_eq("kdebug: puts from unmapped high address", l4_kdebug_puts((const char *)0x7fefff00u, 0x200),
		 -L4_EFAULT);
	check_eq("kdebug: bad op", l4_syscall(L4_SYS_KDEBUG, 9, 0, 0, 0, 0, 0), -L4_EINVAL);
}

static void test_bad_arguments(void)
{
	uint32_t page = phys_page(), done = 0;
	uint32_t rw = L4_PERM_READ | L4_PERM_WRITE;
	check_eq("map: unaligned virt", l4_map(root_tid, page, 0x20000010u, 4096, rw, 0), -L4_EINVAL);
	check_eq("map: unaligned phys", l4_map(root_tid, page + 4, 0x20000000u, 4096, rw, 0), -L4_EINVAL);
	check_eq("map: zero size", l4_map(root_tid, page, 0x20000000u, 0, rw, 0), -L4_EINVAL);
	check_eq("map: no permissions", l4_map(root_tid, page, 0x20000000u, 4096, 0, 0), -L4_EINVAL);
	check_eq("map: unknown permission bit", l4_map(root_tid, page, 0x20000000u, 4096, 0x100, 0),
		 -L4_EINVAL);
	check_eq("map: into the UTCB area", l4_map(root_tid, page, L4_UTCB_AREA, 4096, rw, 0), -L4_EINVAL);
	check_eq("map: onto the KIP", l4_map(root_tid, page, L4_KIP_ADDR, 4096, rw, 0), -L4_EINVAL);
	check_eq("map: kernel address", l4_map(root_tid, page, 0xc0000000u, 4096, rw, 0), -L4_EINVAL);
	check_eq("map: range wraps", l4_map(root_tid, page, 0x7fe00000u, 0xfffff000u, rw, 0), -L4_EINVAL);
	check_eq("map: kernel memory not owned", l4_map(root_tid, 0x40100000u, 0x20000000u, 4096, rw, 0),
		 -L4_EPERM);
	check_eq("map: GIC not owned", l4_map(root_tid, 0x08000000u, 0x20000000u, 4096, rw, &done),
		 -L4_EPERM);
	check_eq("map: no such space", l4_map(0x12345, page, 0x20000000u, 4096, rw, 0), -L4_ENOTHREAD);
	check_eq("unmap: unaligned", l4_unmap(root_tid, 0x20000004u, 4096, 0), -L4_EINVAL);
	check_eq("protect: no permissions", l4_protect(root_tid, 0x20000000u, 4096, 0, 0), -L4_EINVAL);
	check_eq("thread_control: bad op", l4_syscall(L4_SYS_THREAD_CONTROL, 77, root_tid, 0, 0, 0, 0),
		 -L4_EINVAL);
	l4_tid_t tid;
	check_eq("thread_control: priority 300", l4_thread_create(root_tid, 0, 300, &tid), -L4_EINVAL);
	check_eq("thread_control: unknown pager", l4_thread_create(root_tid, 0x4444, 10, &tid),
		 -L4_ENOTHREAD);
	check_eq("thread_control: destroy nil", l4_thread_destroy(L4_NILTHREAD), -L4_ENOTHREAD);
	check_eq("schedule: no such thread", l4_schedule(0x7777, 10, 0), -L4_ENOTHREAD);
	check_eq("schedule: priority 256", l4_schedule(root_tid, 256, 0), -L4_EINVAL);
	check_eq("space_control: bad op", l4_space_control(42, root_tid, 0, 0), -L4_EINVAL);
	check_eq("space_control: grant unowned", l4_space_control(L4_SC_GRANT_PHYS, root_tid,
		 0x40000000u, 4096), -L4_EPERM);
	check_eq("space_control: grant unaligned", l4_space_control(L4_SC_GRANT_PHYS, root_tid,
		 page + 1, 4096), -L4_EINVAL);
	check_eq("exregs: no such thread", l4_exchange_registers(0x5555, 0, 0, 0), -L4_ENOTHREAD);
	check_eq("exregs: unknown flag", l4_exchange_registers(root_tid, 1u << 20, 0, 0), -L4_EINVAL);
	check_eq("ipc: to a thread that does not exist", l4_send(0x9999, L4_TIMEOUTS_NEVER),
		 -L4_ENOTHREAD);
	check_eq("ipc: to myself", l4_send(root_tid, L4_TIMEOUTS_NEVER), -L4_EINVAL);
	check_eq("ipc: from_spec checked before the send", l4_ipc(root_tid, 0x9999,
		 L4_TIMEOUTS_NEVER, 0), -L4_ENOTHREAD);
	check_eq("ipc: receive from nonexistent", l4_receive(0x9999, L4_TIMEOUTS_NEVER, 0),
		 -L4_ENOTHREAD);
}

static void idle_thread(uint32_t arg)
{
	(void)arg;
	block_forever();
}

static bool stats_equal(const struct l4_kstats *a, const struct l4_kstats *b)
{
	return a->free_kernel_pages == b->free_kernel_pages && a->threads == b->threads &&
	       a->spaces == b->spaces && a->page_tables == b->page_tables;
}

static void test_stats(void)
{
	struct l4_kstats before, during, after;
	check_eq("stats: read", l4_kstats(&before), 0);
	l4_tid_t a = spawn_in_new_space(idle_thread, 0, root_tid);
	l4_tid_t b;
	int r = l4_thread_create(a, root_tid, 50, &b);
	l4_map(a, phys_page(), 0x30000000u, 4096, L4_PERM_READ, 0);
	l4_kstats(&during);
	check_true("stats: a space and two threads counted",
		   a && !r && during.spaces == before.spaces + 1 && during.threads == before.threads + 2 &&
		   during.free_kernel_pages < before.free_kernel_pages, during.threads);
	l4_thread_destroy(b);
	l4_thread_destroy(a);
	l4_kstats(&after);
	check_true("stats: back to start values after destroy", stats_equal(&before, &after),
		   before.free_kernel_pages - after.free_kernel_pages);
}

void test_basics(void)
{
	check_eq("syscall: null returns 0", l4_null(), 0);
	check_eq("syscall: unknown number", raw_syscall(99), -L4_ENOSYS);
	check_eq("syscall: L4_SYS_COUNT is unknown", raw_syscall(L4_SYS_COUNT), -L4_ENOSYS);
	check_eq("syscall: yield", l4_yield(), 0);
	check_eq("schedule: own priority", l4_schedule(root_tid, 100, 10), 0);
	test_kip();
	test_user_timer();
	test_kdebug();
	test_bad_arguments();
	test_stats();
}
