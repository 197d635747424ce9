/* fake_virtio.c - the device side of a legacy virtio block device, written
 * from the virtio 1.2 specification (4.2.4 and 5.2) for the host tests. */
#include <stdlib.h>
#include <string.h>

#include "fake_virtio.h"
#include "virtio_blk.h"

static uint32_t round_up(uint32_t value, uint32_t align)
{
	return (value + align - 1) / align * align;
}

static uint32_t queue_phys(const struct fake_virtio *dev)
{
	return dev->queue_pfn * dev->page_size;
}

void *fake_virtio_mem(struct fake_virtio *dev, uint32_t phys)
{
	if (phys < FAKE_PHYS_BASE || phys - FAKE_PHYS_BASE >= FAKE_MEM_BYTES)
		return NULL;
	return dev->mem + (phys - FAKE_PHYS_BASE);
}

static struct virtq_desc *desc_at(struct fake_virtio *dev, uint16_t i)
{
	return (struct virtq_desc *)fake_virtio_mem(dev, queue_phys(dev)) + i % dev->queue_num;
}

static uint16_t *avail_ring(struct fake_virtio *dev)
{
	return (uint16_t *)fake_virtio_mem(dev, queue_phys(dev) +
					   dev->queue_num * (uint32_t)sizeof(struct virtq_desc));
}

static uint16_t *used_ring(struct fake_virtio *dev)
{
	uint32_t driver_bytes = dev->queue_num * (uint32_t)sizeof(struct virtq_desc) +
				2u * (3u + dev->queue_num);

	return (uint16_t *)fake_virtio_mem(dev, queue_phys(dev) +
					   round_up(driver_bytes, dev->queue_align));
}

static void push_used(struct fake_virtio *dev, uint16_t head, uint32_t len)
{
	uint16_t *used = used_ring(dev);
	struct virtq_used_elem *ring = (struct virtq_used_elem *)(used + 2);

	ring[dev->used_idx % dev->queue_num] = (struct virtq_used_elem){ head, len };
	dev->used_idx++;
	used[1] = dev->used_idx;
	dev->interrupt_status |= VIRTIO_INT_USED_RING;
}

static uint32_t reg_read(void *ctx, uint32_t offset)
{
	struct fake_virtio *dev = ctx;

	switch (offset) {
	case VIRTIO_MMIO_MAGIC: return dev->magic;
	case VIRTIO_MMIO_VERSION: return dev->version;
	case VIRTIO_MMIO_DEVICE_ID: return dev->device_id;
	case VIRTIO_MMIO_HOST_FEATURES: return dev->features_sel ? 0 : dev->host_features;
	case VIRTIO_MMIO_QUEUE_NUM_MAX: return dev->queue_num_max;
	case VIRTIO_MMIO_QUEUE_PFN: return dev->queue_pfn;
	case VIRTIO_MMIO_INTERRUPT_STATUS: return dev->interrupt_status;
	case VIRTIO_MMIO_STATUS: return dev->status;
	case VIRTIO_MMIO_CONFIG + VIRTIO_BLK_CONFIG_CAPACITY: return (uint32_t)dev->capacity;
	case VIRTIO_MMIO_CONFIG + VIRTIO_BLK_CONFIG_CAPACITY + 4: return (uint32_t)(dev->capacity >> 32);
	case VIRTIO_MMIO_CONFIG + VIRTIO_BLK_CONFIG_BLK_SIZE: return dev->blk_size;
	default: return 0;
	}
}

static void reg_write(void *ctx, uint32_t offset, uint32_t value)
{
	struct fake_virtio *dev = ctx;

	switch (offset) {
	case VIRTIO_MMIO_HOST_FEATURES_SEL: dev->features_sel = value; break;
	case VIRTIO_MMIO_GUEST_FEATURES_SEL: dev->guest_features_sel = value; break;
	case VIRTIO_MMIO_GUEST_FEATURES:
		if (dev->guest_features_sel == 0)
			dev->guest_features = value;
		break;
	case VIRTIO_MMIO_GUEST_PAGE_SIZE: dev->page_size = value; break;
	case VIRTIO_MMIO_QUEUE_SEL: dev->queue_sel = value; break;
	case VIRTIO_MMIO_QUEUE_NUM: dev->queue_num = value; break;
	case VIRTIO_MMIO_QUEUE_ALIGN: dev->queue_align = value; break;
	case VIRTIO_MMIO_QUEUE_PFN: dev->queue_pfn = value; break;
	case VIRTIO_MMIO_QUEUE_NOTIFY:
		dev->notifies++;
		if (dev->complete_at_once) {
			fake_virtio_take(dev);
			while (dev->pending_count)
				fake_virtio_complete(dev, 0);
		}
		break;
	case VIRTIO_MMIO_INTERRUPT_ACK: dev->interrupt_status &= ~value; break;
	case VIRTIO_MMIO_STATUS:
		dev->status = value;
		if (dev->status_write_count < 8)
			dev->status_writes[dev->status_write_count] = value;
		dev->status_write_count++;
		if (value == 0) {
			dev->queue_pfn = 0;
			dev->last_avail = dev->used_idx = 0;
		}
		break;
	default: break;
	}
}

void fake_virtio_init(struct fake_virtio *dev, uint64_t capacity)
{
	memset(dev, 0, sizeof(*dev));
	dev->magic = VIRTIO_MMIO_MAGIC_VALUE;
	dev->version = VIRTIO_MMIO_LEGACY;
	dev->device_id = VIRTIO_ID_BLOCK;
	/* SIZE_MAX (1) and SEG_MAX (2) as well, which the driver must leave. */
	dev->host_features = (1u << 1) | (1u << 2) | (1u << VIRTIO_BLK_F_BLK_SIZE) |
			     (1u << VIRTIO_BLK_F_FLUSH);
	dev->queue_num_max = 256;
	dev->capacity = capacity;
	dev->blk_size = 4096;
	dev->fail_sector = UINT64_MAX;
	dev->disk = calloc(capacity ? capacity : 1, VBLK_SECTOR_SIZE);
	dev->mem = aligned_alloc(4096, FAKE_MEM_BYTES);
	memset(dev->mem, 0, FAKE_MEM_BYTES);
	dev->io = (struct virtio_mmio_io){ reg_read, reg_write, dev };
}

void fake_virtio_fini(struct fake_virtio *dev)
{
	free(dev->disk);
	free(dev->mem);
}

void fake_virtio_take(struct fake_virtio *dev)
{
	uint16_t *avail = avail_ring(dev);

	while (dev->last_avail != avail[1] && dev->pending_count < FAKE_PENDING_MAX) {
		dev->pending[dev->pending_count++] = avail[2 + dev->last_avail % dev->queue_num];
		dev->last_avail++;
	}
}

/* Runs the chain at head: header, data (not for a flush), status byte.
 * Returns the bytes written into the driver's buffers. */
static uint32_t run_chain(struct fake_virtio *dev, uint16_t head)
{
	struct virtq_desc *header = desc_at(dev, head), *data = NULL, *status;
	const struct vblk_slot_dma *request = fake_virtio_mem(dev, (uint32_t)header->addr);
	uint64_t first, count;
	uint8_t result = VIRTIO_BLK_S_OK;
	uint8_t *bytes;

	status = desc_at(dev, header->next);
	if (request->type != VIRTIO_BLK_T_FLUSH) {
		data = status;
		status = desc_at(dev, data->next);
	}
	if (!(header->flags & VIRTQ_DESC_F_NEXT) || header->len != 16 || status->len != 1 ||
	    !(status->flags & VIRTQ_DESC_F_WRITE) || (status->flags & VIRTQ_DESC_F_NEXT) ||
	    (data && (!(data->flags & VIRTQ_DESC_F_NEXT) || data->len % VBLK_SECTOR_SIZE ||
		      !!(data->flags & VIRTQ_DESC_F_WRITE) != (request->type == VIRTIO_BLK_T_IN)))) {
		dev->bad_requests++;
		return 0;
	}
	if (request->type == VIRTIO_BLK_T_FLUSH) {
		dev->flushes++;
		result = dev->flush_unsupported ? VIRTIO_BLK_S_UNSUPP : VIRTIO_BLK_S_OK;
	} else {
		first = request->sector;
		count = data->len / VBLK_SECTOR_SIZE;
		bytes = fake_virtio_mem(dev, (uint32_t)data->addr);
		if (!bytes || first + count > dev->capacity) {
			dev->bad_requests++;
			result = VIRTIO_BLK_S_IOERR;
		} else if (dev->fail_sector >= first && dev->fail_sector < first + count) {
			result = VIRTIO_BLK_S_IOERR;
		} else if (request->type == VIRTIO_BLK_T_IN) {
			memcpy(bytes, dev->disk + first * VBLK_SECTOR_SIZE, data->len);
		} else {
			memcpy(dev->disk + first * VBLK_SECTOR_SIZE, bytes, data->len);
		}
	}
	*(uint8_t *)fake_virtio_mem(dev, (uint32_t)status->addr) = result;
	return 1 + (request->type == VIRTIO_BLK_T_IN ? data->len : 0);
}

void fake_virtio_complete(struct fake_virtio *dev, uint32_t index)
{
	uint16_t head = dev->pending[index];

	memmove(&dev->pending[index], &dev->pending[index + 1],
		(dev->pending_count - index - 1) * sizeof(dev->pending[0]));
	dev->pending_count--;
	push_used(dev, head, run_chain(dev, head));
}

void fake_virtio_use_bogus(struct fake_virtio *dev, uint16_t head)
{
	push_used(dev, head, 0);
}
