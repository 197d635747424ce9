/* file.c - file contents: reading (holes as zeros, contiguous blocks fetched
 * in one device request, more ahead when reading sequentially), writing
 * (allocating holes and new blocks), truncating. */
#include <errno.h>

#include <server/data_copy.h>

#include "bmap.h"
#include "cache.h"
#include "file.h"
#include "inode.h"

/* Blocks read ahead of a sequential reader. */
#define READ_AHEAD_BLOCKS	32u
/* One call moves at most this much, so the count fits a long. */
#define MAX_TRANSFER		(1u << 30)

static uint64_t max_size(const struct ext2_fs *fs)
{
	if (fs->rev0)
		return 0x7fffffffu;
	uint64_t by_map = ext2_bmap_max_blocks(fs) * fs->block_size;
	/* i_blocks counts 512-byte units in 32 bits. */
	uint64_t by_count = (uint64_t)UINT32_MAX * 512u;
	return by_map < by_count ? by_map : by_count;
}

/* Fetches the uncached run of contiguous blocks that starts at logical
 * block first (physical start) and goes on to logical block end. */
static int fetch_run(struct ext2_fs *fs, struct ext2_inode *in, uint64_t first, uint32_t start,
		     uint64_t end)
{
	uint32_t run = 1;
	while (first + run < end && run < fs->staging_blocks) {
		uint32_t next;
		int err = ext2_bmap(fs, in, first + run, false, &next);
		if (err || next != start + run || ext2_cache_has(fs, next))
			break;
		run++;
	}
	return ext2_cache_read_ahead(fs, start, run, KIND_DATA, in->ino);
}

long ext2_file_read(struct ext2_fs *fs, struct ext2_inode *in, void *buf, size_t len,
		    uint64_t offset)
{
	if (offset >= in->size)
		return 0;
	if (len > in->size - offset)
		len = (size_t)(in->size - offset);
	if (len > MAX_TRANSFER)
		len = MAX_TRANSFER;
	uint32_t bs = fs->block_size, bits = fs->block_bits;
	uint64_t first = offset >> bits;
	uint64_t end = (offset + len + bs - 1) >> bits;
	uint64_t last_file_block = (in->size + bs - 1) >> bits;
	if (fs->ra_ino == in->ino && fs->ra_next == first) {
		end += READ_AHEAD_BLOCKS;
		if (end > last_file_block)
			end = last_file_block;
	}
	size_t done = 0;
	while (done < len) {
		uint64_t logical = (offset + done) >> fs->block_bits;
		uint32_t within = (uint32_t)(offset + done) & (bs - 1);
		size_t chunk = bs - within;
		if (chunk > len - done)
			chunk = len - done;
		uint32_t physical;
		int err = ext2_bmap(fs, in, logical, false, &physical);
		if (!err && physical && !ext2_cache_has(fs, physical))
			err = fetch_run(fs, in, logical, physical, end);
		if (err)
			return done ? (long)done : err;
		if (!physical) {
			memset((uint8_t *)buf + done, 0, chunk);
		} else {
			struct ext2_cblock *cb;
			err = ext2_cache_get(fs, physical, KIND_DATA, in->ino, &cb);
			if (err)
				return done ? (long)done : err;
			data_copy((uint8_t *)buf + done, cb->data + within, chunk);
			ext2_cache_put(fs, cb);
		}
		done += chunk;
	}
	fs->ra_ino = in->ino;
	fs->ra_next = (offset + len + bs - 1) >> bits;
	return (long)done;
}

long ext2_file_write(struct ext2_fs *fs, struct ext2_inode *in, const void *buf, size_t len,
		     uint64_t offset, enum ext2_kind kind)
{
	uint64_t limit = max_size(fs);
	if (offset >= limit)
		return len ? -EFBIG : 0;
	if (len > limit - offset)
		len = (size_t)(limit - offset);
	if (len > MAX_TRANSFER)
		len = MAX_TRANSFER;
	uint32_t bs = fs->block_size;
	size_t done = 0;
	int err = 0;
	while (done < len) {
		uint64_t logical = (offset + done) >> fs->block_bits;
		uint32_t within = (uint32_t)(offset + done) & (bs - 1);
		size_t chunk = bs - within;
		if (chunk > len - done)
			chunk = len - done;
		uint32_t physical;
		int fresh = ext2_bmap(fs, in, logical, true, &physical);
		if (fresh < 0) {
			err = fresh;
			break;
		}
		struct ext2_cblock *cb;
		if (fresh || chunk == bs)
			err = ext2_cache_get_zeroed(fs, physical, kind, in->ino, &cb);
		else
			err = ext2_cache_get(fs, physical, kind, in->ino, &cb);
		if (err)
			break;
		data_copy(cb->data + within, (const uint8_t *)buf + done, chunk);
		ext2_cache_mark_dirty(cb);
		ext2_cache_put(fs, cb);
		done += chunk;
	}
	if (offset + done > in->size)
		in->size = offset + done;
	int store_err = ext2_inode_store(fs, in);
	if (!done)
		return err ? err : store_err;
	return store_err ? store_err : (long)done;
}

static int truncate_inode(struct ext2_fs *fs, struct ext2_inode *in, uint64_t size)
{
	if (size > max_size(fs))
		return -EFBIG;
	uint32_t bs = fs->block_size;
	int err = 0;
	if (size < in->size) {
		err = ext2_bmap_truncate(fs, in, (size + bs - 1) / bs);
		uint32_t within = (uint32_t)(size % bs);
		uint32_t physical = 0;
		/* The kept block's tail reads as zeros if the file grows again. */
		if (!err && within)
			err = ext2_bmap(fs, in, size / bs, false, &physical);
		if (!err && physical) {
			struct ext2_cblock *cb;
			err = ext2_cache_get(fs, physical, KIND_DATA, in->ino, &cb);
			if (!err) {
				memset(cb->data + within, 0, bs - within);
				ext2_cache_mark_dirty(cb);
				ext2_cache_put(fs, cb);
			}
		}
	}
	in->size = size;
	int store_err = ext2_inode_store(fs, in);
	return err ? err : store_err;
}

static int regular_file(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *in)
{
	int err = ext2_inode_load(fs, ino, in);
	if (err)
		return err;
	if (EXT2_IS_DIR(in->mode))
		return -EISDIR;
	return EXT2_IS_REG(in->mode) ? 0 : -EINVAL;
}

long ext2_read(struct ext2_fs *fs, uint32_t ino, void *buf, size_t len, uint64_t offset)
{
	struct ext2_inode in;
	int err = regular_file(fs, ino, &in);
	return err ? err : ext2_file_read(fs, &in, buf, len, offset);
}

long ext2_write(struct ext2_fs *fs, uint32_t ino, const void *buf, size_t len, uint64_t offset)
{
	if (fs->read_only)
		return -EROFS;
	struct ext2_inode in;
	int err = regular_file(fs, ino, &in);
	return err ? err : ext2_file_write(fs, &in, buf, len, offset, KIND_DATA);
}

int ext2_truncate(struct ext2_fs *fs, uint32_t ino, uint64_t size)
{
	if (fs->read_only)
		return -EROFS;
	struct ext2_inode in;
	int err = regular_file(fs, ino, &in);
	return err ? err : truncate_inode(fs, &in, size);
}
