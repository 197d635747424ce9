/* fuzz_transport.c - the fuzzers' idlrt transport: direct delivery into one
 * dispatch, reply checks, and the list of clients waiting for an answer. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fuzz_transport.h"

#define WAITING_MAX	256
#define ERRNO_MAX	4095

static l4_tid_t bound_tid;
static idlrt_dispatch_fn bound_dispatch;
static l4_tid_t self_tid;
static int trace_requests;
static uint32_t stub_mr[L4_MR_COUNT];
static uint32_t deferred_mr[L4_MR_COUNT];
static l4_tid_t waiting[WAITING_MAX];
static unsigned waiting_count;
static unsigned deferred_replies;

void fuzz_fail(const char *fmt, ...)
{
	va_list args;
	va_start(args, fmt);
	fputs("fuzz invariant broken: ", stderr);
	vfprintf(stderr, fmt, args);
	fputc('\n', stderr);
	va_end(args);
	abort();
}

void fuzz_transport_reset(void)
{
	bound_tid = L4_NILTHREAD;
	bound_dispatch = NULL;
	self_tid = L4_NILTHREAD;
	trace_requests = 0;
	waiting_count = 0;
	deferred_replies = 0;
}

void fuzz_transport_bind(l4_tid_t server, idlrt_dispatch_fn dispatch)
{
	bound_tid = server;
	bound_dispatch = dispatch;
}

void fuzz_transport_set_self(l4_tid_t tid)
{
	self_tid = tid;
}

void fuzz_transport_trace(int on)
{
	trace_requests = on;
}

static int waiting_index(l4_tid_t client)
{
	for (unsigned i = 0; i < waiting_count; i++)
		if (waiting[i] == client)
			return (int)i;
	return -1;
}

bool fuzz_waiting(l4_tid_t client)
{
	return waiting_index(client) >= 0;
}

unsigned fuzz_waiting_count(void)
{
	return waiting_count;
}

l4_tid_t fuzz_waiting_at(unsigned index)
{
	return index < waiting_count ? waiting[index] : L4_NILTHREAD;
}

void fuzz_waiting_drop(l4_tid_t client)
{
	int at = waiting_index(client);
	if (at >= 0)
		waiting[at] = waiting[--waiting_count];
}

unsigned fuzz_deferred_replies(void)
{
	return deferred_replies;
}

/* A reply: label 0, the result in MR1, out words only after a success. */
static void check_reply(const uint32_t *mr, const char *what)
{
	uint32_t words = L4_TAG_WORDS(mr[0]);
	int32_t result = (int32_t)mr[1];
	fuzz_check(L4_TAG_LABEL(mr[0]) == 0, "%s has label %#x", what, L4_TAG_LABEL(mr[0]));
	if (words == 0)
		return;
	fuzz_check(result >= -ERRNO_MAX, "%s carries result %d", what, (int)result);
	fuzz_check(result >= 0 || words == 1, "%s: error %d with %u words", what, (int)result,
		   (unsigned)words);
}

/* The client waits from the moment it sends, as in the kernel's call: a
 * handler may answer it through a deferred reply before dispatch returns. */
int fuzz_deliver(l4_tid_t client, uint32_t mr[L4_MR_COUNT])
{
	uint32_t server_mr[L4_MR_COUNT];
	uint32_t words = L4_TAG_WORDS(mr[0]) + 1;
	fuzz_check(bound_dispatch != NULL, "no server bound");
	fuzz_check(!fuzz_waiting(client), "%#x sends while it waits for a reply", client);
	fuzz_check(waiting_count < WAITING_MAX, "more than %d clients waiting", WAITING_MAX);
	waiting[waiting_count++] = client;
	memset(server_mr, 0xa5, sizeof(server_mr));
	memcpy(server_mr, mr, words * sizeof(uint32_t));
	struct idlrt_request rq = { .mr = server_mr, .client = client, .trace = trace_requests };
	int disposition = bound_dispatch(&rq);
	if (disposition == IDLRT_SEND_REPLY) {
		fuzz_check(fuzz_waiting(client), "%#x answered twice", client);
		fuzz_waiting_drop(client);
		check_reply(server_mr, "reply");
		memcpy(mr, server_mr, (L4_TAG_WORDS(server_mr[0]) + 1) * sizeof(uint32_t));
		return disposition;
	}
	fuzz_check(disposition == IDLRT_NO_REPLY, "dispatch returned %d", disposition);
	return disposition;
}

uint32_t *idlrt_mr(void)
{
	return stub_mr;
}

/* Stubs are used for set-up only: a call that is not answered at once fails. */
int idlrt_call(idlrt_dest_t to)
{
	if (to != bound_tid)
		return -ESRCH;
	if (fuzz_deliver(self_tid, stub_mr) != IDLRT_SEND_REPLY) {
		fuzz_waiting_drop(self_tid);
		return -EDEADLK;
	}
	return 0;
}

/* The register-sized call of the stubs, through the same message buffer. */
int idlrt_call_regs(idlrt_dest_t to, uint32_t words[IDLRT_REG_WORDS])
{
	memcpy(stub_mr, words, IDLRT_REG_WORDS * sizeof(uint32_t));
	int err = idlrt_call(to);
	if (err == 0)
		memcpy(words, stub_mr, IDLRT_REG_WORDS * sizeof(uint32_t));
	return err;
}

int idlrt_send(idlrt_dest_t to)
{
	if (to != bound_tid)
		return -ESRCH;
	if (fuzz_deliver(self_tid, stub_mr) != IDLRT_SEND_REPLY)
		fuzz_waiting_drop(self_tid);
	return 0;
}

uint32_t *idlrt_deferred_begin(idlrt_token_t token)
{
	(void)token;
	memset(deferred_mr, 0, sizeof(deferred_mr));
	return deferred_mr;
}

/* Exactly one answer per waiting client; a second one is a server bug. */
int idlrt_deferred_send(idlrt_token_t token)
{
	int at = waiting_index(token.client);
	fuzz_check(at >= 0, "deferred reply to %#x, which is not waiting", token.client);
	check_reply(deferred_mr, "deferred reply");
	waiting[at] = waiting[--waiting_count];
	deferred_replies++;
	return 0;
}
