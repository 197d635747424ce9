/* fs0_channel.c - each thread's way to fs0: on its first file call, mm0
 * names the server and maps the thread a shared buffer (mm.fs0_buffer),
 * which the generated stubs use for bulk parameters to fs0 and mm0
 * (idlrt_bulk_buffer; other servers' buffers are bulk_channel.c's).
 * A forked child does not inherit the buffer (mm0 unmaps the parent's from
 * its copy), so fork forgets the channel there; a clone thread starts
 * with none. With several processors fs0 serves callers on each processor
 * with a worker thread there (docs/fs0.md, "Worker threads"): a thread's
 * calls go to the worker of its processor, chosen when the channel is made
 * and again when the thread moves itself (sched_cpu.c), so the IPC stays on
 * one processor; a thread moved otherwise still reaches fs0, only slower. */
#include <idlrt/idlrt.h>
#include <l4/ipc.h>
#include <l4/kip.h>

#include "fs0.h"
#include "internal.h"
#include "mm0.h"

/* The thread's channel: fs0_channel (internal.h) reads it in line. */
__thread struct fs0_channel posix_fs0_channel;
/* The process's table, asked of fs0 once (a fork child keeps it: the same
 * fs0); all 0 with one processor or one fs0 thread. Each entry goes from 0
 * to the one value fs0 names, so a thread that reads it while another
 * fills it finds 0 (fs0's first thread) or the worker, never anything else. */
static l4_tid_t worker_of_processor[FS0_WORKERS_MAX];
static bool workers_asked;

static void ask_workers(l4_tid_t server)
{
	uint32_t tids[FS0_WORKERS_MAX], count = 0;

	workers_asked = true;
	if (l4_num_processors() < 2 || fs0_workers(server, tids, &count) < 0)
		return;
	for (uint32_t i = 0; i < count && i < FS0_WORKERS_MAX; i++)
		__atomic_store_n(&worker_of_processor[i], tids[i], __ATOMIC_RELAXED);
}

static l4_tid_t worker_of(uint32_t processor)
{
	return processor < FS0_WORKERS_MAX
		       ? __atomic_load_n(&worker_of_processor[processor], __ATOMIC_RELAXED)
		       : L4_NILTHREAD;
}

/* The worker for the processor the thread is on, else fs0's first thread. */
static void choose_worker(void)
{
	l4_tid_t worker = worker_of(l4_my_processor());

	posix_fs0_channel.server = worker != L4_NILTHREAD ? worker : posix_fs0_channel.first_server;
}

/* A worker the thread chose before it last moved (a signal handler that
 * moved it between the choice and the call). fs0 names a worker for every
 * processor from 0 on, or none: then this is one test. */
static bool is_fs0_worker(idlrt_dest_t dest)
{
	if (worker_of(0) == L4_NILTHREAD)
		return false;
	for (uint32_t i = 0; i < FS0_WORKERS_MAX; i++)
		if (worker_of(i) == dest && dest != L4_NILTHREAD)
			return true;
	return false;
}

/* The thread's first file call: fs0_channel, in line, calls this only then. */
const struct fs0_channel *fs0_channel_open(void)
{
	uint32_t server, size;
	uintptr_t address;
	long answer;

	answer = mm_fs0_buffer(posix_mm0(), &server, &address, &size);
	if (answer < 0) {
		errno = (int)-answer;
		return NULL;
	}
	if (!address || !size) {
		errno = ENOSYS;
		return NULL;
	}
	posix_fs0_channel.first_server = server;
	posix_fs0_channel.size = size;
	posix_fs0_channel.buffer = (char *)address;
	if (!workers_asked)
		ask_workers(server);
	choose_worker();
	return &posix_fs0_channel;
}

void fs0_channel_moved(void)
{
	if (posix_fs0_channel.buffer)
		choose_worker();
}

void fs0_channel_forget(void)
{
	posix_fs0_channel.buffer = NULL;
}

/* What idlrt_bulk_buffer does not answer at once, out of line so that the
 * common case (a call to fs0's worker or to mm0 with the channel made)
 * saves no registers: a thread's first call, which makes the channel;
 * fs0's first thread or another worker of it (the fs0 buffer too); a
 * server with a buffer of its own. */
static __attribute__((noinline)) int other_bulk_buffer(idlrt_dest_t dest, void **base,
						       uint32_t *size)
{
	const struct fs0_channel *own = fs0_channel();

	if (own && (dest == own->server || dest == posix_mm0() || dest == own->first_server ||
		    is_fs0_worker(dest))) {
		*base = own->buffer;
		*size = own->size;
		return 0;
	}
	if (dest == posix_mm0())
		return -errno;	/* no fs0 buffer: fs0_channel said why */
	return bulk_channel_buffer(dest, base, size);
}

/* fs0 sees the buffer through its window, mm0 through the object it holds
 * (execve's arguments); any other server gets a buffer of its own. The
 * thread's channel is read here, so a file call costs no call to set it up. */
int idlrt_bulk_buffer(idlrt_dest_t dest, void **base, uint32_t *size)
{
	if (posix_fs0_channel.buffer && (dest == posix_fs0_channel.server || dest == posix_mm0())) {
		*base = posix_fs0_channel.buffer;
		*size = posix_fs0_channel.size;
		return 0;
	}
	return other_bulk_buffer(dest, base, size);
}
