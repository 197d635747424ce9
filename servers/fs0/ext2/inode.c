/* inode.c - inodes between the inode tables and memory (struct ext2_inode),
 * and the attribute calls getattr/setattr. */
#include <errno.h>

#include "cache.h"
#include "inode.h"

#define I_MODE		0
#define I_UID		2
#define I_SIZE		4
#define I_ATIME		8
#define I_CTIME		12
#define I_MTIME		16
#define I_DTIME		20
#define I_GID		24
#define I_LINKS		26
#define I_BLOCKS	28
#define I_FLAGS		32
#define I_BLOCK		40
#define I_FILE_ACL	104
#define I_SIZE_HIGH	108
#define I_UID_HIGH	120
#define I_GID_HIGH	122
#define I_EXTRA_ISIZE	128
#define I_CTIME_EXTRA	132
#define I_MTIME_EXTRA	136
#define I_ATIME_EXTRA	140
#define I_CRTIME	144

/* What struct ext2_inode_large adds, as e2fsprogs writes new inodes. */
#define NEW_EXTRA_ISIZE	32u

static int inode_location(struct ext2_fs *fs, uint32_t ino, uint32_t *block, uint32_t *offset)
{
	if (ino < 1 || ino > fs->inodes_count)
		return -EINVAL;
	uint32_t g = (ino - 1) / fs->inodes_per_group;
	uint64_t byte = (uint64_t)((ino - 1) % fs->inodes_per_group) * fs->inode_size;
	*block = fs->groups[g].inode_table + (uint32_t)(byte / fs->block_size);
	*offset = (uint32_t)(byte % fs->block_size);
	return 0;
}

/* Does the inode's extra space reach the 4-byte field at off? */
static bool has_extra(const struct ext2_inode *in, uint32_t off)
{
	return off + 4 <= EXT2_GOOD_OLD_INODE_SIZE + in->extra_isize;
}

int ext2_inode_load(struct ext2_fs *fs, uint32_t ino, struct ext2_inode *out)
{
	uint32_t block, offset;
	int err = inode_location(fs, ino, &block, &offset);
	if (err)
		return err;
	struct ext2_cblock *cb;
	err = ext2_cache_get(fs, block, KIND_INODE, 0, &cb);
	if (err)
		return err;
	memset(out, 0, sizeof(*out));
	memcpy(out->raw, cb->data + offset, fs->inode_size);
	ext2_cache_put(fs, cb);
	const uint8_t *raw = out->raw;
	out->ino = ino;
	out->mode = ext2_get16(raw, I_MODE);
	out->uid = ext2_get16(raw, I_UID) | (uint32_t)ext2_get16(raw, I_UID_HIGH) << 16;
	out->gid = ext2_get16(raw, I_GID) | (uint32_t)ext2_get16(raw, I_GID_HIGH) << 16;
	out->links = ext2_get16(raw, I_LINKS);
	out->size = ext2_get32(raw, I_SIZE);
	if (EXT2_IS_REG(out->mode) && !fs->rev0)
		out->size |= (uint64_t)ext2_get32(raw, I_SIZE_HIGH) << 32;
	out->atime = ext2_get32(raw, I_ATIME);
	out->ctime = ext2_get32(raw, I_CTIME);
	out->mtime = ext2_get32(raw, I_MTIME);
	out->dtime = ext2_get32(raw, I_DTIME);
	out->blocks512 = ext2_get32(raw, I_BLOCKS);
	out->flags = ext2_get32(raw, I_FLAGS);
	out->file_acl = ext2_get32(raw, I_FILE_ACL);
	for (int i = 0; i < EXT2_N_BLOCKS; i++)
		out->block[i] = ext2_get32(raw, I_BLOCK + 4 * i);
	if (fs->inode_size > EXT2_GOOD_OLD_INODE_SIZE) {
		out->extra_isize = ext2_get16(raw, I_EXTRA_ISIZE);
		if (out->extra_isize > fs->inode_size - EXT2_GOOD_OLD_INODE_SIZE)
			out->extra_isize = 0;
		if (has_extra(out, I_CTIME_EXTRA))
			out->ctime_extra = ext2_get32(raw, I_CTIME_EXTRA);
		if (has_extra(out, I_MTIME_EXTRA))
			out->mtime_extra = ext2_get32(raw, I_MTIME_EXTRA);
		if (has_extra(out, I_ATIME_EXTRA))
			out->atime_extra = ext2_get32(raw, I_ATIME_EXTRA);
	}
	return 0;
}

int ext2_inode_store(struct ext2_fs *fs, struct ext2_inode *in)
{
	if (fs->read_only)
		return -EROFS;
	uint8_t *raw = in->raw;
	ext2_put16(raw, I_MODE, (uint16_t)in->mode);
	ext2_put16(raw, I_UID, (uint16_t)in->uid);
	ext2_put16(raw, I_UID_HIGH, (uint16_t)(in->uid >> 16));
	ext2_put16(raw, I_GID, (uint16_t)in->gid);
	ext2_put16(raw, I_GID_HIGH, (uint16_t)(in->gid >> 16));
	ext2_put16(raw, I_LINKS, (uint16_t)in->links);
	ext2_put32(raw, I_SIZE, (uint32_t)in->size);
	if (EXT2_IS_REG(in->mode) && !fs->rev0) {
		ext2_put32(raw, I_SIZE_HIGH, (uint32_t)(in->size >> 32));
		if (in->size > 0x7fffffffu)
			ext2_put32(fs->sb, SB_FEATURE_RO_COMPAT,
				   ext2_get32(fs->sb, SB_FEATURE_RO_COMPAT) | EXT2_RO_COMPAT_LARGE);
	}
	ext2_put32(raw, I_ATIME, in->atime);
	ext2_put32(raw, I_CTIME, in->ctime);
	ext2_put32(raw, I_MTIME, in->mtime);
	ext2_put32(raw, I_DTIME, in->dtime);
	ext2_put32(raw, I_BLOCKS, in->blocks512);
	ext2_put32(raw, I_FLAGS, in->flags);
	ext2_put32(raw, I_FILE_ACL, in->file_acl);
	for (int i = 0; i < EXT2_N_BLOCKS; i++)
		ext2_put32(raw, I_BLOCK + 4 * i, in->block[i]);
	if (fs->inode_size > EXT2_GOOD_OLD_INODE_SIZE) {
		if (has_extra(in, I_CTIME_EXTRA))
			ext2_put32(raw, I_CTIME_EXTRA, in->ctime_extra);
		if (has_extra(in, I_MTIME_EXTRA))
			ext2_put32(raw, I_MTIME_EXTRA, in->mtime_extra);
		if (has_extra(in, I_ATIME_EXTRA))
			ext2_put32(raw, I_ATIME_EXTRA, in->atime_extra);
	}
	uint32_t block, offset;
	int err = inode_location(fs, in->ino, &block, &offset);
	if (err)
		return err;
	struct ext2_cblock *cb;
	err = ext2_cache_get(fs, block, KIND_INODE, 0, &cb);
	if (err)
		return err;
	if (memcmp(cb->data + offset, raw, fs->inode_size)) {
		memcpy(cb->data + offset, raw, fs->inode_size);
		ext2_cache_mark_dirty(cb);
	}
	ext2_cache_put(fs, cb);
	return 0;
}

/* The extra word of a timestamp: nanoseconds and the epoch bits that carry
 * seconds past 2038. */
static uint32_t time_extra(int64_t sec, uint32_t nsec)
{
	uint32_t epoch = (uint32_t)((uint64_t)(sec - (int32_t)sec) >> 32) & 3u;
	return nsec << 2 | epoch;
}

static int64_t time_of(uint32_t low, uint32_t extra)
{
	return (int64_t)(int32_t)low + ((int64_t)(extra & 3u) << 32);
}

void ext2_inode_init(struct ext2_fs *fs, struct ext2_inode *in, uint32_t ino, uint32_t mode,
		     uint32_t uid, uint32_t gid)
{
	memset(in, 0, sizeof(*in));
	int64_t now = ext2_fs_now(fs);
	in->ino = ino;
	in->mode = mode;
	in->uid = uid;
	in->gid = gid;
	in->atime = in->ctime = in->mtime = (uint32_t)now;
	if (fs->inode_size > EXT2_GOOD_OLD_INODE_SIZE) {
		in->extra_isize = NEW_EXTRA_ISIZE;
		ext2_put16(in->raw, I_EXTRA_ISIZE, NEW_EXTRA_ISIZE);
		ext2_put32(in->raw, I_CRTIME, (uint32_t)now);
		in->atime_extra = in->ctime_extra = in->mtime_extra = time_extra(now, 0);
	}
}

void ext2_inode_touch(struct ext2_fs *fs, struct ext2_inode *in, bool mtime)
{
	int64_t now = ext2_fs_now(fs);
	in->ctime = (uint32_t)now;
	in->ctime_extra = time_extra(now, 0);
	if (mtime) {
		in->mtime = in->ctime;
		in->mtime_extra = in->ctime_extra;
	}
}

bool ext2_inode_fast_symlink(const struct ext2_fs *fs, const struct ext2_inode *in)
{
	uint32_t xattr = in->file_acl ? fs->block_size / 512 : 0;
	return EXT2_IS_LNK(in->mode) && in->blocks512 == xattr && in->size < EXT2_FAST_LINK_MAX;
}

int ext2_getattr(struct ext2_fs *fs, uint32_t ino, struct ext2_attr *out)
{
	struct ext2_inode in;
	int err = ext2_inode_load(fs, ino, &in);
	if (err)
		return err;
	memset(out, 0, sizeof(*out));
	out->mode = in.mode;
	out->uid = in.uid;
	out->gid = in.gid;
	out->nlink = in.links;
	out->size = in.size;
	out->blocks512 = in.blocks512;
	out->atime = time_of(in.atime, in.atime_extra);
	out->mtime = time_of(in.mtime, in.mtime_extra);
	out->ctime = time_of(in.ctime, in.ctime_extra);
	out->atime_nsec = in.atime_extra >> 2;
	out->mtime_nsec = in.mtime_extra >> 2;
	out->ctime_nsec = in.ctime_extra >> 2;
	uint32_t type = EXT2_TYPE(in.mode);
	if (type == 0020000u || type == 0060000u)
		out->rdev = in.block[0] ? in.block[0] : in.block[1];
	return 0;
}

int ext2_setattr(struct ext2_fs *fs, uint32_t ino, uint32_t mask, const struct ext2_attr *attr)
{
	if (fs->read_only)
		return -EROFS;
	struct ext2_inode in;
	int err = ext2_inode_load(fs, ino, &in);
	if (err)
		return err;
	if (mask & EXT2_SET_MODE)
		in.mode = EXT2_TYPE(in.mode) | (attr->mode & 07777u);
	if (mask & EXT2_SET_UID)
		in.uid = attr->uid;
	if (mask & EXT2_SET_GID)
		in.gid = attr->gid;
	bool extra = fs->inode_size > EXT2_GOOD_OLD_INODE_SIZE;
	if (mask & EXT2_SET_ATIME) {
		in.atime = (uint32_t)attr->atime;
		in.atime_extra = extra ? time_extra(attr->atime, attr->atime_nsec) : 0;
	}
	if (mask & EXT2_SET_MTIME) {
		in.mtime = (uint32_t)attr->mtime;
		in.mtime_extra = extra ? time_extra(attr->mtime, attr->mtime_nsec) : 0;
	}
	if (mask & EXT2_SET_CTIME) {
		in.ctime = (uint32_t)attr->ctime;
		in.ctime_extra = extra ? time_extra(attr->ctime, attr->ctime_nsec) : 0;
	}
	return ext2_inode_store(fs, &in);
}
