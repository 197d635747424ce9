/* dir.c - directory blocks: linear entries (inode, rec_len, name_len, type,
 * name) checked as they are read, so a damaged block gives -EUCLEAN; finding,
 * adding (into an entry's slack or a new block), removing (merging into the
 * previous entry) and re-pointing entries. */
#include <errno.h>

#include "bmap.h"
#include "cache.h"
#include "dir.h"
#include "inode.h"

#define DE_INODE	0
#define DE_REC_LEN	4
#define DE_NAME_LEN	6
#define DE_TYPE		7
#define DE_NAME		8
#define NAME_MAX_LEN	255u

static uint32_t entry_size(uint32_t name_len)
{
	return (8 + name_len + 3) & ~3u;
}

static const uint32_t type_to_mode[8] = {
	0, 0100000u, 0040000u, 0020000u, 0060000u, 0010000u, 0140000u, 0120000u,
};

static uint8_t type_code(uint32_t mode)
{
	for (uint8_t code = 1; code < 8; code++)
		if (type_to_mode[code] == EXT2_TYPE(mode))
			return code;
	return 0;
}

/* One entry as the walker shows it to a visitor. */
struct dir_entry {
	struct ext2_cblock *cb;
	uint64_t logical;		/* the block's number in the directory */
	uint32_t off, prev;		/* prev: the entry before in this block, or UINT32_MAX */
	uint32_t ino, rec_len, name_len, mode;
	const char *name;
};

/* Reads the entry at de->off of de->cb: false when it is damaged. */
static bool read_entry(const struct ext2_fs *fs, struct dir_entry *de)
{
	uint32_t bs = fs->block_size, off = de->off;
	const uint8_t *raw = de->cb->data + off;
	de->ino = ext2_get32(raw, DE_INODE);
	de->rec_len = ext2_get16(raw, DE_REC_LEN);
	de->name_len = raw[DE_NAME_LEN];
	de->mode = fs->filetype ? type_to_mode[raw[DE_TYPE] & 7] : 0;
	de->name = (const char *)raw + DE_NAME;
	return de->rec_len >= 12 && de->rec_len % 4 == 0 && de->rec_len <= bs - off &&
	       DE_NAME + de->name_len <= de->rec_len && de->ino <= fs->inodes_count;
}

/* Calls visit for each entry; it returns 0 to go on, else that is the
 * answer (the visitor may change the block and mark it dirty). */
static int dir_walk(struct ext2_fs *fs, struct ext2_inode *dir,
		    int (*visit)(struct ext2_fs *, struct dir_entry *, void *), void *arg)
{
	uint32_t bs = fs->block_size;
	if (!EXT2_IS_DIR(dir->mode))
		return -ENOTDIR;
	/* A directory has no holes, so its size never passes its blocks. */
	if (dir->size % bs || dir->size / 512 > dir->blocks512)
		return -EUCLEAN;
	uint64_t blocks = dir->size / bs;
	for (uint64_t logical = 0; logical < blocks; logical++) {
		uint32_t physical;
		int err = ext2_bmap(fs, dir, logical, false, &physical);
		if (err)
			return err;
		if (!physical)
			return -EUCLEAN;
		struct ext2_cblock *cb;
		err = ext2_cache_get(fs, physical, KIND_DIR, dir->ino, &cb);
		if (err)
			return err;
		struct dir_entry de = { .cb = cb, .logical = logical, .prev = UINT32_MAX };
		for (uint32_t off = 0; off < bs; off += de.rec_len) {
			de.off = off;
			if (!read_entry(fs, &de)) {
				ext2_cache_put(fs, cb);
				return -EUCLEAN;
			}
			int answer = visit(fs, &de, arg);
			if (answer) {
				ext2_cache_put(fs, cb);
				return answer;
			}
			de.prev = off;
		}
		ext2_cache_put(fs, cb);
	}
	return 0;
}

struct name_query {
	const char *name;
	size_t len;
	uint32_t ino, mode;
	uint8_t type;			/* for retarget */
};

/* Compared from the last byte: names in one directory often share a
 * prefix (file_1, file_2, ...), so a different name is usually told at
 * once, where memcmp would go through the prefix first. */
static bool entry_is(const struct dir_entry *de, const struct name_query *q)
{
	if (!de->ino || de->name_len != q->len)
		return false;
	for (size_t i = q->len; i-- > 0;)
		if (de->name[i] != q->name[i])
			return false;
	return true;
}

static int visit_find(struct ext2_fs *fs, struct dir_entry *de, void *arg)
{
	(void)fs;
	struct name_query *q = arg;
	if (!entry_is(de, q))
		return 0;
	q->ino = de->ino;
	q->mode = de->mode;
	return 1;
}

int ext2_dir_find(struct ext2_fs *fs, struct ext2_inode *dir, const char *name, size_t len,
		  uint32_t *ino, uint32_t *type)
{
	if (!len || len > NAME_MAX_LEN)
		return len ? -ENAMETOOLONG : -ENOENT;
	struct name_query q = { .name = name, .len = len };
	int found = dir_walk(fs, dir, visit_find, &q);
	if (found < 0)
		return found;
	if (!found)
		return -ENOENT;
	if (q.ino < 1)
		return -EUCLEAN;
	*ino = q.ino;
	if (type)
		*type = q.mode;
	return 0;
}

/* Does de's slack (all of it when unused) take an entry of need bytes? */
static bool entry_has_room(const struct dir_entry *de, uint32_t need)
{
	uint32_t used = de->ino ? entry_size(de->name_len) : 0;
	return de->rec_len - used >= need;
}

struct room_query {
	struct name_query name;
	uint32_t need;
	struct ext2_dir_room *room;
};

static int visit_find_room(struct ext2_fs *fs, struct dir_entry *de, void *arg)
{
	struct room_query *rq = arg;
	if (visit_find(fs, de, &rq->name))
		return 1;
	if (!rq->room->found && entry_has_room(de, rq->need))
		*rq->room = (struct ext2_dir_room){ .found = true, .logical = de->logical,
						    .off = de->off };
	return 0;
}

int ext2_dir_find_room(struct ext2_fs *fs, struct ext2_inode *dir, const char *name,
		       size_t len, uint32_t *ino, struct ext2_dir_room *room)
{
	*room = (struct ext2_dir_room){ .found = false };
	if (!len || len > NAME_MAX_LEN)
		return len ? -ENAMETOOLONG : -ENOENT;
	struct room_query rq = { .name = { .name = name, .len = len },
				 .need = entry_size((uint32_t)len), .room = room };
	int found = dir_walk(fs, dir, visit_find_room, &rq);
	if (found < 0)
		return found;
	if (!found)
		return -ENOENT;
	if (rq.name.ino < 1)
		return -EUCLEAN;
	*ino = rq.name.ino;
	return 0;
}

static void write_entry(struct ext2_fs *fs, uint8_t *raw, uint32_t rec_len,
			const struct name_query *q)
{
	ext2_put32(raw, DE_INODE, q->ino);
	ext2_put16(raw, DE_REC_LEN, (uint16_t)rec_len);
	raw[DE_NAME_LEN] = (uint8_t)q->len;
	raw[DE_TYPE] = fs->filetype ? type_code(q->mode) : 0;
	memcpy(raw + DE_NAME, q->name, q->len);
}

static int visit_insert(struct ext2_fs *fs, struct dir_entry *de, void *arg)
{
	struct name_query *q = arg;
	if (!entry_has_room(de, entry_size((uint32_t)q->len)))
		return 0;
	uint32_t used = de->ino ? entry_size(de->name_len) : 0;
	uint8_t *raw = de->cb->data + de->off;
	if (used) {
		ext2_put16(raw, DE_REC_LEN, (uint16_t)used);
		write_entry(fs, raw + used, de->rec_len - used, q);
	} else {
		write_entry(fs, raw, de->rec_len, q);
	}
	ext2_cache_mark_dirty(de->cb);
	return 1;
}

/* Changes to a directory stamp it and, since they are linear, end any
 * hashed index the directory had. */
static int dir_changed(struct ext2_fs *fs, struct ext2_inode *dir)
{
	dir->flags &= ~EXT2_INDEX_FL;
	ext2_inode_touch(fs, dir, true);
	return ext2_inode_store(fs, dir);
}

/* Inserts at the entry room names, if it is whole and still has the
 * slack: 1 when done, 0 when not, or a negative error. */
static int insert_at(struct ext2_fs *fs, struct ext2_inode *dir, const struct ext2_dir_room *room,
		     struct name_query *q)
{
	if (room->logical >= dir->size / fs->block_size || room->off >= fs->block_size)
		return 0;
	uint32_t physical;
	int err = ext2_bmap(fs, dir, room->logical, false, &physical);
	if (err || !physical)
		return err ? err : -EUCLEAN;
	struct dir_entry de = { .logical = room->logical, .off = room->off };
	err = ext2_cache_get(fs, physical, KIND_DIR, dir->ino, &de.cb);
	if (err)
		return err;
	int done = read_entry(fs, &de) ? visit_insert(fs, &de, q) : 0;
	ext2_cache_put(fs, de.cb);
	return done;
}

int ext2_dir_add(struct ext2_fs *fs, struct ext2_inode *dir, const char *name, size_t len,
		 uint32_t ino, uint32_t mode, const struct ext2_dir_room *room)
{
	if (!len)
		return -ENOENT;
	if (len > NAME_MAX_LEN)
		return -ENAMETOOLONG;
	struct name_query q = { .name = name, .len = len, .ino = ino, .mode = mode };
	int done = room && room->found ? insert_at(fs, dir, room, &q) : 0;
	if (!done)
		done = dir_walk(fs, dir, visit_insert, &q);
	if (done < 0)
		return done;
	if (!done) {
		uint32_t physical;
		int fresh = ext2_bmap(fs, dir, dir->size / fs->block_size, true, &physical);
		if (fresh < 0)
			return fresh;
		struct ext2_cblock *cb;
		int err = ext2_cache_get_zeroed(fs, physical, KIND_DIR, dir->ino, &cb);
		if (err)
			return err;
		write_entry(fs, cb->data, fs->block_size, &q);
		ext2_cache_put(fs, cb);
		dir->size += fs->block_size;
	}
	return dir_changed(fs, dir);
}

static int visit_remove(struct ext2_fs *fs, struct dir_entry *de, void *arg)
{
	(void)fs;
	struct name_query *q = arg;
	if (!entry_is(de, q))
		return 0;
	uint8_t *block = de->cb->data;
	if (de->prev != UINT32_MAX) {
		uint32_t merged = ext2_get16(block + de->prev, DE_REC_LEN) + de->rec_len;
		ext2_put16(block + de->prev, DE_REC_LEN, (uint16_t)merged);
	} else {
		ext2_put32(block + de->off, DE_INODE, 0);
	}
	ext2_cache_mark_dirty(de->cb);
	return 1;
}

int ext2_dir_remove(struct ext2_fs *fs, struct ext2_inode *dir, const char *name, size_t len)
{
	struct name_query q = { .name = name, .len = len };
	int done = dir_walk(fs, dir, visit_remove, &q);
	if (done < 0)
		return done;
	return done ? dir_changed(fs, dir) : -ENOENT;
}

static int visit_retarget(struct ext2_fs *fs, struct dir_entry *de, void *arg)
{
	struct name_query *q = arg;
	if (!entry_is(de, q))
		return 0;
	uint8_t *raw = de->cb->data + de->off;
	ext2_put32(raw, DE_INODE, q->ino);
	raw[DE_TYPE] = fs->filetype ? type_code(q->mode) : 0;
	ext2_cache_mark_dirty(de->cb);
	return 1;
}

int ext2_dir_retarget(struct ext2_fs *fs, struct ext2_inode *dir, const char *name, size_t len,
		      uint32_t ino, uint32_t mode)
{
	struct name_query q = { .name = name, .len = len, .ino = ino, .mode = mode };
	int done = dir_walk(fs, dir, visit_retarget, &q);
	if (done < 0)
		return done;
	return done ? dir_changed(fs, dir) : -ENOENT;
}

static bool dot_or_dotdot(const struct dir_entry *de)
{
	return (de->name_len == 1 && de->name[0] == '.') ||
	       (de->name_len == 2 && de->name[0] == '.' && de->name[1] == '.');
}

static int visit_nonempty(struct ext2_fs *fs, struct dir_entry *de, void *arg)
{
	(void)fs;
	(void)arg;
	return de->ino && !dot_or_dotdot(de);
}

int ext2_dir_is_empty(struct ext2_fs *fs, struct ext2_inode *dir)
{
	int found = dir_walk(fs, dir, visit_nonempty, NULL);
	return found < 0 ? found : !found;
}

int ext2_dir_init(struct ext2_fs *fs, struct ext2_inode *dir, uint32_t parent)
{
	uint32_t physical;
	int fresh = ext2_bmap(fs, dir, 0, true, &physical);
	if (fresh < 0)
		return fresh;
	struct ext2_cblock *cb;
	int err = ext2_cache_get_zeroed(fs, physical, KIND_DIR, dir->ino, &cb);
	if (err)
		return err;
	struct name_query dot = { .name = ".", .len = 1, .ino = dir->ino, .mode = dir->mode };
	write_entry(fs, cb->data, 12, &dot);
	struct name_query dotdot = { .name = "..", .len = 2, .ino = parent, .mode = 0040000u };
	write_entry(fs, cb->data + 12, fs->block_size - 12, &dotdot);
	ext2_cache_put(fs, cb);
	dir->size = fs->block_size;
	return 0;
}

struct parent_query {
	uint32_t parent;
	bool set;
};

static int visit_dotdot(struct ext2_fs *fs, struct dir_entry *de, void *arg)
{
	(void)fs;
	struct parent_query *q = arg;
	if (!(de->name_len == 2 && de->name[0] == '.' && de->name[1] == '.'))
		return de->off ? -EUCLEAN : 0;	/* ".." is the second entry */
	if (q->set) {
		ext2_put32(de->cb->data + de->off, DE_INODE, q->parent);
		ext2_cache_mark_dirty(de->cb);
	} else {
		q->parent = de->ino;
	}
	return 1;
}

int ext2_dir_set_parent(struct ext2_fs *fs, struct ext2_inode *dir, uint32_t parent)
{
	struct parent_query q = { .parent = parent, .set = true };
	int found = dir_walk(fs, dir, visit_dotdot, &q);
	return found < 0 ? found : found ? 0 : -EUCLEAN;
}

int ext2_dir_get_parent(struct ext2_fs *fs, struct ext2_inode *dir, uint32_t *parent)
{
	struct parent_query q = { 0 };
	int found = dir_walk(fs, dir, visit_dotdot, &q);
	if (found < 0)
		return found;
	if (!found || q.parent < 1)
		return -EUCLEAN;
	*parent = q.parent;
	return 0;
}

struct iterate_query {
	int (*each)(void *arg, const char *name, size_t len, uint32_t ino, uint32_t type);
	void *arg;
};

static int visit_iterate(struct ext2_fs *fs, struct dir_entry *de, void *arg)
{
	(void)fs;
	struct iterate_query *q = arg;
	if (!de->ino || dot_or_dotdot(de))
		return 0;
	return q->each(q->arg, de->name, de->name_len, de->ino, de->mode);
}

int ext2_iterate(struct ext2_fs *fs, uint32_t dir_ino,
		 int (*each)(void *arg, const char *name, size_t len, uint32_t ino, uint32_t type),
		 void *arg)
{
	struct ext2_inode dir;
	int err = ext2_inode_load(fs, dir_ino, &dir);
	if (err)
		return err;
	struct iterate_query q = { each, arg };
	return dir_walk(fs, &dir, visit_iterate, &q);
}

int ext2_lookup(struct ext2_fs *fs, uint32_t dir_ino, const char *name, size_t len, uint32_t *ino)
{
	struct ext2_inode dir;
	int err = ext2_inode_load(fs, dir_ino, &dir);
	return err ? err : ext2_dir_find(fs, &dir, name, len, ino, NULL);
}
