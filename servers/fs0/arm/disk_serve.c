/* disk_serve.c - fs0 with a disk on the target: "/" becomes the disk's at
 * the first request of a task, and requests run on fibers (fiber.c) so that
 * while one waits for the disk (disk_thread.c) the others are answered:
 * those that may reach the disk one after another through the gate
 * (gate.c), the rest (pipes, devices, files in RAM, poll) at once. With
 * several processors a worker per processor (workers.c) answers the rest
 * itself and passes those for the gate to this thread (handover.c); this
 * thread holds fs0's lock whenever it is not waiting in a receive, so a
 * fiber parked on the disk holds none. */
#include <string.h>
#include <l4/kip.h>
#include <l4/syscalls.h>
#include <idlrt/serve.h>
#include "clock.h"
#include "disk_l4.h"
#include "disk_serve.h"
#include "disk_thread.h"
#include "disk_worker_server.h"
#include "fiber.h"
#include "fs0_lock.h"
#include "fs0_server.h"
#include "gate.h"
#include "handover.h"
#include "heap.h"
#include "places.h"
#include "say.h"
#include "workers.h"

#define BOOTFS_MODULE	"bootfs"
/* The disk's block cache takes this share of the heap. */
#define DISK_CACHE_SHARE	8u
/* Dirty blocks older than this are written back. */
#define WRITE_BACK_MS	5000u
/* A write-back that finds the gate held tries again this much later. */
#define WRITE_BACK_RETRY_MS	50u
#define WHY_SIZE	96u

/* The disk's ext2 file system becomes "/" with /boot, /tmp and /dev on it
 * and the standard places made where missing; what fails is said, and a
 * disk that cannot be mounted leaves "/" in RAM. */
static void mount_disk(void)
{
	static char why[WHY_SIZE];
	struct ext2_dev dev;
	struct ext2_fs *fs;
	bool read_only = false;
	if (disk_attach(&dev) < 0) {
		say_on_console("fs0: no disk from blk0: / stays in RAM\n");
		return;
	}
	if (ext2_mount(&dev, 0, fs0_heap_size() / DISK_CACHE_SHARE, &fs, &read_only, why,
		       sizeof(why)) < 0) {
		say_on_console("fs0: disk refused: ");
		say_on_console(why);
		say_on_console(": / stays in RAM\n");
		disk_detach();
		return;
	}
	if (read_only) {
		say_on_console("fs0: disk mounted read-only: ");
		say_on_console(why);
		say_on_console("\n");
	}
	if (fs_mount_disk_root(fs) < 0) {
		say_on_console("fs0: disk not mounted: / stays in RAM\n");
		disk_detach();
		return;
	}
	const struct l4_kip_module *archive = l4_kip_module(BOOTFS_MODULE);
	if (fs_mount_on_disk(archive ? (const void *)FS0_BOOTFS_BASE : NULL,
			     archive ? archive->size : 0) < 0)
		say_on_console("fs0: /boot, /tmp or /dev not mounted on the disk\n");
	l4_tid_t self = l4_utcb()->my_tid;
	if (read_only || fs_task_fork(FS0_TASK_NONE, self, false))
		return;
	if (places_make(self) < 0)
		say_on_console("fs0: standard directories not made on the disk\n");
	fs_task_exit(self);
}

/* Mounting needs mm0 (blk0's name, the window) and blk0 to answer, so it
 * waits for the first request of a task: by then mm0 has started blk0
 * and init and serves, and it calls fs0 only for a task's doing, while that
 * task waits for this answer. */
static bool disk_unmounted = true;
/* Set once the mount is over: until then the workers pass every request on
 * (without the lock, which this thread holds across its calls to mm0 and
 * blk0 while it mounts). */
static uint32_t mount_over;

/* The calls to mm0 and blk0 that attach the disk use the message registers,
 * which hold the request meanwhile. */
static uint32_t saved_message[L4_MR_COUNT];

static void mount_at_first_task_request(const struct idlrt_request *rq)
{
	if (!disk_unmounted || rq->client == l4_utcb()->pager)
		return;
	memcpy(saved_message, rq->mr, sizeof(saved_message));
	disk_unmounted = false;
	mount_disk();
	memcpy(rq->mr, saved_message, sizeof(saved_message));
	__atomic_store_n(&mount_over, 1u, __ATOMIC_RELEASE);
}

/* Whether this thread holds fs0's lock: taken when it comes back from a
 * receive, let go before it waits in one, kept across fiber switches.
 * Without workers (one processor) nobody else takes it. */
static bool lock_held, workers_running;

static void hold_lock(void)
{
	if (lock_held || !workers_running)
		return;
	fs0_lock();
	lock_held = true;
}

static void release_lock(void)
{
	if (!lock_held)
		return;
	lock_held = false;
	fs0_unlock();
}

/* A request that ends while others have been woken (by its gate_leave, or
 * the disk's completion) sends its own reply and lets them run: this fiber
 * must not wait in the receive while they are ready. One a worker passed on
 * sends its own reply too: the loop would answer the worker. */
static int dispatch_on_fiber(struct idlrt_request *rq)
{
	hold_lock();
	if (rq->client == disk_thread_id()) {
		(void)disk_worker_dispatch(rq);
		fiber_hand_over();
		return IDLRT_NO_REPLY;
	}
	bool passed_on = handover_take_client(rq);
	bool gated = disk_unmounted || gate_needed(rq);
	if (gated)
		gate_enter();
	mount_at_first_task_request(rq);
	int disposition = fs0_dispatch(rq);
	if (gated)
		gate_leave();
	bool others_woken = fiber_any_woken();
	if (!others_woken && !passed_on)
		return disposition;
	if (disposition == IDLRT_SEND_REPLY)
		(void)l4_send(rq->client, L4_TIMEOUTS(L4_TIMEOUT_ZERO, L4_TIMEOUT_ZERO));
	if (others_woken)
		fiber_hand_over();
	return IDLRT_NO_REPLY;
}

/* On a worker: what needs the disk's gate (and, before the mount, every
 * request) goes to this thread, the rest is answered there under the lock. */
static int dispatch_on_worker(struct idlrt_request *rq)
{
	if (__atomic_load_n(&mount_over, __ATOMIC_ACQUIRE)) {
		fs0_lock();
		if (!gate_needed(rq)) {
			int disposition = fs0_dispatch(rq);
			fs0_unlock();
			return disposition;
		}
		fs0_unlock();
	}
	return handover_to_main(rq);
}

/* With a disk the loop always asks: dirty blocks are written back every
 * WRITE_BACK_MS (through the gate, so the fiber may wait here for the disk
 * with the last reply in the message registers, which it keeps meanwhile),
 * and poll's timeouts are answered as without one. */
static const uint32_t always_timed = 1;
static uint64_t next_write_back_ms;
static uint16_t (*poll_receive_timeout)(void);

static void write_back_when_due(uint64_t now)
{
	if (now < next_write_back_ms)
		return;
	if (!gate_try_enter()) {
		next_write_back_ms = now + WRITE_BACK_RETRY_MS;
		return;
	}
	next_write_back_ms = now + WRITE_BACK_MS;
	(void)fs_sync();
	gate_leave();
	fiber_yield();
}

static int serve_trace;

/* Workers' requests parked while every fiber waited (handover.c): run on
 * the fiber about to receive, whose registers hold the reply the loop is
 * about to send, kept aside meanwhile. Each one sends its own reply. */
static void run_parked_requests(void)
{
	uint32_t loop_reply[L4_MR_COUNT];
	struct idlrt_request rq = { .mr = l4_utcb()->mr, .trace = serve_trace };
	if (!handover_any_parked())
		return;
	memcpy(loop_reply, rq.mr, sizeof(loop_reply));
	while (handover_unpark(&rq))
		(void)dispatch_on_fiber(&rq);
	memcpy(rq.mr, loop_reply, sizeof(loop_reply));
}

/* The loop calls it before every receive: the lock goes there. */
static uint16_t disk_receive_timeout(void)
{
	hold_lock();
	run_parked_requests();
	write_back_when_due(clock_uptime_ms());
	uint64_t now = clock_uptime_ms();
	uint64_t left_ms = next_write_back_ms > now ? next_write_back_ms - now : 1;
	uint16_t poll_ms = poll_receive_timeout();
	release_lock();
	return poll_ms != L4_TIMEOUT_NEVER && poll_ms < left_ms ? poll_ms : (uint16_t)left_ms;
}

/* fiber_init's idle: every fiber waits, one of them for the disk, so the
 * disk thread's done is the one message that can free one; a worker's
 * request that comes instead waits for a free fiber (handover_park). A
 * deferred reply the loop holds (a pipe's reader a fiber woke) goes first. */
static void wait_for_disk(void)
{
	idlrt_deferred_flush();
	struct idlrt_request rq = { .mr = l4_utcb()->mr };
	release_lock();
	int error = l4_receive(disk_thread_id(), L4_TIMEOUTS_NEVER, &rq.client);
	hold_lock();
	if (error == 0 && !handover_park(rq.client, rq.mr))
		(void)disk_worker_dispatch(&rq);
}

/* Every fiber runs this loop while it is the receiving one. */
static void serve_on_fiber(void)
{
	idlrt_serve_timed(dispatch_on_fiber, disk_receive_timeout, &always_timed, serve_trace);
}

void disk_serve(int trace, uint16_t (*poll_timeout)(void))
{
	serve_trace = trace;
	poll_receive_timeout = poll_timeout;
	fiber_init(serve_on_fiber, wait_for_disk);
	workers_running = workers_start(dispatch_on_worker, trace, poll_timeout) > 0;
	serve_on_fiber();
	__builtin_unreachable();
}
