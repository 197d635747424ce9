/* mmap, munmap and mprotect request bodies. */
#ifndef MM0_MMAP_H
#define MM0_MMAP_H

#include <stdint.h>

struct vm_object;
struct vm_space;

/* The requests on the space vm. file is the file or POSIX shm object behind
 * the fd (ignored with MM0_MAP_ANONYMOUS); offset is in bytes. Returns the
 * address or -errno. */
long mm0_mmap(struct vm_space *vm, uint32_t addr, uint32_t length, int prot, int flags,
	      struct vm_object *file, uint32_t offset);
long mm0_munmap(struct vm_space *vm, uint32_t addr, uint32_t length);
long mm0_mprotect(struct vm_space *vm, uint32_t addr, uint32_t length, int prot);
/* The main stack: size bytes mapped below top, growing on demand down to
 * top - room (a guard page below that stays free). Returns top - size or -errno. */
long mm0_map_stack(struct vm_space *vm, uint32_t top, uint32_t size, uint32_t room);
/* Moves the heap's end (the break) to end rounded up to a page: the new
 * break, or -ENOMEM; end 0 only asks. */
long mm0_brk(struct vm_space *vm, uint32_t end);
/* Dirty MAP_SHARED file pages in the range go back to the file now, and clean
 * ones are read again from it (both with MM0_MS_SYNC or MM0_MS_ASYNC, with or
 * without MM0_MS_INVALIDATE). -ENOMEM when part of the range is unmapped. */
long mm0_msync(struct vm_space *vm, uint32_t addr, uint32_t length, int flags);

/* The common path: map pages of obj from pgoff at addr (exactly there with
 * MM0_MAP_FIXED, else at a free range near it). len is page aligned. */
long mmap_object(struct vm_space *vm, uint32_t addr, uint32_t len, unsigned prot,
		 unsigned flags, struct vm_object *obj, uint32_t pgoff);

#endif
