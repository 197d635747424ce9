/* exregs.c - exchange_registers: read and change another thread's user
 * registers and state; old values go to the caller's UTCB mr[0..17]. */
#include "ipc.h"
#include "sched.h"
#include "smp.h"
#include "space.h"
#include "syscall.h"

#define EXREG_ALL_FLAGS	0x7fu

static uint32_t thread_state_word(const struct thread *t)
{
	uint32_t state = t->state == TS_SEND ? L4_THREAD_SENDING :
			 t->state == TS_RECV ? L4_THREAD_RECEIVING : L4_THREAD_READY;
	return state | (t->suspended ? L4_THREAD_SUSPENDED : 0);
}

/* Bit 0 of a new pc selects Thumb state; ARM code is word-aligned. */
static void set_pc(struct thread *t, uint32_t pc)
{
	if (pc & 1) {
		t->ctx.cpsr |= CPSR_THUMB;
		t->ctx.pc = pc & ~1u;
	} else {
		t->ctx.cpsr &= ~CPSR_THUMB;
		t->ctx.pc = pc & ~3u;
	}
}

void sys_exchange_registers(struct thread *caller)
{
	struct thread *t = thread_lookup(caller->ctx.r[0]);
	uint32_t flags = caller->ctx.r[1];
	if (!t) {
		set_result(caller, -L4_ENOTHREAD);
		return;
	}
	if (!may_control(caller, t)) {
		set_result(caller, -L4_EPERM);
		return;
	}
	if ((flags & ~EXREG_ALL_FLAGS) ||
	    ((flags & L4_EXREG_SUSPEND) && (flags & L4_EXREG_RESUME))) {
		set_result(caller, -L4_EINVAL);
		return;
	}
	smp_stop(t);
	uint32_t old[L4_EXREG_WORDS];
	memcpy(old, &t->ctx, sizeof(t->ctx));
	old[L4_EXREG_STATE] = thread_state_word(t);
	uint32_t *mr = caller->utcb->mr;
	if (flags & L4_EXREG_SET_GPRS) {
		memcpy(t->ctx.r, &mr[L4_EXREG_R0], sizeof(t->ctx.r));
		t->ctx.lr = mr[L4_EXREG_LR];
	}
	if (flags & L4_EXREG_SET_FLAGS)
		t->ctx.cpsr = (t->ctx.cpsr & ~CPSR_USER_FLAGS) | (mr[L4_EXREG_CPSR] & CPSR_USER_FLAGS);
	if (flags & L4_EXREG_SET_PC)
		set_pc(t, caller->ctx.r[2]);
	if (flags & L4_EXREG_SET_SP)
		t->ctx.sp = caller->ctx.r[3];
	if ((flags & L4_EXREG_CANCEL_IPC) && t->state != TS_READY)
		ipc_abort(t, -L4_ECANCELED);
	if (flags & L4_EXREG_SUSPEND) {
		t->suspended = true;
		sched_dequeue(t);
	}
	if (flags & L4_EXREG_RESUME) {
		t->suspended = false;
		sched_resume(t);
	}
	memcpy(mr, old, sizeof(old));
	set_result(caller, 0);
}
