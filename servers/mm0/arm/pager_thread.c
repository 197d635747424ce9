/* pager_thread.c - mm0's pager thread on the target, and both threads' side
 * of mm0_pager.idl. The receiving thread posts the read of a page that
 * faults wait for (mem/page_wait.c, one at a time); the pager thread makes
 * the blocking mm_read_page call to fs0 through its own page in fs0's window
 * and posts done back, whose send waits until mm0's receive loop takes it,
 * however busy mm0 is. With one read in flight the receiving thread never
 * posts while the pager thread sends, so neither waits for the other. */
#include <errno.h>
#include <idlrt/serve.h>
#include <l4/ipc.h>
#include <l4/syscalls.h>

#include "boot.h"
#include "fs/fs_link.h"
#include "fs/fs_link_state.h"
#include "mem/page_wait.h"
#include "mem/phys.h"
#include "mm0_pager.h"
#include "mm0_pager_server.h"
#include "pager_thread.h"
#include "serve/serve.h"
#include "workers.h"

#define PAGER_STACK_WORDS	512u	/* 4 KiB: idlrt's loop and the fs0 stub */

static l4_tid_t main_thread, pager_thread;
static uint64_t pager_stack[PAGER_STACK_WORDS];

/* ---- On the pager thread: reads from mm0's receiving threads only ---- */

int mm0_pager_handle_read(struct idlrt_request *idl_rq, uint32_t handle, uint32_t page_index,
			  uint32_t phys)
{
	int got;

	if (idl_rq->client != main_thread && !workers_own(idl_rq->client))
		return -EPERM;
	got = fs_link.ops->read_page(handle, page_index, phys_view(phys));
	/* As fs_file.c's synchronous get_page: no bytes there is past the end. */
	return mm0_pager_done(main_thread, got < 0 ? got : got == 0 ? -ENXIO : 0);
}

static void pager_thread_main(void)
{
	idlrt_serve(mm0_pager_dispatch, 0);
}

/* ---- On mm0's receiving thread ---- */

int mm0_pager_handle_done(struct idlrt_request *idl_rq, int32_t result)
{
	if (idl_rq->client != pager_thread)
		return -EPERM;
	page_wait_done(result);
	return 0;
}

int pager_thread_post(uint32_t handle, uint32_t page_index, uint32_t phys)
{
	if (pager_thread == L4_NILTHREAD)
		return -ENOSYS;
	return mm0_pager_read(pager_thread, handle, page_index, phys);
}

bool pager_thread_current(void)
{
	return pager_thread != L4_NILTHREAD && l4_myself() == pager_thread;
}

int pager_thread_serve(struct idlrt_request *rq)
{
	if (rq->client == pager_thread)
		return mm0_pager_dispatch(rq);
	return mm0_serve(rq);
}

/* No pager of its own: it touches only mm0's memory, all mapped. Registered
 * with fs0 before posts may reach it (pager_thread set last). */
int pager_thread_start(void)
{
	l4_tid_t tid;
	int err;

	main_thread = l4_myself();
	err = l4_thread_create(main_thread, L4_NILTHREAD, MM0_TASK_PRIORITY, &tid);
	if (err)
		return kernel_error_to_errno(err);
	err = kernel_error_to_errno(l4_thread_start(tid, pager_thread_main,
						    &pager_stack[PAGER_STACK_WORDS]));
	if (!err)
		err = fs_link_add_pager(tid);
	if (err) {
		(void)l4_thread_destroy(tid);
		return err;
	}
	pager_thread = tid;
	return 0;
}
