/* vm areas: the per-space sorted list, split and merge, unmap/protect ranges, free-range
 * search, stack growth, and what each space's areas take of its limits and the commit. */
#include <errno.h>

#include "mem/commit.h"
#include "mem/kernel_ops.h"
#include <server/counted_alloc.h>
#include "mem/vm_area.h"

static struct counted_pool area_pool = COUNTED_POOL_INIT(struct vm_area);
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
	/* mm0's records of a process (task, space, its environment's bytes). */
	if (commit_take(&vm->usage.committed, VM_SPACE_RECORD_PAGES)) {
		counted_free(vm);
		return NULL;
	}
	vm->refs = 1;
	vm->space = space;
	list_init(&vm->areas);
	vm->limits = (struct vm_limits){ VM_NO_LIMIT, VM_NO_LIMIT, VM_NO_LIMIT };
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

/* Private writable memory is what copy-on-write or zero-fill may have to back
 * with pages of its own, so it is what the commit promises. */
static uint32_t committed_part(unsigned prot, unsigned flags, uint32_t pages)
{
	return (flags & MM0_MAP_PRIVATE) && (prot & MM0_PROT_WRITE) ? pages : 0;
}

static uint32_t data_part(unsigned prot, unsigned flags, uint32_t pages)
{
	return flags & VMA_GROWSDOWN ? 0 : committed_part(prot, flags, pages);
}

/* total pages more in vm, data of them private writable data, committed of
 * them to be promised: within its limits and the commit, or -ENOMEM. A space
 * has at most 2^20 pages, so the sums cannot wrap. */
static int usage_add(struct vm_space *vm, uint32_t total, uint32_t data, uint32_t committed)
{
	struct vm_usage *use = &vm->usage;

	if ((total && use->total_pages + total > vm->limits.as_pages) ||
	    (data && use->data_pages + data > vm->limits.data_pages) ||
	    commit_take(&use->committed, committed))
		return -ENOMEM;
	use->total_pages += total;
	use->data_pages += data;
	return 0;
}

static void usage_sub(struct vm_space *vm, uint32_t total, uint32_t data, uint32_t committed)
{
	commit_give(&vm->usage.committed, committed);
	vm->usage.total_pages -= total;
	vm->usage.data_pages -= data;
}

static int pages_charge(struct vm_space *vm, unsigned prot, unsigned flags, uint32_t pages)
{
	uint32_t committed = committed_part(prot, flags, pages);

	return usage_add(vm, pages, flags & VMA_GROWSDOWN ? 0 : committed, committed);
}

static void pages_uncharge(struct vm_space *vm, unsigned prot, unsigned flags, uint32_t pages)
{
	uint32_t committed = committed_part(prot, flags, pages);

	usage_sub(vm, pages, flags & VMA_GROWSDOWN ? 0 : committed, committed);
}

/* One more area record: within the record limit, a page of commit per
 * VMA_AREAS_PER_PAGE records, so mm0's heap only grows by what is promised. */
static int record_charge(struct vm_space *vm)
{
	if (vm->usage.areas >= VMA_AREAS_MAX)
		return -ENOMEM;
	if (vm->usage.areas % VMA_AREAS_PER_PAGE == 0) {
		int err = commit_take(&vm->usage.committed, 1);

		if (err)
			return err;
	}
	vm->usage.areas++;
	return 0;
}

static void record_uncharge(struct vm_space *vm)
{
	vm->usage.areas--;
	if (vm->usage.areas % VMA_AREAS_PER_PAGE == 0)
		commit_give(&vm->usage.committed, 1);
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

/* The record goes; its pages were given back, or another area took them over. */
static void area_drop(struct vm_area *area)
{
	struct vm_space *vm = area->vm;

	list_del(&area->node);
	area_unlink(area);
	if (vm->last_area == area)
		vm->last_area = NULL;
	counted_pool_free(&area_pool, area);
	live_areas--;
	record_uncharge(vm);
}

static void area_free(struct vm_area *area)
{
	pages_uncharge(area->vm, area->prot, area->flags, pages_of(area->start, area->end));
	area_drop(area);
}

/* Take the area's pages out of the space, then drop it. Its own private
 * copies go now even when other pieces of the area still link the object:
 * no piece maps those page offsets, and the memory should come back at
 * munmap, not when the last piece goes. */
int vma_remove(struct vm_area *area)
{
	int err = 0;

	if (!vma_never_faulted(area))
		err = mm0_kernel->unmap(mm0_kernel_ctx, area->vm->space, area->start,
					pages_of(area->start, area->end));

	if (area->obj->type == VM_OBJ_SHADOW && area->obj->link_count > 1 &&
	    vm_object_private(area->obj))
		vm_object_free_range(area->obj, area->pgoff, pages_of(area->start, area->end));
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
	/* Its own records' pages, and whatever a fork that failed half-way
	 * had charged for areas it never copied. */
	commit_give(&vm->usage.committed, vm->usage.committed);
	counted_free(vm);
}

struct vm_area *vma_find(struct vm_space *vm, uint32_t addr)
{
	struct vm_area *area = vma_find_from(vm, addr);

	return area && addr >= area->start ? area : NULL;
}

/* Faults and requests come in runs on one area (a region being touched, an
 * attachment made then used): the last area found answers without the walk
 * when it holds addr, and areas never overlap, so it is the walk's answer. */
struct vm_area *vma_find_from(struct vm_space *vm, uint32_t addr)
{
	struct vm_area *last = vm->last_area;
	struct list *pos, *tmp;

	if (last && addr - last->start < last->end - last->start)
		return last;
	list_for_each_safe(pos, tmp, &vm->areas) {
		struct vm_area *area = container_of(pos, struct vm_area, node);

		if (addr < area->end) {
			vm->last_area = area;
			return area;
		}
	}
	return NULL;
}

/* A new record in the list, its pages already charged (and its record too
 * unless charge_record). */
static int area_add(struct vm_space *vm, uint32_t start, uint32_t end, unsigned prot,
		    unsigned flags, struct vm_object *obj, uint32_t pgoff, bool charge_record,
		    struct vm_area **out)
{
	struct vm_area *area;
	struct list *pos;
	int err = charge_record ? record_charge(vm) : 0;

	if (err)
		return err;
	area = counted_pool_alloc(&area_pool);
	if (!area) {
		if (charge_record)
			record_uncharge(vm);
		return -ENOMEM;
	}
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
	vm->last_area = area;
	live_areas++;
	if (out)
		*out = area;
	return 0;
}

int vma_insert(struct vm_space *vm, uint32_t start, uint32_t end, unsigned prot,
	       unsigned flags, struct vm_object *obj, uint32_t pgoff, struct vm_area **out)
{
	int err = pages_charge(vm, prot, flags, pages_of(start, end));

	if (err)
		return err;
	err = area_add(vm, start, end, prot, flags, obj, pgoff, true, out);
	if (err)
		pages_uncharge(vm, prot, flags, pages_of(start, end));
	return err;
}

int vm_space_charge_copy(struct vm_space *child, const struct vm_space *parent)
{
	int err = commit_take(&child->usage.committed,
			      parent->usage.committed - VM_SPACE_RECORD_PAGES);

	if (err)
		return err;
	child->usage.areas = parent->usage.areas;
	child->usage.total_pages = parent->usage.total_pages;
	child->usage.data_pages = parent->usage.data_pages;
	return 0;
}

int vma_insert_copy(struct vm_space *vm, const struct vm_area *from)
{
	return area_add(vm, from->start, from->end, from->prot, from->flags, from->obj, from->pgoff,
			false, NULL);
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
	int err = area_add(area->vm, addr, area->end, area->prot, area->flags, area->obj,
			     area->pgoff + pages_of(area->start, addr), true, upper);

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

static struct vm_area *area_after(struct vm_space *vm, struct vm_area *area)
{
	return area->node.next == &vm->areas ? NULL
					      : container_of(area->node.next, struct vm_area, node);
}

/* From the area holding start (or the first above it): cut there and at end
 * before anything goes, so that a failed cut leaves every area in place, then
 * remove the areas in between, without a walk from the list's head for each. */
int vma_unmap_range(struct vm_space *vm, uint32_t start, uint32_t end)
{
	struct vm_area *area = start < end ? vma_find_from(vm, start) : NULL, *last;
	int err, first_err = 0;

	if (area && area->start < start) {
		err = vma_split(area, start, &area);
		if (err)
			return err;
	}
	for (last = area; last && last->start < end; last = area_after(vm, last)) {
		if (last->end > end) {
			err = vma_split(last, end, NULL);
			if (err)
				return err;
			break;
		}
	}
	while (area && area->start < end) {
		struct vm_area *next = area_after(vm, area);

		err = vma_remove(area);
		if (err && !first_err)
			first_err = err;
		area = next;
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
	area_drop(next);
}

/* Memory of this space alone over zero-fill: devzero itself (never touched),
 * or a private shadow directly in front of it. */
static bool anonymous_private(const struct vm_object *obj)
{
	return obj->type == VM_OBJ_DEVZERO ||
	       (obj->type == VM_OBJ_SHADOW && obj->backing->type == VM_OBJ_DEVZERO &&
		vm_object_private(obj));
}

static inline bool areas_joinable(const struct vm_area *low, const struct vm_area *high)
{
	if (low->end != high->start || low->flags != high->flags || low->prot != high->prot ||
	    low->pgoff + pages_of(low->start, low->end) != high->pgoff)
		return false;
	if (low->obj == high->obj)
		return true;
	return (low->flags & MM0_MAP_PRIVATE) &&
	       ((low->obj->type == VM_OBJ_DEVZERO && anonymous_private(high->obj)) ||
		(high->obj->type == VM_OBJ_DEVZERO && anonymous_private(low->obj)));
}

/* One area for both; the one with private copies survives. A devzero area
 * was never faulted, so any copy its offsets find in the survivor's object is
 * left over from an earlier mapping there and goes, for zeros to show. */
static struct vm_area *areas_join(struct vm_area *low, struct vm_area *high)
{
	if (low->obj != high->obj && low->obj->type == VM_OBJ_DEVZERO) {
		vm_object_free_range(high->obj, low->pgoff, pages_of(low->start, low->end));
		high->start = low->start;
		high->pgoff = low->pgoff;
		area_drop(low);
		return high;
	}
	if (low->obj != high->obj)
		vm_object_free_range(low->obj, high->pgoff, pages_of(high->start, high->end));
	low->end = high->end;
	area_drop(high);
	return low;
}

void vma_merge_neighbours(struct vm_area *area)
{
	struct vm_space *vm = area->vm;

	if (area->node.next != &vm->areas) {
		struct vm_area *next = container_of(area->node.next, struct vm_area, node);

		if (areas_joinable(area, next))
			area = areas_join(area, next);
	}
	if (area->node.prev != &vm->areas) {
		struct vm_area *prev = container_of(area->node.prev, struct vm_area, node);

		if (areas_joinable(prev, area))
			areas_join(prev, area);
	}
}

/* Before the stack's object covers new page offsets: a copy left there from an
 * earlier mapping goes if it is the area's own, and one in an object below
 * (shared with another space) refuses the growth. */
static int stack_offsets_clear(struct vm_area *stack, uint32_t pgoff, uint32_t count)
{
	struct vm_object *owner;

	if (vm_object_private(stack->obj))
		vm_object_free_range(stack->obj, pgoff, count);
	for (uint32_t i = 0; i < count; i++)
		if (vm_object_chain_find(stack->obj, pgoff + i, &owner))
			return -EFAULT;
	return 0;
}

int vma_grow_down(struct vm_area *stack, uint32_t addr)
{
	struct vm_space *vm = stack->vm;
	uint32_t start = addr & ~MM0_PAGE_MASK, pages = pages_of(start, stack->start);
	int err;

	if (!(stack->flags & VMA_GROWSDOWN) || start < vm->stack_floor || stack->pgoff < pages ||
	    pages_of(start, stack->end) > vm->limits.stack_pages)
		return -EFAULT;
	if (stack->node.prev != &vm->areas &&
	    container_of(stack->node.prev, struct vm_area, node)->end > start - MM0_PAGE_SIZE)
		return -EFAULT;
	err = stack_offsets_clear(stack, stack->pgoff - pages, pages);
	if (!err)
		err = pages_charge(vm, stack->prot, stack->flags, pages);
	if (err)
		return err;
	stack->start = start;
	stack->pgoff -= pages;
	return 0;
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

/* The data and commit pages that areas of [start, end) gain and lose when
 * their protection becomes prot (the range's ends are area boundaries). */
struct protect_change {
	uint32_t data_gain, commit_gain, data_loss, commit_loss;
};

static void protect_change_of(struct vm_space *vm, uint32_t start, uint32_t end, unsigned prot,
			      struct protect_change *change)
{
	struct list *pos, *tmp;

	*change = (struct protect_change){ 0 };
	list_for_each_safe(pos, tmp, &vm->areas) {
		struct vm_area *area = container_of(pos, struct vm_area, node);
		uint32_t pages = pages_of(area->start, area->end);
		uint32_t data_before = data_part(area->prot, area->flags, pages);
		uint32_t data_after = data_part(prot, area->flags, pages);
		uint32_t commit_before = committed_part(area->prot, area->flags, pages);
		uint32_t commit_after = committed_part(prot, area->flags, pages);

		if (area->start >= end)
			break;
		if (area->end <= start)
			continue;
		change->data_gain += data_after > data_before ? data_after - data_before : 0;
		change->data_loss += data_before > data_after ? data_before - data_after : 0;
		change->commit_gain += commit_after > commit_before ? commit_after - commit_before : 0;
		change->commit_loss += commit_before > commit_after ? commit_before - commit_after : 0;
	}
}

int vma_protect_range(struct vm_space *vm, uint32_t start, uint32_t end, unsigned prot)
{
	struct list *pos, *tmp;
	struct vm_area *before = NULL;
	struct protect_change change;
	int err = split_at(vm, start);

	if (!err)
		err = split_at(vm, end);
	if (err)
		return err;
	protect_change_of(vm, start, end, prot, &change);
	err = usage_add(vm, 0, change.data_gain, change.commit_gain);
	if (err)
		return err;
	/* Every area takes prot, as the usage now counts it, even after a
	 * kernel error, which is reported at the end. */
	list_for_each_safe(pos, tmp, &vm->areas) {
		struct vm_area *area = container_of(pos, struct vm_area, node);

		if (area->start >= end)
			break;
		if (area->end <= start) {
			before = area;
			continue;
		}
		if ((area->prot & ~prot) && !err && !vma_never_faulted(area))
			err = mm0_kernel->protect(mm0_kernel_ctx, vm->space, area->start,
						  pages_of(area->start, area->end),
						  protect_perms(area, prot));
		area->prot = prot;
	}
	usage_sub(vm, 0, change.data_loss, change.commit_loss);
	if (err)
		return err;
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

/* The first gap of len bytes at or above from, below MM0_USER_END and outside
 * the stack's room and its guard page ([stack_floor - page, MM0_STACK_TOP)). */
static int gap_from(struct vm_space *vm, uint64_t from, uint32_t len, uint32_t *addr)
{
	uint64_t cursor = from;

	for (;;) {
		struct list *pos, *tmp;

		list_for_each_safe(pos, tmp, &vm->areas) {
			struct vm_area *area = container_of(pos, struct vm_area, node);

			if (area->end <= cursor)
				continue;
			if (area->start >= cursor + len)
				break;
			cursor = area->end;
		}
		if (!vm->stack_floor || cursor >= MM0_STACK_TOP ||
		    cursor + len <= vm->stack_floor - MM0_PAGE_SIZE)
			break;
		cursor = MM0_STACK_TOP;
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
