/* dlfcn.c - dlopen and friends on a system that links every program
 * statically: each call fails and dlerror reports it once, as POSIX has
 * dlerror clear its message after reading it. */
#include <dlfcn.h>
#include <stddef.h>

static __thread const char *pending_error;

static const char not_supported[] = "dynamic loading is not supported: programs are linked statically";

void *dlopen(const char *file, int mode)
{
	(void)file;
	(void)mode;
	pending_error = not_supported;
	return NULL;
}

void *dlsym(void *restrict handle, const char *restrict name)
{
	(void)handle;
	(void)name;
	pending_error = not_supported;
	return NULL;
}

int dlclose(void *handle)
{
	(void)handle;
	pending_error = not_supported;
	return -1;
}

char *dlerror(void)
{
	const char *error = pending_error;

	pending_error = NULL;
	return (char *)error;
}
