/* message.c - header checks and error replies shared by every generated dispatcher. */
#include <errno.h>
#include <idlrt/idlrt.h>

int idlrt_check_header(const uint32_t *mr, uint32_t iface_id, uint32_t version)
{
	if (L4_TAG_WORDS(mr[0]) < 1)
		return -EBADMSG;
	if (L4_TAG_LABEL(mr[0]) > IDLRT_OP_MAX)
		return -ENOSYS;
	if (IDLRT_HEADER_ID(mr[1]) != iface_id)
		return -ENOSYS;
	if (IDLRT_HEADER_VERSION(mr[1]) != version)
		return -EPROTONOSUPPORT;
	return 0;
}

int idlrt_reply_error(struct idlrt_request *rq, int error)
{
	rq->mr[0] = L4_TAG(0, 1);
	rq->mr[1] = (uint32_t)error;
	return IDLRT_SEND_REPLY;
}
