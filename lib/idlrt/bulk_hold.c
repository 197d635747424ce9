/* bulk_hold.c - the buffers a server holds for its clients' bulk parameters,
 * found by the client's thread id, and idlrt_bulk_at, through which the
 * generated dispatch checks every bulk range before a handler runs. */
#include <stdlib.h>

#include <idlrt/bulk_hold.h>

/* A power of two: a thread id's slot picks the chain. */
#define HOLD_CHAINS 64u

struct held_buffer {
	struct held_buffer *next;
	l4_tid_t client;
	uint8_t *base;
	uint32_t size;
};

static struct held_buffer *chains[HOLD_CHAINS];
static uint32_t held_buffers;

static inline struct held_buffer **chain_of(l4_tid_t client)
{
	return &chains[L4_TID_SLOT(client) & (HOLD_CHAINS - 1u)];
}

static inline struct held_buffer *held_find(l4_tid_t client)
{
	struct held_buffer *held = *chain_of(client);

	while (held && held->client != client)
		held = held->next;
	return held;
}

int idlrt_bulk_hold(l4_tid_t client, void *base, uint32_t size)
{
	struct held_buffer *held;

	if (client == L4_NILTHREAD || (!base && size))
		return -EINVAL;
	if (!size) {
		idlrt_bulk_forget(client);
		return 0;
	}
	held = held_find(client);
	if (!held) {
		held = malloc(sizeof(*held));
		if (!held)
			return -ENOMEM;
		held->client = client;
		held->next = *chain_of(client);
		*chain_of(client) = held;
		held_buffers++;
	}
	held->base = base;
	held->size = size;
	return 0;
}

void idlrt_bulk_forget(l4_tid_t client)
{
	for (struct held_buffer **link = chain_of(client); *link; link = &(*link)->next) {
		struct held_buffer *held = *link;

		if (held->client != client)
			continue;
		*link = held->next;
		free(held);
		held_buffers--;
		return;
	}
}

void idlrt_bulk_forget_all(void)
{
	for (uint32_t chain = 0; chain < HOLD_CHAINS; chain++)
		while (chains[chain])
			idlrt_bulk_forget(chains[chain]->client);
}

uint32_t idlrt_bulk_held(void)
{
	return held_buffers;
}

static int held_at(const struct held_buffer *held, uint32_t offset, uint32_t len, void **at)
{
	if (!held || !idlrt_bulk_fits(offset, len, held->size))
		return -EFAULT;
	*at = held->base + offset;
	return 0;
}

/* A first bulk call from this client: whoever maps buffers may have one.
 * Out of line, so the common case stays a leaf without a frame. */
static __attribute__((noinline)) int attach_at(l4_tid_t client, uint32_t offset, uint32_t len, void **at)
{
	if (idlrt_bulk_attach(client) != 0)
		return -EFAULT;
	return held_at(held_find(client), offset, len, at);
}

int idlrt_bulk_at(const struct idlrt_request *rq, uint32_t offset, uint32_t len, void **at)
{
	const struct held_buffer *held = held_find(rq->client);

	if (!held)
		return attach_at(rq->client, offset, len, at);
	return held_at(held, offset, len, at);
}
