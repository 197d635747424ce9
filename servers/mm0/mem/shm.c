/* SysV shm segments: a table of ids and keys in front of shm objects. */
#include <errno.h>

#include <server/counted_alloc.h>
#include "mem/fault.h"
#include "mem/mmap.h"
#include "mem/shm.h"
#include "mem/vm_area.h"

struct shm_segment {
	struct list node;
	int32_t id;
	int32_t key;
	uint32_t size;
	uint32_t mode;
	int32_t creator_pid;
	struct vm_object *obj;		/* holds one reference while named */
};

static struct counted_pool segment_pool = COUNTED_POOL_INIT(struct shm_segment);
static struct list segments = { &segments, &segments };
static int32_t last_id;

static struct shm_segment *segment_find(int32_t value, bool by_key)
{
	struct list *pos, *tmp;

	list_for_each_safe(pos, tmp, &segments) {
		struct shm_segment *seg = container_of(pos, struct shm_segment, node);

		if ((by_key ? seg->key : seg->id) == value)
			return seg;
	}
	return NULL;
}

static int32_t id_alloc(void)
{
	do
		last_id = last_id == INT32_MAX ? 1 : last_id + 1;
	while (segment_find(last_id, false));
	return last_id;
}

long mm0_shmget(int32_t creator_pid, int32_t key, uint32_t size, int flags)
{
	struct shm_segment *seg;

	if (flags & ~(0777 | MM0_IPC_CREAT | MM0_IPC_EXCL))
		return -EINVAL;
	if (key != MM0_IPC_PRIVATE) {
		seg = segment_find(key, true);
		if (seg) {
			if ((flags & MM0_IPC_CREAT) && (flags & MM0_IPC_EXCL))
				return -EEXIST;
			if (size > seg->size)
				return -EINVAL;
			/* One user owns every task, so the owner bits decide. */
			if ((uint32_t)flags & 0700 & ~seg->mode)
				return -EACCES;
			return seg->id;
		}
		if (!(flags & MM0_IPC_CREAT))
			return -ENOENT;
	}
	if (size < MM0_SHM_MIN_SIZE || size > MM0_SHM_MAX_SIZE)
		return -EINVAL;
	seg = counted_pool_alloc(&segment_pool);
	if (!seg)
		return -ENOMEM;
	seg->obj = vm_object_create(VM_OBJ_SHM, (size + MM0_PAGE_MASK) / MM0_PAGE_SIZE);
	if (!seg->obj || vm_object_commit_resize(seg->obj, seg->obj->npages)) {
		if (seg->obj)
			vm_object_settle(seg->obj);
		counted_pool_free(&segment_pool, seg);
		return -ENOMEM;
	}
	vm_object_hold(seg->obj);
	seg->id = id_alloc();
	seg->key = key;
	seg->size = size;
	seg->mode = (uint32_t)flags & 0777;
	seg->creator_pid = creator_pid;
	list_add_tail(&segments, &seg->node);
	return seg->id;
}

long shm_name_object(int32_t creator_pid, struct vm_object *obj)
{
	struct shm_segment *seg = counted_pool_alloc(&segment_pool);

	if (!seg)
		return -ENOMEM;
	vm_object_hold(obj);
	seg->obj = obj;
	seg->id = id_alloc();
	seg->key = MM0_IPC_PRIVATE;
	seg->size = obj->npages * MM0_PAGE_SIZE;
	seg->mode = 0600;
	seg->creator_pid = creator_pid;
	list_add_tail(&segments, &seg->node);
	return seg->id;
}

/* An attachment is made to be used: its first page is mapped at once, so the
 * first touch takes no fault. A writable attachment makes that page if the
 * segment has none yet (zero-filled; shmget committed its memory); a
 * read-only one only maps a page already there, since a reader that never
 * reads should not cost the segment a page. Where that cannot be done now,
 * the touch's fault does it, as for every other page. */
static long attach_first_page(struct vm_space *vm, long addr, const struct shm_segment *seg,
			      unsigned prot)
{
	if (addr >= 0 && ((prot & MM0_PROT_WRITE) || vm_object_page_find(seg->obj, 0)))
		(void)vm_fault(vm, (uint32_t)addr, MM0_PROT_READ);
	return addr;
}

long mm0_shmat(struct vm_space *vm, int32_t shmid, uint32_t addr, int flags)
{
	struct shm_segment *seg = segment_find(shmid, false);
	unsigned prot = MM0_PROT_READ;
	uint32_t len, found;

	if (!seg || (flags & ~MM0_SHM_RDONLY) || (addr & MM0_PAGE_MASK))
		return -EINVAL;
	if (!(seg->mode & 0400) || (!(flags & MM0_SHM_RDONLY) && !(seg->mode & 0200)))
		return -EACCES;
	if (!(flags & MM0_SHM_RDONLY))
		prot |= MM0_PROT_WRITE;
	len = seg->obj->npages * MM0_PAGE_SIZE;
	if (addr) {
		if (addr < MM0_USER_MIN || addr > MM0_USER_END || len > MM0_USER_END - addr ||
		    vma_find_free(vm, addr, len, &found) || found != addr)
			return -EINVAL;
		return attach_first_page(vm, mmap_object(vm, addr, len, prot,
							 MM0_MAP_SHARED | MM0_MAP_FIXED, seg->obj, 0),
					 seg, prot);
	}
	return attach_first_page(vm, mmap_object(vm, 0, len, prot, MM0_MAP_SHARED, seg->obj, 0),
				 seg, prot);
}

long mm0_shmdt(struct vm_space *vm, uint32_t addr)
{
	struct vm_area *area;
	struct vm_object *obj;
	uint32_t end;
	long err = 0;

	area = vma_find(vm, addr);
	if (!area || area->start != addr || area->pgoff != 0 || area->obj->type != VM_OBJ_SHM ||
	    !(area->flags & MM0_MAP_SHARED))
		return -EINVAL;
	obj = area->obj;
	end = addr + obj->npages * MM0_PAGE_SIZE;
	/* One area for the whole attachment, the common case: no walk for pieces. */
	if (area->end == end)
		return vma_remove(area);
	/* Pieces left by mprotect still belong to this attachment. */
	while (!err && (area = vma_find(vm, addr)) && addr < end) {
		uint32_t piece_end = area->end;

		if (area->obj == obj)
			err = vma_unmap_range(vm, area->start, area->end);
		addr = piece_end;
	}
	return err;
}

static void segment_remove(struct shm_segment *seg)
{
	list_del(&seg->node);
	vm_object_release(seg->obj);
	counted_pool_free(&segment_pool, seg);
}

long mm0_shmctl(int32_t shmid, int cmd, struct mm0_shm_stat *stat)
{
	struct shm_segment *seg = segment_find(shmid, false);

	if (!seg)
		return -EINVAL;
	switch (cmd) {
	case MM0_IPC_STAT:
		if (!stat)
			return -EFAULT;
		stat->size = seg->size;
		stat->nattch = seg->obj->link_count;
		stat->key = seg->key;
		stat->creator_pid = seg->creator_pid;
		stat->mode = seg->mode;
		return 0;
	case MM0_IPC_RMID:
		segment_remove(seg);
		return 0;
	default:
		return -EINVAL;
	}
}

void shm_fini(void)
{
	while (!list_empty(&segments))
		segment_remove(container_of(segments.next, struct shm_segment, node));
	last_id = 0;
}
