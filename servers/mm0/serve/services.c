/* services.c - the name table behind mm.service: a handful of servers
 * (fs0, console) found by name, so no task guesses a thread id. */
#include <errno.h>
#include <string.h>

#include "fs/fs_link.h"
#include "mm0_server.h"
#include "serve/services.h"

#define SERVICES_MAX	4

static struct {
	char name[SERVICES_NAME_MAX + 1];
	uint32_t tid;
} services[SERVICES_MAX];

int services_add(const char *name, uint32_t tid)
{
	size_t length = name ? strlen(name) : 0;

	if (length == 0 || length > SERVICES_NAME_MAX || tid == 0)
		return -EINVAL;
	for (int i = 0; i < SERVICES_MAX; i++) {
		if (services[i].tid == 0 || strcmp(services[i].name, name) == 0) {
			memcpy(services[i].name, name, length + 1);
			services[i].tid = tid;
			return 0;
		}
	}
	return -ENOSPC;
}

int services_find(const char *name, uint32_t *tid)
{
	if (strcmp(name, "fs0") == 0 && fs_link_tid()) {
		*tid = fs_link_tid();
		return 0;
	}
	for (int i = 0; i < SERVICES_MAX && services[i].tid; i++) {
		if (strcmp(services[i].name, name) == 0) {
			*tid = services[i].tid;
			return 0;
		}
	}
	return -ENOENT;
}

int mm_handle_service(struct idlrt_request *idl_rq, const char *name, uint32_t *tid)
{
	(void)idl_rq;
	return services_find(name, tid);
}
