/* The per-task argument/environment page, filled by mm0 on the first fault. */
#ifndef MM0_ENV_H
#define MM0_ENV_H

#include <stddef.h>
#include <stdint.h>

struct vm_object;

/* Lay out argc, argv[], NULL, envp[], NULL and the strings for a page that
 * will be seen at page_addr; -E2BIG when it does not fit one page. Writes
 * the first *used bytes only: the rest of the page is left as it was. */
int env_page_build(void *page, uint32_t page_addr, const char *const argv[],
		   const char *const envp[], size_t *used);
/* An environment object holding such a page, or -errno; a NULL envp gives
 * the initial environment (HOME, PATH, PWD, TERM; docs/mm0.md). */
int env_object_create(const char *const argv[], const char *const envp[],
		      struct vm_object **out);

#endif
