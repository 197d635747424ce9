/* bulk_hold.h - the server side of bulk parameters, for any server: the
 * buffer it holds for each client thread, which the library's idlrt_bulk_at
 * checks every bulk range against (docs/idl.md, "Bulk parameters"). */
#ifndef IDLRT_BULK_HOLD_H
#define IDLRT_BULK_HOLD_H

#include <stdint.h>
#include <idlrt/idlrt.h>

/* From now on client's bulk ranges lie in base..base+size of this space
 * (replacing any buffer held for it; size 0 forgets it): 0, -EINVAL for a
 * nil client or no base, -ENOMEM. */
int idlrt_bulk_hold(l4_tid_t client, void *base, uint32_t size);
void idlrt_bulk_forget(l4_tid_t client);
void idlrt_bulk_forget_all(void);
/* How many clients' buffers are held, for leak checks. */
uint32_t idlrt_bulk_held(void);

/* Implemented by the server program (libposix's asks mm0, fs0's refuses):
 * called by idlrt_bulk_at for a client whose buffer is not held, it makes
 * the buffer held (idlrt_bulk_hold) and returns 0, or returns -errno. */
int idlrt_bulk_attach(l4_tid_t client);

#endif
