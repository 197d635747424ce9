/* serve.h - fs0 on the wire: the state the IDL handlers share (who mm0 is,
 * the window of shared buffers) and where each thread's buffer lies in it. */
#ifndef FS0_SERVE_H
#define FS0_SERVE_H

#include <stdint.h>
#include <idlrt/idlrt.h>
#include <idlrt/bulk_hold.h>
#include "fs0_logic.h"

/* Starts the logic (fs_init) with replies going out through the generated
 * deferred-reply functions. mm0_tid is the only thread allowed the mm0
 * requests; window is where fs0 sees shared buffers (FS0_WINDOW_BASE on the
 * target, any memory on the host), window_size bytes long. */
int fs0_serve_init(l4_tid_t mm0_tid, void *window, uint32_t window_size);
/* Ends every task (waiting callers get -EINTR), forgets every buffer and
 * the workers. */
void fs0_serve_shutdown(void);

/* Handlers of mm0's requests call this first: 0 or -FS0_EPERM. */
int serve_require_mm0(const struct idlrt_request *rq);

/* ---- Shared buffers (serve_buffer.c) ---------------------------------
 * tid's buffer is window_off..window_off+size of the window (size 0: none):
 * 0, -FS0_EINVAL, -FS0_ENOMEM. idlrt's registry holds it (idlrt/bulk_hold.h). */
int buffer_set(l4_tid_t tid, uint32_t window_off, uint32_t size);

/* ---- Worker threads (serve_workers.c) --------------------------------
 * tids[i] serves callers on processor i, for count processors (0: one
 * thread, the workers request answers none): 0, or -FS0_EINVAL for more
 * than FS0_WORKERS_MAX or a nil thread. */
int serve_set_workers(const l4_tid_t *tids, uint32_t count);

#endif
