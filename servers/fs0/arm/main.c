/* main.c - fs0 on the target: mount the boot archive if mm0 mapped one, make
 * the standard directories, then serve requests for ever through the
 * generated dispatch, waking for poll's timeouts (with a disk, through
 * disk_serve.c; with or without one, on a worker thread per processor:
 * workers.c). */
#include <l4/kip.h>
#include <l4/syscalls.h>
#include "clock_l4.h"
#include "disk_serve.h"
#include "fs0_server.h"
#include "heap.h"
#include "places.h"
#include "say.h"
#include "serve.h"
#include "workers.h"
#ifdef FS0_TRACE
#include "trace.h"
#endif

#define BOOTFS_MODULE	"bootfs"
#define BOOTFS_DIR	"/boot"
/* The boot image has blk0 (tools/l4run --disk): "/" is the disk's. */
#define DISK_MODULE	"blk0"
/* Heap kept back from file data for the records that clean up a full file
 * system (open, unlink, pipes): 1/16 of it, at least 256 KiB. */
#define HEAP_RESERVE_SHARE	16u
#define HEAP_RESERVE_MIN	0x40000u

/* The mount point is made by fs0 itself, as task (one of its own). */
static int mount_boot_archive(fs0_task_t task)
{
	const struct l4_kip_module *module = l4_kip_module(BOOTFS_MODULE);
	if (!module)
		return 0;
	if (module->size == 0 || module->size > FS0_BOOTFS_SIZE_MAX)
		return -FS0_EINVAL;
	int error = fs_mkdir(task, FS0_AT_FDCWD, BOOTFS_DIR, 0755);
	if (error)
		return error;
	return fs_mount_bootfs(BOOTFS_DIR, (const void *)FS0_BOOTFS_BASE, module->size);
}

/* The board has no entropy source that fs0 can reach: the generator starts
 * from when fs0 started, on the virtual and the cycle counters. */
static void seed_random(void)
{
	uint32_t low, high, cycles;
	asm volatile("isb; mrrc p15, 1, %0, %1, c14" : "=r"(low), "=r"(high));
	asm volatile("mrc p15, 0, %0, c9, c13, 0" : "=r"(cycles));
	uint32_t seed[3] = { low, high, cycles };
	fs_add_entropy(seed, sizeof(seed));
}

/* The boot archive on /boot, then the places programs assume (/etc's files
 * come from the archive), as a task that lives only for it. */
static void make_file_tree(void)
{
	l4_tid_t self = l4_utcb()->my_tid;
	if (fs_task_fork(FS0_TASK_NONE, self, false)) {
		say_on_console("fs0: no task to make the file tree\n");
		return;
	}
	if (mount_boot_archive(self) < 0)
		say_on_console("fs0: boot archive not mounted\n");
	if (places_make(self) < 0)
		say_on_console("fs0: standard directories not made\n");
	fs_task_exit(self);
}

/* poll's timeouts (the loop asks only while fs_poll_timed is not 0): the
 * waits that are due are answered, and the receive waits no longer than the
 * next one has left (a longer one is woken early and waits again). */
static uint16_t poll_receive_timeout(void)
{
	int64_t left_ms = fs_poll_expire();
	if (left_ms < 0)
		return L4_TIMEOUT_NEVER;
	if (left_ms < 1)
		return 1;
	return left_ms < L4_TIMEOUT_NEVER ? (uint16_t)left_ms : L4_TIMEOUT_NEVER - 1;
}

int main(void)
{
	/* mm0 starts fs0 and is its pager: the one thread allowed mm0's requests. */
	int error = fs0_serve_init(l4_utcb()->pager, (void *)FS0_WINDOW_BASE, FS0_WINDOW_SIZE);
	if (error) {
		say_on_console("fs0: cannot start\n");
		return 1;
	}
	uint32_t heap = fs0_heap_size();
	uint32_t reserve = heap / HEAP_RESERVE_SHARE > HEAP_RESERVE_MIN ? heap / HEAP_RESERVE_SHARE
									  : HEAP_RESERVE_MIN;
	fs_set_space_limit(heap > reserve ? heap - reserve : 0);
	clock_l4_start();
	make_file_tree();
	seed_random();
	if (fs_make_devices() < 0)
		say_on_console("fs0: no /dev\n");
#ifdef FS0_TRACE
	fs0_trace_start(l4_utcb()->pager);
	const int trace = 1;
#else
	const int trace = 0;
#endif
	if (l4_kip_module(DISK_MODULE))
		disk_serve(trace, poll_receive_timeout);
	workers_serve(trace, poll_receive_timeout);
}
