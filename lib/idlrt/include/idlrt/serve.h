/* serve.h - the target server loop: receive, dispatch, reply from one place. */
#ifndef IDLRT_SERVE_H
#define IDLRT_SERVE_H

#include <idlrt/idlrt.h>

/* Receives requests for ever; each is dispatched and its reply (if any) sent
 * with reply-and-wait, so one IPC both answers and takes the next request. */
void idlrt_serve(idlrt_dispatch_fn dispatch, int trace) __attribute__((noreturn));

#endif
