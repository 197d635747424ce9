/* cpu.h - per-processor kernel state. TPIDRPRW holds the address of the
 * running processor's struct cpu, which sits just above its kernel stack, so
 * one register gives the entry code its stack and C its processor. */
#ifndef KERNEL_CPU_H
#define KERNEL_CPU_H

#include "kernel.h"
#include "entry.h"

#define MAX_CPUS	4	/* each takes a 9 KiB area of the image (cpu.h) */
#define SCHED_PRIOS	256

struct thread;
struct space;

/* The processor's CPU-time interval (cputime.h): charged is the running
 * interval's thread, NULL while idle; counter is its cpu_counts or the idle
 * counter. */
struct cputime_state {
	struct thread *charged;
	uint64_t *counter;
};

struct cpu {
	struct thread *current_thread;	/* `current` (thread.h): whose entry is served, or NULL */
	/* Ready queues: the first thread of each priority's ring, a bit per
	 * non-empty priority, and a bit per non-zero word of ready_map. */
	struct thread *ready_heads[SCHED_PRIOS];
	uint32_t ready_map[SCHED_PRIOS / 32];
	uint32_t ready_words;
	/* During an entry, the first thread put first among the running
	 * thread's equals while that one is on no queue (sched.c), or NULL. */
	struct thread *first_of_equals;
	struct cputime_state time;	/* `cputime` (cputime.h) */
	uint64_t idle_counts;
	struct space *active_space;	/* whose table TTBR0 holds */
	uint32_t asid_generation;	/* its TLB holds no ASID of an older one (mmu.c) */
	uint64_t next_tick;		/* the timer's next deadline */
	uint32_t id;			/* 0 .. cpu_count - 1, the boot processor 0 */
	uint32_t mpidr;			/* its affinity as PSCI and the tree name it */
	uint32_t gic_target;		/* its bit in a GICD_SGIR target list */
	/* Set (under the lock) before returning to user mode, cleared by the
	 * entry code before it waits for the lock: while clear, current's
	 * registers are in its TCB (smp.c's smp_stop waits for that). */
	volatile bool in_user;
	bool entered_by_svc;		/* the pending entry is a system call */
	bool idle;			/* waiting for work, with the lock released */

};

/* A processor's kernel stack and its struct cpu on top of it. */
struct cpu_area {
	uint8_t stack[ENTRY_CPU_STACK_SIZE];
	struct cpu cpu;
} __attribute__((aligned(8)));

extern struct cpu_area cpu_areas[MAX_CPUS];
/* Processors in the device tree (at most MAX_CPUS), and how many run. */
extern uint32_t cpu_count;
extern volatile uint32_t cpus_online;

static inline struct cpu *this_cpu(void)
{
	struct cpu *c;
	/* Not volatile: it never changes while the kernel runs on a processor. */
	asm("mrc p15, 0, %0, c13, c0, 4" : "=r"(c));
	return c;
}

static inline struct cpu *cpu_by_id(uint32_t id)
{
	return &cpu_areas[id].cpu;
}

/* More than one processor runs: the lock and the broadcasts are needed. */
static inline bool smp_active(void)
{
	return cpu_count > 1;
}

#endif
