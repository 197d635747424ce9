/* bulk_link.c - one shm object per (client thread, server thread) pair that
 * carries the client's bulk parameters to any server but fs0. mm0 holds the
 * object, maps it into the client when it asks (bulk_buffer) and into the
 * server when the server first sees a bulk range from that client
 * (bulk_attach), so neither side's later munmap or mmap can free pages the
 * other still maps. */
#include <errno.h>

#include <server/counted_alloc.h>
#include "fs/fs_link.h"
#include "mem/list.h"
#include "mem/mmap.h"
#include "mem/vm_area.h"
#include "mem/vm_object.h"
#include "mm0_types.h"
#include "proc/bulk_link.h"
#include "proc/task.h"

struct bulk_link {
	struct list node;
	uint32_t client_tid;
	uint32_t server_tid;
	struct task *client;		/* NULL once the client thread ended */
	struct vm_object *obj;		/* mm0's hold */
	uint32_t client_addr;		/* 0: not mapped in the client now */
	uint32_t server_addr;		/* 0: the server has not attached */
};

static struct list links = { &links, &links };

static struct bulk_link *link_find(uint32_t client_tid, uint32_t server_tid)
{
	struct list *pos, *tmp;

	list_for_each_safe(pos, tmp, &links) {
		struct bulk_link *link = container_of(pos, struct bulk_link, node);

		if (link->client_tid == client_tid && link->server_tid == server_tid)
			return link;
	}
	return NULL;
}

static uint32_t links_of(const struct task *client)
{
	struct list *pos, *tmp;
	uint32_t count = 0;

	list_for_each_safe(pos, tmp, &links)
		count += container_of(pos, struct bulk_link, node)->client == client;
	return count;
}

static void unmap_server_side(struct bulk_link *link)
{
	struct task *server = task_by_l4_tid(link->server_tid);

	if (link->server_addr && server && server->vm)
		vma_unmap_object(server->vm, link->server_addr, link->server_addr + MM0_BULK_BUFFER_SIZE,
				 link->obj);
	link->server_addr = 0;
}

static void link_free(struct bulk_link *link)
{
	unmap_server_side(link);
	list_del(&link->node);
	vm_object_release(link->obj);
	counted_free(link);
}

static long map_shared(struct task *task, struct vm_object *obj)
{
	return mmap_object(task->vm, 0, MM0_BULK_BUFFER_SIZE, MM0_PROT_READ | MM0_PROT_WRITE,
			   MM0_MAP_SHARED, obj, 0);
}

static long link_create(struct task *client, uint32_t server_tid)
{
	uint32_t pages = MM0_BULK_BUFFER_SIZE / MM0_PAGE_SIZE;
	struct bulk_link *link = counted_alloc(sizeof(*link));
	struct vm_object *obj = link ? vm_object_create(VM_OBJ_SHM, pages) : NULL;
	long addr;

	if (!obj || vm_object_commit_resize(obj, pages)) {
		if (obj)
			vm_object_settle(obj);
		counted_free(link);
		return -ENOMEM;
	}
	vm_object_hold(obj);
	addr = map_shared(client, obj);
	if (addr < 0) {
		vm_object_release(obj);
		counted_free(link);
		return addr;
	}
	*link = (struct bulk_link){ .client_tid = client->l4_tid, .server_tid = server_tid,
				    .client = client, .obj = obj, .client_addr = (uint32_t)addr };
	list_add_tail(&links, &link->node);
	return addr;
}

long bulk_link_buffer(struct task *client, uint32_t server_tid, uint32_t *size)
{
	struct task *server = task_by_l4_tid(server_tid);
	struct bulk_link *link;
	long addr;

	if (!client || !client->vm || !server || server == client)
		return -ESRCH;
	if (server == task_self() || server_tid == fs_link_tid())
		return -EINVAL;
	*size = MM0_BULK_BUFFER_SIZE;
	link = link_find(client->l4_tid, server_tid);
	if (!link)
		return links_of(client) < MM0_BULK_LINKS_MAX ? link_create(client, server_tid) : -ENOBUFS;
	if (!link->client_addr) {
		addr = map_shared(client, link->obj);
		if (addr < 0)
			return addr;
		link->client_addr = (uint32_t)addr;
	}
	return link->client_addr;
}

long bulk_link_attach(struct task *server, uint32_t client_tid, uint32_t *size, uint32_t *gone,
		      uint32_t *gone_count)
{
	struct bulk_link *link = server && server->vm ? link_find(client_tid, server->l4_tid) : NULL;
	struct list *pos, *tmp;
	long addr;

	if (!link || !link->client)
		return -ENOENT;
	if (!link->server_addr) {
		addr = map_shared(server, link->obj);
		if (addr < 0)
			return addr;
		link->server_addr = (uint32_t)addr;
	}
	*size = MM0_BULK_BUFFER_SIZE;
	*gone_count = 0;
	list_for_each_safe(pos, tmp, &links) {
		struct bulk_link *ended = container_of(pos, struct bulk_link, node);

		if (ended->client || ended->server_tid != server->l4_tid || *gone_count == MM0_BULK_GONE_MAX)
			continue;
		gone[(*gone_count)++] = ended->client_tid;
		link_free(ended);
	}
	return link->server_addr;
}

void bulk_link_exec(struct task *task)
{
	struct list *pos, *tmp;

	list_for_each_safe(pos, tmp, &links) {
		struct bulk_link *link = container_of(pos, struct bulk_link, node);

		if (link->client == task)
			link->client_addr = 0;
	}
}

int bulk_link_fork(struct task *parent, struct task *child)
{
	struct list *pos, *tmp;
	int err = 0;

	if (!parent || child->vm == parent->vm)
		return 0;
	list_for_each_safe(pos, tmp, &links) {
		struct bulk_link *link = container_of(pos, struct bulk_link, node);
		uint32_t addr = link->client == parent ? link->client_addr
			      : link->server_tid == parent->l4_tid ? link->server_addr : 0;

		if (addr && !err)
			err = vma_unmap_object(child->vm, addr, addr + MM0_BULK_BUFFER_SIZE, link->obj);
	}
	return err;
}

void bulk_link_gone(struct task *task)
{
	struct list *pos, *tmp;

	list_for_each_safe(pos, tmp, &links) {
		struct bulk_link *link = container_of(pos, struct bulk_link, node);

		if (link->server_tid == task->l4_tid) {
			unmap_server_side(link);
			if (!link->client) {
				link_free(link);
				continue;
			}
		}
		if (link->client != task)
			continue;
		if (link->client_addr && task->vm)
			vma_unmap_object(task->vm, link->client_addr,
					 link->client_addr + MM0_BULK_BUFFER_SIZE, link->obj);
		link->client = NULL;
		link->client_addr = 0;
		if (!link->server_addr)
			link_free(link);
	}
}
