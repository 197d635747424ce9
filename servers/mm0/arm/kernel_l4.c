/* kernel_ops over libl4: mm0's map, unmap, protect and thread calls on the real kernel,
 * and the one place where the kernel's error codes become errno values. */
#include <errno.h>
#include <l4/ipc.h>
#include <l4/kip.h>
#include <l4/syscalls.h>

#include "boot.h"
#include "mm0_local.h"
#include "placement.h"

int kernel_error_to_errno(int kernel_error)
{
	switch (-kernel_error) {
	case 0:
		return 0;
	case L4_ETIMEOUT:
		return -ETIMEDOUT;
	case L4_ENOTHREAD:
	case L4_EPARTNER:
		return -ESRCH;
	case L4_ECANCELED:
		return -EINTR;
	case L4_EPERM:
		return -EPERM;
	case L4_EINVAL:
		return -EINVAL;
	case L4_ENOMEM:
		return -ENOMEM;
	case L4_EMSGSIZE:
		return -EMSGSIZE;
	case L4_EBUSY:
		return -EBUSY;
	case L4_ENOSYS:
		return -ENOSYS;
	default:
		return -EFAULT;
	}
}

/* Unmap and protect report holes as -L4_EPARTIAL; mm0 expects holes. */
static int hole_ok(int err)
{
	return err == -L4_EPARTIAL ? 0 : kernel_error_to_errno(err);
}

static int l4_ops_map(void *ctx, uint32_t space, uint32_t phys, uint32_t virt, uint32_t npages,
		      unsigned perms)
{
	int err = l4_map(space, phys, virt, npages * MM0_PAGE_SIZE, perms, 0);

	(void)ctx;
	return err ? kernel_error_to_errno(err) : 0;
}

static int l4_ops_unmap(void *ctx, uint32_t space, uint32_t virt, uint32_t npages)
{
	(void)ctx;
	return hole_ok(l4_unmap(space, virt, npages * MM0_PAGE_SIZE, 0));
}

/* The kernel takes no empty permission set: no access means no mapping. */
static int l4_ops_protect(void *ctx, uint32_t space, uint32_t virt, uint32_t npages,
			  unsigned perms)
{
	if (!perms)
		return l4_ops_unmap(ctx, space, virt, npages);
	return hole_ok(l4_protect(space, virt, npages * MM0_PAGE_SIZE, perms, 0));
}

/* Every process's and thread's creation: placement picks its processor,
 * and its pager is mm0's worker there. */
static int l4_ops_thread_create(void *ctx, uint32_t same_space_as, uint32_t utcb, uint32_t *tid)
{
	int err = kernel_error_to_errno(l4_syscall(L4_SYS_THREAD_CONTROL, L4_TC_CREATE,
						   same_space_as, place_next_pager(),
						   MM0_TASK_PRIORITY, utcb, tid));

	(void)ctx;
	if (err == 0)
		place_new_thread(*tid);
	return err;
}

static int l4_ops_thread_destroy(void *ctx, uint32_t tid)
{
	(void)ctx;
	return kernel_error_to_errno(l4_thread_destroy(tid));
}

/* r0 is set with the other general registers, which start at 0. */
static int l4_ops_thread_start(void *ctx, uint32_t tid, uint32_t pc, uint32_t sp, uint32_t r0)
{
	uint32_t *mr = l4_utcb()->mr;

	(void)ctx;
	for (unsigned i = 0; i <= L4_EXREG_LR; i++)
		mr[i] = 0;
	mr[L4_EXREG_R0] = r0;
	return kernel_error_to_errno(l4_exchange_registers(tid, L4_EXREG_SET_PC | L4_EXREG_SET_SP |
								   L4_EXREG_SET_GPRS | L4_EXREG_RESUME,
								   pc, sp));
}

static int l4_ops_thread_stop(void *ctx, uint32_t tid)
{
	(void)ctx;
	return kernel_error_to_errno(l4_exchange_registers(tid, L4_EXREG_SUSPEND |
								   L4_EXREG_CANCEL_IPC, 0, 0));
}

/* The kernel counts in generic timer ticks; 64 bits of nanoseconds last centuries. */
static int l4_ops_cpu_time(void *ctx, uint32_t tid, uint64_t *ns)
{
	uint64_t counts, hz = l4_kip()->timer_hz;
	int err = l4_cpu_time(tid, &counts);

	(void)ctx;
	if (err)
		return kernel_error_to_errno(err);
	*ns = counts / hz * 1000000000u + counts % hz * 1000000000u / hz;
	return 0;
}

const struct kernel_ops l4_kernel_ops = {
	.map = l4_ops_map,
	.unmap = l4_ops_unmap,
	.protect = l4_ops_protect,
	.thread_create = l4_ops_thread_create,
	.thread_destroy = l4_ops_thread_destroy,
	.thread_start = l4_ops_thread_start,
	.thread_stop = l4_ops_thread_stop,
	.cpu_time = l4_ops_cpu_time,
};
