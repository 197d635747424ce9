/* serve_buffer.c - each client thread's shared buffer: where mm0 says it lies
 * in fs0's window, held in idlrt's registry (idlrt/bulk_hold.h), which checks
 * every bulk parameter's range before the generated dispatch runs a handler. */
#include <idlrt/bulk_hold.h>
#include "serve.h"
#include "serve_state.h"

int buffer_set(l4_tid_t tid, uint32_t window_off, uint32_t size)
{
	if (tid == L4_NILTHREAD || window_off % 8 != 0)
		return -FS0_EINVAL;
	if (window_off > serve_window_size || size > serve_window_size - window_off)
		return -FS0_EINVAL;
	return idlrt_bulk_hold(tid, serve_window + window_off, size) ? -FS0_ENOMEM : 0;
}

/* mm0 registers every buffer (set_buffer) before its thread can use it, and
 * fs0 never calls mm0: a buffer not held is none. */
int idlrt_bulk_attach(l4_tid_t client)
{
	(void)client;
	return -FS0_EFAULT;
}
