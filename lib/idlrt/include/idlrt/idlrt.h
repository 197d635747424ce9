/* idlrt.h - the runtime that idlc-generated code links against: the message
 * layout on top of the kernel's (l4/abi.h) and the small transport API that
 * the target (libl4 IPC) and host (loopback) transports both implement. */
#ifndef IDLRT_IDLRT_H
#define IDLRT_IDLRT_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <l4/abi.h>
#include <idlrt/result.h>

/* ---- Message layout (see docs/idl.md) ---------------------------------
 * Request: MR0 tag, label = operation number (0..IDLRT_OP_MAX), u = words
 *          MR1 header: interface id (bits 31..16), version (bits 15..0)
 *          MR2.. the in parameters.
 * Reply:   MR0 tag, label 0, u = words; MR1 the result as int32;
 *          MR2.. the out parameters, present only when the result is >= 0. */
#define IDLRT_OP_MAX		0xefffu
#define IDLRT_HEADER(id, version)	(((uint32_t)(id) << 16) | ((uint32_t)(version) & 0xffffu))
#define IDLRT_HEADER_ID(word)		((uint32_t)(word) >> 16)
#define IDLRT_HEADER_VERSION(word)	((uint32_t)(word) & 0xffffu)

/* What a dispatch function leaves in the request's message registers. */
enum idlrt_disposition {
	IDLRT_NO_REPLY = 0,	/* oneway, deferred, or a malformed oneway request */
	IDLRT_SEND_REPLY = 1,	/* mr holds the reply */
};

typedef l4_tid_t idlrt_dest_t;

/* One received request as the dispatch function sees it. */
struct idlrt_request {
	uint32_t *mr;		/* the message registers: request in, reply out */
	l4_tid_t client;	/* who sent it; the reply goes there */
	int trace;		/* print the call decoded (servers built with --trace) */
};

/* Kept by a deferred handler to send its reply later. For an operation with
 * an out bulk buffer the dispatch also records where it resolved that buffer
 * (inside the one the server holds for the client) and its capacity, so the
 * reply, however late, writes there and checks the length against it. */
typedef struct {
	l4_tid_t client;
	int trace;
	void *bulk_at;
	uint32_t bulk_capacity;
} idlrt_token_t;

typedef int (*idlrt_dispatch_fn)(struct idlrt_request *rq);

static inline idlrt_token_t idlrt_token(const struct idlrt_request *rq)
{
	idlrt_token_t token = { rq->client, rq->trace, NULL, 0 };
	return token;
}

/* Checks MR0/MR1 against an interface: 0, or -EBADMSG, -ENOSYS, -EPROTONOSUPPORT.
 * Inline: with the dispatcher's constant id and version, a good header is one
 * compare with one word. A label past IDLRT_OP_MAX with a good header is
 * left to the dispatch's operation switch, which answers it -ENOSYS as here. */
static inline int idlrt_check_header(const uint32_t *mr, uint32_t iface_id, uint32_t version)
{
	uint32_t tag = mr[0], header = mr[1];
	if (L4_TAG_WORDS(tag) < 1)
		return -EBADMSG;
	if (iface_id <= 0xffffu && version <= 0xffffu && header == IDLRT_HEADER(iface_id, version))
		return 0;
	if (L4_TAG_LABEL(tag) > IDLRT_OP_MAX)
		return -ENOSYS;
	return IDLRT_HEADER_ID(header) != iface_id ? -ENOSYS : -EPROTONOSUPPORT;
}

/* The bytes of a string or buffer that travel in the message registers (a
 * few words): copied inline, where a call of the C library's memcpy costs
 * more than the bytes (about 28 instructions for one on the target). Whole
 * words go as single moves (unaligned ones are allowed on ARMv7 as on the
 * host), the rest byte by byte; the empty asm keeps the compiler from
 * turning the byte loop back into a memcpy call. */
static inline __attribute__((always_inline)) void idlrt_copy_bytes(void *to, const void *from, uint32_t len)
{
	uint8_t *dst = to;
	const uint8_t *src = from;
	for (; len >= 4; len -= 4, dst += 4, src += 4) {
		uint32_t word;
		__builtin_memcpy(&word, src, sizeof(word));
		__builtin_memcpy(dst, &word, sizeof(word));
	}
	for (; len != 0; len--) {
		*dst++ = *src++;
		__asm__("" : "+r"(dst));
	}
}

/* Puts an error reply (result only) into rq->mr; returns IDLRT_SEND_REPLY. */
int idlrt_reply_error(struct idlrt_request *rq, int error);

/* ---- Transport: implemented once for the target and once for the host --
 * idlrt_mr: this thread's message registers (the UTCB's mr[] on the target).
 * idlrt_call: sends the message in idlrt_mr() and waits for the reply into
 *   it: 0 or -errno. idlrt_send: sends it without waiting: 0 or -errno.
 * idlrt_call_regs: the same call for a message whose request and reply both
 *   fit the registers (IDLRT_REG_WORDS words, the tag included): words[] in,
 *   the reply's first IDLRT_REG_WORDS words out. A stub's array of them
 *   stays in the registers the kernel passes them in, never in the UTCB.
 * On the target they are inline over libl4; on the host, the loopback's. */
#define IDLRT_REG_WORDS		L4_MR_IN_REGS
#ifdef __arm__
#include <idlrt/transport_l4.h>
#else
uint32_t *idlrt_mr(void);
int idlrt_call(idlrt_dest_t to);
int idlrt_call_regs(idlrt_dest_t to, uint32_t words[IDLRT_REG_WORDS]);
int idlrt_send(idlrt_dest_t to);
#endif
/* ---- Bulk parameters (see docs/idl.md) ----------------------------------
 * The bytes of a `bulk` string or buffer travel in a buffer that the client
 * shares with the server; the message carries (offset, length). Stubs place
 * the parameters one after another, each at an 8-byte aligned offset.
 * idlrt_bulk_buffer: the calling thread's shared buffer for calls to dest
 *   (its address here and its size): 0 or -errno. The client program (or its
 *   libposix) implements it.
 * idlrt_bulk_copy: the stub's one copy between the caller's own memory and
 *   the shared buffer, either way: 0, or -EFAULT when the caller's pointer
 *   is bad (a runtime that can catch the fault says so; the loopback's is
 *   memcpy). The client program implements it beside idlrt_bulk_buffer.
 * idlrt_bulk_at: where offset..offset+len of the buffer the server holds for
 *   rq's client lies in the server's space: 0, or -EFAULT when the client has
 *   no buffer or the range is not inside it. The server implements it. */
int idlrt_bulk_buffer(idlrt_dest_t dest, void **base, uint32_t *size);
int idlrt_bulk_copy(void *to, const void *from, uint32_t len);
int idlrt_bulk_at(const struct idlrt_request *rq, uint32_t offset, uint32_t len, void **at);

#define IDLRT_BULK_ALIGN(len)	(((len) + 7u) & ~7u)

/* Whether offset..offset+len lies inside a buffer of size bytes (no overflow). */
static inline int idlrt_bulk_fits(uint32_t offset, uint32_t len, uint32_t size)
{
	return offset <= size && len <= size - offset;
}

/* The buffer in which to build a deferred reply, then idlrt_deferred_send. */
uint32_t *idlrt_deferred_begin(idlrt_token_t token);
int idlrt_deferred_send(idlrt_token_t token);

/* ---- Tracing ----------------------------------------------------------- */
/* Where trace lines go (one call per line, without the newline); set by the
 * program. Lines are dropped while it is NULL. */
extern void (*idlrt_trace_sink)(const char *line);
/* Optional: a name for a thread id ("test0"); hex ids are printed without. */
extern const char *(*idlrt_trace_name)(l4_tid_t tid);

#define IDLRT_TB_SIZE 256

/* "[t" + up to 10 digits + "]" + NUL */
#define IDLRT_CALLER_NAME_SIZE 16
/* A caller as the traced servers name it: "[N]" for process id N, "[tN]"
 * for kernel thread slot N (is_pid 0). The text lives until the next call. */
const char *idlrt_trace_caller(uint32_t number, int is_pid);

/* A trace line being built; text that does not fit ends in "...". */
struct idlrt_tb {
	char text[IDLRT_TB_SIZE];
	size_t len;
	int after_result;	/* the result was printed: fields now are outs */
	int outs;		/* an out field was printed */
};

void idlrt_tb_begin(struct idlrt_tb *tb, l4_tid_t client, const char *iface, const char *op, int is_reply);
void idlrt_tb_close(struct idlrt_tb *tb);
void idlrt_tb_field(struct idlrt_tb *tb, const char *name, int first);
void idlrt_tb_puts(struct idlrt_tb *tb, const char *text);
void idlrt_tb_int(struct idlrt_tb *tb, int64_t value);
void idlrt_tb_uint(struct idlrt_tb *tb, uint64_t value);
void idlrt_tb_hex(struct idlrt_tb *tb, uint64_t value);
void idlrt_tb_octal(struct idlrt_tb *tb, uint64_t value);
void idlrt_tb_enum(struct idlrt_tb *tb, const char *name, int32_t value);
void idlrt_tb_string(struct idlrt_tb *tb, const char *text);
void idlrt_tb_bytes(struct idlrt_tb *tb, const void *data, size_t len);
void idlrt_tb_result(struct idlrt_tb *tb, int result);
void idlrt_tb_end(struct idlrt_tb *tb);

#endif
