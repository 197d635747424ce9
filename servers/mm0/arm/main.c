/* mm0's start-up on the target: take RAM and modules from the KIP, start init, serve for ever. */
#include <l4/ipc.h>
#include <l4/kip.h>
#include <l4/syscalls.h>

#include "boot.h"
#include "fs/fs_link.h"
#include "fs/module_file.h"
#include "mem/page_wait.h"
#include "mm0_local.h"
#include "pager_thread.h"
#include "proc/signals.h"
#include "proc/spawn.h"
#include "proc/task.h"
#include "serve/serve.h"
#include "serve/services.h"
#include "serve/startup.h"
#include "signal_l4.h"
#include "workers.h"
#ifdef MM0_TRACE
#include "trace.h"
#endif

extern char __heap_start[];

static long init_pid;

/* The disk (if fs0 has one) is written back and marked clean first. */
static void power_off(int code)
{
	int err = fs0_send_power_off();

	if (err)
		console_printf("mm0: fs0 did not write everything back (error %d)\n", err);
	l4_poweroff(code);
}

/* The system's exit status is init's: its code, or 128 + the signal. */
static void orphan_exited(long pid, int status)
{
	int code;

	if (pid != init_pid)
		return;
	if (MM0_WIFEXITED(status)) {
		code = MM0_WEXITSTATUS(status);
		console_printf("mm0: init exited with status %d\n", code);
	} else {
		code = 128 + MM0_WTERMSIG(status);
		if (serve_last_fault.pid == (uint32_t)pid)
			console_printf("mm0: init killed by signal %d: address 0x%08x, pc 0x%08x\n",
				       MM0_WTERMSIG(status), (unsigned)serve_last_fault.addr,
				       (unsigned)serve_last_fault.pc);
		else
			console_printf("mm0: init killed by signal %d\n", MM0_WTERMSIG(status));
	}
	power_off(code);
}

/* mm.power_off: the system's status is 0, as when init returns 0. */
static void power_off_asked(long pid)
{
	console_printf("mm0: power-off asked by pid %ld\n", pid);
	power_off(0);
}

static void crash_print(const char *line)
{
	console_printf("%s", line);
}

/* Conventional RAM and the modules appear in mm0's space at their physical
 * addresses; the first MM0_HEAP_PAGES of RAM back mm0's own heap instead
 * (it grows later with pages from the rest, heap.c).
 * RAM from the UTCB area up (the top megabyte of 1 GiB, and all RAM of a
 * larger machine beyond it) cannot appear there, so mm0 leaves it unused. */
static int map_memory(l4_tid_t self, struct phys_range *ranges, size_t *count)
{
	const struct l4_kip *kip = l4_kip();
	uint32_t heap_limit = L4_UTCB_AREA;
	int heap_mapped = 0, err;

	*count = 0;
	for (uint32_t i = 0; i < kip->num_mem && i < L4_KIP_MAX_MEM; i++) {
		const struct l4_kip_mem *mem = &kip->mem[i];
		uint32_t base = mem->base, size = mem->size & ~MM0_PAGE_MASK;

		/* The heap grows up to the first range mm0 sees at its own address. */
		if (base > (uint32_t)__heap_start && base < heap_limit)
			heap_limit = base;

		if (mem->type == L4_MEM_CONVENTIONAL && base >= L4_UTCB_AREA)
			size = 0;
		else if (mem->type == L4_MEM_CONVENTIONAL && size > L4_UTCB_AREA - base)
			size = L4_UTCB_AREA - base;

		if (mem->type == L4_MEM_MODULE) {
			err = l4_map(self, base, base, (mem->size + MM0_PAGE_MASK) & ~MM0_PAGE_MASK,
				     L4_PERM_READ, 0);
			if (err)
				return kernel_error_to_errno(err);
		}
		if (mem->type != L4_MEM_CONVENTIONAL || size == 0)
			continue;
		if (!heap_mapped && size > MM0_HEAP_PAGES * MM0_PAGE_SIZE) {
			err = l4_map(self, base, (uint32_t)__heap_start, MM0_HEAP_PAGES * MM0_PAGE_SIZE,
				     L4_PERM_READ | L4_PERM_WRITE, 0);
			if (err)
				return kernel_error_to_errno(err);
			heap_mapped = 1;
			base += MM0_HEAP_PAGES * MM0_PAGE_SIZE;
			size -= MM0_HEAP_PAGES * MM0_PAGE_SIZE;
		}
		if (*count == PHYS_MAX_RANGES)
			continue;
		err = l4_map(self, base, base, size, L4_PERM_READ | L4_PERM_WRITE, 0);
		if (err)
			return kernel_error_to_errno(err);
		ranges[(*count)++] = (struct phys_range){ base, size / MM0_PAGE_SIZE, (void *)base };
	}
	if (!heap_mapped || !*count)
		return -ENOMEM;
	heap_init(MM0_HEAP_PAGES * MM0_PAGE_SIZE, heap_limit);
	return 0;
}

/* The pages of every module: the most the module files' cache can take. */
static uint32_t module_pages(void)
{
	const struct l4_kip *kip = l4_kip();
	uint32_t pages = 0;

	for (uint32_t i = 1; i < kip->num_modules && i < L4_KIP_MAX_MODULES; i++)
		pages += (kip->modules[i].size + MM0_PAGE_MASK) / MM0_PAGE_SIZE;
	return pages;
}

/* Every module but mm0 itself (the first) can be started by name. */
static void register_modules(void)
{
	const struct l4_kip *kip = l4_kip();

	for (uint32_t i = 1; i < kip->num_modules && i < L4_KIP_MAX_MODULES; i++) {
		const struct l4_kip_module *m = &kip->modules[i];
		int err = module_register(m->name, (const void *)m->phys, m->size);

		if (err < 0)
			console_printf("mm0: module %.31s not registered (error %d)\n", m->name, err);
	}
}

/* fs0, when the image has it: loaded, made fault-free, started, then linked
 * and told the real time at count 0 (its file times).
 * Without fs0 the system runs without files; a broken fs0 stops the boot. */
static void start_fs0(void)
{
	static const char *const fs0_argv[] = { "fs0", NULL };
	struct task *fs0;
	uint32_t entry;
	long err;

	if (module_find("fs0") < 0)
		return;
	err = mm0_spawn_stopped(mm0_self(), "fs0", fs0_argv, &fs0, &entry);
	if (!err) {
		task_make_system(fs0);
		err = fs_link_prepare(fs0, module_find("bootfs"));
	}
	/* With several processors fs0 serves from a worker thread on each
	 * (docs/fs0.md, "Worker threads"): a reply may come from any of them,
	 * with a disk also from the first thread a worker passed it to. */
	if (!err && l4_num_processors() > 1)
		err = kernel_error_to_errno(l4_space_control(L4_SC_SET_WORKER_POOL, fs0->l4_tid, 0, 0));
	if (!err)
		err = mm0_task_start(fs0, entry, MM0_STACK_TOP);
	if (!err)
		err = fs_link_start(fs0_ops_for(fs0->l4_tid));
	if (!err)
		err = fs0_send_boot_time();
	if (err) {
		console_printf("mm0: cannot start fs0 (error %ld)\n", err);
		l4_poweroff(125);
	}
}

/* The console server, when the image has it: it gets the PL011's page and a
 * privileged space (for its interrupt) before it first runs, then tasks
 * find it as mm.service("console"). Without it, output goes through the
 * kernel; a console that cannot start is reported and left out. */
static void start_console(void)
{
	static const char *const console_argv[] = { "console", NULL };
	const struct l4_kip_device *uart = l4_kip_device(L4_DEV_UART);
	struct task *console;
	uint32_t entry;
	long err;

	if (module_find("console") < 0)
		return;
	err = mm0_spawn_stopped(mm0_self(), "console", console_argv, &console, &entry);
	if (err) {
		console_printf("mm0: cannot load the console (error %ld)\n", err);
		return;
	}
	task_make_system(console);
	err = uart ? kernel_error_to_errno(l4_space_control(L4_SC_GRANT_PHYS, console->l4_tid,
							   uart->base, L4_PAGE_SIZE))
		   : -EINVAL;
	if (!err)
		err = kernel_error_to_errno(l4_space_control(L4_SC_SET_PRIVILEGED, console->l4_tid,
							     0, 0));
	if (!err)
		err = mm0_task_start(console, entry, MM0_STACK_TOP);
	if (err) {
		spawn_undo(mm0_self(), console);
		console_printf("mm0: cannot start the console (error %ld)\n", err);
		return;
	}
	err = services_add("console", console->l4_tid);
	if (err)
		console_printf("mm0: console not registered (error %ld)\n", err);
}

/* Every task descends from init; a system without it stops. */
static void start_init(void)
{
	static const char *const init_argv[] = { "init", NULL };

	init_pid = mm0_spawn(mm0_self(), "init", init_argv);
	if (init_pid < 0) {
		console_printf("mm0: cannot start init (error %ld)\n", init_pid);
		l4_poweroff(125);
	}
}

int main(void)
{
	static struct phys_range ranges[PHYS_MAX_RANGES];
	l4_tid_t self = l4_myself();
	struct mm0_config config = {
		.ranges = ranges,
		.kernel = &l4_kernel_ops,
		.reply = &serve_reply_ops,
		.self_tid = self,
		.orphan_exited = orphan_exited,
	};
	struct mm0_stats stats;
	int err = map_memory(self, ranges, &config.range_count);

	if (!err)
		err = mm0_init(&config);
	if (err) {
		console_printf("mm0: cannot start (error %d)\n", err);
		l4_poweroff(125);
	}
	serve_crash_print = crash_print;
	serve_power_off = power_off_asked;
	page_wait_retry = serve_fault_retry;
	signal_fault_fatal = crash_report;
	register_modules();
	err = rtc_read_boot_time();
	if (err)
		console_printf("mm0: no real-time clock (error %d): the time starts at 1970\n", err);
	mm0_stats(&stats);
	console_printf("mm0: root pager up, %u free pages\n", (unsigned)stats.free_pages);
	start_fs0();
	/* With a disk, faults on fs0's files wait parked while the pager thread
	 * reads. Without one every file is in RAM and fs0 answers a page at
	 * once, so faults read it themselves (the thread's hand-offs cost a
	 * fork and exec about 7%). */
	if (fs_link_up() && module_find("blk0") >= 0) {
		err = pager_thread_start();
		if (err)
			console_printf("mm0: no pager thread (error %d): faults wait for fs0\n", err);
	}
	/* Files' pages are cached uncharged: at most the modules (bootfs and the
	 * programs) and what fs0's fixed heap can hold, which it took from here. */
	mm0_commit_seal(module_pages() + (stats.free_pages - phys_free_pages()));
	start_console();
	start_blk0();
	err = signal_l4_start();
	if (err)
		console_printf("mm0: no alarm timer (error %d)\n", err);
	err = workers_start(start_init);
	if (err)
		console_printf("mm0: not every processor has a worker (error %d)\n", err);
#ifdef MM0_TRACE
	mm0_trace_start();
#endif
	workers_serve();
}
