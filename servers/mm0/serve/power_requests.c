/* power_requests.c - mm.power_off: a process stops the system (the
 * poweroff program, libposix's reboot(RB_POWER_OFF)). */
#include <errno.h>

#include "mm0_server.h"
#include "proc/task.h"
#include "serve/serve.h"

void (*serve_power_off)(long pid);

int mm_handle_power_off(struct idlrt_request *idl_rq)
{
	const struct task *caller = task_by_l4_tid(idl_rq->client);

	if (!caller)
		return -ESRCH;
	if (!serve_power_off)
		return -ENOSYS;
	serve_power_off(caller->pid);
	return 0;
}
