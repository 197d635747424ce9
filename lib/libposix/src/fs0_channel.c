/* fs0_channel.c - each thread's way to fs0: on its first file call, mm0
 * names the server and maps the thread a shared buffer (mm.fs0_buffer),
 * which the generated stubs use for bulk parameters to fs0 and mm0
 * (bulk_channel.c).
 * A forked child does not inherit the buffer (mm0 unmaps the parent's from
 * its copy), so fork forgets the channel there; a clone thread starts
 * with none. */
#include "internal.h"
#include "mm0.h"

static __thread struct fs0_channel channel;

const struct fs0_channel *fs0_channel(void)
{
	uint32_t server, size;
	uintptr_t address;
	long answer;

	if (channel.buffer)
		return &channel;
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

void fs0_channel_forget(void)
{
	channel.buffer = NULL;
}
