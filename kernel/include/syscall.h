/* syscall.h - the system-call handlers: arguments in the caller's saved
 * registers (r0..), results written back there. */
#ifndef KERNEL_SYSCALL_H
#define KERNEL_SYSCALL_H

#include "space.h"
#include "thread.h"

/* The svc vector's entry for every system call but the null call. */
void handle_syscall(struct context *ctx) __attribute__((noreturn));

void sys_thread_control(struct thread *t);
void sys_exchange_registers(struct thread *t);
void sys_schedule(struct thread *t);
void sys_yield(struct thread *t);
void sys_map(struct thread *t);
void sys_unmap(struct thread *t);
void sys_protect(struct thread *t);
void sys_space_control(struct thread *t);
void sys_kdebug(struct thread *t);

/* Privileged spaces may act on any thread; others only on their own space. */
static inline bool may_control(const struct thread *caller, const struct thread *target)
{
	return caller->space->privileged || caller->space == target->space;
}

static inline void set_result(struct thread *t, int result)
{
	t->ctx.r[0] = (uint32_t)result;
}

#endif
