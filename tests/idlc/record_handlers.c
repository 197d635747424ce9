/* record_handlers.c - the record_test server's handlers, run by check_record over the loopback. */
#include <string.h>
#include "test_record_server.h"

int record_test_handle_mirror(struct idlrt_request *idl_rq, const struct record_test_record *r,
			      struct record_test_record *echoed)
{
	(void)idl_rq;
	*echoed = *r;
	echoed->number = r->number + 1;
	for (uint32_t i = 0; i < r->blob_len; i++)
		echoed->blob[i] = r->blob[r->blob_len - 1 - i];
	return (int)r->blob_len;
}

/* Up to the bound the blob holds 0, 1, 2 ...; beyond it only the length says more. */
int record_test_handle_make(struct idlrt_request *idl_rq, uint32_t len, struct record_test_record *made)
{
	(void)idl_rq;
	strcpy(made->name, "made");
	for (uint32_t i = 0; i < len && i < RECORD_TEST_BLOB_MAX; i++)
		made->blob[i] = (uint8_t)i;
	made->blob_len = len;
	return 0;
}
