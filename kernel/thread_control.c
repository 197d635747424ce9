/* thread_control.c - the thread_control system call: create (in a new or an
 * existing space), destroy, suspend, resume, set pager. */
#include "ipc.h"
#include "sched.h"
#include "smp.h"
#include "space.h"
#include "syscall.h"

#define MAX_PRIO 255u

/* A UTCB address names a slot of the UTCB area; 0 lets the kernel pick. */
static bool utcb_slot_of(uint32_t address, uint32_t *slot)
{
	if (address == 0) {
		*slot = UTCB_ANY_SLOT;
		return true;
	}
	if (address < L4_UTCB_AREA || address >= L4_UTCB_AREA_END ||
	    (address - L4_UTCB_AREA) % L4_UTCB_SLOT_SIZE)
		return false;
	*slot = (address - L4_UTCB_AREA) / L4_UTCB_SLOT_SIZE;
	return true;
}

static int create(struct thread *caller, l4_tid_t in_space, l4_tid_t pager, uint32_t prio,
		  uint32_t utcb)
{
	uint32_t slot;
	if (prio > MAX_PRIO || (!caller->space->privileged && prio > caller->prio) ||
	    !utcb_slot_of(utcb, &slot))
		return -L4_EINVAL;
	if (pager != L4_NILTHREAD && !thread_lookup(pager))
		return -L4_ENOTHREAD;
	struct space *space;
	int err = 0;
	if (in_space == L4_NILTHREAD) {
		if (!caller->space->privileged)
			return -L4_EPERM;
		space = space_create(&err);
		if (!space)
			return err;
	} else {
		struct thread *sibling = thread_lookup(in_space);
		if (!sibling)
			return -L4_ENOTHREAD;
		if (!may_control(caller, sibling))
			return -L4_EPERM;
		space = sibling->space;
	}
	struct thread *t = thread_create(space, pager, (uint8_t)prio, slot, &err);
	if (!t) {
		if (space->threads == 0)
			space_destroy(space);
		return err;
	}
	caller->ctx.r[1] = t->tid;
	return 0;
}

/* An unprivileged thread that has a pager cannot leave or lose it behind the
 * pager's back (mm0 would wait for ever for a process that is gone). */
static bool pager_decides(const struct thread *caller, const struct thread *t)
{
	const struct thread *pager = thread_lookup(t->pager);
	return !caller->space->privileged && pager && pager != t;
}

/* Its own destroy: an exception message to the pager, which ends the thread. */
static void destroy_through_pager(struct thread *caller)
{
	const uint32_t words[L4_FAULT_WORDS] = { L4_EXC_DESTROY, caller->ctx.pc, 0,
						 caller->ctx.cpsr };
	set_result(caller, 0);
	ipc_kernel_call(caller, L4_LABEL_EXCEPTION, words);
}

void sys_thread_control(struct thread *caller)
{
	uint32_t op = caller->ctx.r[0];
	l4_tid_t tid = caller->ctx.r[1];
	if (op == L4_TC_CREATE) {
		set_result(caller, create(caller, tid, caller->ctx.r[2], caller->ctx.r[3],
					  caller->ctx.r[4]));
		return;
	}
	struct thread *t = thread_lookup(tid);
	int result = 0;
	if (!t)
		result = -L4_ENOTHREAD;
	else if (!may_control(caller, t))
		result = -L4_EPERM;
	else if (op == L4_TC_DESTROY && pager_decides(caller, t)) {
		if (t == caller) {
			destroy_through_pager(caller);
			return;
		}
		result = -L4_EPERM;
	} else if (op == L4_TC_SET_PAGER && pager_decides(caller, t)) {
		result = -L4_EPERM;
	} else if (op == L4_TC_DESTROY) {
		set_result(caller, 0);
		thread_destroy(t);
		return;
	} else if (op == L4_TC_SUSPEND) {
		smp_stop(t);
		t->suspended = true;
		sched_dequeue(t);
	} else if (op == L4_TC_RESUME) {
		t->suspended = false;
		sched_resume(t);
	} else if (op == L4_TC_SET_PAGER) {
		l4_tid_t pager = caller->ctx.r[2];
		if (pager != L4_NILTHREAD && !thread_lookup(pager))
			result = -L4_ENOTHREAD;
		else
			t->pager = t->utcb->pager = pager;
	} else {
		result = -L4_EINVAL;
	}
	set_result(caller, result);
}
