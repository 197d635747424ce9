/* t_pingpong.c - 100,000 calls from the root (processor 0) to an echo
 * thread on processor 1, each with a sequence number: every reply must be
 * the answer to its own call, none lost, none twice. */
#include "smptest.h"

#define ROUND_TRIPS	100000u
#define ECHO_LABEL	7

static void echo(uint32_t arg)
{
	(void)arg;
	uint32_t *mr = l4_utcb()->mr;
	l4_tid_t from;
	int r = l4_receive(L4_ANYTHREAD, L4_TIMEOUTS_NEVER, &from);
	for (;;) {
		uint32_t seq = r == 0 ? mr[1] : 0;
		mr[0] = L4_TAG(ECHO_LABEL, 2);
		mr[1] = seq + 1;
		mr[2] = l4_my_processor();
		r = l4_reply_wait(from, &from);
	}
}

void test_pingpong(void)
{
	l4_tid_t server = spawn_on(1, echo, 0, 100);
	uint32_t *mr = l4_utcb()->mr, wrong = 0, failed = 0, other_cpu = 0;
	for (uint32_t seq = 1; seq <= ROUND_TRIPS; seq++) {
		mr[0] = L4_TAG(ECHO_LABEL, 1);
		mr[1] = seq;
		if (l4_call(server)) {
			failed++;
			continue;
		}
		if (mr[1] != seq + 1)
			wrong++;
		if (mr[2] != 1)
			other_cpu++;
	}
	check_eq("pingpong: every call returned", (int32_t)failed, 0);
	check_eq("pingpong: every reply answered its own call", (int32_t)wrong, 0);
	check_eq("pingpong: the echo thread ran on processor 1", (int32_t)other_cpu, 0);
	l4_thread_destroy(server);
}
