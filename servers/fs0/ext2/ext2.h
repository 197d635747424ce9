/* ext2.h - the ext2 file system library fs0 mounts disks with: the on-disk
 * format (revision 1, 1 KiB to 4 KiB blocks), a write-back block cache, and
 * operations by inode number. It knows nothing of fs0's vnodes or of IPC:
 * the caller gives it a block device as three functions, and serializes
 * calls (one operation at a time per struct ext2_fs). Errors are negative
 * errno values from <errno.h>. */
#ifndef FS0_EXT2_H
#define FS0_EXT2_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A damaged on-disk structure. picolibc has no EUCLEAN: there it is EIO. */
#ifndef EUCLEAN
#define EUCLEAN EIO
#endif

/* The device, in 512-byte sectors. read/write move count sectors starting at
 * sector; flush empties the device's write cache. Each returns 0 or -EIO
 * (or another negative errno). The library never calls them concurrently. */
struct ext2_dev {
	void *ctx;
	uint64_t sectors;		/* size of the device */
	int (*read)(void *ctx, uint64_t sector, uint32_t count, void *buf);
	int (*write)(void *ctx, uint64_t sector, uint32_t count, const void *buf);
	int (*flush)(void *ctx);
	/* Optional (NULL when the device has none): memory the device moves
	 * to and from without a copy, its DMA window, buffer_bytes long. The
	 * cache stages its merged writes and read-ahead there, so read and
	 * write see it as buf at its start and skip their copy. */
	void *buffer;
	uint32_t buffer_bytes;
	/* The time in seconds since the epoch that create, link, unlink,
	 * rename, mount and unmount stamp on what they change. */
	int64_t (*now)(void *ctx);
};

struct ext2_fs;

#define EXT2_ROOT_INO		2u

/* ext2_mount flags */
#define EXT2_MOUNT_READ_ONLY	0x1u	/* never write to the device */
/* Read-write even when the fs was not cleanly unmounted or says it has
 * errors (the caller's decision); why still tells. */
#define EXT2_MOUNT_UNCLEAN_OK	0x2u

/* Inode attributes, as stat shows them. */
struct ext2_attr {
	uint32_t mode;			/* S_IFMT type bits | permission bits */
	uint32_t uid;
	uint32_t gid;
	uint32_t nlink;
	uint64_t size;
	uint64_t blocks512;		/* space used, in 512-byte units */
	int64_t atime, mtime, ctime;	/* seconds since the epoch */
	uint32_t atime_nsec, mtime_nsec, ctime_nsec;	/* 0 unless the inode keeps them */
	uint32_t rdev;			/* character/block devices: Linux encoding */
};

/* ext2_setattr mask */
#define EXT2_SET_MODE		0x01u	/* permission bits only; the type stays */
#define EXT2_SET_UID		0x02u
#define EXT2_SET_GID		0x04u
#define EXT2_SET_ATIME		0x08u
#define EXT2_SET_MTIME		0x10u
#define EXT2_SET_CTIME		0x20u

struct ext2_statfs {
	uint32_t block_size;
	uint64_t blocks, blocks_free, blocks_avail;	/* avail: free minus reserved */
	uint64_t inodes, inodes_free;
	uint32_t name_max;		/* 255 */
};

/* Mount: check the superblock and group descriptors; a damaged or unknown
 * format is refused (-EINVAL, -EUCLEAN) with a one-line reason in why; a
 * known-but-unsupported writable feature, or an fs not cleanly unmounted,
 * mounts read-only (*read_only set, reason in why). cache_bytes bounds the
 * block cache. Unless read-only, the superblock is marked "not clean" on the
 * device before this returns. */
int ext2_mount(const struct ext2_dev *dev, uint32_t flags, size_t cache_bytes, struct ext2_fs **out, bool *read_only, char *why, size_t why_size);
/* Write back everything, mark the superblock clean, flush, free. Returns the
 * first write error (the fs is freed regardless). */
int ext2_unmount(struct ext2_fs *fs);
/* Write back every dirty block and flush the device. */
int ext2_sync(struct ext2_fs *fs);
/* Write back one inode's data blocks, its indirect blocks and its inode (and
 * with data_only, the inode only if its size or block map changed), then
 * flush the device: afterwards the file's content survives a power cut. */
int ext2_fsync(struct ext2_fs *fs, uint32_t ino, bool data_only);
void ext2_statfs(struct ext2_fs *fs, struct ext2_statfs *out);
bool ext2_read_only(const struct ext2_fs *fs);

int ext2_getattr(struct ext2_fs *fs, uint32_t ino, struct ext2_attr *out);
int ext2_setattr(struct ext2_fs *fs, uint32_t ino, uint32_t mask, const struct ext2_attr *in);

/* File data; holes read as zeros. read returns bytes read (0 at or past
 * the end), write bytes written (short with what fit before -ENOSPC is the
 * whole answer only when nothing fit). Neither changes atime/mtime: the
 * caller stamps times with setattr. write extends size. */
long ext2_read(struct ext2_fs *fs, uint32_t ino, void *buf, size_t len, uint64_t offset);
long ext2_write(struct ext2_fs *fs, uint32_t ino, const void *buf, size_t len, uint64_t offset);
/* Shrink (freeing blocks past the end) or grow (a hole) to size. */
int ext2_truncate(struct ext2_fs *fs, uint32_t ino, uint64_t size);

/* Directories. A name is len bytes, no NUL needed, never "." or ".." for
 * the changing calls. lookup gives -ENOENT when absent. */
int ext2_lookup(struct ext2_fs *fs, uint32_t dir, const char *name, size_t len, uint32_t *ino);
/* Calls each(arg, name, len, ino, S_IFMT type or 0 if the entry has none)
 * for every entry except "." and "..", in on-disk order, until each returns
 * nonzero (that value is returned) or the directory ends (0). */
int ext2_iterate(struct ext2_fs *fs, uint32_t dir, int (*each)(void *arg, const char *name, size_t len, uint32_t ino, uint32_t type), void *arg);
/* New inode named name in dir: a regular file, fifo, socket or device
 * (rdev), or a directory (with "." and "..", dir's link count +1).
 * -EEXIST if the name is taken. */
int ext2_create(struct ext2_fs *fs, uint32_t dir, const char *name, size_t len, uint32_t mode, uint32_t uid, uint32_t gid, uint32_t rdev, uint32_t *ino);
int ext2_symlink(struct ext2_fs *fs, uint32_t dir, const char *name, size_t len, const char *target, size_t target_len, uint32_t uid, uint32_t gid, uint32_t *ino);
/* The target of a symbolic link; returns its length, copies at most size. */
long ext2_readlink(struct ext2_fs *fs, uint32_t ino, char *buf, size_t size);
/* Another name for a non-directory (link count +1). */
int ext2_link(struct ext2_fs *fs, uint32_t dir, const char *name, size_t len, uint32_t ino);
/* Remove a name (of a non-directory; of an empty directory with rmdir) and
 * drop the link count. An inode whose count reaches 0 keeps its blocks
 * until ext2_release: the caller calls that when no one has it open. */
int ext2_unlink(struct ext2_fs *fs, uint32_t dir, const char *name, size_t len);
int ext2_rmdir(struct ext2_fs *fs, uint32_t dir, const char *name, size_t len);
/* Free an inode with no links left (its blocks and itself); no-op if it has
 * links. */
int ext2_release(struct ext2_fs *fs, uint32_t ino);
/* rename(2) semantics: replaces a target of compatible type (an empty
 * directory for a directory), moves ".." of a moved directory. */
int ext2_rename(struct ext2_fs *fs, uint32_t old_dir, const char *old_name, size_t old_len, uint32_t new_dir, const char *new_name, size_t new_len);

#endif
