/* grow_handlers.c - the old and the new grow server's handlers, run by check_grow over the loopback. */
#include "grow_handlers.h"

struct grow_old_settings grow_old_received;
struct grow_settings grow_received;

int grow_old_handle_apply(struct idlrt_request *idl_rq, uint32_t base, const struct grow_old_settings *s)
{
	(void)idl_rq;
	grow_old_received = *s;
	return (int)(base + s->width);
}

int grow_handle_apply(struct idlrt_request *idl_rq, uint32_t base, const struct grow_settings *s)
{
	(void)idl_rq;
	grow_received = *s;
	return (int)(base + s->width);
}
