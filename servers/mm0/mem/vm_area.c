/* vm areas: the per-space sorted list, split and merge, unmap/protect ranges, free-range search. */
#include <errno.h>

#include "mem/kernel_ops.h"
#include <server/counted_alloc.h>
#include "mem/vm_area.h"

static uint32_t live_areas;

uint32_t vm_area_live(void)
{
	return live_areas;
}

struct vm_space *vm_space_create(uint32_t space)
{
	struct vm_space *vm = counted_alloc(sizeof(*vm));

	if (!vm)
		return NULL;
	vm->refs = 1;
	vm->space = space;
	list_init(&vm->areas);
	return vm;
}

void vm_space_get(struct vm_space *vm)
{
	vm->refs++;
}

static uint32_t pages_of(uint32_t start, uint32_t end)
{
	return (end - start) / MM0_PAGE_SIZE;
}

static void area_link(struct vm_area *area, struct vm_object *obj)
{
	area->obj = obj;
	list_add_tail(&obj->links, &area->obj_node);
	obj->link_count++;
}

static void area_unlink(struct vm_area *area)
{
	struct vm_object *obj = area->obj;

	list_del(&area->obj_node);
	obj->link_count--;
	area->obj = NULL;
	vm_object_settle(obj);
}

static void area_free(struct vm_area *area)
{
	list_del(&area->node);
	area_unlink(area);
	counted_free(area);
	live_areas--;
}

/* Take the area's pages out of the space, then drop it. */
static int area_remove(struct vm_area *area)
{
	int err = mm0_kernel->unmap(mm0_kernel_ctx, area->vm->space, area->start,
				    pages_of(area->start, area->end));

	area_free(area);
	return err;
}

void vm_space_put(struct vm_space *vm)
{
	struct list *pos, *tmp;

	if (--vm->refs)
		return;
	list_for_each_safe(pos, tmp, &vm->areas)
		area_free(container_of(pos, struct vm_area, node));
	counted_free(vm);
}

struct vm_area *vma_find(struct vm_space *vm, uint32_t addr)
{
	struct list *pos, *tmp;

	list_for_each_safe(pos, tmp, &vm->areas) {
		struct vm_area *area = container_of(pos, struct vm_area, node);

		if (addr < area->start)
			break;
		if (addr < area->end)
			return area;
	}
	return NULL;
}

int vma_insert(struct vm_space *vm, uint32_t start, uint32_t end, unsigned prot,
	       unsigned flags, struct vm_object *obj, uint32_t pgoff, struct vm_area **out)
{
	struct vm_area *area = counted_alloc(sizeof(*area));
	struct list *pos;

	if (!area)
		return -ENOMEM;
	area->vm = vm;
	area->start = start;
	area->end = end;
	area->prot = prot;
	area->flags = flags;
	area->pgoff = pgoff;
	area_link(area, obj);
	for (pos = vm->areas.next; pos != &vm->areas; pos = pos->next)
		if (container_of(pos, struct vm_area, node)->start > start)
			break;
	list_insert_before(pos, &area->node);
	live_areas++;
	if (out)
		*out = area;
	return 0;
}

void vma_relink(struct vm_area *area, struct vm_object *obj)
{
	struct vm_object *old = area->obj;

	list_del(&area->obj_node);
	old->link_count--;
	area_link(area, obj);
	vm_object_settle(old);
}

int vma_split(struct vm_area *area, uint32_t addr, struct vm_area **upper)
{
	int err = vma_insert(area->vm, addr, area->end, area->prot, area->flags, area->obj,
			     area->pgoff + pages_of(area->start, addr), upper);

	if (err)
		return err;
	area->end = addr;
	return 0;
}

/* Make addr an area boundary if it falls inside one. */
static int split_at(struct vm_space *vm, uint32_t addr)
{
	struct vm_area *area = vma_find(vm, addr);

	if (!area || area->start == addr)
		return 0;
	return vma_split(area, addr, NULL);
}

int vma_unmap_range(struct vm_space *vm, uint32_t start, uint32_t end)
{
	struct list *pos, *tmp;
	int err = split_at(vm, start), first_err = 0;

	if (!err)
		err = split_at(vm, end);
	if (err)
		return err;
	list_for_each_safe(pos, tmp, &vm->areas) {
		struct vm_area *area = container_of(pos, struct vm_area, node);

		if (area->start >= end)
			break;
		if (area->start >= start) {
			err = area_remove(area);
			if (err && !first_err)
				first_err = err;
		}
	}
	return first_err;
}

int vma_unmap_object(struct vm_space *vm, uint32_t start, uint32_t end,
		     const struct vm_object *obj)
{
	for (;;) {
		struct list *pos, *tmp;
		struct vm_area *found = NULL;
		int err;

		list_for_each_safe(pos, tmp, &vm->areas) {
			struct vm_area *area = container_of(pos, struct vm_area, node);

			if (area->start >= end)
				break;
			if (area->end > start && area->obj == obj) {
				found = area;
				break;
			}
		}
		if (!found)
			return 0;
		err = vma_unmap_range(vm, found->start > start ? found->start : start,
				      found->end < end ? found->end : end);
		if (err)
			return err;
	}
}

static bool areas_mergeable(const struct vm_area *low, const struct vm_area *high)
{
	return low->end == high->start && low->obj == high->obj && low->prot == high->prot &&
	       low->flags == high->flags &&
	       low->pgoff + pages_of(low->start, low->end) == high->pgoff;
}

/* Fold area's upper neighbour into it when they map the same object seamlessly. */
static void merge_with_next(struct vm_space *vm, struct vm_area *area)
{
	struct vm_area *next;

	if (area->node.next == &vm->areas)
		return;
	next = container_of(area->node.next, struct vm_area, node);
	if (!areas_mergeable(area, next))
		return;
	area->end = next->end;
	area_free(next);
}

/* protect sets the perms of every mapped page, so pages that must stay
 * read-only (copy-on-write, clean file pages) get no write bit from it:
 * they fault and are upgraded one by one instead. */
static unsigned protect_perms(const struct vm_area *area, unsigned prot)
{
	if ((area->flags & MM0_MAP_SHARED) && area->obj->type != VM_OBJ_FILE)
		return prot;
	return prot & ~MM0_PROT_WRITE;
}

int vma_protect_range(struct vm_space *vm, uint32_t start, uint32_t end, unsigned prot)
{
	struct list *pos, *tmp;
	struct vm_area *before = NULL;
	int err = split_at(vm, start);

	if (!err)
		err = split_at(vm, end);
	if (err)
		return err;
	list_for_each_safe(pos, tmp, &vm->areas) {
		struct vm_area *area = container_of(pos, struct vm_area, node);

		if (area->start >= end)
			break;
		if (area->end <= start) {
			before = area;
			continue;
		}
		if (area->prot & ~prot) {
			err = mm0_kernel->protect(mm0_kernel_ctx, vm->space, area->start,
						  pages_of(area->start, area->end),
						  protect_perms(area, prot));
			if (err)
				return err;
		}
		area->prot = prot;
	}
	/* Re-join pieces that now agree again, from the area before the range. */
	pos = before ? &before->node : vm->areas.next;
	while (pos != &vm->areas) {
		struct vm_area *area = container_of(pos, struct vm_area, node);
		struct list *next = pos->next;

		if (area->start > end)
			break;
		merge_with_next(vm, area);
		if (pos->next == next)
			pos = next;
	}
	return 0;
}

/* The first gap of len bytes at or above from, below MM0_USER_END. */
static int gap_from(struct vm_space *vm, uint64_t from, uint32_t len, uint32_t *addr)
{
	struct list *pos, *tmp;
	uint64_t cursor = from;

	list_for_each_safe(pos, tmp, &vm->areas) {
		struct vm_area *area = container_of(pos, struct vm_area, node);

		if (area->end <= cursor)
			continue;
		if (area->start >= cursor + len)
			break;
		cursor = area->end;
	}
	if (cursor + len > MM0_USER_END)
		return -ENOMEM;
	*addr = (uint32_t)cursor;
	return 0;
}

int vma_find_free(struct vm_space *vm, uint32_t hint, uint32_t len, uint32_t *addr)
{
	uint32_t found;

	if (len == 0 || (len & MM0_PAGE_MASK) || len > MM0_USER_END - MM0_USER_MIN)
		return -ENOMEM;
	hint &= ~MM0_PAGE_MASK;
	if (hint >= MM0_USER_MIN && hint < MM0_USER_END) {
		if (gap_from(vm, hint, len, &found) == 0) {
			*addr = found;
			return 0;
		}
	}
	if (gap_from(vm, MM0_MMAP_BASE, len, addr) == 0)
		return 0;
	return gap_from(vm, MM0_USER_MIN, len, addr);
}
