/* handover.h - fs0 with a disk on several processors: a worker passes a
 * request that needs the disk to the main thread, which answers the client
 * itself (handover.c; docs/fs0.md, "Worker threads"). */
#ifndef FS0_HANDOVER_H
#define FS0_HANDOVER_H

#include <stdbool.h>
#include <stdint.h>
#include <idlrt/idlrt.h>

/* The main thread (the caller) and which thread serves each processor. */
void handover_set_workers(const l4_tid_t *worker_of, uint32_t count);
/* On a worker: sends rq's message, unchanged, to the main thread for its
 * client; the disposition for the worker's loop (no reply: the main thread
 * answers), or an error reply to the client if the main thread is gone. */
int handover_to_main(struct idlrt_request *rq);
/* On the main thread, in its wait for the disk alone (every fiber busy),
 * which the pool takes a worker's message in as well: if sender is a
 * worker, its message (in mr) is kept until a fiber is free, with the
 * client in the worker's slot. Whether it was one. */
bool handover_park(l4_tid_t sender, const uint32_t *mr);
bool handover_any_parked(void);
/* The first message kept, into rq as its worker sent it: whether any was. */
bool handover_unpark(struct idlrt_request *rq);
/* On the main thread: if rq came from a worker, rq->client becomes the
 * client that worker passed on. Whether it did. */
bool handover_take_client(struct idlrt_request *rq);

#endif
