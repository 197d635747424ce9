/* fs0_channel.c - each thread's way to fs0: on its first file call, mm0
 * names the server and maps the thread a shared buffer (mm.fs0_buffer),
 * which the generated stubs use for bulk parameters to fs0 and mm0
 * (idlrt_bulk_buffer; other servers' buffers are bulk_channel.c's).
 * A forked child does not inherit the buffer (mm0 unmaps the parent's from
 * its copy), so fork forgets the channel there; a clone thread starts
 * with none. */
#include <idlrt/idlrt.h>

#include "internal.h"
#include "mm0.h"

static __thread struct fs0_channel channel;

/* The first call's question to mm0, out of line so that every later call
 * is a test and a return, with no registers saved. */
static const struct fs0_channel *__attribute__((noinline)) ask_mm0(void)
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
	channel.server = server;
	channel.size = size;
	channel.buffer = (char *)address;
	return &channel;
}

const struct fs0_channel *fs0_channel(void)
{
	if (channel.buffer)
		return &channel;
	return ask_mm0();
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

	if (own && (dest == own->server || dest == posix_mm0())) {
		*base = own->buffer;
		*size = own->size;
		return 0;
	}
	if (dest == posix_mm0())
		return -errno;	/* no fs0 buffer: fs0_channel said why */
	return bulk_channel_buffer(dest, base, size);
}
