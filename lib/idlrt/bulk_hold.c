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

int idlrt_bulk_at(const struct idlrt_request *rq, uint32_t offset, uint32_t len, void **at)
{
	const struct held_buffer *held = held_find(rq->client);

	/* A first bulk call from this client: whoever maps buffers may have one. */
	if (!held && idlrt_bulk_attach(rq->client) == 0)
		held = held_find(rq->client);
	if (!held || !idlrt_bulk_fits(offset, len, held->size))
		return -EFAULT;
	*at = held->base + offset;
	return 0;
}
