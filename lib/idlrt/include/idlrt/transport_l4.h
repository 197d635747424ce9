/* transport_l4.h - the target's call path, inline so that a stub is its stores
 * into the UTCB plus the IPC itself (no extra calls). */
#ifndef IDLRT_TRANSPORT_L4_H
#define IDLRT_TRANSPORT_L4_H

#include <errno.h>
#include <l4/ipc.h>

/* Kernel error codes (negative L4_E*) as the -errno values stubs return. */
static inline int idlrt_errno_of(int l4_error)
{
	switch (-l4_error) {
	case L4_ETIMEOUT:
		return -ETIMEDOUT;
	case L4_ENOTHREAD:
		return -ESRCH;
	case L4_EPARTNER:
		return -ECONNRESET;
	case L4_ECANCELED:
		return -EINTR;
	case L4_EMSGSIZE:
		return -EMSGSIZE;
	case L4_EPERM:
		return -EPERM;
	default:
		return -EIO;
	}
}

static inline uint32_t *idlrt_mr(void)
{
	return l4_utcb()->mr;
}

static inline int idlrt_call(idlrt_dest_t to)
{
	int err = l4_call(to);
	return err < 0 ? idlrt_errno_of(err) : 0;
}

static inline int idlrt_send(idlrt_dest_t to)
{
	int err = l4_send(to, L4_TIMEOUTS_NEVER);
	return err < 0 ? idlrt_errno_of(err) : 0;
}

#endif
