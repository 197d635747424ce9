/* fs0_channel.c - each thread's way to fs0: on its first file call, mm0
 * names the server and maps the thread a shared buffer (mm.fs0_buffer),
 * which the generated stubs use for bulk parameters to fs0 and mm0
 * (idlrt_bulk_buffer; other servers' buffers are bulk_channel.c's).
 * A forked child does not inherit the buffer (mm0 unmaps the parent's from
 * its copy), so fork forgets the channel there; a clone thread starts
 * with none. With several processors fs0 serves callers on each processor
 * with a worker thread there (docs/fs0.md, "Worker threads"): every call
 * goes to the worker of the processor the thread is on now, so the IPC
 * stays on it; a thread moved meanwhile still reaches fs0, only slower. */
#include <idlrt/idlrt.h>
#include <l4/ipc.h>
#include <l4/kip.h>

#include "fs0.h"
#include "internal.h"
#include "mm0.h"

static __thread struct fs0_channel channel;
/* The process's table, asked of fs0 once (a fork child keeps it: the same
 * fs0); workers_known stays 0 with one processor or one fs0 thread. */
static l4_tid_t worker_of_processor[FS0_WORKERS_MAX];
static uint32_t workers_known;
static bool workers_asked;

static void ask_workers(l4_tid_t server)
{
	uint32_t tids[FS0_WORKERS_MAX], count = 0;

	workers_asked = true;
	if (l4_num_processors() < 2 || fs0_workers(server, tids, &count) < 0)
		return;
	for (uint32_t i = 0; i < count && i < FS0_WORKERS_MAX; i++)
		worker_of_processor[i] = tids[i];
	__atomic_store_n(&workers_known, count < FS0_WORKERS_MAX ? count : FS0_WORKERS_MAX,
			 __ATOMIC_RELEASE);
}

/* The worker for the processor the thread is on, else fs0's first thread. */
static void choose_worker(void)
{
	uint32_t processor = l4_my_processor();

	channel.server = processor < __atomic_load_n(&workers_known, __ATOMIC_ACQUIRE)
				 ? worker_of_processor[processor] : channel.first_server;
}

static bool is_fs0_worker(idlrt_dest_t dest)
{
	uint32_t known = __atomic_load_n(&workers_known, __ATOMIC_ACQUIRE);

	for (uint32_t i = 0; i < known; i++)
		if (worker_of_processor[i] == dest)
			return true;
	return false;
}

const struct fs0_channel *fs0_channel(void)
{
	uint32_t server, size;
	uintptr_t address;
	long answer;

	if (channel.buffer) {
		choose_worker();
		return &channel;
	}
	answer = mm_fs0_buffer(posix_mm0(), &server, &address, &size);
	if (answer < 0) {
		errno = (int)-answer;
		return NULL;
	}
	if (!address || !size) {
		errno = ENOSYS;
		return NULL;
	}
	channel.first_server = server;
	channel.size = size;
	channel.buffer = (char *)address;
	if (!workers_asked)
		ask_workers(server);
	choose_worker();
	return &channel;
}

void fs0_channel_forget(void)
{
	channel.buffer = NULL;
}

/* fs0 sees the buffer through its window, mm0 through the object it holds
 * (execve's arguments); any other server gets a buffer of its own. The
 * thread's channel is read here, so a file call costs no call to set it up. */
int idlrt_bulk_buffer(idlrt_dest_t dest, void **base, uint32_t *size)
{
	const struct fs0_channel *own = channel.buffer ? &channel : fs0_channel();

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
