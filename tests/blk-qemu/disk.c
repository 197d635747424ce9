/* disk.c - blk0 on QEMU through idl/block.idl, run by disk.test with
 * tools/l4run --disk: checks the text the host put in sector 2000, reads
 * the random bytes the host put in sectors 0..63 and copies them to
 * sectors 1024..1087 from four threads at once (requests in flight
 * together), writes its own fill to sectors 512..575, flushes, reads that
 * back, and checks the errors. The host compares the image. */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <string.h>
#include <sys/shm.h>

#include <l4/syscalls.h>

#include "block.h"
#include "mm0.h"
#include "tap.h"

#define COPY_SECTORS	64u
#define COPY_FROM	0u
#define COPY_TO		1024u
#define FILL_FIRST	512u
#define FILL_SECTORS	64u
#define THREADS		4u
/* Sector TEXT_SECTOR holds this line again and again (disk.test: yes | head -c 512). */
#define TEXT_SECTOR	2000u
#define TEXT_LINE	"larch blk0 sector 2000\n"

static l4_tid_t blk0;
static int32_t window_id;
static uint8_t *window;

/* The byte the program writes all over sector: the host checks the same. */
static uint8_t fill_byte(uint32_t sector)
{
	return (uint8_t)(sector * 3u + 1u);
}

struct copy_part {
	uint32_t index;
	int read_result, write_result;
};

/* One thread's quarter of the copy, through its quarter of the window. */
static void *copy_part(void *arg)
{
	struct copy_part *part = arg;
	uint32_t sectors = COPY_SECTORS / THREADS, first = part->index * sectors;
	uint32_t offset = part->index * sectors * BLOCK_SECTOR_SIZE;

	part->read_result = block_read(blk0, COPY_FROM + first, sectors, window_id, offset);
	part->write_result = part->read_result ? -1 : block_write(blk0, COPY_TO + first, sectors,
								   window_id, offset);
	return NULL;
}

static void copy_in_parallel(void)
{
	struct copy_part parts[THREADS];
	pthread_t threads[THREADS];

	for (uint32_t i = 0; i < THREADS; i++) {
		parts[i] = (struct copy_part){ i, -1, -1 };
		CHECK_EQ("thread started", 0, pthread_create(&threads[i], NULL, copy_part, &parts[i]));
	}
	for (uint32_t i = 0; i < THREADS; i++) {
		pthread_join(threads[i], NULL);
		CHECK_EQ("parallel read", 0, parts[i].read_result);
		CHECK_EQ("parallel write", 0, parts[i].write_result);
	}
}

static void host_text(void)
{
	static const char line[] = TEXT_LINE;
	uint32_t bad = 0;

	CHECK_EQ("read the host's text", 0, block_read(blk0, TEXT_SECTOR, 1, window_id, 0));
	for (uint32_t i = 0; i < BLOCK_SECTOR_SIZE; i++)
		bad += window[i] != line[i % (sizeof(line) - 1)];
	CHECK_EQ("the host's text as written", 0, bad);
}

static void fill_and_read_back(void)
{
	uint32_t bytes = FILL_SECTORS * BLOCK_SECTOR_SIZE, bad = 0;

	for (uint32_t s = 0; s < FILL_SECTORS; s++)
		memset(window + s * BLOCK_SECTOR_SIZE, fill_byte(FILL_FIRST + s), BLOCK_SECTOR_SIZE);
	CHECK_EQ("write the fill", 0, block_write(blk0, FILL_FIRST, FILL_SECTORS, window_id, 0));
	CHECK_EQ("flush", 0, block_flush(blk0));
	memset(window + bytes, 0, bytes);
	CHECK_EQ("read the fill back", 0, block_read(blk0, FILL_FIRST, FILL_SECTORS, window_id, bytes));
	for (uint32_t i = 0; i < bytes; i++)
		bad += window[bytes + i] != fill_byte(FILL_FIRST + i / BLOCK_SECTOR_SIZE);
	CHECK_EQ("fill read back as written", 0, bad);
}

static void errors(uint64_t sectors)
{
	CHECK_EQ("past the end", -EINVAL, block_read(blk0, sectors, 1, window_id, 0));
	CHECK_EQ("across the end", -EINVAL, block_read(blk0, sectors - 1, 2, window_id, 0));
	CHECK_EQ("no sectors", -EINVAL, block_read(blk0, 0, 0, window_id, 0));
	CHECK_EQ("offset inside a sector", -EINVAL, block_read(blk0, 0, 1, window_id, 100));
	CHECK_EQ("past the window", -EINVAL,
		 block_write(blk0, 0, 2, window_id, BLOCK_WINDOW_SIZE - BLOCK_SECTOR_SIZE));
	CHECK_EQ("a window nobody holds", -ENXIO, block_read(blk0, 0, 1, window_id + 1000, 0));
}

int main(void)
{
	uint64_t sectors = 0;
	uint32_t block_size = 0, size = 0;

	if (!check("blk0 found by name", mm_service(l4_utcb()->pager, "blk0", &blk0) == 0, 0))
		return tap_summary("disk");
	CHECK_EQ("read before a window", -ENXIO, block_read(blk0, 0, 1, 1, 0));
	CHECK_EQ("info", 0, block_info(blk0, &sectors, &block_size));
	CHECK_EQ("disk size (sectors)", 2048, sectors);
	CHECK_EQ("block size", 512, block_size);
	CHECK_EQ("window", 0, block_window(blk0, &window_id, &size));
	CHECK_EQ("window size", BLOCK_WINDOW_SIZE, size);
	window = shmat(window_id, NULL, 0);
	if (!check("window attached", window != (void *)-1, errno))
		return tap_summary("disk");
	host_text();
	copy_in_parallel();
	fill_and_read_back();
	errors(sectors);
	CHECK_EQ("flush at the end", 0, block_flush(blk0));
	return tap_summary("disk");
}
