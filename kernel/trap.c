/* trap.c - every kernel entry from vectors.S: system calls, faults,
 * undefined instructions and interrupts. */
#include "cp15.h"
#include "cputime.h"
#include "entry.h"
#include "ipc.h"
#include "irq.h"
#include "mmu.h"
#include "printk.h"
#include "sched.h"
#include "smp.h"
#include "syscall.h"

#define DFSR_WNR		(1u << 11)
#define IFSR_STATUS_MASK	0x40fu
#define IFSR_DEBUG_EVENT	0x002u	/* bkpt */

_Static_assert(ENTRY_SYS_IPC == L4_SYS_IPC, "vectors.S: the IPC system call number");
_Static_assert(ENTRY_SYS_NULL == L4_SYS_NULL, "vectors.S: the null system call number");
_Static_assert(ENTRY_CONTEXT_GPRS == __builtin_offsetof(struct context, pc),
	       "vectors.S: r0-r14 come first in struct context");
_Static_assert(__builtin_offsetof(struct context, cpsr) == ENTRY_CONTEXT_GPRS + 4 &&
	       sizeof(struct context) == ENTRY_CONTEXT_SIZE, "vectors.S: srsdb stores pc, then cpsr");
_Static_assert(__builtin_offsetof(struct thread, ctx) == 0, "fastpath.c: a context is its thread");

typedef void (*syscall_fn)(struct thread *t);

static const syscall_fn syscalls[L4_SYS_COUNT] = {
	[L4_SYS_IPC] = sys_ipc,
	[L4_SYS_THREAD_CONTROL] = sys_thread_control,
	[L4_SYS_EXCHANGE_REGISTERS] = sys_exchange_registers,
	[L4_SYS_SCHEDULE] = sys_schedule,
	[L4_SYS_YIELD] = sys_yield,
	[L4_SYS_MAP] = sys_map,
	[L4_SYS_UNMAP] = sys_unmap,
	[L4_SYS_PROTECT] = sys_protect,
	[L4_SYS_IRQ_CONTROL] = sys_irq_control,
	[L4_SYS_SPACE_CONTROL] = sys_space_control,
	[L4_SYS_KDEBUG] = sys_kdebug,
	[L4_SYS_CPU_TIME] = sys_cpu_time,
};

/* An entry must come from the current thread's user mode; anything else
 * is a kernel bug. */
static struct thread *entering_thread(struct context *ctx, const char *what)
{
	if (!current || ctx != &current->ctx || (ctx->cpsr & CPSR_MODE_MASK) != CPSR_MODE_USR)
		panic("%s in kernel mode at pc 0x%x", what, (unsigned)ctx->pc);
	return current;
}

void handle_syscall(struct context *ctx)
{
	/* An svc from kernel mode would have saved on the kernel stack. */
	struct thread *t = current;
	if (__builtin_expect(!t || ctx != &t->ctx, 0))
		entering_thread(ctx, "svc");
	uint32_t number = ctx->r[7];
	if (number < L4_SYS_COUNT && syscalls[number])
		syscalls[number](t);
	else
		set_result(t, -L4_ENOSYS);
	sched_return();
}

/* The fault becomes a call to the pager; with no pager the thread dies. */
static void __attribute__((noreturn))
user_fault(struct thread *t, uint32_t label, const uint32_t words[L4_FAULT_WORDS])
{
	struct thread *pager = thread_lookup(t->pager);
	if (!pager || pager == t) {
		printk("kernel: thread 0x%x: %s at pc 0x%x (address 0x%x), no pager: destroyed\n",
		       (unsigned)t->tid, label == L4_LABEL_PAGEFAULT ? "page fault" : "exception",
		       (unsigned)t->ctx.pc, (unsigned)words[0]);
		thread_destroy(t);
	} else {
		ipc_kernel_call(t, label, words);
	}
	sched_return();
}

/* Reads the faulting instruction through the thread's page table. */
static uint32_t instruction_at(struct thread *t, uint32_t pc)
{
	uint32_t pa;
	if ((pc & 3) || !mmu_lookup(t->space, pc, L4_PERM_READ, &pa) || !phys_in_ram(pa, 4))
		return 0;
	return *(const uint32_t *)phys_to_virt(pa);
}

void handle_data_abort(struct context *ctx) __attribute__((noreturn));
void handle_data_abort(struct context *ctx)
{
	uint32_t dfsr = read_dfsr(), dfar = read_dfar();
	if (!current || ctx != &current->ctx || (ctx->cpsr & CPSR_MODE_MASK) != CPSR_MODE_USR)
		panic("data abort in kernel mode at pc 0x%x, address 0x%x, dfsr 0x%x",
		      (unsigned)ctx->pc, (unsigned)dfar, (unsigned)dfsr);
	uint32_t words[L4_FAULT_WORDS] = {
		dfar, (dfsr & DFSR_WNR) ? L4_PERM_WRITE : L4_PERM_READ, ctx->pc, dfsr
	};
	user_fault(current, L4_LABEL_PAGEFAULT, words);
}

void handle_prefetch_abort(struct context *ctx) __attribute__((noreturn));
void handle_prefetch_abort(struct context *ctx)
{
	struct thread *t = entering_thread(ctx, "prefetch abort");
	uint32_t ifsr = read_ifsr();
	if ((ifsr & IFSR_STATUS_MASK) == IFSR_DEBUG_EVENT) {
		uint32_t words[L4_FAULT_WORDS] = {
			L4_EXC_BREAKPOINT, ctx->pc, instruction_at(t, ctx->pc), ctx->cpsr
		};
		user_fault(t, L4_LABEL_EXCEPTION, words);
	}
	uint32_t words[L4_FAULT_WORDS] = { read_ifar(), L4_PERM_EXEC, ctx->pc, ifsr };
	user_fault(t, L4_LABEL_PAGEFAULT, words);
}

void handle_undef(struct context *ctx) __attribute__((noreturn));
void handle_undef(struct context *ctx)
{
	struct thread *t = entering_thread(ctx, "undefined instruction");
	uint32_t words[L4_FAULT_WORDS] = {
		L4_EXC_UNDEFINED, ctx->pc, instruction_at(t, ctx->pc), ctx->cpsr
	};
	user_fault(t, L4_LABEL_EXCEPTION, words);
}

void handle_irq_entry(struct context *ctx) __attribute__((noreturn));
void handle_irq_entry(struct context *ctx)
{
	entering_thread(ctx, "interrupt");
	irq_dispatch();
	sched_return();
}

/* The SMP vectors' interrupt entry: a tick may end this processor's turn
 * (smp_pass_turn); the one-processor entry above stays as it was. */
void handle_irq_entry_smp(struct context *ctx) __attribute__((noreturn));
void handle_irq_entry_smp(struct context *ctx)
{
	uint64_t tick_before = this_cpu()->next_tick;
	entering_thread(ctx, "interrupt");
	irq_dispatch();
	smp_pass_turn(tick_before);
	sched_return();
}

void handle_bad_exception(struct context *ctx) __attribute__((noreturn));
void handle_bad_exception(struct context *ctx)
{
	panic("unexpected exception (reset/FIQ vector), pc 0x%x", (unsigned)ctx->pc);
}
