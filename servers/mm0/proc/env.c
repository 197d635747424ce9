/* The argument/environment page: layout and the object that provides it. */
#include <errno.h>
#include <string.h>

#include <server/counted_alloc.h>
#include "mem/vm_object.h"
#include "mm0_local.h"
#include "proc/env.h"

static size_t vector_length(const char *const vector[])
{
	size_t count = 0;

	while (vector && vector[count])
		count++;
	return count;
}

/* Copy the strings of vector after *strings, pointers into slots. */
static int put_strings(char *page, uint32_t page_addr, uint32_t *slots,
		       const char *const vector[], size_t count, size_t *strings)
{
	size_t i;

	for (i = 0; i < count; i++) {
		size_t length = strlen(vector[i]) + 1;

		if (length > MM0_PAGE_SIZE - *strings)
			return -E2BIG;
		memcpy(page + *strings, vector[i], length);
		slots[i] = page_addr + (uint32_t)*strings;
		*strings += length;
	}
	slots[count] = 0;
	return 0;
}

int env_page_build(void *page, uint32_t page_addr, const char *const argv[],
		   const char *const envp[], size_t *used)
{
	size_t argc = vector_length(argv), envc = vector_length(envp);
	size_t header = (1 + argc + 1 + envc + 1) * sizeof(uint32_t), strings = header;
	uint32_t *words = page;
	int err;

	if (header > MM0_PAGE_SIZE)
		return -E2BIG;
	words[0] = (uint32_t)argc;
	err = put_strings(page, page_addr, words + 1, argv, argc, &strings);
	if (!err)
		err = put_strings(page, page_addr, words + 2 + argc, envp, envc, &strings);
	if (!err)
		*used = strings;
	return err;
}

/* What a process started without an environment (init, mm.spawn's children)
 * gets: root's home, the programs' folders, the root folder, the console. */
static const char *const initial_environment[] = {
	"HOME=/root", "PATH=/bin:/boot", "PWD=/", "TERM=vt100", NULL
};

int env_object_create(const char *const argv[], const char *const envp[],
		      struct vm_object **out)
{
	/* Not zeroed: a fault copies the used bytes only (mem/fault.c). */
	char *page = counted_realloc_array(NULL, MM0_PAGE_SIZE, 1);
	struct vm_object *obj;
	size_t used;
	int err;

	if (!page)
		return -ENOMEM;
	err = env_page_build(page, MM0_ENV_ADDR, argv, envp ? envp : initial_environment, &used);
	if (err) {
		counted_free(page);
		return err;
	}
	obj = vm_object_create(VM_OBJ_ENV, 1);
	if (!obj) {
		counted_free(page);
		return -ENOMEM;
	}
	obj->env_data = page;
	obj->env_len = used;
	*out = obj;
	return 0;
}
