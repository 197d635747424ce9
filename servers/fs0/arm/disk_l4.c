/* disk_l4.c - fs0's disk on the target: blk0 found through mm0, its DMA
 * window attached, and the device the ext2 library reads and writes, which
 * copies through the window (up to a window's worth of sectors a request)
 * unless the library's buffer is the window itself (its staging buffer,
 * dev.buffer), and leaves the waiting for blk0 to the disk thread
 * (disk_thread.c). Only the holder of the disk's gate (gate.c) reaches this
 * device, so the window has one user at a time. */
#include <errno.h>
#include <string.h>
#include <l4/syscalls.h>
#include <server/data_copy.h>
#include "block.h"
#include "clock.h"
#include "disk_l4.h"
#include "disk_thread.h"
#include "mm0.h"

#define PAGE_SIZE	4096u

static l4_tid_t blk0;
static int32_t window_id;
static uint8_t *window;
static uint32_t window_sectors;

static uint32_t chunk_of(uint32_t count)
{
	return count < window_sectors ? count : window_sectors;
}

static int disk_read(void *ctx, uint64_t sector, uint32_t count, void *buf)
{
	(void)ctx;
	uint8_t *out = buf;
	while (count) {
		uint32_t chunk = chunk_of(count);
		int error = disk_thread_read(sector, chunk);
		if (error)
			return error;
		if (out != window)
			data_copy(out, window, chunk * BLOCK_SECTOR_SIZE);
		out += chunk * BLOCK_SECTOR_SIZE;
		sector += chunk;
		count -= chunk;
	}
	return 0;
}

static int disk_write(void *ctx, uint64_t sector, uint32_t count, const void *buf)
{
	(void)ctx;
	const uint8_t *in = buf;
	while (count) {
		uint32_t chunk = chunk_of(count);
		if (in != window)
			data_copy(window, in, chunk * BLOCK_SECTOR_SIZE);
		int error = disk_thread_write(sector, chunk);
		if (error)
			return error;
		in += chunk * BLOCK_SECTOR_SIZE;
		sector += chunk;
		count -= chunk;
	}
	return 0;
}

static int disk_flush(void *ctx)
{
	(void)ctx;
	return disk_thread_flush();
}

static int64_t disk_now(void *ctx)
{
	(void)ctx;
	struct fs0_time now;
	clock_now(&now);
	return now.sec;
}

/* mm0 answers these while fs0 makes them: fs0 calls it only here, at the
 * first request of a task, when mm0 waits for nothing of fs0's. The window's
 * pages are touched now, so fs0 never faults on them later, when mm0 may be
 * calling fs0. */
int disk_attach(struct ext2_dev *out)
{
	l4_tid_t mm0 = l4_utcb()->pager;
	uint32_t size, block_size;
	uint64_t sectors;
	int error = mm_service(mm0, "blk0", &blk0);
	if (!error)
		error = block_window(blk0, &window_id, &size);
	if (error)
		return error;
	long address = mm_shmat(mm0, window_id, 0, 0);
	if (address < 0 && address > -(long)PAGE_SIZE)
		return (int)address;
	window = (uint8_t *)(uintptr_t)address;
	for (uint32_t at = 0; at < size; at += PAGE_SIZE)
		((volatile uint8_t *)window)[at] = 0;
	window_sectors = size / BLOCK_SECTOR_SIZE;
	error = block_info(blk0, &sectors, &block_size);
	if (!error)
		error = disk_thread_start(blk0, window_id);
	if (error)
		return error;
	*out = (struct ext2_dev){
		.sectors = sectors,
		.read = disk_read,
		.write = disk_write,
		.flush = disk_flush,
		.buffer = window,
		.buffer_bytes = size,
		.now = disk_now,
	};
	return 0;
}

/* A disk fs0 does not mount gives its window back (the same moment as
 * disk_attach's calls to mm0). */
void disk_detach(void)
{
	disk_thread_stop();
	(void)mm_shmdt(l4_utcb()->pager, (uintptr_t)window);
	(void)block_release(blk0);
	window = NULL;
}

/* The client side of bulk parameters: none of the calls above has one, and
 * fs0 shares no buffer with mm0 or blk0 (mm0's stubs of other calls need
 * these two to link). */
int idlrt_bulk_buffer(idlrt_dest_t dest, void **base, uint32_t *size)
{
	(void)dest;
	(void)base;
	(void)size;
	return -ENOBUFS;
}

int idlrt_bulk_copy(void *to, const void *from, uint32_t len)
{
	memcpy(to, from, len);
	return 0;
}
