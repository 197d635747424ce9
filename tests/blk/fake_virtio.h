/* fake_virtio.h - a legacy virtio-mmio block device for the host tests: the
 * registers, a disk in memory, and the virtqueue read from "physical"
 * memory (a host buffer at a made-up physical address). The test decides
 * when and in which order queued requests finish, and which fail. */
#ifndef TESTS_BLK_FAKE_VIRTIO_H
#define TESTS_BLK_FAKE_VIRTIO_H

#include <stdbool.h>
#include <stdint.h>

#include "virtio_mmio.h"

#define FAKE_PHYS_BASE		0x48000000u
#define FAKE_MEM_BYTES		(2u * 1024u * 1024u)
#define FAKE_PENDING_MAX	256u

struct fake_virtio {
	/* Registers as the driver left them. */
	uint32_t magic, version, device_id;
	uint32_t host_features, guest_features, features_sel, guest_features_sel;
	uint32_t page_size, queue_sel, queue_num_max, queue_num, queue_align, queue_pfn;
	uint32_t status, interrupt_status;
	uint32_t status_writes[8];	/* the first values written to Status */
	uint32_t status_write_count;
	uint32_t notifies;
	/* The device's half of the queue. */
	uint16_t last_avail;
	uint16_t used_idx;
	uint16_t pending[FAKE_PENDING_MAX];	/* heads taken, not yet used */
	uint32_t pending_count;
	bool complete_at_once;		/* finish each request as it is notified */
	/* The disk and what happens to requests. */
	uint8_t *disk;
	uint64_t capacity;		/* sectors */
	uint32_t blk_size;
	uint64_t fail_sector;		/* a request touching it gets IOERR (UINT64_MAX: none) */
	bool flush_unsupported;
	uint32_t flushes;
	uint32_t bad_requests;		/* chains a real device would reject */
	/* DMA memory the driver uses, at FAKE_PHYS_BASE. */
	uint8_t *mem;
	struct virtio_mmio_io io;
};

void fake_virtio_init(struct fake_virtio *dev, uint64_t capacity);
void fake_virtio_fini(struct fake_virtio *dev);
/* Where the driver sees physical address phys of the fake's memory. */
void *fake_virtio_mem(struct fake_virtio *dev, uint32_t phys);
/* Takes the chains made available since the last call into pending. */
void fake_virtio_take(struct fake_virtio *dev);
/* Finishes pending[index] (in any order) and raises the interrupt. */
void fake_virtio_complete(struct fake_virtio *dev, uint32_t index);
/* Puts head in the used ring as the device's own mistake. */
void fake_virtio_use_bogus(struct fake_virtio *dev, uint16_t head);

#endif
