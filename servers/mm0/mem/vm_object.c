/* VM objects: pages, shadow chains, reference counts and the collapse rule. */
#include <errno.h>
#include <string.h>

#include <server/counted_alloc.h>
#include "mem/commit.h"
#include "mem/phys.h"
#include "mem/vm_area.h"
#include "mem/vm_object.h"

static struct counted_pool object_pool = COUNTED_POOL_INIT(struct vm_object);
static struct counted_pool page_pool = COUNTED_POOL_INIT(struct vm_page);
static struct vm_object *devzero;
static struct list open_files;
static uint32_t live_objects;

struct vm_object *vm_object_create(enum vm_object_type type, uint32_t npages)
{
	struct vm_object *obj = counted_pool_alloc(&object_pool);

	if (!obj)
		return NULL;
	obj->type = type;
	obj->npages = npages;
	list_init(&obj->shadowers);
	list_init(&obj->shadower_node);
	list_init(&obj->links);
	list_init(&obj->file_node);
	live_objects++;
	return obj;
}

int vm_object_init(void)
{
	list_init(&open_files);
	devzero = vm_object_create(VM_OBJ_DEVZERO, UINT32_MAX);
	return devzero ? 0 : -ENOMEM;
}

void vm_object_fini(void)
{
	counted_pool_free(&object_pool, devzero);
	devzero = NULL;
	live_objects--;
}

struct vm_object *vm_devzero(void)
{
	return devzero;
}

uint32_t vm_object_live(void)
{
	return live_objects;
}

static void shadow_attach(struct vm_object *front, struct vm_object *backing)
{
	front->backing = backing;
	list_add_tail(&backing->shadowers, &front->shadower_node);
	backing->shadow_count++;
}

static void shadow_detach(struct vm_object *front)
{
	list_del(&front->shadower_node);
	front->backing->shadow_count--;
	front->backing = NULL;
}

struct vm_object *vm_object_shadow(struct vm_object *backing)
{
	struct vm_object *front = vm_object_create(VM_OBJ_SHADOW, backing->npages);

	if (front)
		shadow_attach(front, backing);
	return front;
}

struct vm_page *vm_object_page_find(struct vm_object *obj, uint32_t pgoff)
{
	struct vm_page *page = obj->pages, *before = NULL;

	if (!obj->last || pgoff > obj->last->pgoff)
		return NULL;
	if (obj->cursor && obj->cursor->pgoff <= pgoff)
		page = obj->cursor;
	/* Ends on a page: the last one's pgoff is at least pgoff. */
	while (page->pgoff < pgoff) {
		before = page;
		page = page->next;
	}
	if (page->pgoff == pgoff) {
		obj->cursor = page;
		return page;
	}
	if (before)
		obj->cursor = before;
	return NULL;
}

static void page_link(struct vm_object *obj, struct vm_page *page)
{
	struct vm_page **pos = &obj->pages;

	if (!obj->last || page->pgoff > obj->last->pgoff) {
		if (obj->last)
			pos = &obj->last->next;
		obj->last = page;
	} else if (obj->cursor && obj->cursor->pgoff < page->pgoff) {
		pos = &obj->cursor->next;
	}
	while (*pos && (*pos)->pgoff < page->pgoff)
		pos = &(*pos)->next;
	page->next = *pos;
	*pos = page;
	obj->page_count++;
}

int vm_object_page_insert(struct vm_object *obj, uint32_t pgoff, uint32_t phys,
			  struct vm_page **out)
{
	struct vm_page *page = counted_pool_alloc(&page_pool);

	if (!page)
		return -ENOMEM;
	page->pgoff = pgoff;
	page->phys = phys;
	page_link(obj, page);
	if (out)
		*out = page;
	return 0;
}

/* The list is sorted: the walk stops past the range, so ranges at either end
 * of an object (brk growth, the stack's) cost little. */
void vm_object_free_range(struct vm_object *obj, uint32_t first, uint32_t count)
{
	struct vm_page **link = &obj->pages, *page, *before = NULL;

	if (!obj->last || obj->last->pgoff < first || count == 0)
		return;
	obj->cursor = NULL;
	while ((page = *link) != NULL) {
		if (page->pgoff >= first && page->pgoff - first >= count)
			break;
		if (page->pgoff >= first) {
			*link = page->next;
			phys_free(page->phys);
			counted_pool_free(&page_pool, page);
			obj->page_count--;
			continue;
		}
		before = page;
		link = &page->next;
	}
	if (!*link)
		obj->last = before;
}

int vm_object_commit_resize(struct vm_object *obj, uint32_t npages)
{
	int err = 0;

	if (npages > obj->committed)
		err = commit_take(NULL, npages - obj->committed);
	else
		commit_give(NULL, obj->committed - npages);
	if (!err)
		obj->committed = npages;
	return err;
}

struct vm_page *vm_object_chain_find(struct vm_object *obj, uint32_t pgoff,
				     struct vm_object **owner)
{
	for (; obj; obj = obj->backing) {
		struct vm_page *page = vm_object_page_find(obj, pgoff);

		if (page) {
			*owner = obj;
			return page;
		}
	}
	*owner = NULL;
	return NULL;
}

struct vm_object *vm_object_chain_bottom(struct vm_object *obj)
{
	while (obj->backing)
		obj = obj->backing;
	return obj;
}

/* The pieces of one split area link the same shadow, each with its own
 * pages (their offsets never overlap in one space): the shadow is still
 * private as long as every link comes from one space. */
bool vm_object_private(const struct vm_object *obj)
{
	const struct vm_space *space = NULL;
	struct list *pos;

	if (obj->type != VM_OBJ_SHADOW || obj->link_count == 0 || obj->shadow_count != 0)
		return false;
	for (pos = obj->links.next; pos != &obj->links; pos = pos->next) {
		const struct vm_area *area = container_of(pos, struct vm_area, obj_node);

		if (space && area->vm != space)
			return false;
		space = area->vm;
	}
	return true;
}

void vm_object_hold(struct vm_object *obj)
{
	obj->holds++;
}

void vm_object_release(struct vm_object *obj)
{
	obj->holds--;
	vm_object_settle(obj);
}

static void object_free_pages(struct vm_object *obj)
{
	struct vm_page *page, *next;

	for (page = obj->pages; page; page = next) {
		next = page->next;
		if (page->dirty && obj->pager)
			obj->pager->put_page(obj->pager_ctx, obj->id, page->pgoff, page->phys);
		phys_free(page->phys);
		counted_pool_free(&page_pool, page);
	}
	obj->pages = NULL;
	obj->last = NULL;
	obj->cursor = NULL;
	obj->page_count = 0;
}

static void object_destroy(struct vm_object *obj)
{
	object_free_pages(obj);
	if (obj->type == VM_OBJ_FILE && obj->pager->release)
		obj->pager->release(obj->pager_ctx, obj->id);
	list_del(&obj->file_node);
	commit_give(NULL, obj->committed);
	counted_free(obj->env_data);
	counted_pool_free(&object_pool, obj);
	live_objects--;
}

/* back has no links and one shadower: hand its pages to that shadower (its
 * own copies win) and take back out of the chain. Pages keep their physical
 * address, so mappings of moved pages stay valid. */
static void shadow_collapse(struct vm_object *back)
{
	struct vm_object *front = container_of(back->shadowers.next, struct vm_object,
					       shadower_node);
	struct vm_object *below = back->backing;
	struct vm_page *page, *next;

	for (page = back->pages; page; page = next) {
		next = page->next;
		if (vm_object_page_find(front, page->pgoff)) {
			phys_free(page->phys);
			counted_pool_free(&page_pool, page);
		} else {
			page_link(front, page);
		}
	}
	back->pages = NULL;
	back->last = NULL;
	back->cursor = NULL;
	back->page_count = 0;
	shadow_detach(front);
	if (below) {
		shadow_detach(back);
		shadow_attach(front, below);
	}
	object_destroy(back);
}

void vm_object_settle(struct vm_object *obj)
{
	while (obj && obj->link_count == 0 && obj->holds == 0 && obj->type != VM_OBJ_DEVZERO) {
		struct vm_object *below = obj->backing;

		if (obj->type == VM_OBJ_SHADOW && obj->shadow_count == 1) {
			shadow_collapse(obj);
			return;
		}
		if (obj->shadow_count)
			return;
		if (below)
			shadow_detach(obj);
		object_destroy(obj);
		obj = below;
	}
}

struct vm_object *vm_file_find(uint32_t file_id)
{
	struct list *pos, *tmp;

	list_for_each_safe(pos, tmp, &open_files) {
		struct vm_object *file = container_of(pos, struct vm_object, file_node);

		if (file->id == file_id)
			return file;
	}
	return NULL;
}

int vm_file_open(uint32_t file_id, uint32_t npages, const struct file_pager_ops *pager,
		 void *pager_ctx, struct vm_object **out)
{
	struct list *pos, *tmp;
	struct vm_object *file;

	if (!out)
		return -EINVAL;
	list_for_each_safe(pos, tmp, &open_files) {
		file = container_of(pos, struct vm_object, file_node);
		if (file->id == file_id) {
			file->npages = npages;
			file->holds++;
			*out = file;
			return 0;
		}
	}
	if (!pager || !pager->get_page || !pager->put_page)
		return -EINVAL;
	file = vm_object_create(VM_OBJ_FILE, npages);
	if (!file)
		return -ENOMEM;
	file->id = file_id;
	file->pager = pager;
	file->pager_ctx = pager_ctx;
	file->holds = 1;
	list_add_tail(&open_files, &file->file_node);
	*out = file;
	return 0;
}

void vm_file_close(struct vm_object *file)
{
	vm_object_release(file);
}
