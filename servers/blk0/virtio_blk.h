/* virtio_blk.h - a virtio block device behind a legacy virtio-mmio
 * transport: bring-up, requests in numbered slots, completions by slot. */
#ifndef BLK0_VIRTIO_BLK_H
#define BLK0_VIRTIO_BLK_H

#include <stdbool.h>
#include <stdint.h>

#include "virtio_mmio.h"
#include "virtqueue.h"

/* Request types (virtio 1.2, 5.2.6) and status bytes. */
#define VIRTIO_BLK_T_IN		0u
#define VIRTIO_BLK_T_OUT	1u
#define VIRTIO_BLK_T_FLUSH	4u
#define VIRTIO_BLK_S_OK		0u
#define VIRTIO_BLK_S_IOERR	1u
#define VIRTIO_BLK_S_UNSUPP	2u

/* Feature bits the driver takes. */
#define VIRTIO_BLK_F_RO		5u
#define VIRTIO_BLK_F_BLK_SIZE	6u
#define VIRTIO_BLK_F_FLUSH	9u

/* Configuration fields, from VIRTIO_MMIO_CONFIG. */
#define VIRTIO_BLK_CONFIG_CAPACITY	0x00	/* 64 bits, in 512-byte sectors */
#define VIRTIO_BLK_CONFIG_BLK_SIZE	0x14

#define VBLK_SECTOR_SIZE	512u
#define VBLK_QUEUE_SIZE		128u	/* entries we use, at most the device's */
#define VBLK_SLOTS		32u	/* requests in flight */
#define VBLK_DESC_PER_SLOT	3u	/* header, data, status */

/* The header and status byte of one slot, in DMA memory. */
struct vblk_slot_dma {
	uint32_t type;
	uint32_t reserved;
	uint64_t sector;
	uint8_t status;
	uint8_t pad[15];
};

struct vblk {
	struct virtio_mmio_io io;
	struct virtqueue vq;
	struct vblk_slot_dma *slots;	/* VBLK_SLOTS of them */
	uint32_t slots_phys;
	uint32_t busy;			/* one bit per slot in flight */
	uint64_t capacity;		/* sectors */
	uint32_t block_size;		/* the device's logical block, bytes */
	bool read_only;
	bool can_flush;			/* else writes reach the disk when done */
};

/* DMA memory vblk_start needs, in bytes (whole pages). */
uint32_t vblk_dma_bytes(void);
/* Whether the transport holds a legacy virtio block device. */
bool vblk_probe(const struct virtio_mmio_io *io);
/* Resets the device, takes its features and size, and gives it the queue
 * in dma (vblk_dma_bytes() zeroed bytes at physical address phys): 0, or
 * -ENODEV when the device refuses (its queue is in use or too small). */
int vblk_start(struct vblk *dev, const struct virtio_mmio_io *io, void *dma, uint32_t phys);
/* Queues a request in a free slot: type VIRTIO_BLK_T_*, len bytes at
 * data_phys (none for a flush). The slot's number, or -EAGAIN when every
 * slot is in flight. The caller checked the range. */
int vblk_submit(struct vblk *dev, uint32_t type, uint64_t sector, uint32_t data_phys,
		uint32_t len);
/* Takes the device's interrupt: for each finished request, in the order
 * the device finished them, done(ctx, slot, result) with result 0, -EIO or
 * -EOPNOTSUPP (the device's status byte); the slot is free again by the
 * time done runs, so done may queue the next request. */
void vblk_interrupt(struct vblk *dev, void (*done)(void *ctx, uint32_t slot, int result),
		    void *ctx);

#endif
