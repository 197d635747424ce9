/* loopback.h - control of the host loopback transport used by protocol tests. */
#ifndef IDLRT_LOOPBACK_H
#define IDLRT_LOOPBACK_H

#include <idlrt/idlrt.h>

#define IDLRT_LOOPBACK_MAX_SERVERS	8
#define IDLRT_LOOPBACK_DEFAULT_CLIENT	L4_TID(1, 1)

/* Makes calls to tid run dispatch (with tracing if trace): 0 or -ENOMEM. */
int idlrt_loopback_bind(idlrt_dest_t tid, idlrt_dispatch_fn dispatch, int trace);
/* Forgets every binding, hook and pending call. */
void idlrt_loopback_reset(void);
/* The thread id servers see as the caller. */
void idlrt_loopback_set_self(l4_tid_t tid);
/* Runs hook while a call waits for a deferred reply (the test's "meanwhile");
 * a call still unanswered after it returns fails with -EDEADLK. */
void idlrt_loopback_on_block(void (*hook)(void *arg), void *arg);
/* Gives calls to tid a shared area of size bytes for bulk parameters (0: none),
 * which idlrt_bulk_buffer hands the stubs and idlrt_bulk_at checks ranges
 * against: 0, -ESRCH (tid not bound) or -ENOMEM. Freed by idlrt_loopback_reset. */
int idlrt_loopback_bulk(idlrt_dest_t tid, uint32_t size);
/* Makes the server hold only the first held bytes of that area (0: none), as
 * when a client shrinks or unmaps its buffer: the client still writes the
 * whole area, and the server answers -EFAULT for ranges past held. */
int idlrt_loopback_bulk_hold(idlrt_dest_t tid, uint32_t held);
/* How many deferred replies reached a waiting caller. */
unsigned idlrt_loopback_deferred_count(void);

#endif
