/* smp.c - several processors: the per-CPU areas, starting the secondaries
 * with PSCI CPU_ON, the big kernel lock around every kernel entry, wake-ups
 * by software-generated interrupt, and stopping a thread on another
 * processor before its state changes (docs/kernel-abi.md, "Processors"). */
#include "cp15.h"
#include "ipc.h"
#include "klock.h"
#include "mmu.h"
#include "plat.h"
#include "pmu.h"
#include "printk.h"
#include "sched.h"
#include "smp.h"
#include "syscall.h"

#define PSCI_CPU_ON		0x84000003u
#define MPIDR_AFFINITY_MASK	0x00ffffffu
#define ARM_BRANCH		0xea000000u	/* b, condition always */
#define ARM_BRANCH_OFFSET_MASK	0x00ffffffu

_Static_assert(__builtin_offsetof(struct cpu_area, cpu) == ENTRY_CPU_STACK_SIZE,
	       "start.S and vectors.S: a processor's struct cpu is its stack top");

struct cpu_area cpu_areas[MAX_CPUS];
uint32_t cpu_count = 1;
volatile uint32_t cpus_online;

extern char smp_vectors[], secondary_entry[];
extern char return_to_user_smp[];

static uint32_t read_mpidr(void)
{
	uint32_t v;
	asm("mrc p15, 0, %0, c0, c0, 5" : "=r"(v));
	return v & MPIDR_AFFINITY_MASK;
}

static void cpu_setup(struct cpu *c, uint32_t id, uint32_t mpidr)
{
	c->id = id;
	c->mpidr = mpidr;
	c->time.counter = &c->idle_counts;
}

/* With several processors every return to user mode releases the lock:
 * return_to_user's first instruction becomes a branch to the version that
 * does, so one processor runs the same instructions as a kernel without
 * SMP. The kernel text is still writable here (kmap_init protects it). */
static void patch_return_to_user(void)
{
	uint32_t *site = (uint32_t *)(uintptr_t)return_to_user;
	int32_t offset = (int32_t)((uint32_t)return_to_user_smp - ((uint32_t)site + 8));
	*site = ARM_BRANCH | (((uint32_t)offset >> 2) & ARM_BRANCH_OFFSET_MASK);
	mmu_sync_icache(site, sizeof(*site));
}

void smp_init_boot_cpu(void)
{
	struct cpu *boot = this_cpu();
	cpu_setup(boot, 0, read_mpidr());
	cpus_online = 1;
	if (plat.num_cpus > MAX_CPUS)
		printk("kernel: %u processors in the device tree, %u used\n",
		       (unsigned)plat.num_cpus, (unsigned)MAX_CPUS);
	if (plat.num_cpus > 1 && !plat.psci_conduit)
		printk("kernel: no PSCI in the device tree: one processor used\n");
	else if (plat.num_cpus > 1)
		cpu_count = plat.num_cpus > MAX_CPUS ? MAX_CPUS : plat.num_cpus;
	if (!smp_active())
		return;
	patch_return_to_user();
	kernel_lock();
}

static int32_t psci_cpu_on(uint32_t mpidr, uint32_t entry_phys, uint32_t context)
{
	register uint32_t r0 asm("r0") = PSCI_CPU_ON;
	register uint32_t r1 asm("r1") = mpidr;
	register uint32_t r2 asm("r2") = entry_phys;
	register uint32_t r3 asm("r3") = context;
	if (plat.psci_conduit == PLAT_PSCI_SMC)
		asm volatile(".arch_extension sec\n\tsmc #0"
			     : "+r"(r0) : "r"(r1), "r"(r2), "r"(r3) : "memory");
	else
		asm volatile(".arch_extension virt\n\thvc #0"
			     : "+r"(r0) : "r"(r1), "r"(r2), "r"(r3) : "memory");
	return (int32_t)r0;
}

void smp_start_secondaries(void)
{
	uint32_t next_id = 1;
	for (uint32_t i = 0; i < plat.num_cpus && next_id < cpu_count; i++) {
		uint32_t mpidr = plat.cpu_ids[i];
		if (mpidr == this_cpu()->mpidr)
			continue;
		struct cpu *c = cpu_by_id(next_id);
		cpu_setup(c, next_id, mpidr);
		int32_t err = psci_cpu_on(mpidr, virt_to_phys(secondary_entry), (uint32_t)c);
		if (err)
			panic("PSCI CPU_ON of processor 0x%x failed: %d", (unsigned)mpidr, (int)err);
		next_id++;
	}
}

/* A secondary's first C, on its own stack with the MMU on; it waits for the
 * lock (the boot processor holds it until the root task runs), then idles
 * until a thread is queued for it. */
void secondary_main(void)
{
	mmu_init();
	write_vbar((uint32_t)smp_vectors);
	isb();
	gic_cpu_init();
	timer_init();
	pmu_init();
	kernel_lock();
	timer_keep_grid();
	cpus_online++;
	sched_return();
}

void smp_kick(struct cpu *c, const struct thread *t)
{
	if (c->idle || !c->current_thread || t->prio > c->current_thread->prio)
		gic_send_sgi(c->gic_target, SGI_RESCHEDULE);
}

void smp_stop(struct thread *t)
{
	struct cpu *c = t->home;
	if (c == this_cpu() || c->current_thread != t)
		return;
	if (c->in_user) {
		gic_send_sgi(c->gic_target, SGI_RESCHEDULE);
		/* YIELD: a processor that waits hands QEMU's round-robin on
		 * (smp_pass_turn). */
		while (c->in_user)
			asm volatile("yield" ::: "memory");
	}
	asm volatile("dmb ish" ::: "memory");
	/* The other processor waits for the lock with t's entry; it will find
	 * no current thread and drop the entry. A system call must then run
	 * again: its svc is the instruction before the saved pc. */
	if (c->entered_by_svc)
		t->ctx.pc -= (t->ctx.cpsr & CPSR_THUMB) ? 2 : 4;
	c->current_thread = NULL;
	/* It ran on no queue: it waits on one, first among its equals. */
	if (sched_runnable(t) && !t->queued)
		sched_enqueue(t, true);
}

void smp_enter(struct context *ctx, smp_entry_handler handler, bool by_svc)
{
	struct cpu *c = this_cpu();
	c->entered_by_svc = by_svc;
	asm volatile("dmb ish" ::: "memory");
	c->in_user = false;
	kernel_lock();
	if (!c->current_thread)
		sched_return();
	handler(ctx);
}

/* The fast path works on this processor's queues: it may run only when the
 * partner's home is this processor too (the caller's is); anything else
 * takes the slow path, which queues the partner on its own processor. */
void smp_ipc(struct context *ctx)
{
	uint32_t slot = L4_TID_SLOT(ctx->r[0]);
	struct thread *dest = slot < MAX_THREADS ? thread_table[slot] : NULL;
	if (dest && dest->home == this_cpu())
		fastpath_ipc_smp(ctx);
	handle_syscall(ctx);
}

/* Releases the lock, lets QEMU's round-robin run the other processors and
 * takes the lock again. Another processor may have stopped this one's
 * thread meanwhile (smp_stop): its entry is then dropped, as in smp_enter.
 * On hardware YIELD is only a hint. */
static void hint_yield(void)
{
	kernel_unlock();
	asm volatile("yield" ::: "memory");
	kernel_lock();
	if (!this_cpu()->current_thread)
		sched_return();
}

/* QEMU 7.2 runs the processors in turn on one host thread; under -icount
 * a processor's turn lasts until the next timer deadline, and each round
 * starts again at processor 0. A processor that spins in user mode used
 * every turn up to the deadline, so the processors after it never ran
 * (docs/kernel-abi.md, "Taking turns under QEMU"). All ticks fall on the
 * same instant (timer.c); at tick n every processor but n mod cpu_count
 * ends its turn with YIELD, which QEMU's round-robin takes as "run the
 * next processor", so each processor in turn has one whole tick. */
void smp_pass_turn(uint64_t tick_before)
{
	struct cpu *c = this_cpu();
	if (c->next_tick == tick_before)
		return;
	timer_keep_grid();
	if (timer_tick_number() % cpu_count != c->id)
		hint_yield();
}

/* The system calls but IPC with several processors. A thread that yields
 * waits for another (pthread's release polls so until a thread that ends
 * on another processor is gone): the other processors run first. */
void smp_syscall(struct context *ctx)
{
	if (ctx->r[7] == L4_SYS_YIELD)
		hint_yield();
	handle_syscall(ctx);
}

void smp_leave(void)
{
	this_cpu()->in_user = true;
	kernel_unlock();
}
