/* serve.h - the target server loop: receive, dispatch, reply from one place. */
#ifndef IDLRT_SERVE_H
#define IDLRT_SERVE_H

#include <idlrt/idlrt.h>

/* Receives requests for ever; each is dispatched and its reply (if any) sent
 * with reply-and-wait, so one IPC both answers and takes the next request. */
void idlrt_serve(idlrt_dispatch_fn dispatch, int trace) __attribute__((noreturn));

/* The same loop for a server with timed waits of its own: while *timer_armed
 * is not 0, receive_timeout is called before each receive; it does what is
 * due and returns how long the receive may wait for the next request (an L4
 * receive timeout: 1..0xfffe ms, or L4_TIMEOUT_NEVER). A receive that times
 * out just loops. Unarmed, the loop costs two loads more than idlrt_serve.
 * It also hands the processor to the client a request woke: the first
 * deferred reply the thread running it makes (idlrt_deferred_send) is held
 * and sent in the send half of the loop's next receive, the request's own
 * reply on its own just before. */
void idlrt_serve_timed(idlrt_dispatch_fn dispatch, uint16_t (*receive_timeout)(void),
		       const volatile uint32_t *timer_armed, int trace) __attribute__((noreturn));

/* Sends the deferred reply idlrt_serve_timed's loop holds, if any, on its
 * own (through the message registers): for a wait of that loop's thread
 * outside the loop's receive, which must not keep the client waiting. */
void idlrt_deferred_flush(void);

/* The parts of idlrt_serve_timed's loop that a generated loop with the
 * dispatch inlined (idlc's X_serve_timed, docs/idl.md) runs around its own
 * receive, so that both loops hold and time alike:
 * idlrt_hold_deferred: the calling thread's loop holds its first deferred
 *   reply (called once, before the loop);
 * idlrt_serve_timeouts: the timeouts word of the next receive;
 * idlrt_serve_held: whom the next receive's send half answers, after the
 *   loop's own reply to reply_to went on its own if a reply is held. */
extern l4_tid_t idlrt_held_client;
void idlrt_hold_deferred(void);
l4_tid_t idlrt_hand_over_held(l4_tid_t reply_to);

static inline __attribute__((always_inline)) uint32_t
idlrt_serve_timeouts(uint16_t (*receive_timeout)(void), const volatile uint32_t *timer_armed)
{
	if (__builtin_expect(*timer_armed != 0, 0))
		return L4_TIMEOUTS(L4_TIMEOUT_ZERO, receive_timeout());
	return L4_TIMEOUTS(L4_TIMEOUT_ZERO, L4_TIMEOUT_NEVER);
}

static inline __attribute__((always_inline)) l4_tid_t idlrt_serve_held(l4_tid_t reply_to)
{
	if (__builtin_expect(idlrt_held_client != L4_NILTHREAD, 0))
		return idlrt_hand_over_held(reply_to);
	return reply_to;
}

/* The same loop for a server that also takes the kernel's messages (labels
 * from L4_LABEL_KERNEL_MIN up: a bound interrupt, a page fault, an
 * exception): those go to on_kernel instead of the IDL dispatch, and its
 * disposition is honoured alike (IDLRT_SEND_REPLY resumes a faulting thread
 * with the message on_kernel left in rq->mr). */
void idlrt_serve_with_kernel(idlrt_dispatch_fn dispatch, idlrt_dispatch_fn on_kernel, int trace)
	__attribute__((noreturn));

#endif
