/* DMA memory for drivers: physically contiguous, pinned pages mapped in a
 * system task's space, optionally named as a SysV shm segment. */
#ifndef MM0_DMA_H
#define MM0_DMA_H

#include <stdint.h>

struct vm_space;

struct dma_grant {
	uint32_t addr;		/* where the caller sees the first page */
	uint32_t phys;		/* the first page's physical address */
	int32_t shmid;		/* with MM0_DMA_SHARE, else -1 */
};

/* npages mapped in vm, with MM0_DMA_* flags (a segment is creator_pid's):
 * 0 or -EINVAL, -ENOMEM. Who may ask is the request layer's decision. */
int mm0_dma_alloc(struct vm_space *vm, int32_t creator_pid, uint32_t npages, uint32_t flags,
		  struct dma_grant *grant);
/* Unmaps and frees the memory given at addr in vm: 0 or -EINVAL. */
int mm0_dma_free(struct vm_space *vm, uint32_t addr);
/* Forget every block (mm0_fini). */
void dma_fini(void);

#endif
