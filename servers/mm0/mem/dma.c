/* dma.c - DMA memory: a run of consecutive physical pages put in a shm
 * object up front, so its pages never move and are never zero-filled
 * later; mapped shared in the driver's space (and with MM0_DMA_SHARE named
 * as a segment its clients attach). mm0 keeps a hold on each object until
 * dma_free, or until no space maps it any more (the driver ended). */
#include <errno.h>

#include <server/counted_alloc.h>
#include "mem/dma.h"
#include "mem/list.h"
#include "mem/mmap.h"
#include "mem/phys.h"
#include "mem/shm.h"
#include "mem/vm_area.h"
#include "mem/vm_object.h"

struct dma_block {
	struct list node;
	struct vm_object *obj;		/* held while listed */
	int32_t shmid;			/* -1: not named */
};

static struct list blocks = { &blocks, &blocks };

static void block_drop(struct dma_block *block)
{
	list_del(&block->node);
	if (block->shmid >= 0)
		mm0_shmctl(block->shmid, MM0_IPC_RMID, NULL);
	vm_object_release(block->obj);
	counted_free(block);
}

/* A driver that ended (or unmapped its memory) does not call dma_free:
 * blocks nobody maps any more go back before each new allocation. */
static void drop_unmapped(void)
{
	struct list *pos, *tmp;

	list_for_each_safe(pos, tmp, &blocks) {
		struct dma_block *block = container_of(pos, struct dma_block, node);

		if (block->obj->link_count == 0)
			block_drop(block);
	}
}

/* The object's pages: the run, zeroed, one page record each. On failure
 * the pages already inserted go with the object; the rest are freed here. */
static int fill_object(struct vm_object *obj, uint32_t phys, uint32_t npages)
{
	for (uint32_t i = 0; i < npages; i++) {
		uint32_t page = phys + i * MM0_PAGE_SIZE;

		phys_page_zero(phys_view(page));
		if (vm_object_page_insert(obj, i, page, NULL)) {
			while (i < npages)
				phys_free(phys + i++ * MM0_PAGE_SIZE);
			return -ENOMEM;
		}
	}
	return 0;
}

int mm0_dma_alloc(struct vm_space *vm, int32_t creator_pid, uint32_t npages, uint32_t flags,
		  struct dma_grant *grant)
{
	struct dma_block *block;
	struct vm_object *obj;
	uint32_t phys;
	long addr;

	if (npages == 0 || npages > MM0_DMA_PAGES_MAX || (flags & ~MM0_DMA_SHARE))
		return -EINVAL;
	drop_unmapped();
	block = counted_alloc(sizeof(*block));
	obj = block ? vm_object_create(VM_OBJ_SHM, npages) : NULL;
	if (!obj) {
		counted_free(block);
		return -ENOMEM;
	}
	vm_object_hold(obj);
	block->obj = obj;
	block->shmid = -1;
	list_add_tail(&blocks, &block->node);
	if (vm_object_commit_resize(obj, npages) || phys_alloc_run(npages, &phys) ||
	    fill_object(obj, phys, npages)) {
		block_drop(block);
		return -ENOMEM;
	}
	if (flags & MM0_DMA_SHARE) {
		long shmid = shm_name_object(creator_pid, obj);

		if (shmid < 0) {
			block_drop(block);
			return (int)shmid;
		}
		block->shmid = (int32_t)shmid;
	}
	addr = mmap_object(vm, 0, npages * MM0_PAGE_SIZE, MM0_PROT_READ | MM0_PROT_WRITE,
			   MM0_MAP_SHARED, obj, 0);
	if (addr < 0) {
		block_drop(block);
		return (int)addr;
	}
	grant->addr = (uint32_t)addr;
	grant->phys = phys;
	grant->shmid = block->shmid;
	return 0;
}

int mm0_dma_free(struct vm_space *vm, uint32_t addr)
{
	struct vm_area *area = vma_find(vm, addr);
	struct list *pos, *tmp;

	if (!area || area->start != addr || area->pgoff != 0)
		return -EINVAL;
	list_for_each_safe(pos, tmp, &blocks) {
		struct dma_block *block = container_of(pos, struct dma_block, node);
		int err;

		if (block->obj != area->obj)
			continue;
		err = vma_unmap_object(vm, addr, addr + block->obj->npages * MM0_PAGE_SIZE,
				       block->obj);
		if (!err)
			block_drop(block);
		return err;
	}
	return -EINVAL;
}

void dma_fini(void)
{
	while (!list_empty(&blocks))
		block_drop(container_of(blocks.next, struct dma_block, node));
}
