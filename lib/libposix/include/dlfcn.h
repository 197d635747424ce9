/* dlfcn.h - dynamic loading's interface. Programs on Larch are linked
 * statically, so dlopen always fails and dlerror says why. */
#ifndef LIBPOSIX_DLFCN_H
#define LIBPOSIX_DLFCN_H

#define RTLD_LAZY	1
#define RTLD_NOW	2
#define RTLD_GLOBAL	0x100
#define RTLD_LOCAL	0
#define RTLD_DEFAULT	((void *)0)
#define RTLD_NEXT	((void *)-1)

void *dlopen(const char *file, int mode);
void *dlsym(void *restrict handle, const char *restrict name);
int dlclose(void *handle);
char *dlerror(void);

#endif
