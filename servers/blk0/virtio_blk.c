/* virtio_blk.c - the virtio block device over a legacy virtio-mmio
 * transport (the device QEMU's virt board gives by default). Slot n of
 * VBLK_SLOTS owns descriptors 3n..3n+2 and its header and status byte, so
 * a finished chain's head names its slot and nothing needs a free list. */
#include <errno.h>

#include "virtio_blk.h"

static uint32_t reg_read(const struct vblk *dev, uint32_t offset)
{
	return dev->io.read(dev->io.ctx, offset);
}

static void reg_write(const struct vblk *dev, uint32_t offset, uint32_t value)
{
	dev->io.write(dev->io.ctx, offset, value);
}

uint32_t vblk_dma_bytes(void)
{
	return virtq_bytes(VBLK_QUEUE_SIZE) + VIRTQ_ALIGN;
}

bool vblk_probe(const struct virtio_mmio_io *io)
{
	return io->read(io->ctx, VIRTIO_MMIO_MAGIC) == VIRTIO_MMIO_MAGIC_VALUE &&
	       io->read(io->ctx, VIRTIO_MMIO_VERSION) == VIRTIO_MMIO_LEGACY &&
	       io->read(io->ctx, VIRTIO_MMIO_DEVICE_ID) == VIRTIO_ID_BLOCK;
}

static uint32_t take_features(struct vblk *dev)
{
	uint32_t offered, wanted;

	reg_write(dev, VIRTIO_MMIO_HOST_FEATURES_SEL, 0);
	offered = reg_read(dev, VIRTIO_MMIO_HOST_FEATURES);
	wanted = offered & ((1u << VIRTIO_BLK_F_RO) | (1u << VIRTIO_BLK_F_BLK_SIZE) |
			    (1u << VIRTIO_BLK_F_FLUSH));
	reg_write(dev, VIRTIO_MMIO_GUEST_FEATURES_SEL, 0);
	reg_write(dev, VIRTIO_MMIO_GUEST_FEATURES, wanted);
	return wanted;
}

static void read_config(struct vblk *dev, uint32_t features)
{
	uint32_t low = reg_read(dev, VIRTIO_MMIO_CONFIG + VIRTIO_BLK_CONFIG_CAPACITY);
	uint32_t high = reg_read(dev, VIRTIO_MMIO_CONFIG + VIRTIO_BLK_CONFIG_CAPACITY + 4);

	dev->capacity = (uint64_t)high << 32 | low;
	dev->block_size = VBLK_SECTOR_SIZE;
	if (features & (1u << VIRTIO_BLK_F_BLK_SIZE))
		dev->block_size = reg_read(dev, VIRTIO_MMIO_CONFIG + VIRTIO_BLK_CONFIG_BLK_SIZE);
	dev->read_only = features & (1u << VIRTIO_BLK_F_RO);
	dev->can_flush = features & (1u << VIRTIO_BLK_F_FLUSH);
}

/* Legacy bring-up (virtio 1.2, 4.2.4.2): reset, acknowledge, features, the
 * page size, then queue 0 by its page frame number, then DRIVER_OK. */
int vblk_start(struct vblk *dev, const struct virtio_mmio_io *io, void *dma, uint32_t phys)
{
	uint32_t queue_bytes = virtq_bytes(VBLK_QUEUE_SIZE);

	dev->io = *io;
	dev->busy = 0;
	reg_write(dev, VIRTIO_MMIO_STATUS, 0);
	reg_write(dev, VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE);
	reg_write(dev, VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	read_config(dev, take_features(dev));
	reg_write(dev, VIRTIO_MMIO_GUEST_PAGE_SIZE, VIRTQ_ALIGN);
	reg_write(dev, VIRTIO_MMIO_QUEUE_SEL, 0);
	if (reg_read(dev, VIRTIO_MMIO_QUEUE_PFN) != 0 ||
	    reg_read(dev, VIRTIO_MMIO_QUEUE_NUM_MAX) < VBLK_QUEUE_SIZE) {
		reg_write(dev, VIRTIO_MMIO_STATUS, VIRTIO_STATUS_FAILED);
		return -ENODEV;
	}
	virtq_init(&dev->vq, dma, VBLK_QUEUE_SIZE);
	dev->slots = (struct vblk_slot_dma *)((char *)dma + queue_bytes);
	dev->slots_phys = phys + queue_bytes;
	reg_write(dev, VIRTIO_MMIO_QUEUE_NUM, VBLK_QUEUE_SIZE);
	reg_write(dev, VIRTIO_MMIO_QUEUE_ALIGN, VIRTQ_ALIGN);
	reg_write(dev, VIRTIO_MMIO_QUEUE_PFN, phys / VIRTQ_ALIGN);
	reg_write(dev, VIRTIO_MMIO_STATUS, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER |
					   VIRTIO_STATUS_DRIVER_OK);
	return 0;
}

int vblk_submit(struct vblk *dev, uint32_t type, uint64_t sector, uint32_t data_phys,
		uint32_t len)
{
	struct virtq_buffer bufs[VBLK_DESC_PER_SLOT];
	struct vblk_slot_dma *slot;
	uint32_t n = 0, count = 0;
	uint32_t slot_phys;

	while (n < VBLK_SLOTS && (dev->busy & (1u << n)))
		n++;
	if (n == VBLK_SLOTS)
		return -EAGAIN;
	slot = &dev->slots[n];
	slot_phys = dev->slots_phys + n * (uint32_t)sizeof(*slot);
	slot->type = type;
	slot->reserved = 0;
	slot->sector = sector;
	slot->status = 0xff;
	bufs[count++] = (struct virtq_buffer){ slot_phys, 16, false };
	if (type != VIRTIO_BLK_T_FLUSH)
		bufs[count++] = (struct virtq_buffer){ data_phys, len, type == VIRTIO_BLK_T_IN };
	bufs[count++] = (struct virtq_buffer){ slot_phys + 16, 1, true };
	dev->busy |= 1u << n;
	virtq_submit(&dev->vq, (uint16_t)(n * VBLK_DESC_PER_SLOT), bufs, count);
	reg_write(dev, VIRTIO_MMIO_QUEUE_NOTIFY, 0);
	return (int)n;
}

static int status_result(uint8_t status)
{
	if (status == VIRTIO_BLK_S_OK)
		return 0;
	return status == VIRTIO_BLK_S_UNSUPP ? -EOPNOTSUPP : -EIO;
}

void vblk_interrupt(struct vblk *dev, void (*done)(void *ctx, uint32_t slot, int result),
		    void *ctx)
{
	uint32_t pending = reg_read(dev, VIRTIO_MMIO_INTERRUPT_STATUS);
	uint16_t head;

	reg_write(dev, VIRTIO_MMIO_INTERRUPT_ACK, pending);
	while (virtq_take_used(&dev->vq, &head)) {
		uint32_t n = head / VBLK_DESC_PER_SLOT;

		/* A head we never gave out, or gave back, is the device's bug: skip it. */
		if (head % VBLK_DESC_PER_SLOT || n >= VBLK_SLOTS || !(dev->busy & (1u << n)))
			continue;
		dev->busy &= ~(1u << n);
		done(ctx, n, status_result(dev->slots[n].status));
	}
}
