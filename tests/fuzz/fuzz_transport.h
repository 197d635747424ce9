/* fuzz_transport.h - the idlrt transport the dispatch fuzzers link instead of
 * the loopback: messages go straight into one bound dispatch, and every
 * reply, immediate or deferred, is checked and accounted per waiting client. */
#ifndef FUZZ_TRANSPORT_H
#define FUZZ_TRANSPORT_H

#include <stdbool.h>
#include <stdint.h>
#include <idlrt/idlrt.h>

/* Prints what broke and aborts, so libFuzzer records the input. */
void fuzz_fail(const char *fmt, ...) __attribute__((noreturn, format(printf, 1, 2)));
#define fuzz_check(cond, ...) do { if (!(cond)) fuzz_fail(__VA_ARGS__); } while (0)

/* Forgets the binding, the caller and every waiting client. */
void fuzz_transport_reset(void);
void fuzz_transport_bind(l4_tid_t server, idlrt_dispatch_fn dispatch);
/* The thread stubs (idlrt_call) speak as. */
void fuzz_transport_set_self(l4_tid_t tid);
/* Requests delivered from now on ask the dispatch to trace them (the lines
 * go to idlrt_trace_sink, which the fuzzers leave NULL). */
void fuzz_transport_trace(int on);

/* Delivers mr (tag and its words, as the kernel copies them) from client to
 * the bound dispatch. A reply must be well formed; a request left without
 * one makes the client wait. Returns the disposition; mr holds the reply. */
int fuzz_deliver(l4_tid_t client, uint32_t mr[L4_MR_COUNT]);

/* A client that sent a request and still has no answer. */
bool fuzz_waiting(l4_tid_t client);
unsigned fuzz_waiting_count(void);
l4_tid_t fuzz_waiting_at(unsigned index);
/* The client is gone (its thread destroyed): it waits no more. */
void fuzz_waiting_drop(l4_tid_t client);
/* Deferred replies delivered since the reset. */
unsigned fuzz_deferred_replies(void);

#endif
