/* dma_requests.c - mm.dma_alloc and mm.dma_free: DMA memory for the boot
 * configuration's drivers (mem/dma.c). */
#include <errno.h>

#include "mem/dma.h"
#include "mm0_server.h"
#include "proc/task.h"

int mm_handle_dma_alloc(struct idlrt_request *idl_rq, uint32_t pages, uint32_t flags,
			uintptr_t *addr, uintptr_t *phys, int32_t *shmid)
{
	struct task *task = task_by_l4_tid(idl_rq->client);
	struct dma_grant grant;
	int err;

	if (!task)
		return -ESRCH;
	/* Only servers the boot configuration started drive devices. */
	if (!task->leader->system)
		return -EPERM;
	err = mm0_dma_alloc(task->vm, (int32_t)task->leader->pid, pages, flags, &grant);
	if (err)
		return err;
	*addr = grant.addr;
	*phys = grant.phys;
	*shmid = grant.shmid;
	return 0;
}

int mm_handle_dma_free(struct idlrt_request *idl_rq, uintptr_t addr)
{
	struct task *task = task_by_l4_tid(idl_rq->client);

	return task ? mm0_dma_free(task->vm, (uint32_t)addr) : -ESRCH;
}
