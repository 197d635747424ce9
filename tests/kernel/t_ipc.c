/* t_ipc.c - IPC within a space: call, reply-and-wait, send, receive, long
 * messages through the UTCB, sender stamping, kernel labels refused,
 * timeouts, partner destruction. */
#include "ktest.h"

#define LABEL_ECHO	0x100u
#define LONG_WORDS	40u

/* Replies to every message with label + 1 and each word + 1. */
static void echo_server(uint32_t arg)
{
	(void)arg;
	l4_tid_t from;
	uint32_t *mr = l4_utcb()->mr;
	int r = l4_receive(L4_ANYTHREAD, L4_TIMEOUTS_NEVER, &from);
	for (;;) {
		if (r) {
			r = l4_receive(L4_ANYTHREAD, L4_TIMEOUTS_NEVER, &from);
			continue;
		}
		uint32_t words = L4_TAG_WORDS(mr[0]);
		for (uint32_t i = 1; i <= words; i++)
			mr[i] += 1;
		mr[0] = L4_TAG(L4_TAG_LABEL(mr[0]) + 1, words);
		mr[words + 1 < L4_MR_COUNT ? words + 1 : 0] = from;
		if (words + 1 < L4_MR_COUNT)
			mr[0] = L4_TAG(L4_TAG_LABEL(mr[0]), words + 1);
		r = l4_reply_wait(from, &from);
	}
}

static void report_thread(uint32_t arg)
{
	(void)arg;
	report(7, 77, 0, 0, 0);
	block_forever();
}

static void test_call(l4_tid_t server)
{
	uint32_t *mr = l4_utcb()->mr;
	mr[0] = L4_TAG(LABEL_ECHO, 3);
	mr[1] = 10;
	mr[2] = 20;
	mr[3] = 30;
	int r = l4_call(server);
	check_eq("ipc: call returns 0", r, 0);
	check_eq("ipc: reply label", (int32_t)L4_TAG_LABEL(mr[0]), LABEL_ECHO + 1);
	check_eq("ipc: reply words", (int32_t)L4_TAG_WORDS(mr[0]), 4);
	check_true("ipc: register words arrive", mr[1] == 11 && mr[2] == 21 && mr[3] == 31, mr[1]);
	check_eq("ipc: server saw my id stamped", (int32_t)mr[4], (int32_t)root_tid);

	mr[0] = L4_TAG(LABEL_ECHO, LONG_WORDS);
	for (uint32_t i = 1; i <= LONG_WORDS; i++)
		mr[i] = i * 1000;
	r = l4_call(server);
	bool all = r == 0 && L4_TAG_WORDS(mr[0]) == LONG_WORDS + 1;
	for (uint32_t i = 1; i <= LONG_WORDS && all; i++)
		all = mr[i] == i * 1000 + 1;
	check_true("ipc: long message through the UTCB", all, mr[0]);

	mr[0] = L4_TAG(LABEL_ECHO, L4_MSG_MAX_WORDS - 1);
	r = l4_call(server);
	check_true("ipc: 62-word message", r == 0 && L4_TAG_WORDS(mr[0]) == L4_MSG_MAX_WORDS &&
		   mr[L4_MSG_MAX_WORDS] == root_tid, mr[0]);

	l4_tid_t reporter = spawn(report_thread, 0, 100, 0);
	l4_tid_t from = 0;
	r = l4_receive(L4_ANYTHREAD, WAIT, &from);
	check_true("ipc: send and receive from any", r == 0 && L4_TAG_LABEL(mr[0]) == 7 && mr[1] == 77,
		   (uint32_t)r);
	check_eq("ipc: receive stamps the sender", (int32_t)from, (int32_t)reporter);
	l4_thread_destroy(reporter);
}

/* Fault, exception and interrupt labels are the kernel's: a thread that sends
 * one (fast path with a register-only message, slow path with a long one or
 * a plain send) gets -L4_EINVAL and nothing arrives. */
static void test_kernel_labels(l4_tid_t server)
{
	uint32_t *mr = l4_utcb()->mr;
	mr[0] = L4_TAG(L4_LABEL_PAGEFAULT, 2);
	check_eq("ipc: call with the page-fault label refused", l4_call(server), -L4_EINVAL);
	mr[0] = L4_TAG(L4_LABEL_KERNEL_MIN, LONG_WORDS);
	check_eq("ipc: long call with a kernel label refused", l4_call(server), -L4_EINVAL);
	mr[0] = L4_TAG(L4_LABEL_INTERRUPT, 1);
	check_eq("ipc: send with the interrupt label refused", l4_send(server, WAIT), -L4_EINVAL);
	mr[0] = L4_TAG(L4_LABEL_KERNEL_MIN - 2, 1);
	mr[1] = 5;
	int r = l4_call(server);
	check_true("ipc: the label below the kernel's still goes through",
		   r == 0 && L4_TAG_LABEL(mr[0]) == L4_LABEL_KERNEL_MIN - 1 && mr[1] == 6, mr[0]);
}

static void caller_thread(uint32_t target)
{
	l4_utcb()->mr[0] = L4_TAG(1, 0);
	int r = l4_call(target);
	report(2, (uint32_t)r, 0, 0, 0);
	block_forever();
}

static void sender_thread(uint32_t target)
{
	l4_utcb()->mr[0] = L4_TAG(1, 0);
	int r = l4_send(target, L4_TIMEOUTS_NEVER);
	report(3, (uint32_t)r, 0, 0, 0);
	block_forever();
}

/* Receives one message and then never replies. */
static void silent_server(uint32_t arg)
{
	(void)arg;
	l4_receive(L4_ANYTHREAD, L4_TIMEOUTS_NEVER, 0);
	block_forever();
}

static void test_partner_destroyed(void)
{
	uint32_t w[5];
	l4_tid_t server = spawn(silent_server, 0, 100, 0);
	l4_tid_t caller = spawn(caller_thread, server, 100, 0);
	sleep_ms(5);
	check_eq("ipc: destroy server during a call", l4_thread_destroy(server), 0);
	int r = wait_report(caller, w);
	check_true("ipc: caller woken with EPARTNER", r == 0 && (int32_t)w[1] == -L4_EPARTNER, w[1]);
	l4_thread_destroy(caller);

	l4_tid_t sleeper = spawn(silent_server, 0, 100, 0);
	l4_utcb()->mr[0] = L4_TAG(1, 0);
	l4_send(sleeper, WAIT);		/* now it blocks for ever */
	l4_tid_t sender = spawn(sender_thread, sleeper, 100, 0);
	sleep_ms(5);
	l4_thread_destroy(sleeper);
	r = wait_report(sender, w);
	check_true("ipc: blocked sender woken with EPARTNER", r == 0 && (int32_t)w[1] == -L4_EPARTNER,
		   w[1]);
	l4_thread_destroy(sender);
	check_eq("ipc: destroyed thread's id is stale", l4_send(sleeper, L4_TIMEOUTS_NEVER), -L4_ENOTHREAD);
}

static void test_timeouts(l4_tid_t busy)
{
	check_eq("ipc: receive, zero timeout, nothing there",
		 l4_receive(L4_ANYTHREAD, L4_TIMEOUTS(0, L4_TIMEOUT_ZERO), 0), -L4_ETIMEOUT);
	uint32_t c0 = l4_cycles();
	int r = l4_receive(L4_ANYTHREAD, L4_TIMEOUTS(0, 5), 0);
	uint32_t elapsed = l4_cycles() - c0;
	check_eq("ipc: receive, 5 ms timeout expires", r, -L4_ETIMEOUT);
	check_true("ipc: the 5 ms timeout took 5 ms (5e6 instructions)", elapsed >= 4900000 &&
		   elapsed < 20000000, elapsed);
	check_eq("ipc: send, zero timeout, partner not receiving",
		 l4_send(busy, L4_TIMEOUTS(L4_TIMEOUT_ZERO, 0)), -L4_ETIMEOUT);
	c0 = l4_cycles();
	r = l4_send(busy, L4_TIMEOUTS(3, 0));
	elapsed = l4_cycles() - c0;
	check_true("ipc: send, 3 ms timeout expires", r == -L4_ETIMEOUT && elapsed >= 2900000,
		   (uint32_t)r);
}

void test_ipc(void)
{
	l4_tid_t server = spawn(echo_server, 0, 100, 0);
	check_true("ipc: echo server started", server != L4_NILTHREAD, server);
	test_call(server);
	test_kernel_labels(server);
	l4_tid_t busy = spawn(silent_server, 0, 100, 0);
	l4_utcb()->mr[0] = L4_TAG(1, 0);
	l4_send(busy, WAIT);
	test_timeouts(busy);
	l4_thread_destroy(busy);
	l4_thread_destroy(server);
	test_partner_destroyed();
}
