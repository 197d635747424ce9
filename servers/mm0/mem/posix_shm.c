/* POSIX shm names: a table from names to shm objects, each name holding its object. */
#include <errno.h>
#include <string.h>

#include <server/counted_alloc.h>
#include "mem/posix_shm.h"
#include "mem/vm_object.h"
#include "mm0_local.h"

struct shm_name {
	struct list node;
	char name[MM0_SHM_NAME_MAX + 1];
	struct vm_object *obj;
};

static struct list names = { &names, &names };

struct shm_handle {
	struct vm_object *obj;
	uint32_t refs;
};

static struct shm_handle handles[SHM_HANDLES_MAX];

static int name_check(const char *name)
{
	size_t length;

	if (!name)
		return -EFAULT;
	length = strnlen(name, MM0_SHM_NAME_MAX + 1);
	if (length > MM0_SHM_NAME_MAX)
		return -ENAMETOOLONG;
	if (length < 2 || name[0] != '/' || strchr(name + 1, '/'))
		return -EINVAL;
	return 0;
}

static struct shm_name *name_find(const char *name)
{
	struct list *pos, *tmp;

	list_for_each_safe(pos, tmp, &names) {
		struct shm_name *entry = container_of(pos, struct shm_name, node);

		if (strcmp(entry->name, name) == 0)
			return entry;
	}
	return NULL;
}

/* Free the pages at and past npages; they may not be mapped anywhere. */
static void pages_drop_from(struct vm_object *obj, uint32_t npages)
{
	vm_object_free_range(obj, npages, UINT32_MAX - npages);
}

long mm0_shm_open(const char *name, int oflag, struct vm_object **out)
{
	struct shm_name *entry;
	int err = name_check(name);

	if (err)
		return err;
	if (!out || (oflag & ~(MM0_O_ACCMODE | MM0_O_CREAT | MM0_O_EXCL | MM0_O_TRUNC)))
		return -EINVAL;
	entry = name_find(name);
	if (entry) {
		if ((oflag & MM0_O_CREAT) && (oflag & MM0_O_EXCL))
			return -EEXIST;
		if ((oflag & MM0_O_TRUNC) && mm0_shm_truncate(entry->obj, 0))
			return -EBUSY;
		vm_object_hold(entry->obj);
		*out = entry->obj;
		return 0;
	}
	if (!(oflag & MM0_O_CREAT))
		return -ENOENT;
	entry = counted_alloc(sizeof(*entry));
	if (!entry)
		return -ENOMEM;
	entry->obj = vm_object_create(VM_OBJ_SHM, 0);
	if (!entry->obj) {
		counted_free(entry);
		return -ENOMEM;
	}
	strcpy(entry->name, name);
	entry->obj->holds = 2;		/* the name and this opener */
	list_add_tail(&names, &entry->node);
	*out = entry->obj;
	return 0;
}

void mm0_shm_close(struct vm_object *obj)
{
	vm_object_release(obj);
}

static void name_remove(struct shm_name *entry)
{
	list_del(&entry->node);
	vm_object_release(entry->obj);
	counted_free(entry);
}

long mm0_shm_unlink(const char *name)
{
	struct shm_name *entry;
	int err = name_check(name);

	if (err)
		return err;
	entry = name_find(name);
	if (!entry)
		return -ENOENT;
	name_remove(entry);
	return 0;
}

long mm0_shm_truncate(struct vm_object *obj, uint32_t size)
{
	uint32_t npages = (uint32_t)(((uint64_t)size + MM0_PAGE_MASK) / MM0_PAGE_SIZE);

	if (!obj || obj->type != VM_OBJ_SHM)
		return -EINVAL;
	if (size > MM0_SHM_MAX_SIZE)
		return -EFBIG;
	if (npages < obj->npages) {
		if (obj->link_count || obj->shadow_count)
			return -EBUSY;
		pages_drop_from(obj, npages);
	}
	if (vm_object_commit_resize(obj, npages))
		return -ENOMEM;
	obj->npages = npages;
	return 0;
}

void posix_shm_fini(void)
{
	while (!list_empty(&names))
		name_remove(container_of(names.next, struct shm_name, node));
}

long posix_shm_handle_new(struct vm_object *obj)
{
	for (uint32_t i = 0; i < SHM_HANDLES_MAX; i++) {
		if (!handles[i].obj) {
			handles[i] = (struct shm_handle){ obj, 1 };
			return SHM_HANDLE_BIT | i;
		}
	}
	return -ENFILE;
}

static struct shm_handle *handle_of(uint32_t handle)
{
	uint32_t index = handle & ~SHM_HANDLE_BIT;

	if (!(handle & SHM_HANDLE_BIT) || index >= SHM_HANDLES_MAX || !handles[index].obj)
		return NULL;
	return &handles[index];
}

struct vm_object *posix_shm_handle_object(uint32_t handle)
{
	struct shm_handle *entry = handle_of(handle);

	return entry ? entry->obj : NULL;
}

void posix_shm_handle_get(uint32_t handle)
{
	struct shm_handle *entry = handle_of(handle);

	if (entry)
		entry->refs++;
}

void posix_shm_handle_put(uint32_t handle)
{
	struct shm_handle *entry = handle_of(handle);
	struct vm_object *obj;

	if (!entry || --entry->refs)
		return;
	obj = entry->obj;
	entry->obj = NULL;
	mm0_shm_close(obj);
}
