/* virtqueue.h - one split virtqueue in the legacy layout (virtio 1.2,
 * 2.7 and 4.2.4): descriptor table and available ring in the first pages,
 * the used ring from the next page boundary, all in DMA memory. */
#ifndef BLK0_VIRTQUEUE_H
#define BLK0_VIRTQUEUE_H

#include <stdbool.h>
#include <stdint.h>

#define VIRTQ_ALIGN		4096u	/* QueueAlign and GuestPageSize */
#define VIRTQ_DESC_F_NEXT	1u
#define VIRTQ_DESC_F_WRITE	2u	/* the device writes this buffer */

struct virtq_desc {
	uint64_t addr;
	uint32_t len;
	uint16_t flags;
	uint16_t next;
};

struct virtq_used_elem {
	uint32_t id;
	uint32_t len;
};

/* A buffer of a chain: physical address, length, written by the device or not. */
struct virtq_buffer {
	uint32_t phys;
	uint32_t len;
	bool device_writes;
};

struct virtqueue {
	uint16_t size;			/* entries, a power of two */
	struct virtq_desc *desc;
	volatile uint16_t *avail;	/* flags, idx, ring[size] */
	volatile uint16_t *used;	/* flags, idx, then the elements */
	uint16_t avail_idx;		/* the next available-ring slot, as published */
	uint16_t last_used;		/* the used entries taken so far */
};

/* Bytes of DMA memory a queue of size entries takes (whole pages). */
uint32_t virtq_bytes(uint16_t size);
/* Lays the queue out over mem (virtq_bytes(size) zeroed bytes, page aligned). */
void virtq_init(struct virtqueue *vq, void *mem, uint16_t size);
/* Writes the chain of count buffers into the descriptors from head on
 * (head, head + 1, ...) and makes it available; the caller owns those
 * descriptors until the device hands head back. */
void virtq_submit(struct virtqueue *vq, uint16_t head, const struct virtq_buffer *bufs,
		  uint32_t count);
/* The next chain the device used: its head into *head, true; false when
 * there is none new. */
bool virtq_take_used(struct virtqueue *vq, uint16_t *head);

#endif
