/* smp.h - several processors: bring-up, inter-processor interrupts and
 * stopping a thread that runs on another processor. */
#ifndef KERNEL_SMP_H
#define KERNEL_SMP_H

#include "cpu.h"
#include "thread.h"

/* The software-generated interrupt that asks a processor to reschedule. */
#define SGI_RESCHEDULE	0u

/* The boot processor's per-CPU state; with several processors, also the
 * big kernel lock (taken here) and the lock-releasing return to user mode. */
void smp_init_boot_cpu(void);
/* Starts every other processor of the device tree with PSCI CPU_ON. */
void smp_start_secondaries(void);
/* t was queued on processor c (not this one): wakes c if t should run there now. */
void smp_kick(struct cpu *c, const struct thread *t);
/* Makes sure t runs on no other processor: if it does, interrupts that
 * processor and waits until t's registers are in its TCB; that processor
 * then drops its entry (a system call runs again later). Lock held. */
void smp_stop(struct thread *t);

/* Entry points from vectors.S: smp_enter takes the lock and calls handler. */
typedef void (*smp_entry_handler)(struct context *ctx) __attribute__((noreturn));
void smp_enter(struct context *ctx, smp_entry_handler handler, bool by_svc)
	__attribute__((noreturn));
void smp_ipc(struct context *ctx) __attribute__((noreturn));
void smp_syscall(struct context *ctx) __attribute__((noreturn));
void smp_leave(void);
/* After an interrupt: if this processor's tick (next_tick was
 * tick_before) came and the tick is not its turn, lets the other
 * processors run first. Lock held; released and taken again (and if this
 * processor's thread was stopped meanwhile, does not return). */
void smp_pass_turn(uint64_t tick_before);
void secondary_main(void) __attribute__((noreturn));

#endif
