/* vnode.c - vnode life: ids, references, links, and freeing on the last
 * of both; the times and the status stat reports. */
#include <string.h>
#include <server/counted_alloc.h>
#include "vnode.h"
#include "clock.h"
#include "locks.h"
#include "pipe.h"

static uint32_t next_vnode_id = 1;
static uint32_t live_vnodes;

struct fs0_vnode *vnode_alloc(struct fs0_mount *mount, uint32_t mode)
{
	struct fs0_vnode *vnode = counted_alloc(sizeof(*vnode));
	if (!vnode)
		return NULL;
	vnode->id = next_vnode_id++;
	if (next_vnode_id == 0)
		next_vnode_id = 1;
	vnode->mode = mode;
	vnode->mount = mount;
	clock_now(&vnode->atime);
	vnode->mtime = vnode->ctime = vnode->atime;
	vnode->atime_due = true;
	live_vnodes++;
	return vnode;
}

static void vnode_free(struct fs0_vnode *vnode)
{
	if (FS0_S_ISREG(vnode->mode) && vnode->mount && vnode->mount->ops->release_data)
		vnode->mount->ops->release_data(vnode);
	if (vnode->mount && vnode->mount->ops->forget)
		vnode->mount->ops->forget(vnode);
	if (FS0_S_ISFIFO(vnode->mode) && vnode->pipe)
		pipe_release(vnode);
	counted_free(vnode->link_target);
	locks_vnode_gone(vnode);
	live_vnodes--;
	counted_free(vnode);
}

static void vnode_free_if_unused(struct fs0_vnode *vnode)
{
	if (vnode->refs == 0 && vnode->nlink == 0)
		vnode_free(vnode);
}

void vnode_get(struct fs0_vnode *vnode)
{
	vnode->refs++;
}

void vnode_put(struct fs0_vnode *vnode)
{
	vnode->refs--;
	vnode_free_if_unused(vnode);
}

void vnode_add_link(struct fs0_vnode *vnode)
{
	vnode->nlink++;
	vnode_touch_status(vnode);
}

/* unlink, rmdir, rename over it, unmount, or a create that failed. */
void vnode_drop_link(struct fs0_vnode *vnode)
{
	if (FS0_S_ISDIR(vnode->mode) || vnode->nlink <= 1)
		vnode->nlink = 0;
	else
		vnode->nlink--;
	vnode_touch_status(vnode);
	vnode_free_if_unused(vnode);
}

void vnode_touch_data(struct fs0_vnode *vnode)
{
	clock_now(&vnode->mtime);
	vnode->ctime = vnode->mtime;
	vnode->atime_due = true;
}

void vnode_touch_status(struct fs0_vnode *vnode)
{
	clock_now(&vnode->ctime);
	vnode->atime_due = true;
}

void vnode_stamp_read(struct fs0_vnode *vnode)
{
	clock_now(&vnode->atime);
	vnode->atime_due = false;
}

void vnode_fill_stat(const struct fs0_vnode *vnode, struct fs0_stat_info *out)
{
	memset(out, 0, sizeof(*out));
	out->dev = vnode->mount ? vnode->mount->dev : 0;
	out->ino = vnode->id;
	out->mode = vnode->mode;
	out->nlink = vnode->nlink;
	out->size = vnode->size;
	out->blksize = FS0_PAGE_SIZE;
	out->uid = vnode->uid;
	out->gid = vnode->gid;
	out->atime_sec = vnode->atime.sec;
	out->atime_nsec = vnode->atime.nsec;
	out->mtime_sec = vnode->mtime.sec;
	out->mtime_nsec = vnode->mtime.nsec;
	out->ctime_sec = vnode->ctime.sec;
	out->ctime_nsec = vnode->ctime.nsec;
	if (vnode->pages) {
		uint32_t present = 0;
		for (uint32_t i = 0; i < vnode->page_slots; i++)
			present += vnode->pages[i] != NULL;
		out->blocks = present * (FS0_PAGE_SIZE / 512);
	} else {
		out->blocks = (uint32_t)((vnode->size + 511) / 512);
	}
}

uint32_t vnode_live_count(void)
{
	return live_vnodes;
}
