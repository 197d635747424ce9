/* t_cancel.c - the caller's receive timeout racing the reply from another
 * processor: the partner replies after a delay around the timeout, so some
 * calls time out and some get their reply. A reply is either received by
 * its own call or refused to the partner (the caller has moved on): the
 * replies received equal the replies the partner delivered, each the
 * answer to its own call. */
#include "smptest.h"

#define CALLS		300u
#define CALL_LABEL	8
#define STOP_LABEL	9
#define DONE_REPORT	22
#define TIMEOUT_MS	1
/* Under -icount a loop iteration is a few ns: delays from 0 to about 2 ms. */
#define DELAY_STEP	1700u
#define DELAY_STEPS	300u

static void delay(uint32_t loops)
{
	for (volatile uint32_t i = 0; i < loops; i++)
		;
}

static void late_replier(uint32_t arg)
{
	(void)arg;
	uint32_t *mr = l4_utcb()->mr, delivered = 0;
	l4_tid_t from;
	for (;;) {
		if (l4_receive(L4_ANYTHREAD, L4_TIMEOUTS_NEVER, &from))
			continue;
		if (L4_TAG_LABEL(mr[0]) == STOP_LABEL)
			break;
		uint32_t seq = mr[1];
		delay(mr[2]);
		mr[0] = L4_TAG(CALL_LABEL, 1);
		mr[1] = seq;
		if (l4_send(from, L4_TIMEOUTS(L4_TIMEOUT_ZERO, L4_TIMEOUT_ZERO)) == 0)
			delivered++;
	}
	report(DONE_REPORT, delivered, 0, 0, 0);
	block_forever();
}

void test_cancel(void)
{
	l4_tid_t partner = spawn_on(2, late_replier, 0, 100);
	uint32_t *mr = l4_utcb()->mr, received = 0, timed_out = 0, wrong = 0, w[5];
	for (uint32_t seq = 1; seq <= CALLS; seq++) {
		mr[0] = L4_TAG(CALL_LABEL, 2);
		mr[1] = seq;
		mr[2] = (seq * 7919u % DELAY_STEPS) * DELAY_STEP;
		int r = l4_ipc(partner, partner, L4_TIMEOUTS(L4_TIMEOUT_NEVER, TIMEOUT_MS), 0);
		if (r == -L4_ETIMEOUT)
			timed_out++;
		else if (r == 0 && mr[1] == seq)
			received++;
		else
			wrong++;
	}
	mr[0] = L4_TAG(STOP_LABEL, 0);
	l4_send(partner, L4_TIMEOUTS_NEVER);
	int r = wait_report(partner, w);
	check_eq("cancel: no call got a wrong answer or error", (int32_t)wrong, 0);
	check_true("cancel: both outcomes happened", received > 0 && timed_out > 0,
		   received << 16 | timed_out);
	check_true("cancel: replies received = replies delivered", r == 0 && w[1] == received, w[1]);
	l4_thread_destroy(partner);
}
