/* message.c - the error reply shared by every generated dispatcher. */
#include <idlrt/idlrt.h>

int idlrt_reply_error(struct idlrt_request *rq, int error)
{
	rq->mr[0] = L4_TAG(0, 1);
	rq->mr[1] = (uint32_t)error;
	return IDLRT_SEND_REPLY;
}
