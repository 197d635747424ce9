/* main.c - blk0 on the target: started by mm0 with the virtio-mmio
 * transports' pages granted and a privileged space, it finds the first
 * virtio block device, takes its DMA memory from mm0, and serves
 * idl/block.idl with the device's interrupt arriving as IPC. */
#include <l4/ipc.h>
#include <l4/syscalls.h>
#include <idlrt/serve.h>

#include "block_server.h"
#include "mm0.h"
#include "serve.h"
#include "virtio_mmio_virt.h"

/* Where blk0 maps the transports in its own space. */
#define BLK0_MMIO_VIRT	0x3fff0000u

static uint32_t mmio_read(void *ctx, uint32_t offset)
{
	return *(volatile uint32_t *)((uintptr_t)ctx + offset);
}

static void mmio_write(void *ctx, uint32_t offset, uint32_t value)
{
	*(volatile uint32_t *)((uintptr_t)ctx + offset) = value;
}

static struct vblk disk;
static uint32_t disk_irq;

static void say(const char *line)
{
	uint32_t length = 0;

	while (line[length])
		length++;
	l4_kdebug_puts(line, length);
}

/* The first transport with a block device: its number, or -1. */
static int find_disk(struct virtio_mmio_io *io)
{
	for (uint32_t n = 0; n < VIRT_VIRTIO_MMIO_COUNT; n++) {
		io->read = mmio_read;
		io->write = mmio_write;
		io->ctx = (void *)(BLK0_MMIO_VIRT + n * VIRT_VIRTIO_MMIO_STRIDE);
		if (vblk_probe(io))
			return (int)n;
	}
	return -1;
}

/* The windows the clients attach: DMA memory named as shm segments. */
static uint32_t take_windows(struct blk_window *windows)
{
	uint32_t count = 0;

	for (uint32_t i = 0; i < BLOCK_WINDOWS_MAX; i++) {
		uintptr_t addr, phys;
		int32_t shmid;

		if (mm_dma_alloc(l4_utcb()->pager, BLOCK_WINDOW_SIZE / L4_PAGE_SIZE, MM0_DMA_SHARE,
				 &addr, &phys, &shmid) < 0)
			break;
		windows[count++] = (struct blk_window){ 0, shmid, (uint32_t)phys };
	}
	return count;
}

/* 0 once the device is up, 1 when there is none, or a negative error. */
static int start(void)
{
	struct blk_window windows[BLOCK_WINDOWS_MAX];
	struct virtio_mmio_io io;
	uintptr_t queue_addr, queue_phys;
	int32_t unnamed;
	uint32_t window_count;
	int n, err;

	err = l4_map(l4_myself(), VIRT_VIRTIO_MMIO_BASE, BLK0_MMIO_VIRT, VIRT_VIRTIO_MMIO_SIZE,
		     L4_PERM_READ | L4_PERM_WRITE | L4_PERM_DEVICE, 0);
	if (err) {
		say("blk0: cannot map the virtio-mmio transports (not granted by mm0?)\n");
		return err;
	}
	n = find_disk(&io);
	if (n < 0) {
		say("blk0: no virtio block device\n");
		return 1;
	}
	err = mm_dma_alloc(l4_utcb()->pager, vblk_dma_bytes() / L4_PAGE_SIZE, 0, &queue_addr,
			   &queue_phys, &unnamed);
	if (!err)
		err = vblk_start(&disk, &io, (void *)queue_addr, (uint32_t)queue_phys);
	window_count = err ? 0 : take_windows(windows);
	if (!err && window_count == 0)
		err = -1;
	if (err) {
		say("blk0: cannot start the virtio block device\n");
		return err;
	}
	disk_irq = VIRT_VIRTIO_MMIO_FIRST_IRQ + (uint32_t)n;
	err = l4_irq_control(L4_IRQ_BIND, disk_irq, l4_myself());
	if (err) {
		say("blk0: cannot take the device's interrupt\n");
		return err;
	}
	blk_serve_start(&disk, windows, window_count);
	return 0;
}

/* The kernel's messages: only the device's interrupt is expected, and none
 * is answered (IRQ_CONTROL's ACK unmasks it once the device is quiet). */
static int take_kernel_message(struct idlrt_request *rq)
{
	if (rq->client == L4_IRQ_SENDER(disk_irq) &&
	    L4_TAG_LABEL(rq->mr[0]) == L4_LABEL_INTERRUPT) {
		blk_serve_interrupt();
		l4_irq_control(L4_IRQ_ACK, disk_irq, L4_NILTHREAD);
	}
	return IDLRT_NO_REPLY;
}

int main(void)
{
	int err = start();

	if (err)
		return err < 0 ? 1 : 0;
	idlrt_serve_with_kernel(block_dispatch, take_kernel_message, 0);
}
