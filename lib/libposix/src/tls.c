/* tls.c - each thread's thread-local storage: ARM TLS variant 1, an 8-byte
 * TCB at the thread pointer (TPIDRURO, set by the kernel just past the
 * UTCB), then the .tdata copy and the zeroed .tbss (posix.ld's symbols). */
#include <string.h>

#include "internal.h"

#define TCB_SIZE	8

extern const char __tdata_source[];
extern char __tdata_size[], __tbss_offset[], __tbss_size[], __tls_size[];

void *posix_thread_pointer(void)
{
	uint32_t tp;

	asm("mrc p15, 0, %0, c13, c0, 3" : "=r"(tp));
	return (void *)tp;
}

void posix_tls_init(void)
{
	char *block = (char *)posix_thread_pointer() + TCB_SIZE;

	memcpy(block, __tdata_source, (size_t)__tdata_size);
	memset(block + (size_t)__tbss_offset, 0, (size_t)__tbss_size);
}

size_t posix_tls_bytes(void)
{
	return TCB_SIZE + (size_t)__tls_size;
}
