/* virtqueue.c - the driver's half of a legacy split virtqueue: chains go
 * into the available ring, finished ones come back through the used ring.
 * The barriers order the ring writes the device reads against ours. */
#include "virtqueue.h"

#ifdef __arm__
#define virtq_barrier()	__asm__ volatile("dmb sy" ::: "memory")
#else
#define virtq_barrier()	__atomic_thread_fence(__ATOMIC_SEQ_CST)
#endif

static uint32_t round_up(uint32_t value, uint32_t align)
{
	return (value + align - 1) & ~(align - 1);
}

/* The descriptors and the available ring (flags, idx, ring, used_event). */
static uint32_t driver_area_bytes(uint16_t size)
{
	return size * (uint32_t)sizeof(struct virtq_desc) + 2u * (3u + size);
}

uint32_t virtq_bytes(uint16_t size)
{
	uint32_t used = 2u * 3u + size * (uint32_t)sizeof(struct virtq_used_elem);

	return round_up(driver_area_bytes(size), VIRTQ_ALIGN) + round_up(used, VIRTQ_ALIGN);
}

void virtq_init(struct virtqueue *vq, void *mem, uint16_t size)
{
	char *base = mem;

	vq->size = size;
	vq->desc = mem;
	vq->avail = (volatile uint16_t *)(base + size * sizeof(struct virtq_desc));
	vq->used = (volatile uint16_t *)(base + round_up(driver_area_bytes(size), VIRTQ_ALIGN));
	vq->avail_idx = 0;
	vq->last_used = 0;
}

void virtq_submit(struct virtqueue *vq, uint16_t head, const struct virtq_buffer *bufs,
		  uint32_t count)
{
	for (uint32_t i = 0; i < count; i++) {
		struct virtq_desc *d = &vq->desc[head + i];

		d->addr = bufs[i].phys;
		d->len = bufs[i].len;
		d->flags = (uint16_t)((i + 1 < count ? VIRTQ_DESC_F_NEXT : 0) |
				      (bufs[i].device_writes ? VIRTQ_DESC_F_WRITE : 0));
		d->next = (uint16_t)(i + 1 < count ? head + i + 1 : 0);
	}
	vq->avail[2 + (vq->avail_idx & (vq->size - 1))] = head;
	/* The device must see the chain and the ring entry before the index. */
	virtq_barrier();
	vq->avail_idx++;
	vq->avail[1] = vq->avail_idx;
	virtq_barrier();
}

bool virtq_take_used(struct virtqueue *vq, uint16_t *head)
{
	const volatile struct virtq_used_elem *ring;

	if (vq->used[1] == vq->last_used)
		return false;
	/* The element is valid only once the index says so. */
	virtq_barrier();
	ring = (const volatile struct virtq_used_elem *)(vq->used + 2);
	*head = (uint16_t)ring[vq->last_used & (vq->size - 1)].id;
	vq->last_used++;
	return true;
}
