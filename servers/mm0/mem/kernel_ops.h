/* The few kernel calls mm0 makes; libl4 implements them on the target, a fake MMU on the host. */
#ifndef MM0_KERNEL_OPS_H
#define MM0_KERNEL_OPS_H

#include <stdint.h>

/* Spaces are named by the kernel id of any thread living in them. All calls
 * return 0 or -errno: the adapter turns the kernel's error codes into errno
 * values (arm/kernel_l4.c), so no other file sees a kernel code. Permissions
 * are MM0_PROT_* bits. */
struct kernel_ops {
	/* Map npages at virt to phys..; an existing mapping there is replaced. */
	int (*map)(void *ctx, uint32_t space, uint32_t phys, uint32_t virt,
		   uint32_t npages, unsigned perms);
	/* Remove whatever is mapped in the range (holes are fine). */
	int (*unmap)(void *ctx, uint32_t space, uint32_t virt, uint32_t npages);
	/* Set the perms of every page mapped in the range (holes are skipped). */
	int (*protect)(void *ctx, uint32_t space, uint32_t virt, uint32_t npages,
		       unsigned perms);
	/* A new, stopped thread with its UTCB at utcb, in the space of
	 * same_space_as or, when that is 0, in a new space; its id into *tid. */
	int (*thread_create)(void *ctx, uint32_t same_space_as, uint32_t utcb, uint32_t *tid);
	int (*thread_destroy)(void *ctx, uint32_t tid);
	/* exchange_registers: set pc, sp and r0, then let the thread run. */
	int (*thread_start)(void *ctx, uint32_t tid, uint32_t pc, uint32_t sp, uint32_t r0);
	/* Optional: suspend the thread and abort the IPC it is in (exec restarts
	 * a thread waiting for mm0's reply; thread_start resumes it). */
	int (*thread_stop)(void *ctx, uint32_t tid);
	/* Optional: the CPU time the thread has used so far, in nanoseconds. */
	int (*cpu_time)(void *ctx, uint32_t tid, uint64_t *ns);
};

/* The calls as mm0_init was given them. */
extern const struct kernel_ops *mm0_kernel;
extern void *mm0_kernel_ctx;

#endif
