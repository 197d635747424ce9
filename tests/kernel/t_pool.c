/* t_pool.c - worker pools (L4_SC_SET_WORKER_POOL): a reply, or the reply to
 * a fault, sent by a sibling of the thread called is taken only when their
 * space is a pool; a caller whose worker dies waits on for its siblings and
 * fails only with the last. */
#include "ktest.h"

#define LABEL_HANDOFF		0x300u	/* taker to replier: caller, its label */
#define LABEL_REFAULT		0x301u	/* taker to root: the thread faulted again */
#define LABEL_GO		0x302u	/* to a replier holding a reply */
#define LABEL_SHORT		0x310u	/* answered by a send-only register reply */
#define LABEL_REPLY_WAIT	0x320u	/* answered by a reply-and-wait */
#define LABEL_LONG		0x330u	/* answered through the UTCB */
#define LABEL_HOLD		0x340u	/* answered once a LABEL_GO came */
#define LONG_WORDS		20u
#define REPLY_WORD		0x5a5au
#define NO_REPLY_MS		30
#define POOL_FAULT_VA		0x28000000u

/* A pool's receiving worker: hands each message on to the replier, which
 * answers it. A thread's second fault is reported to the root instead: it
 * shows that the replier's answer to the first resumed the thread. */
static void taker(uint32_t replier)
{
	uint32_t *mr = l4_utcb()->mr;
	uint32_t faults = 0;
	for (;;) {
		l4_tid_t from;
		if (l4_receive(L4_ANYTHREAD, L4_TIMEOUTS_NEVER, &from))
			continue;
		uint32_t label = L4_TAG_LABEL(mr[0]);
		if (label == L4_LABEL_PAGEFAULT && faults++ > 0) {
			report(LABEL_REFAULT, from, mr[1], 0, 0);
			continue;
		}
		mr[0] = L4_TAG(LABEL_HANDOFF, 2);
		mr[1] = from;
		mr[2] = label;
		l4_send(replier, L4_TIMEOUTS_NEVER);
	}
}

/* Sends the answer to a handed-on request in the way its label asks. */
static void replier(uint32_t arg)
{
	(void)arg;
	uint32_t *mr = l4_utcb()->mr;
	l4_tid_t from;
	int r = l4_receive(L4_ANYTHREAD, L4_TIMEOUTS_NEVER, &from);
	for (;;) {
		if (r || L4_TAG_LABEL(mr[0]) != LABEL_HANDOFF) {
			r = l4_receive(L4_ANYTHREAD, L4_TIMEOUTS_NEVER, &from);
			continue;
		}
		l4_tid_t caller = mr[1];
		uint32_t label = mr[2];
		if (label == LABEL_HOLD)
			l4_receive(L4_ANYTHREAD, L4_TIMEOUTS_NEVER, 0);
		if (label == L4_LABEL_PAGEFAULT) {
			mr[0] = L4_TAG(0, 0);
		} else if (label == LABEL_LONG) {
			mr[0] = L4_TAG(label + 1, LONG_WORDS);
			for (uint32_t i = 1; i <= LONG_WORDS; i++)
				mr[i] = REPLY_WORD + i;
		} else {
			mr[0] = L4_TAG(label + 1, 1);
			mr[1] = REPLY_WORD;
		}
		if (label == LABEL_REPLY_WAIT) {
			r = l4_reply_wait(caller, &from);
			continue;
		}
		l4_send(caller, L4_TIMEOUTS(L4_TIMEOUT_ZERO, 0));
		r = l4_receive(L4_ANYTHREAD, L4_TIMEOUTS_NEVER, &from);
	}
}

static void pool_toucher(uint32_t address)
{
	*(volatile uint32_t *)address = 1;
	block_forever();
}

static l4_tid_t kill_victim, go_target;

/* Destroys kill_victim while the root waits in a call, then lets go_target's
 * held reply go (if there is one). */
static void killer(uint32_t arg)
{
	(void)arg;
	sleep_ms(10);
	l4_thread_destroy(kill_victim);
	if (go_target != L4_NILTHREAD) {
		l4_utcb()->mr[0] = L4_TAG(LABEL_GO, 0);
		l4_send(go_target, L4_TIMEOUTS_NEVER);
	}
	block_forever();
}

/* Calls worker with a bare label, waiting recv_ms for the answer. */
static int call_worker(l4_tid_t worker, uint32_t label, uint16_t recv_ms, l4_tid_t *from)
{
	l4_utcb()->mr[0] = L4_TAG(label, 0);
	*from = L4_NILTHREAD;
	return l4_ipc(worker, worker, L4_TIMEOUTS(L4_TIMEOUT_NEVER, recv_ms), from);
}

/* Starts a replier in a new space and a taker beside it; pool: mark the space. */
static bool start_pair(bool pool, l4_tid_t *taker_tid, l4_tid_t *replier_tid)
{
	*replier_tid = spawn_in_new_space(replier, 0, 0);
	if (*replier_tid == L4_NILTHREAD)
		return false;
	if (pool && l4_space_control(L4_SC_SET_WORKER_POOL, *replier_tid, 0, 0))
		return false;
	*taker_tid = spawn_in_space_of(*replier_tid, taker, *replier_tid, 0);
	return *taker_tid != L4_NILTHREAD;
}

/* In a pool, each kind of reply from the replier answers a call to the taker. */
static void test_sibling_replies(l4_tid_t taker_tid, l4_tid_t replier_tid)
{
	static const struct {
		uint32_t label;
		const char *name;
	} kinds[] = {
		{ LABEL_SHORT, "pool: a sibling's send-only reply is taken" },
		{ LABEL_REPLY_WAIT, "pool: a sibling's reply-and-wait is taken" },
		{ LABEL_LONG, "pool: a sibling's long reply is taken" },
	};
	uint32_t *mr = l4_utcb()->mr;
	for (unsigned k = 0; k < sizeof(kinds) / sizeof(kinds[0]); k++) {
		l4_tid_t from;
		/* Without a receive timeout, so that the register-only replies
		 * can take the fast path; a lost reply hangs kernel.test. */
		int r = call_worker(taker_tid, kinds[k].label, L4_TIMEOUT_NEVER, &from);
		uint32_t words = kinds[k].label == LABEL_LONG ? LONG_WORDS : 1;
		bool ok = r == 0 && from == replier_tid && mr[0] == L4_TAG(kinds[k].label + 1, words);
		for (uint32_t i = 1; i <= words && ok; i++)
			ok = mr[i] == REPLY_WORD + (words == 1 ? 0 : i);
		check_true(kinds[k].name, ok, (uint32_t)r);
	}
}

/* A thread paged by the taker faults; the replier's answer resumes it, so
 * it faults again and the taker reports that (within wait_ms). */
static int fault_resumed_by_sibling(l4_tid_t taker_tid, uint16_t wait_ms)
{
	l4_tid_t t = spawn(pool_toucher, POOL_FAULT_VA, 100, taker_tid);
	if (t == L4_NILTHREAD)
		return -1;
	int r = l4_receive(taker_tid, L4_TIMEOUTS(L4_TIMEOUT_NEVER, wait_ms), 0);
	uint32_t *mr = l4_utcb()->mr;
	bool refaulted = r == 0 && L4_TAG_LABEL(mr[0]) == LABEL_REFAULT && mr[1] == t &&
			 mr[2] == POOL_FAULT_VA;
	l4_thread_destroy(t);
	return refaulted ? 0 : r ? r : -2;
}

/* The taker dies while the root waits for its reply: the replier's reply
 * still arrives. Then the replier, the last thread, dies during a call:
 * the caller gets -L4_EPARTNER. */
static void test_worker_death(l4_tid_t taker_tid, l4_tid_t replier_tid)
{
	kill_victim = taker_tid;
	go_target = replier_tid;
	l4_tid_t k = spawn(killer, 0, 100, 0);
	l4_tid_t from;
	int r = call_worker(taker_tid, LABEL_HOLD, WAIT_MS, &from);
	check_true("pool: the caller of a dead worker takes its sibling's reply",
		   r == 0 && from == replier_tid && l4_utcb()->mr[1] == REPLY_WORD, (uint32_t)r);
	l4_thread_destroy(k);

	kill_victim = replier_tid;
	go_target = L4_NILTHREAD;
	k = spawn(killer, 0, 100, 0);
	r = call_worker(replier_tid, LABEL_SHORT, WAIT_MS, &from);
	check_eq("pool: the caller of the last worker gets EPARTNER", r, -L4_EPARTNER);
	l4_thread_destroy(k);
}

void test_worker_pool(void)
{
	l4_tid_t taker_tid, replier_tid;
	bool started = start_pair(false, &taker_tid, &replier_tid);
	check_true("pool: a plain space's pair started", started, 0);
	if (started) {
		l4_tid_t from;
		check_eq("pool: without the flag a sibling's reply is refused",
			 call_worker(taker_tid, LABEL_SHORT, NO_REPLY_MS, &from), -L4_ETIMEOUT);
		check_eq("pool: without the flag a sibling's fault reply is refused",
			 fault_resumed_by_sibling(taker_tid, NO_REPLY_MS), -L4_ETIMEOUT);
		l4_thread_destroy(taker_tid);
		l4_thread_destroy(replier_tid);
	}
	started = start_pair(true, &taker_tid, &replier_tid);
	check_true("pool: a worker pool started", started, 0);
	if (!started)
		return;
	test_sibling_replies(taker_tid, replier_tid);
	check_eq("pool: a sibling's fault reply resumes the thread",
		 fault_resumed_by_sibling(taker_tid, WAIT_MS), 0);
	test_worker_death(taker_tid, replier_tid);
}
