/* mmap, munmap and mprotect request bodies. */
#ifndef MM0_MMAP_H
#define MM0_MMAP_H

#include <stdint.h>

struct task;
struct vm_object;
struct vm_space;

/* file is the file or POSIX shm object behind the fd (ignored with MM0_MAP_ANONYMOUS);
 * offset is in bytes. Returns the address or -errno. */
long mm0_mmap(struct task *task, uint32_t addr, uint32_t length, int prot, int flags,
	      struct vm_object *file, uint32_t offset);
long mm0_munmap(struct task *task, uint32_t addr, uint32_t length);
long mm0_mprotect(struct task *task, uint32_t addr, uint32_t length, int prot);

/* The common path: map pages of obj from pgoff at addr (exactly there with
 * MM0_MAP_FIXED, else at a free range near it). len is page aligned. */
long mmap_object(struct vm_space *vm, uint32_t addr, uint32_t len, unsigned prot,
		 unsigned flags, struct vm_object *obj, uint32_t pgoff);

#endif
