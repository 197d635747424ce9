/* handle_device.c - the handler of the device request: which device a
 * descriptor is open on (clients send a terminal's bytes to the console server). */
#include "fs0_logic.h"
#include "fs0_server.h"

int fs0_handle_device(struct idlrt_request *idl_rq, int32_t fd)
{
	return fs_device(idl_rq->client, fd);
}
