/* syscalls.h - wrappers for every system call but IPC (see ipc.h). Results
 * are 0 or -L4_E*; register use is in docs/kernel-abi.md. */
#ifndef L4_SYSCALLS_H
#define L4_SYSCALLS_H

#include <l4/abi.h>

/* svc with r7 = number, r0..r4 = args; returns r0 and, if out1, r1. */
static inline int l4_syscall(uint32_t number, uint32_t a0, uint32_t a1, uint32_t a2,
			     uint32_t a3, uint32_t a4, uint32_t *out1)
{
	register uint32_t r0 asm("r0") = a0;
	register uint32_t r1 asm("r1") = a1;
	register uint32_t r2 asm("r2") = a2;
	register uint32_t r3 asm("r3") = a3;
	register uint32_t r4 asm("r4") = a4;
	register uint32_t r7 asm("r7") = number;
	asm volatile("svc #0" : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r4) : "r"(r7) : "memory");
	if (out1)
		*out1 = r1;
	return (int)r0;
}

static inline int l4_null(void)
{
	return l4_syscall(L4_SYS_NULL, 0, 0, 0, 0, 0, 0);
}

/* Creates a thread in the space of `space_of` (L4_NILTHREAD: a new space)
 * with its UTCB at `utcb` (a slot address in the UTCB area; 0: the kernel
 * picks the lowest free slot). It starts suspended: give it a pc and sp
 * with l4_exchange_registers. */
static inline int l4_thread_create_at(l4_tid_t space_of, l4_tid_t pager, uint32_t prio,
				      uint32_t utcb, l4_tid_t *tid)
{
	return l4_syscall(L4_SYS_THREAD_CONTROL, L4_TC_CREATE, space_of, pager, prio, utcb, tid);
}

static inline int l4_thread_create(l4_tid_t space_of, l4_tid_t pager, uint32_t prio, l4_tid_t *tid)
{
	return l4_thread_create_at(space_of, pager, prio, 0, tid);
}

static inline int l4_thread_destroy(l4_tid_t tid)
{
	return l4_syscall(L4_SYS_THREAD_CONTROL, L4_TC_DESTROY, tid, 0, 0, 0, 0);
}

static inline int l4_thread_suspend(l4_tid_t tid)
{
	return l4_syscall(L4_SYS_THREAD_CONTROL, L4_TC_SUSPEND, tid, 0, 0, 0, 0);
}

static inline int l4_thread_resume(l4_tid_t tid)
{
	return l4_syscall(L4_SYS_THREAD_CONTROL, L4_TC_RESUME, tid, 0, 0, 0, 0);
}

static inline int l4_thread_set_pager(l4_tid_t tid, l4_tid_t pager)
{
	return l4_syscall(L4_SYS_THREAD_CONTROL, L4_TC_SET_PAGER, tid, pager, 0, 0, 0);
}

/* Old registers come back in the UTCB's mr[L4_EXREG_*]. */
static inline int l4_exchange_registers(l4_tid_t tid, uint32_t flags, uint32_t pc, uint32_t sp)
{
	return l4_syscall(L4_SYS_EXCHANGE_REGISTERS, tid, flags, pc, sp, 0, 0);
}

/* Gives a created thread its pc and stack and lets it run. */
static inline int l4_thread_start(l4_tid_t tid, void (*entry)(void), void *stack_top)
{
	return l4_exchange_registers(tid, L4_EXREG_SET_PC | L4_EXREG_SET_SP | L4_EXREG_RESUME,
				     (uint32_t)entry, (uint32_t)stack_top);
}

/* time_slice_ms 0 keeps the current slice. */
static inline int l4_schedule(l4_tid_t tid, uint32_t prio, uint32_t time_slice_ms)
{
	return l4_syscall(L4_SYS_SCHEDULE, tid, prio, time_slice_ms, 0, 0, 0);
}

/* Moves thread tid to processor cpu (0 .. l4_num_processors() - 1). */
static inline int l4_set_processor(l4_tid_t tid, uint32_t cpu)
{
	return l4_syscall(L4_SYS_SCHEDULE, tid, L4_SCHED_PRIO_KEEP, 0, L4_SCHED_CPU(cpu), 0, 0);
}

/* The processor thread tid runs on, in *cpu. */
static inline int l4_get_processor(l4_tid_t tid, uint32_t *cpu)
{
	return l4_syscall(L4_SYS_SCHEDULE, tid, L4_SCHED_PRIO_KEEP, 0, L4_SCHED_CPU_KEEP, 0, cpu);
}

static inline int l4_yield(void)
{
	return l4_syscall(L4_SYS_YIELD, 0, 0, 0, 0, 0, 0);
}

/* *done (if non-NULL) gets the number of pages mapped / unmapped / changed. */
static inline int l4_map(l4_tid_t space_of, uint32_t phys, uint32_t virt, uint32_t size,
			 uint32_t perms, uint32_t *done)
{
	return l4_syscall(L4_SYS_MAP, space_of, phys, virt, size, perms, done);
}

static inline int l4_unmap(l4_tid_t space_of, uint32_t virt, uint32_t size, uint32_t *done)
{
	return l4_syscall(L4_SYS_UNMAP, space_of, virt, size, 0, 0, done);
}

static inline int l4_protect(l4_tid_t space_of, uint32_t virt, uint32_t size, uint32_t perms,
			     uint32_t *done)
{
	return l4_syscall(L4_SYS_PROTECT, space_of, virt, size, perms, 0, done);
}

static inline int l4_irq_control(uint32_t op, uint32_t irq, l4_tid_t handler)
{
	return l4_syscall(L4_SYS_IRQ_CONTROL, op, irq, handler, 0, 0, 0);
}

static inline int l4_space_control(uint32_t op, l4_tid_t space_of, uint32_t a, uint32_t b)
{
	return l4_syscall(L4_SYS_SPACE_CONTROL, op, space_of, a, b, 0, 0);
}

/* Copies the kernel's counters out of the UTCB. */
int l4_kstats(struct l4_kstats *stats);

static inline int l4_kdebug_puts(const char *text, uint32_t length)
{
	return l4_syscall(L4_SYS_KDEBUG, L4_KD_PUTS, (uint32_t)text, length, 0, 0, 0);
}

/* Stops the machine with an exit status (privileged spaces only). */
static inline int l4_poweroff(int status)
{
	return l4_syscall(L4_SYS_KDEBUG, L4_KD_POWEROFF, (uint32_t)status, 0, 0, 0, 0);
}

/* What the kernel may do at a place of its own or at a user address of
 * the caller's space (L4_KACCESS_* bits), or a negative error. Privileged. */
static inline int l4_kernel_access(uint32_t region, uint32_t user_address)
{
	return l4_syscall(L4_SYS_KDEBUG, L4_KD_ACCESS, region, user_address, 0, 0, 0);
}

/* The CPU time thread tid has used, in generic timer counts (KIP
 * timer_hz a second): the caller's own, or one it may control. */
static inline int l4_cpu_time(l4_tid_t tid, uint64_t *counts)
{
	register uint32_t r0 asm("r0") = tid;
	register uint32_t r1 asm("r1");
	register uint32_t r2 asm("r2");
	register uint32_t r7 asm("r7") = L4_SYS_CPU_TIME;

	asm volatile("svc #0" : "+r"(r0), "=r"(r1), "=r"(r2) : "r"(r7) : "memory");
	if ((int)r0 == 0)
		*counts = ((uint64_t)r2 << 32) | r1;
	return (int)r0;
}

/* Ends the program: powers off from a privileged space, else destroys the
 * calling thread. Weak, so a runtime may supply its own. */
void l4_exit(int status) __attribute__((noreturn));

#endif
