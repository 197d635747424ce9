/* thread.h - thread control blocks, global thread ids and their table. */
#ifndef KERNEL_THREAD_H
#define KERNEL_THREAD_H

#include "cpu.h"
#include "kernel.h"

/* User registers as saved by the exception entry (vectors.S relies on this
 * layout: r0-r12, sp, lr, then the return pc and cpsr from srsdb). */
struct context {
	uint32_t r[13];
	uint32_t sp;
	uint32_t lr;
	uint32_t pc;
	uint32_t cpsr;
};

enum thread_state {
	TS_READY,	/* runnable (unless suspended) */
	TS_SEND,	/* blocked sending to send_dest */
	TS_RECV,	/* blocked receiving from recv_spec */
};

#define MAX_THREADS		256
#define DEFAULT_PRIO		100
#define DEFAULT_TIMESLICE_MS	10

struct space;

struct thread {
	struct context ctx;		/* first: the entry code saves here, and
					 * fastpath.c turns a context into its thread */
	l4_tid_t tid;
	/* The IPC fast path tests these four with one load: a thread it may
	 * hand a message to reads exactly TS_RECV here. */
	union {
		struct {
			uint8_t state;		/* enum thread_state */
			bool suspended;
			bool fault_pending;	/* blocked on a kernel-made message */
			bool sleeping;		/* on the timeout list */
		};
		uint32_t fastpath_word;
	};
	bool queued;			/* on a ready queue (sched.h) */
	uint8_t prio;
	uint32_t timeslice_ms;
	uint32_t slice_left_ms;
	struct space *space;
	uint32_t utcb_slot;
	uint32_t utcb_pointer;		/* TPIDRURO while it runs: just past its UTCB */
	struct l4_utcb *utcb;		/* kernel alias of the UTCB */
	l4_tid_t pager;

	/* IPC */
	struct thread *send_dest;	/* TS_SEND: whom we wait for */
	l4_tid_t recv_spec;		/* TS_RECV: tid, L4_ANYTHREAD */
	bool recv_after_send;		/* a call: receive once the send is taken */
	uint16_t recv_timeout;
	struct thread *sendq_head, *sendq_tail;	/* threads sending to us */
	struct thread *sendq_next, *sendq_prev;
	bool fault_sent;		/* ... which the pager has received */
	uint32_t fault_msg[L4_FAULT_WORDS + 1];

	/* timeouts */
	uint64_t wakeup_ms;
	struct thread *sleep_next, *sleep_prev;

	/* ready queue */
	struct thread *rq_next, *rq_prev;

	uint64_t cpu_counts;		/* timer counts it ran (cputime.c) */

	/* The processor it runs on, whose ready queues hold it when ready
	 * (but while it runs there, when it may be on none: sched.h). */
	struct cpu *home;
};

#define FASTPATH_WORD_RECEIVING	TS_RECV	/* state TS_RECV, the three flags clear */
/* TS_RECV with only fault_pending set: waiting for its pager's reply. */
#define FASTPATH_WORD_FAULTED	(TS_RECV | 1u << 16)
_Static_assert(__builtin_offsetof(struct thread, fault_pending) ==
	       __builtin_offsetof(struct thread, fastpath_word) + 2, "FASTPATH_WORD_FAULTED's layout");

/* The thread this processor's kernel entry serves. */
#define current (this_cpu()->current_thread)
extern struct thread *thread_table[MAX_THREADS];

static inline struct thread *thread_lookup(l4_tid_t tid)
{
	uint32_t slot = L4_TID_SLOT(tid);
	if (slot >= MAX_THREADS)
		return NULL;
	struct thread *t = thread_table[slot];
	return t && t->tid == tid ? t : NULL;
}

/* Above every slot ever used: slots are taken lowest first, so a walk over
 * the table stops here instead of at MAX_THREADS. */
extern uint32_t thread_slots_end;
/* utcb_slot: the slot wanted, or UTCB_ANY_SLOT. */
struct thread *thread_create(struct space *space, l4_tid_t pager, uint8_t prio,
			     uint32_t utcb_slot, int *err);
void thread_destroy(struct thread *t);
uint32_t thread_count(void);
void return_to_user(struct context *ctx) __attribute__((noreturn));
/* return_to_user's three instructions in place, for paths that run only
 * with one processor (with several, return_to_user also releases the lock). */
static inline __attribute__((always_inline, noreturn)) void return_to_user_one_cpu(struct context *ctx)
{
	asm volatile("add sp, %0, %1\n\tldmdb sp, {r0-r14}^\n\trfeia sp!"
		     :: "r"(ctx), "i"(ENTRY_CONTEXT_GPRS) : "memory");
	__builtin_unreachable();
}

#endif
