/* The thread request of idl/mm0.idl that pthread_cancel uses; proc/thread_interrupt.c acts. */
#include "mm0_server.h"
#include "proc/task.h"
#include "proc/thread_interrupt.h"

int mm_handle_thread_interrupt(struct idlrt_request *idl_rq, uint32_t thread)
{
	return (int)mm0_thread_interrupt(task_by_l4_tid(idl_rq->client), thread);
}
