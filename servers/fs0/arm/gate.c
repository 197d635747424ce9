/* gate.c - the disk's gate in fs0 on the target: its holder, the fibers
 * waiting for it in arrival order (which keeps each client's requests in
 * order), and which requests may go past it. */
#include "ext2fs.h"
#include "fdtable.h"
#include "fiber.h"
#include "file.h"
#include "fs0.h"
#include "gate.h"

static struct fiber *holder;
/* A ring of the waiting fibers: at most every fiber but the holder. */
static struct fiber *waiting[FIBER_COUNT];
static uint32_t waiting_first, waiting_count;

/* A request that names a descriptor no task of it has goes by the gate:
 * the handler answers it as before. */
static bool file_on_disk(l4_tid_t client, int32_t fd)
{
	int error;
	struct fs0_file *file = task_file(client, fd, &error);
	if (!file)
		return true;
	const struct fs0_mount *mount = file->vnode->mount;
	return mount && mount->ops == &ext2fs_ops;
}

bool gate_needed(const struct idlrt_request *rq)
{
	uint32_t tag = rq->mr[0];
	switch (L4_TAG_LABEL(tag)) {
	case FS0_OP_POLL:
	case FS0_OP_POLL_MASKED:
		return false;
	case FS0_OP_READ:
	case FS0_OP_WRITE:
	case FS0_OP_READ_SMALL:
	case FS0_OP_WRITE_SMALL:
		return L4_TAG_WORDS(tag) < 2 || file_on_disk(rq->client, (int32_t)rq->mr[2]);
	default:
		return true;
	}
}

void gate_enter(void)
{
	if (!holder) {
		holder = fiber_self();
		return;
	}
	waiting[(waiting_first + waiting_count) % FIBER_COUNT] = fiber_self();
	waiting_count++;
	fiber_keep_message();
	fiber_wait();
}

bool gate_try_enter(void)
{
	if (holder)
		return false;
	holder = fiber_self();
	return true;
}

void gate_leave(void)
{
	if (waiting_count == 0) {
		holder = NULL;
		return;
	}
	holder = waiting[waiting_first];
	waiting_first = (waiting_first + 1) % FIBER_COUNT;
	waiting_count--;
	fiber_wake(holder);
}
