/* cache.h - the block cache (cache.c): blocks by number, pinned while
 * used, written back in block order. */
#ifndef FS0_EXT2_CACHE_H
#define FS0_EXT2_CACHE_H

#include "ext2_local.h"

int ext2_cache_init(struct ext2_fs *fs, size_t cache_bytes);
void ext2_cache_destroy(struct ext2_fs *fs);
/* Pins the block, reading it unless cached. */
int ext2_cache_get(struct ext2_fs *fs, uint32_t block, enum ext2_kind kind, uint32_t owner,
		   struct ext2_cblock **out);
/* Pins a block the caller will overwrite whole (fresh allocations): zeroed, no read. */
int ext2_cache_get_zeroed(struct ext2_fs *fs, uint32_t block, enum ext2_kind kind, uint32_t owner,
			  struct ext2_cblock **out);
void ext2_cache_put(struct ext2_fs *fs, struct ext2_cblock *cb);
void ext2_cache_mark_dirty(struct ext2_cblock *cb);
/* A freed block: its cached copy, dirty or not, is dropped. */
void ext2_cache_forget(struct ext2_fs *fs, uint32_t block);
/* Reads up to count uncached blocks from first in one device request. */
int ext2_cache_read_ahead(struct ext2_fs *fs, uint32_t first, uint32_t count,
			  enum ext2_kind kind, uint32_t owner);
bool ext2_cache_has(struct ext2_fs *fs, uint32_t block);
/* Writes every dirty block for which match says yes, in block order, with
 * adjacent blocks merged into one device write. */
int ext2_cache_write_back(struct ext2_fs *fs,
			  bool (*match)(const struct ext2_cblock *, const void *),
			  const void *arg);

#endif
