/* services.h - servers that tasks find by name (mm.service): fs0 through
 * its link, the others as mm0 starts them or as they register. */
#ifndef MM0_SERVICES_H
#define MM0_SERVICES_H

#include <stdint.h>

/* Records name (at most SERVICES_NAME_MAX bytes) as served by thread tid:
 * 0, -EINVAL for a bad name or tid, -ENOSPC when the table is full. */
#define SERVICES_NAME_MAX	31
int services_add(const char *name, uint32_t tid);
/* Binds name to thread tid while tid's task lives (mm.register_service):
 * 0, -EEXIST when a live task holds it, -EPERM for a reserved name. */
int services_register(const char *name, uint32_t tid);
/* The thread serving name: 0 with *tid set, or -ENOENT. */
int services_find(const char *name, uint32_t *tid);

#endif
