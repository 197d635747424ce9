/* cache.c - the ext2 library's block cache: blocks by number in a hash, a
 * fixed budget, least recently used blocks evicted first (a full cache hands
 * the evicted block's memory to the next block). Dirty blocks are written
 * back in block order with adjacent blocks merged into one device request:
 * by ext2_cache_write_back, and all of them at once when eviction meets a
 * dirty block (one large write instead of one per block). Merged transfers
 * go through the device's own buffer when it has one (dev.buffer). */
#include <errno.h>
#include <stdlib.h>

#include <server/counted_alloc.h>
#include <server/data_copy.h>

#include "cache.h"

/* One device transfer, a merged write or a read-ahead, when the device
 * has no buffer of its own; and the most blocks one takes in any case. */
#define STAGING_BYTES		(64u * 1024u)
#define STAGING_BLOCKS_MAX	256u

static uint32_t hash_of(const struct ext2_fs *fs, uint32_t block)
{
	return (block * 2654435761u) & fs->hash_mask;
}

int ext2_cache_init(struct ext2_fs *fs, size_t cache_bytes)
{
	size_t max = cache_bytes / fs->block_size;
	if (max < 32)
		max = 32;
	uint32_t buckets = 64;
	while (buckets < max && buckets < (1u << 20))
		buckets <<= 1;
	fs->staging_is_device_buffer = fs->dev.buffer && fs->dev.buffer_bytes >= 2 * fs->block_size;
	uint32_t staging_bytes = fs->staging_is_device_buffer ? fs->dev.buffer_bytes : STAGING_BYTES;
	fs->staging_blocks = staging_bytes / fs->block_size;
	if (fs->staging_blocks > STAGING_BLOCKS_MAX)
		fs->staging_blocks = STAGING_BLOCKS_MAX;
	fs->hash = counted_alloc(buckets * sizeof(*fs->hash));
	fs->staged = counted_alloc(fs->staging_blocks * sizeof(*fs->staged));
	fs->staging = fs->staging_is_device_buffer ? fs->dev.buffer : counted_alloc(STAGING_BYTES);
	if (!fs->hash || !fs->staged || !fs->staging) {
		ext2_cache_destroy(fs);
		return -ENOMEM;
	}
	fs->hash_mask = buckets - 1;
	fs->cache_max = max;
	return 0;
}

static void lru_unlink(struct ext2_fs *fs, struct ext2_cblock *cb)
{
	if (cb->lru_prev)
		cb->lru_prev->lru_next = cb->lru_next;
	else
		fs->lru_head = cb->lru_next;
	if (cb->lru_next)
		cb->lru_next->lru_prev = cb->lru_prev;
	else
		fs->lru_tail = cb->lru_prev;
	cb->lru_prev = cb->lru_next = NULL;
}

static void lru_push_head(struct ext2_fs *fs, struct ext2_cblock *cb)
{
	cb->lru_next = fs->lru_head;
	cb->lru_prev = NULL;
	if (fs->lru_head)
		fs->lru_head->lru_prev = cb;
	else
		fs->lru_tail = cb;
	fs->lru_head = cb;
}

static struct ext2_cblock *lookup(struct ext2_fs *fs, uint32_t block)
{
	for (struct ext2_cblock *cb = fs->hash[hash_of(fs, block)]; cb; cb = cb->hash_next)
		if (cb->block == block)
			return cb;
	return NULL;
}

/* Takes cb out of the hash and the list; its memory stays. */
static void detach(struct ext2_fs *fs, struct ext2_cblock *cb)
{
	struct ext2_cblock **link = &fs->hash[hash_of(fs, cb->block)];
	while (*link != cb)
		link = &(*link)->hash_next;
	*link = cb->hash_next;
	lru_unlink(fs, cb);
	fs->cache_count--;
}

static void free_cblock(struct ext2_cblock *cb)
{
	counted_free(cb->data);
	counted_free(cb);
}

static void drop(struct ext2_fs *fs, struct ext2_cblock *cb)
{
	detach(fs, cb);
	free_cblock(cb);
}

void ext2_cache_destroy(struct ext2_fs *fs)
{
	while (fs->lru_head)
		drop(fs, fs->lru_head);
	counted_free(fs->hash);
	counted_free(fs->staged);
	if (!fs->staging_is_device_buffer)
		counted_free(fs->staging);
}

static int dev_write_blocks(struct ext2_fs *fs, uint32_t first, uint32_t count, const void *buf)
{
	return fs->dev.write(fs->dev.ctx, (uint64_t)first * fs->sectors_per_block,
			     count * fs->sectors_per_block, buf);
}

static int write_matching(struct ext2_fs *fs,
			  bool (*match)(const struct ext2_cblock *, const void *),
			  const void *arg);

static bool every_block(const struct ext2_cblock *cb, const void *arg)
{
	(void)cb;
	(void)arg;
	return true;
}

/* Makes room for one more block: evicts from the cold end. Pinned blocks
 * stay, so the cache may run over its budget while one operation holds
 * many blocks. With spare, the first block evicted is not freed but handed
 * back there (detached, its data as it was), so that a full cache reads a
 * new block into an old one's memory instead of a fresh zeroed one. */
static int evict(struct ext2_fs *fs, struct ext2_cblock **spare)
{
	struct ext2_cblock *cb = fs->lru_tail;
	while (fs->cache_count >= fs->cache_max && cb) {
		struct ext2_cblock *prev = cb->lru_prev;
		if (!cb->pins) {
			if (cb->dirty) {
				int err = write_matching(fs, every_block, NULL);
				if (err == -ENOMEM)
					err = dev_write_blocks(fs, cb->block, 1, cb->data);
				if (err)
					return err;
				cb->dirty = false;
			}
			detach(fs, cb);
			if (spare && !*spare)
				*spare = cb;
			else
				free_cblock(cb);
		}
		cb = prev;
	}
	return 0;
}

/* The new block's data is whatever its memory held: every caller fills it. */
static int insert(struct ext2_fs *fs, uint32_t block, enum ext2_kind kind, uint32_t owner,
		  struct ext2_cblock **out)
{
	struct ext2_cblock *cb = NULL;
	int err = evict(fs, &cb);
	if (err) {
		if (cb)
			free_cblock(cb);
		return err;
	}
	if (cb) {
		uint8_t *data = cb->data;
		*cb = (struct ext2_cblock){ .data = data };
	} else {
		cb = counted_alloc(sizeof(*cb));
		uint8_t *data = counted_alloc(fs->block_size);
		if (!cb || !data) {
			counted_free(cb);
			counted_free(data);
			return -ENOMEM;
		}
		cb->data = data;
	}
	cb->block = block;
	cb->kind = kind;
	cb->owner = owner;
	uint32_t bucket = hash_of(fs, block);
	cb->hash_next = fs->hash[bucket];
	fs->hash[bucket] = cb;
	lru_push_head(fs, cb);
	fs->cache_count++;
	*out = cb;
	return 0;
}

static void use(struct ext2_fs *fs, struct ext2_cblock *cb, enum ext2_kind kind, uint32_t owner)
{
	cb->kind = kind;
	cb->owner = owner;
	cb->pins++;
	lru_unlink(fs, cb);
	lru_push_head(fs, cb);
}

int ext2_cache_get(struct ext2_fs *fs, uint32_t block, enum ext2_kind kind, uint32_t owner,
		   struct ext2_cblock **out)
{
	if (block >= fs->blocks_count)
		return -EUCLEAN;
	struct ext2_cblock *cb = lookup(fs, block);
	if (!cb) {
		int err = insert(fs, block, kind, owner, &cb);
		if (err)
			return err;
		err = fs->dev.read(fs->dev.ctx, (uint64_t)block * fs->sectors_per_block,
				   fs->sectors_per_block, cb->data);
		if (err) {
			drop(fs, cb);
			return err;
		}
	}
	use(fs, cb, kind, owner);
	*out = cb;
	return 0;
}

int ext2_cache_get_zeroed(struct ext2_fs *fs, uint32_t block, enum ext2_kind kind, uint32_t owner,
			  struct ext2_cblock **out)
{
	if (block >= fs->blocks_count)
		return -EUCLEAN;
	struct ext2_cblock *cb = lookup(fs, block);
	if (!cb) {
		int err = insert(fs, block, kind, owner, &cb);
		if (err)
			return err;
	}
	memset(cb->data, 0, fs->block_size);
	use(fs, cb, kind, owner);
	cb->dirty = true;
	*out = cb;
	return 0;
}

void ext2_cache_put(struct ext2_fs *fs, struct ext2_cblock *cb)
{
	(void)fs;
	cb->pins--;
}

void ext2_cache_mark_dirty(struct ext2_cblock *cb)
{
	cb->dirty = true;
}

void ext2_cache_forget(struct ext2_fs *fs, uint32_t block)
{
	struct ext2_cblock *cb = lookup(fs, block);
	if (cb && !cb->pins)
		drop(fs, cb);
	else if (cb)
		cb->dirty = false;
}

bool ext2_cache_has(struct ext2_fs *fs, uint32_t block)
{
	return lookup(fs, block) != NULL;
}

int ext2_cache_read_ahead(struct ext2_fs *fs, uint32_t first, uint32_t count,
			  enum ext2_kind kind, uint32_t owner)
{
	if (count > fs->staging_blocks)
		count = fs->staging_blocks;
	if (count > fs->cache_max / 2)
		count = (uint32_t)(fs->cache_max / 2);
	uint32_t run = 0;
	while (run < count && first + run < fs->blocks_count && !lookup(fs, first + run))
		run++;
	if (run < 2)
		return 0;
	/* Room first: making it may write back through the staging buffer. */
	struct ext2_cblock **blocks = fs->staged;
	uint32_t made = 0;
	int err = 0;
	while (made < run && !err) {
		err = insert(fs, first + made, kind, owner, &blocks[made]);
		if (!err)
			blocks[made++]->pins++;
	}
	if (!err)
		err = fs->dev.read(fs->dev.ctx, (uint64_t)first * fs->sectors_per_block,
				   run * fs->sectors_per_block, fs->staging);
	for (uint32_t i = 0; i < made; i++) {
		blocks[i]->pins--;
		if (err)
			drop(fs, blocks[i]);
		else
			data_copy(blocks[i]->data, fs->staging + (size_t)i * fs->block_size,
				  fs->block_size);
	}
	return err;
}

static int by_block(const void *a, const void *b)
{
	const struct ext2_cblock *x = *(const struct ext2_cblock *const *)a;
	const struct ext2_cblock *y = *(const struct ext2_cblock *const *)b;
	return x->block < y->block ? -1 : x->block > y->block;
}

/* Writes list[0..count) (sorted, dirty) in runs of adjacent blocks. */
static int write_runs(struct ext2_fs *fs, struct ext2_cblock **list, size_t count)
{
	int first_err = 0;
	size_t i = 0;
	while (i < count) {
		size_t run = 1;
		while (i + run < count && run < fs->staging_blocks &&
		       list[i + run]->block == list[i]->block + run)
			run++;
		int err;
		if (run == 1) {
			err = dev_write_blocks(fs, list[i]->block, 1, list[i]->data);
		} else {
			for (size_t j = 0; j < run; j++)
				data_copy(fs->staging + j * fs->block_size, list[i + j]->data,
					  fs->block_size);
			err = dev_write_blocks(fs, list[i]->block, (uint32_t)run, fs->staging);
		}
		if (err && !first_err)
			first_err = err;
		if (!err)
			for (size_t j = 0; j < run; j++)
				list[i + j]->dirty = false;
		i += run;
	}
	return first_err;
}

static int write_matching(struct ext2_fs *fs,
			  bool (*match)(const struct ext2_cblock *, const void *),
			  const void *arg)
{
	size_t count = 0;
	for (struct ext2_cblock *cb = fs->lru_head; cb; cb = cb->lru_next)
		if (cb->dirty && match(cb, arg))
			count++;
	if (!count)
		return 0;
	struct ext2_cblock **list = counted_alloc(count * sizeof(*list));
	if (!list)
		return -ENOMEM;
	size_t n = 0;
	for (struct ext2_cblock *cb = fs->lru_head; cb; cb = cb->lru_next)
		if (cb->dirty && match(cb, arg))
			list[n++] = cb;
	qsort(list, n, sizeof(*list), by_block);
	int err = write_runs(fs, list, n);
	counted_free(list);
	return err;
}

int ext2_cache_write_back(struct ext2_fs *fs,
			  bool (*match)(const struct ext2_cblock *, const void *),
			  const void *arg)
{
	int err = write_matching(fs, match, arg);
	return err ? err : evict(fs, NULL);
}
