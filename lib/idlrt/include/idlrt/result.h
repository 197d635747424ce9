/* result.h - what a handler's int result may be, and the one value outside
 * that range which defers the reply. Free of the transport, so server logic
 * compiled for the host (fs0's, the console's terminal) can use it too. */
#ifndef IDLRT_RESULT_H
#define IDLRT_RESULT_H

#include <limits.h>

/* A result is 0..INT_MAX on success or -1..-IDLRT_ERRNO_MAX (-errno) on
 * failure; a client reads anything below -IDLRT_ERRNO_MAX as no error code. */
#define IDLRT_ERRNO_MAX		4095

/* A handler of a deferred operation (and the logic under it) returns this to
 * answer later through the generated IFACE_OP_reply. It is the only result
 * that never goes on the wire, so it lies outside the range above. */
#define IDLRT_DEFERRED		INT_MIN

_Static_assert(IDLRT_DEFERRED < -IDLRT_ERRNO_MAX, "IDLRT_DEFERRED must not be a result");

#endif
