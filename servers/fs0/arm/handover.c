/* handover.c - a worker's request for the disk passed to fs0's main thread:
 * the worker keeps the client in its processor's slot and sends the request
 * as it came; the main thread, receiving from that worker, takes the client
 * from the slot and empties it. A worker that has a second request to pass
 * before the main thread took the first one's client waits for the slot in
 * wfe: the main thread empties it first thing after its receive. The main
 * thread's wait for the disk thread alone is a receive from one thread of
 * fs0's own space, a worker pool, so a worker's message may come there: it
 * is kept (parked), its slot still full, until a fiber takes it; so at most
 * one per worker is kept. */
#include <errno.h>
#include <string.h>
#include <l4/ipc.h>
#include "fs0_server.h"
#include "handover.h"

static l4_tid_t main_thread = L4_NILTHREAD;
static l4_tid_t worker_of_processor[FS0_WORKERS_MAX];
static uint32_t processors;
static l4_tid_t client_of_processor[FS0_WORKERS_MAX];
static uint32_t parked_message[FS0_WORKERS_MAX][L4_MR_COUNT];
/* The processors whose worker's message is parked, in arrival order. */
static uint32_t parked_processor[FS0_WORKERS_MAX];
static uint32_t parked_first, parked_count;

void handover_set_workers(const l4_tid_t *worker_of, uint32_t count)
{
	main_thread = l4_myself();
	for (uint32_t cpu = 0; cpu < count && cpu < FS0_WORKERS_MAX; cpu++) {
		worker_of_processor[cpu] = worker_of[cpu];
		client_of_processor[cpu] = L4_NILTHREAD;
	}
	processors = count < FS0_WORKERS_MAX ? count : FS0_WORKERS_MAX;
}

int handover_to_main(struct idlrt_request *rq)
{
	l4_tid_t *slot = &client_of_processor[l4_my_processor()];
	while (__atomic_load_n(slot, __ATOMIC_ACQUIRE) != L4_NILTHREAD)
		asm volatile("wfe" ::: "memory");
	__atomic_store_n(slot, rq->client, __ATOMIC_RELEASE);
	if (l4_send(main_thread, L4_TIMEOUTS_NEVER) == 0)
		return IDLRT_NO_REPLY;
	__atomic_store_n(slot, L4_NILTHREAD, __ATOMIC_RELEASE);
	return idlrt_reply_error(rq, -EIO);
}

bool handover_take_client(struct idlrt_request *rq)
{
	for (uint32_t cpu = 0; cpu < processors; cpu++) {
		if (worker_of_processor[cpu] != rq->client || rq->client == main_thread)
			continue;
		l4_tid_t *slot = &client_of_processor[cpu];
		rq->client = __atomic_load_n(slot, __ATOMIC_ACQUIRE);
		__atomic_store_n(slot, L4_NILTHREAD, __ATOMIC_RELEASE);
		asm volatile("dsb ish; sev" ::: "memory");
		return true;
	}
	return false;
}

bool handover_park(l4_tid_t sender, const uint32_t *mr)
{
	for (uint32_t cpu = 0; cpu < processors; cpu++) {
		if (worker_of_processor[cpu] != sender || sender == main_thread)
			continue;
		memcpy(parked_message[cpu], mr, (L4_TAG_WORDS(mr[0]) + 1u) * sizeof(mr[0]));
		parked_processor[(parked_first + parked_count) % FS0_WORKERS_MAX] = cpu;
		parked_count++;
		return true;
	}
	return false;
}

bool handover_any_parked(void)
{
	return parked_count != 0;
}

bool handover_unpark(struct idlrt_request *rq)
{
	if (parked_count == 0)
		return false;
	uint32_t cpu = parked_processor[parked_first];
	parked_first = (parked_first + 1u) % FS0_WORKERS_MAX;
	parked_count--;
	const uint32_t *message = parked_message[cpu];
	memcpy(rq->mr, message, (L4_TAG_WORDS(message[0]) + 1u) * sizeof(message[0]));
	rq->client = worker_of_processor[cpu];
	return true;
}
