/* services.c - the name table behind mm.service and mm.register_service:
 * the boot configuration's servers (fs0, console, blk0) and any server that
 * registered itself, found by name so no task guesses a thread id. */
#include <errno.h>
#include <string.h>

#include "fs/fs_link.h"
#include "mm0_server.h"
#include "proc/task.h"
#include "serve/services.h"

#define SERVICES_MAX	16

/* Names only the boot configuration gives out, whether or not this image
 * has the server: a task must not pose as one. */
static const char *const reserved[] = { "fs0", "console", "blk0" };

static struct {
	char name[SERVICES_NAME_MAX + 1];
	uint32_t tid;			/* 0: a free slot */
	bool registered;		/* by register_service: held while its task lives */
} services[SERVICES_MAX];

static bool is_reserved(const char *name)
{
	for (size_t i = 0; i < sizeof(reserved) / sizeof(reserved[0]); i++)
		if (strcmp(reserved[i], name) == 0)
			return true;
	return false;
}

/* A registered name goes with its task: the slot frees itself once the
 * holder is gone or a zombie, so exit.c need not know about names. */
static bool slot_in_use(int i)
{
	struct task *holder;

	if (services[i].tid == 0)
		return false;
	if (!services[i].registered)
		return true;
	holder = task_by_l4_tid(services[i].tid);
	if (holder && !holder->zombie)
		return true;
	services[i].tid = 0;
	return false;
}

static int slot_named(const char *name)
{
	for (int i = 0; i < SERVICES_MAX; i++)
		if (slot_in_use(i) && strcmp(services[i].name, name) == 0)
			return i;
	return -1;
}

static int bind(const char *name, uint32_t tid, bool registered)
{
	size_t length = name ? strlen(name) : 0;
	int slot;

	if (length == 0 || length > SERVICES_NAME_MAX || tid == 0)
		return -EINVAL;
	slot = slot_named(name);
	if (slot >= 0 && registered)
		return -EEXIST;
	for (int i = 0; slot < 0 && i < SERVICES_MAX; i++)
		if (!slot_in_use(i))
			slot = i;
	if (slot < 0)
		return -ENOSPC;
	memcpy(services[slot].name, name, length + 1);
	services[slot].tid = tid;
	services[slot].registered = registered;
	return 0;
}

int services_add(const char *name, uint32_t tid)
{
	return bind(name, tid, false);
}

int services_register(const char *name, uint32_t tid)
{
	if (name[0] != '\0' && is_reserved(name))
		return -EPERM;
	return bind(name, tid, true);
}

int services_find(const char *name, uint32_t *tid)
{
	int slot;

	if (strcmp(name, "fs0") == 0 && fs_link_tid()) {
		*tid = fs_link_tid();
		return 0;
	}
	slot = slot_named(name);
	if (slot < 0)
		return -ENOENT;
	*tid = services[slot].tid;
	return 0;
}

int mm_handle_service(struct idlrt_request *idl_rq, const char *name, uint32_t *tid)
{
	(void)idl_rq;
	return services_find(name, tid);
}

int mm_handle_register_service(struct idlrt_request *idl_rq, const char *name)
{
	return services_register(name, idl_rq->client);
}
