/* loopback.c - the host transport: a call runs the bound server's dispatch
 * in-process, copying words between client and server MRs as the kernel
 * would, so host tests drive the real stubs and the real dispatch. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <idlrt/idlrt.h>
#include <idlrt/loopback.h>

struct binding {
	idlrt_dest_t tid;
	idlrt_dispatch_fn dispatch;
	int trace;
	uint8_t *bulk;		/* the area client and server share, or NULL */
	uint32_t bulk_size;	/* its size as the client sees it */
	uint32_t bulk_held;	/* how much of it the server's record covers */
};

/* A call whose server deferred its reply; the deferred reply lands here. */
struct waiting_call {
	l4_tid_t client;
	int delivered;
	uint32_t mr[L4_MR_COUNT];
	struct waiting_call *outer;
};

static struct binding bindings[IDLRT_LOOPBACK_MAX_SERVERS];
static uint32_t client_mr[L4_MR_COUNT];
static uint32_t deferred_mr[L4_MR_COUNT];
static l4_tid_t self_tid = IDLRT_LOOPBACK_DEFAULT_CLIENT;
static void (*block_hook)(void *arg);
static void *block_arg;
static struct waiting_call *waiting;
static unsigned deferred_count;
static struct binding *serving;	/* whose dispatch runs now, for idlrt_bulk_at */

int idlrt_loopback_bind(idlrt_dest_t tid, idlrt_dispatch_fn dispatch, int trace)
{
	for (unsigned i = 0; i < IDLRT_LOOPBACK_MAX_SERVERS; i++) {
		if (bindings[i].dispatch && bindings[i].tid != tid)
			continue;
		bindings[i].tid = tid;
		bindings[i].dispatch = dispatch;
		bindings[i].trace = trace;
		return 0;
	}
	return -ENOMEM;
}

void idlrt_loopback_reset(void)
{
	for (unsigned i = 0; i < IDLRT_LOOPBACK_MAX_SERVERS; i++)
		free(bindings[i].bulk);
	memset(bindings, 0, sizeof(bindings));
	serving = NULL;
	memset(client_mr, 0, sizeof(client_mr));
	self_tid = IDLRT_LOOPBACK_DEFAULT_CLIENT;
	block_hook = NULL;
	block_arg = NULL;
	waiting = NULL;
	deferred_count = 0;
}

void idlrt_loopback_set_self(l4_tid_t tid)
{
	self_tid = tid;
}

void idlrt_loopback_on_block(void (*hook)(void *arg), void *arg)
{
	block_hook = hook;
	block_arg = arg;
}

unsigned idlrt_loopback_deferred_count(void)
{
	return deferred_count;
}

uint32_t *idlrt_mr(void)
{
	return client_mr;
}

static struct binding *find_binding(idlrt_dest_t tid)
{
	for (unsigned i = 0; i < IDLRT_LOOPBACK_MAX_SERVERS; i++)
		if (bindings[i].dispatch && bindings[i].tid == tid)
			return &bindings[i];
	return NULL;
}

int idlrt_loopback_bulk(idlrt_dest_t tid, uint32_t size)
{
	struct binding *server = find_binding(tid);
	if (!server)
		return -ESRCH;
	free(server->bulk);
	server->bulk = NULL;
	server->bulk_size = server->bulk_held = 0;
	if (size == 0)
		return 0;
	server->bulk = malloc(size);
	if (!server->bulk)
		return -ENOMEM;
	server->bulk_size = server->bulk_held = size;
	return 0;
}

int idlrt_loopback_bulk_hold(idlrt_dest_t tid, uint32_t held)
{
	struct binding *server = find_binding(tid);
	if (!server)
		return -ESRCH;
	server->bulk_held = held < server->bulk_size ? held : server->bulk_size;
	return 0;
}

/* The bulk hooks are weak: a host test whose server keeps its own record of
 * client buffers (fs0's registry, mm0's objects) links that server's
 * idlrt_bulk_at, and its own client side, instead of the bound areas. */
__attribute__((weak)) int idlrt_bulk_buffer(idlrt_dest_t dest, void **base, uint32_t *size)
{
	struct binding *server = find_binding(dest);
	if (!server)
		return -ESRCH;
	if (!server->bulk)
		return -ENOBUFS;
	*base = server->bulk;
	*size = server->bulk_size;
	return 0;
}

__attribute__((weak)) int idlrt_bulk_copy(void *to, const void *from, uint32_t len)
{
	memcpy(to, from, len);
	return 0;
}

__attribute__((weak)) int idlrt_bulk_at(const struct idlrt_request *rq, uint32_t offset, uint32_t len,
					void **at)
{
	(void)rq;	/* one client: the area belongs to the binding being served */
	if (!serving || !serving->bulk || !idlrt_bulk_fits(offset, len, serving->bulk_held))
		return -EFAULT;
	*at = serving->bulk + offset;
	return 0;
}

/* Copies a message as the kernel does: the tag and the u words after it. */
static void copy_message(uint32_t *to, const uint32_t *from)
{
	memcpy(to, from, (L4_TAG_WORDS(from[0]) + 1) * sizeof(uint32_t));
}

static int deliver(idlrt_dest_t to, int *disposition, uint32_t *server_mr)
{
	struct binding *server = find_binding(to);
	if (!server)
		return -ESRCH;
	memset(server_mr, 0xa5, L4_MR_COUNT * sizeof(uint32_t));
	copy_message(server_mr, client_mr);
	struct idlrt_request rq = { .mr = server_mr, .client = self_tid, .trace = server->trace };
	struct binding *outer = serving;
	serving = server;
	*disposition = server->dispatch(&rq);
	serving = outer;
	return 0;
}

int idlrt_call(idlrt_dest_t to)
{
	uint32_t server_mr[L4_MR_COUNT];
	int disposition;
	int err = deliver(to, &disposition, server_mr);
	if (err < 0)
		return err;
	if (disposition == IDLRT_SEND_REPLY) {
		copy_message(client_mr, server_mr);
		return 0;
	}
	struct waiting_call call = { .client = self_tid, .outer = waiting };
	waiting = &call;
	if (block_hook)
		block_hook(block_arg);
	waiting = call.outer;
	if (!call.delivered)
		return -EDEADLK;
	copy_message(client_mr, call.mr);
	return 0;
}

/* The words go through this thread's message registers, as the kernel's
 * fast path would carry them; the rest of the reply stays there. */
int idlrt_call_regs(idlrt_dest_t to, uint32_t words[IDLRT_REG_WORDS])
{
	memcpy(client_mr, words, IDLRT_REG_WORDS * sizeof(uint32_t));
	int err = idlrt_call(to);
	if (err == 0)
		memcpy(words, client_mr, IDLRT_REG_WORDS * sizeof(uint32_t));
	return err;
}

int idlrt_send(idlrt_dest_t to)
{
	uint32_t server_mr[L4_MR_COUNT];
	int disposition;
	return deliver(to, &disposition, server_mr);
}

uint32_t *idlrt_deferred_begin(idlrt_token_t token)
{
	(void)token;
	return deferred_mr;
}

int idlrt_deferred_send(idlrt_token_t token)
{
	for (struct waiting_call *call = waiting; call; call = call->outer) {
		if (call->client != token.client || call->delivered)
			continue;
		copy_message(call->mr, deferred_mr);
		call->delivered = 1;
		deferred_count++;
		return 0;
	}
	return -ESRCH;
}
