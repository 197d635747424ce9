/* virtio_mmio.h - the legacy (version 1) virtio-mmio register block as the
 * virtio 1.2 specification, section 4.2.4, gives it, the device status
 * bits, and the driver's way to reach the registers: real MMIO on the
 * target, a model of the device in the host tests. */
#ifndef BLK0_VIRTIO_MMIO_H
#define BLK0_VIRTIO_MMIO_H

#include <stdint.h>

#define VIRTIO_MMIO_MAGIC		0x000	/* "virt" */
#define VIRTIO_MMIO_VERSION		0x004
#define VIRTIO_MMIO_DEVICE_ID		0x008
#define VIRTIO_MMIO_HOST_FEATURES	0x010
#define VIRTIO_MMIO_HOST_FEATURES_SEL	0x014
#define VIRTIO_MMIO_GUEST_FEATURES	0x020
#define VIRTIO_MMIO_GUEST_FEATURES_SEL	0x024
#define VIRTIO_MMIO_GUEST_PAGE_SIZE	0x028
#define VIRTIO_MMIO_QUEUE_SEL		0x030
#define VIRTIO_MMIO_QUEUE_NUM_MAX	0x034
#define VIRTIO_MMIO_QUEUE_NUM		0x038
#define VIRTIO_MMIO_QUEUE_ALIGN		0x03c
#define VIRTIO_MMIO_QUEUE_PFN		0x040
#define VIRTIO_MMIO_QUEUE_NOTIFY	0x050
#define VIRTIO_MMIO_INTERRUPT_STATUS	0x060
#define VIRTIO_MMIO_INTERRUPT_ACK	0x064
#define VIRTIO_MMIO_STATUS		0x070
#define VIRTIO_MMIO_CONFIG		0x100	/* the device type's own fields */

#define VIRTIO_MMIO_MAGIC_VALUE		0x74726976u
#define VIRTIO_MMIO_LEGACY		1u
#define VIRTIO_ID_BLOCK			2u

#define VIRTIO_STATUS_ACKNOWLEDGE	1u
#define VIRTIO_STATUS_DRIVER		2u
#define VIRTIO_STATUS_DRIVER_OK		4u
#define VIRTIO_STATUS_FAILED		128u

/* InterruptStatus: the device used a buffer (bit 0), its configuration changed (bit 1). */
#define VIRTIO_INT_USED_RING		1u

/* 32-bit register reads and writes at a byte offset in one transport. */
struct virtio_mmio_io {
	uint32_t (*read)(void *ctx, uint32_t offset);
	void (*write)(void *ctx, uint32_t offset, uint32_t value);
	void *ctx;
};

#endif
