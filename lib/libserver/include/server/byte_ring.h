/* byte_ring.h - a byte queue over a caller's array, moved a byte at a time
 * (the console's UART) or in bulk (fs0's pipes). Inline: both callers are on
 * their servers' hot paths. Bulk moves go through data_copy. Indices wrap by one subtraction, so the size need
 * not be a power of two and no division is made. */
#ifndef SERVER_BYTE_RING_H
#define SERVER_BYTE_RING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <server/data_copy.h>

struct byte_ring {
	uint8_t *bytes;
	uint32_t size;
	uint32_t head;		/* index of the oldest byte */
	uint32_t count;		/* bytes held */
};

static inline void byte_ring_init(struct byte_ring *r, uint8_t *bytes, uint32_t size)
{
	r->bytes = bytes;
	r->size = size;
	r->head = 0;
	r->count = 0;
}

static inline uint32_t byte_ring_space(const struct byte_ring *r)
{
	return r->size - r->count;
}

/* Where the next byte goes (valid while the ring is not full). */
static inline uint32_t byte_ring_tail(const struct byte_ring *r)
{
	uint32_t tail = r->head + r->count;

	return tail >= r->size ? tail - r->size : tail;
}

static inline bool byte_ring_put(struct byte_ring *r, uint8_t byte)
{
	if (r->count == r->size)
		return false;
	r->bytes[byte_ring_tail(r)] = byte;
	r->count++;
	return true;
}

/* The oldest byte; the ring must not be empty. */
static inline uint8_t byte_ring_peek(const struct byte_ring *r)
{
	return r->bytes[r->head];
}

/* Takes the oldest byte; the ring must not be empty. */
static inline uint8_t byte_ring_get(struct byte_ring *r)
{
	uint8_t byte = r->bytes[r->head];

	r->head = r->head + 1 == r->size ? 0 : r->head + 1;
	r->count--;
	return byte;
}

/* Copies in as much of src as fits: returns the bytes taken. */
static inline size_t byte_ring_write(struct byte_ring *r, const void *src, size_t len)
{
	const uint8_t *from = src;
	size_t done = 0;

	while (done < len && r->count < r->size) {
		uint32_t tail = byte_ring_tail(r);
		size_t chunk = tail >= r->head ? r->size - tail : r->head - tail;

		if (chunk > len - done)
			chunk = len - done;
		data_copy(r->bytes + tail, from + done, chunk);
		r->count += (uint32_t)chunk;
		done += chunk;
	}
	return done;
}

/* Copies out up to len of the oldest bytes: returns the bytes given. */
static inline size_t byte_ring_read(struct byte_ring *r, void *dst, size_t len)
{
	uint8_t *to = dst;
	size_t done = 0;

	while (done < len && r->count > 0) {
		size_t chunk = r->size - r->head;

		if (chunk > r->count)
			chunk = r->count;
		if (chunk > len - done)
			chunk = len - done;
		data_copy(to + done, r->bytes + r->head, chunk);
		r->head += (uint32_t)chunk;
		if (r->head == r->size)
			r->head = 0;
		r->count -= (uint32_t)chunk;
		done += chunk;
	}
	return done;
}

static inline void byte_ring_clear(struct byte_ring *r)
{
	r->head = 0;
	r->count = 0;
}

#endif
