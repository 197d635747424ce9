/* ext2_local.h - what the ext2 library's files share: the on-disk layout
 * (byte offsets, little-endian), the mounted file system's state, cached
 * blocks and inodes in memory. Each file's functions are in its own header
 * (cache.h, alloc.h, ...). Not for fs0, which includes ext2.h only.
 * One-line prototypes in ext2.h keep tools/layer-check's drawing right. */
#ifndef FS0_EXT2_LOCAL_H
#define FS0_EXT2_LOCAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "ext2.h"

#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "the ext2 library reads its little-endian format by memcpy"
#endif

/* Superblock fields (byte offsets in its 1024 bytes). */
#define SB_INODES_COUNT		0
#define SB_BLOCKS_COUNT		4
#define SB_R_BLOCKS_COUNT	8
#define SB_FREE_BLOCKS		12
#define SB_FREE_INODES		16
#define SB_FIRST_DATA_BLOCK	20
#define SB_LOG_BLOCK_SIZE	24
#define SB_BLOCKS_PER_GROUP	32
#define SB_INODES_PER_GROUP	40
#define SB_MTIME		44
#define SB_WTIME		48
#define SB_MNT_COUNT		52	/* u16 */
#define SB_MAGIC		56	/* u16 */
#define SB_STATE		58	/* u16 */
#define SB_REV_LEVEL		76
#define SB_FIRST_INO		84
#define SB_INODE_SIZE		88	/* u16 */
#define SB_FEATURE_COMPAT	92
#define SB_FEATURE_INCOMPAT	96
#define SB_FEATURE_RO_COMPAT	100

#define EXT2_MAGIC		0xEF53u
#define EXT2_STATE_VALID	0x1u	/* cleanly unmounted */
#define EXT2_STATE_ERROR	0x2u

#define EXT2_INCOMPAT_FILETYPE	0x2u
#define EXT2_INCOMPAT_RECOVER	0x4u
#define EXT2_INCOMPAT_EXTENTS	0x40u
#define EXT2_RO_COMPAT_SPARSE	0x1u
#define EXT2_RO_COMPAT_LARGE	0x2u
#define EXT2_RO_COMPAT_KNOWN	(EXT2_RO_COMPAT_SPARSE | EXT2_RO_COMPAT_LARGE)

/* Group descriptor fields (32 bytes each). */
#define GD_SIZE			32u
#define GD_BLOCK_BITMAP		0
#define GD_INODE_BITMAP		4
#define GD_INODE_TABLE		8
#define GD_FREE_BLOCKS		12	/* u16 */
#define GD_FREE_INODES		14	/* u16 */
#define GD_USED_DIRS		16	/* u16 */

/* Inode fields. */
#define EXT2_GOOD_OLD_INODE_SIZE 128u
#define EXT2_N_BLOCKS		15
#define EXT2_NDIR		12
#define EXT2_FAST_LINK_MAX	60u	/* a target shorter than i_block */
#define EXT2_LINK_MAX		32000u
#define EXT2_INDEX_FL		0x1000u	/* hashed directory: cleared on change */

/* Block kinds, for write-back order (fsync) and read-ahead. */
enum ext2_kind {
	KIND_DATA,		/* a file's bytes */
	KIND_INDIRECT,		/* a file's or directory's block map */
	KIND_DIR,		/* directory entries, or a slow symlink's target */
	KIND_INODE,		/* inode table */
	KIND_META,		/* bitmaps, descriptors, superblock, xattr blocks */
};

struct ext2_cblock {
	uint32_t block;
	uint32_t owner;		/* inode number for DATA/INDIRECT, else 0 */
	uint8_t kind;
	bool dirty;
	uint32_t pins;		/* users between ext2_cache_get and ext2_cache_put */
	struct ext2_cblock *hash_next;
	struct ext2_cblock *lru_prev, *lru_next;	/* head is most recent */
	uint8_t *data;
};

struct ext2_group {
	uint32_t block_bitmap, inode_bitmap, inode_table;
	uint32_t free_blocks, free_inodes, used_dirs;
	bool dirty;
};

struct ext2_fs {
	struct ext2_dev dev;
	bool read_only;
	uint8_t sb[1024];		/* the superblock, written back by ext2_meta_commit */
	uint16_t mount_state;		/* s_state found at mount: unmount restores it */
	uint32_t block_size, sectors_per_block, addrs_per_block;
	/* log2 of block_size and of addrs_per_block: the read and write paths
	 * split 64-bit offsets with shifts, since a 64-bit division is a
	 * library call of some hundred instructions on ARMv7. */
	uint32_t block_bits, addr_bits;
	uint32_t blocks_count, inodes_count, first_data_block;
	uint32_t blocks_per_group, inodes_per_group, group_count;
	uint32_t inode_size, first_ino, gdt_blocks, inode_table_blocks;
	bool filetype;			/* entries carry their inode's type */
	bool rev0;
	uint64_t free_blocks, free_inodes;	/* the groups' sums */
	struct ext2_group *groups;

	/* block cache */
	size_t cache_max, cache_count;
	struct ext2_cblock **hash;
	uint32_t hash_mask;
	struct ext2_cblock *lru_head, *lru_tail;
	uint8_t *staging;		/* one merged device transfer */
	uint32_t staging_blocks;
	bool staging_is_device_buffer;	/* dev.buffer: not the cache's to free */
	struct ext2_cblock **staged;	/* staging_blocks entries: a read-ahead's blocks */

	/* unlinked inodes not yet released: freed at unmount at the latest */
	uint32_t *orphans;
	size_t orphan_count, orphan_cap;

	/* sequential reading, for read-ahead */
	uint32_t ra_ino;
	uint64_t ra_next;		/* the block after the last one read */
};

/* An inode in memory: the decoded fields fs code changes, and the raw bytes
 * so that fields it does not know survive a write-back. */
struct ext2_inode {
	uint32_t ino;
	uint32_t mode, uid, gid, links;
	uint64_t size;
	uint32_t atime, ctime, mtime, dtime;
	uint32_t atime_extra, ctime_extra, mtime_extra;
	uint32_t blocks512;		/* i_blocks: 512-byte units */
	uint32_t flags, file_acl;
	uint32_t block[EXT2_N_BLOCKS];
	uint16_t extra_isize;
	uint8_t raw[256];
};

#define EXT2_TYPE(mode)	((mode) & 0170000u)
#define EXT2_IS_DIR(mode)	(EXT2_TYPE(mode) == 0040000u)
#define EXT2_IS_REG(mode)	(EXT2_TYPE(mode) == 0100000u)
#define EXT2_IS_LNK(mode)	(EXT2_TYPE(mode) == 0120000u)

static inline uint16_t ext2_get16(const void *base, size_t off)
{
	uint16_t v;
	memcpy(&v, (const uint8_t *)base + off, sizeof(v));
	return v;
}

static inline uint32_t ext2_get32(const void *base, size_t off)
{
	uint32_t v;
	memcpy(&v, (const uint8_t *)base + off, sizeof(v));
	return v;
}

static inline void ext2_put16(void *base, size_t off, uint16_t v)
{
	memcpy((uint8_t *)base + off, &v, sizeof(v));
}

static inline void ext2_put32(void *base, size_t off, uint32_t v)
{
	memcpy((uint8_t *)base + off, &v, sizeof(v));
}

static inline int64_t ext2_fs_now(struct ext2_fs *fs)
{
	return fs->dev.now ? fs->dev.now(fs->dev.ctx) : 0;
}

/* A block number read from disk that may name file data or a map. */
static inline bool ext2_block_valid(const struct ext2_fs *fs, uint32_t block)
{
	return block >= fs->first_data_block && block < fs->blocks_count;
}

#endif
