/* kernel_ops.c - the kernel benchmarks: a null system call, register-only
 * IPC round trips (same space, across spaces, through an idlc stub) and a
 * yield between two threads; with several processors, a round trip
 * between two of them. Each figure includes the user-side code that
 * makes the call (libl4 or generated stub, and the loop around it). */
#include <idlrt/serve.h>
#include <l4/kip.h>
#include "bench.h"
#include "bench_server.h"
#include "harness.h"

#define ROUNDS		10000u
#define ECHO_WORDS	2u

/* Registers only: the tag and ECHO_WORDS words, all in MR0..MR5. */
static void echo_server(uint32_t arg)
{
	(void)arg;
	l4_tid_t client;
	for (;;) {
		int err = l4_receive(L4_ANYTHREAD, L4_TIMEOUTS_NEVER, &client);
		while (!err)
			err = l4_reply_wait(client, &client);
	}
}

static void stub_server(uint32_t arg)
{
	(void)arg;
	bench_serve(bench_dispatch, 0);
}

int bench_handle_nop(struct idlrt_request *rq, uint32_t value, uint32_t *result)
{
	(void)rq;
	*result = value + 1;
	return 0;
}

static void bench_null_syscall(void)
{
	uint32_t start = l4_cycles();
	for (uint32_t i = 0; i < ROUNDS; i++)
		l4_null();
	bench_result("null_syscall", ROUNDS, l4_cycles() - start);
}

static int echo_call(l4_tid_t server, uint32_t round)
{
	uint32_t *mr = l4_utcb()->mr;
	mr[0] = L4_TAG(1, ECHO_WORDS);
	mr[1] = round;
	mr[2] = ~round;
	return l4_call(server);
}

/* The first call is not timed: it finds the server still starting. */
static void bench_ipc_rtt(const char *name, l4_tid_t server)
{
	int err = echo_call(server, 0);
	if (err)
		bench_fail(name, err);
	uint32_t failures = 0, start = l4_cycles();
	for (uint32_t i = 0; i < ROUNDS; i++)
		failures += echo_call(server, i) != 0;
	uint32_t total = l4_cycles() - start;
	const uint32_t *mr = l4_utcb()->mr;
	if (failures || mr[1] != ROUNDS - 1 || mr[2] != ~(ROUNDS - 1))
		bench_fail(name, (int)failures);
	bench_result(name, ROUNDS, total);
	l4_thread_destroy(server);
}

static void bench_ipc_rtt_stub(void)
{
	l4_tid_t server = bench_thread_in_new_space(stub_server, 0);
	uint32_t result = 0;
	int err = bench_nop(server, 0, &result);
	if (err || result != 1)
		bench_fail("ipc_rtt_stub", err);
	uint32_t failures = 0, start = l4_cycles();
	for (uint32_t i = 0; i < ROUNDS; i++)
		failures += bench_nop(server, i, &result) != 0 || result != i + 1;
	uint32_t total = l4_cycles() - start;
	if (failures)
		bench_fail("ipc_rtt_stub", (int)failures);
	bench_result("ipc_rtt_stub", ROUNDS, total);
	l4_thread_destroy(server);
}

static volatile uint32_t yield_start;

static void first_yielder(uint32_t rounds)
{
	yield_start = l4_cycles();
	for (uint32_t i = 0; i < rounds; i++)
		l4_yield();
	bench_block_forever();
}

/* Runs after first_yielder's last yield; reports the end stamp. */
static void second_yielder(uint32_t rounds)
{
	for (uint32_t i = 0; i < rounds; i++)
		l4_yield();
	uint32_t end = l4_cycles();
	uint32_t *mr = l4_utcb()->mr;
	mr[0] = L4_TAG(0, 1);
	mr[1] = end;
	l4_send(bench_root, L4_TIMEOUTS_NEVER);
	bench_block_forever();
}

/* Two threads of one priority yield to each other ROUNDS times each; the
 * root waits meanwhile, so every yield switches. */
static void bench_context_switch(void)
{
	l4_tid_t first = bench_thread(first_yielder, ROUNDS, BENCH_PRIO);
	l4_tid_t second = bench_thread(second_yielder, ROUNDS, BENCH_PRIO);
	int err = l4_receive(second, L4_TIMEOUTS_NEVER, 0);
	if (err)
		bench_fail("context_switch", err);
	bench_result("context_switch", 2 * ROUNDS, l4_utcb()->mr[1] - yield_start);
	l4_thread_destroy(first);
	l4_thread_destroy(second);
}

/* Only with two processors or more (make bench's second kbench run, with
 * -smp 2): the echo thread on processor 1, the root on processor 0. */
static void bench_ipc_rtt_cross_core(void)
{
	if (l4_num_processors() < 2)
		return;
	l4_tid_t server = bench_thread(echo_server, 0, BENCH_PRIO);
	int err = l4_set_processor(server, 1);
	if (err)
		bench_fail("ipc_rtt_cross_core", err);
	bench_ipc_rtt("ipc_rtt_cross_core", server);
}

void bench_kernel_ops(void)
{
	bench_null_syscall();
	bench_ipc_rtt("ipc_rtt_same_space", bench_thread(echo_server, 0, BENCH_PRIO));
	bench_ipc_rtt("ipc_rtt_cross_space", bench_thread_in_new_space(echo_server, 0));
	bench_ipc_rtt_stub();
	bench_context_switch();
	bench_ipc_rtt_cross_core();
}
