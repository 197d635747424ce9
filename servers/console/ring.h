/* ring.h - a byte queue over a caller's array. */
#ifndef CONSOLE_RING_H
#define CONSOLE_RING_H

#include <stdbool.h>
#include <stdint.h>

struct ring {
	uint8_t *bytes;
	uint32_t size;
	uint32_t head;		/* index of the oldest byte */
	uint32_t count;
};

static inline void ring_init(struct ring *r, uint8_t *bytes, uint32_t size)
{
	r->bytes = bytes;
	r->size = size;
	r->head = 0;
	r->count = 0;
}

static inline uint32_t ring_free(const struct ring *r)
{
	return r->size - r->count;
}

static inline bool ring_put(struct ring *r, uint8_t byte)
{
	if (r->count == r->size)
		return false;
	r->bytes[(r->head + r->count) % r->size] = byte;
	r->count++;
	return true;
}

static inline uint8_t ring_peek(const struct ring *r)
{
	return r->bytes[r->head];
}

static inline uint8_t ring_get(struct ring *r)
{
	uint8_t byte = r->bytes[r->head];

	r->head = (r->head + 1) % r->size;
	r->count--;
	return byte;
}

static inline void ring_clear(struct ring *r)
{
	r->head = 0;
	r->count = 0;
}

#endif
