/* bulk_channel.c - the client side of bulk parameters for servers other
 * than fs0 and mm0 (whose calls use the fs0 buffer, fs0_channel.c): a buffer
 * mm0 makes for this thread and that server alone (mm.bulk_buffer), asked
 * for on the thread's first bulk call to it and kept for the thread's life;
 * and the stubs' copy in and out of any shared buffer. */
#include <idlrt/idlrt.h>

#include "internal.h"
#include "mm0.h"

struct bulk_channel {
	l4_tid_t server;
	char *buffer;
	uint32_t size;
};

static __thread struct bulk_channel channels[MM0_BULK_LINKS_MAX];

int bulk_channel_buffer(l4_tid_t dest, void **base, uint32_t *size)
{
	struct bulk_channel *free_channel = NULL;
	uintptr_t address;
	int answer;

	for (uint32_t i = 0; i < MM0_BULK_LINKS_MAX; i++) {
		if (channels[i].server == dest) {
			*base = channels[i].buffer;
			*size = channels[i].size;
			return 0;
		}
		if (!channels[i].server && !free_channel)
			free_channel = &channels[i];
	}
	if (!free_channel)
		return -ENOBUFS;
	answer = mm_bulk_buffer(posix_mm0(), dest, &address, size);
	if (answer < 0)
		return answer;
	*free_channel = (struct bulk_channel){ dest, (char *)address, *size };
	*base = free_channel->buffer;
	return 0;
}

void bulk_channel_forget(void)
{
	for (uint32_t i = 0; i < MM0_BULK_LINKS_MAX; i++)
		channels[i] = (struct bulk_channel){ 0 };
}

int idlrt_bulk_copy(void *to, const void *from, uint32_t len)
{
	return posix_copy(to, from, len);
}
