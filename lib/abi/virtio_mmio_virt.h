/* virtio_mmio_virt.h - where QEMU's virt board puts its virtio-mmio
 * transports (its device tree: 32 nodes virtio_mmio@a000000 + 0x200 * n,
 * SPI 16 + n), for mm0, which grants them, and blk0, which probes them. */
#ifndef ABI_VIRTIO_MMIO_VIRT_H
#define ABI_VIRTIO_MMIO_VIRT_H

#define VIRT_VIRTIO_MMIO_BASE		0x0a000000u
#define VIRT_VIRTIO_MMIO_STRIDE		0x200u
#define VIRT_VIRTIO_MMIO_COUNT		32u
#define VIRT_VIRTIO_MMIO_SIZE		(VIRT_VIRTIO_MMIO_STRIDE * VIRT_VIRTIO_MMIO_COUNT)
/* The GIC's interrupt id of transport 0 (SPI 16); transport n has n more. */
#define VIRT_VIRTIO_MMIO_FIRST_IRQ	48u

#endif
