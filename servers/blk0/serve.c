/* serve.c - blk0's request handlers: each read or write is checked against
 * the disk and the caller's window, queued to the device in a slot, and
 * answered from the completion interrupt through the generated deferred
 * replies, in whatever order the device finishes them. */
#include <errno.h>
#include <string.h>

#include "block_server.h"
#include "serve.h"

_Static_assert(BLOCK_SECTOR_SIZE == VBLK_SECTOR_SIZE, "block.idl and virtio_blk.h disagree on the sector");
_Static_assert(BLOCK_IN_FLIGHT_MAX == VBLK_SLOTS, "block.idl and virtio_blk.h disagree on requests in flight");

struct blk_server blk_server;

void blk_serve_start(struct vblk *dev, const struct blk_window *windows, uint32_t count)
{
	memset(&blk_server, 0, sizeof(blk_server));
	blk_server.dev = dev;
	for (uint32_t i = 0; i < count && i < BLOCK_WINDOWS_MAX; i++) {
		blk_server.windows[i] = windows[i];
		blk_server.windows[i].client = 0;
	}
}

static struct blk_window *window_of(uint32_t client)
{
	for (uint32_t i = 0; i < BLOCK_WINDOWS_MAX; i++)
		if (blk_server.windows[i].shmid > 0 && blk_server.windows[i].client == client)
			return &blk_server.windows[i];
	return NULL;
}

/* A window some thread holds, by its shm id. */
static struct blk_window *window_named(int32_t shmid)
{
	for (uint32_t i = 0; i < BLOCK_WINDOWS_MAX; i++)
		if (blk_server.windows[i].shmid == shmid && blk_server.windows[i].client)
			return &blk_server.windows[i];
	return NULL;
}

static void answer(uint32_t slot, int result)
{
	const struct blk_pending *p = &blk_server.pending[slot];
	int err;

	if (p->op == VIRTIO_BLK_T_IN)
		err = block_read_reply(p->token, result);
	else if (p->op == VIRTIO_BLK_T_OUT)
		err = block_write_reply(p->token, result);
	else
		err = block_flush_reply(p->token, result);
	if (err < 0)
		blk_server.lost_replies++;
}

static void request_done(void *ctx, uint32_t slot, int result)
{
	(void)ctx;
	/* A device that refuses a flush keeps no cache to flush. */
	if (result == -EOPNOTSUPP)
		result = blk_server.pending[slot].op == VIRTIO_BLK_T_FLUSH ? 0 : -EIO;
	answer(slot, result);
}

void blk_serve_interrupt(void)
{
	vblk_interrupt(blk_server.dev, request_done, NULL);
}

static int queue(idlrt_token_t token, uint32_t op, const struct blk_window *window,
		 uint64_t sector, uint32_t phys, uint32_t len)
{
	int slot = vblk_submit(blk_server.dev, op, sector, phys, len);

	if (slot < 0)
		return slot;
	blk_server.pending[slot] = (struct blk_pending){ token, op, window };
	return IDLRT_DEFERRED;
}

/* A read or write of count sectors at sector through a window at offset. */
static int transfer(idlrt_token_t token, uint32_t op, uint64_t sector, uint32_t count,
		    int32_t shmid, uint32_t offset)
{
	const struct vblk *dev = blk_server.dev;
	const struct blk_window *window = window_named(shmid);
	uint32_t len = count * BLOCK_SECTOR_SIZE;

	if (!window)
		return -ENXIO;
	if (count == 0 || count > BLOCK_WINDOW_SIZE / BLOCK_SECTOR_SIZE ||
	    sector > dev->capacity || count > dev->capacity - sector ||
	    offset % BLOCK_SECTOR_SIZE || offset > BLOCK_WINDOW_SIZE - len)
		return -EINVAL;
	if (op == VIRTIO_BLK_T_OUT && dev->read_only)
		return -EROFS;
	return queue(token, op, window, sector, window->phys + offset, len);
}

int block_handle_info(struct idlrt_request *idl_rq, uint64_t *sectors, uint32_t *block_size)
{
	(void)idl_rq;
	*sectors = blk_server.dev->capacity;
	*block_size = blk_server.dev->block_size;
	return 0;
}

int block_handle_window(struct idlrt_request *idl_rq, int32_t *shmid, uint32_t *size)
{
	struct blk_window *window = window_of(idl_rq->client);

	for (uint32_t i = 0; !window && i < BLOCK_WINDOWS_MAX; i++)
		if (blk_server.windows[i].shmid > 0 && blk_server.windows[i].client == 0) {
			window = &blk_server.windows[i];
			window->client = idl_rq->client;
		}
	if (!window)
		return -ENOSPC;
	*shmid = window->shmid;
	*size = BLOCK_WINDOW_SIZE;
	return 0;
}

int block_handle_release(struct idlrt_request *idl_rq)
{
	struct blk_window *window = window_of(idl_rq->client);

	if (!window)
		return -ENXIO;
	for (uint32_t slot = 0; slot < VBLK_SLOTS; slot++)
		if ((blk_server.dev->busy & (1u << slot)) && blk_server.pending[slot].window == window)
			return -EBUSY;
	window->client = 0;
	return 0;
}

int block_handle_read(struct idlrt_request *idl_rq, idlrt_token_t idl_token, uint64_t sector,
		      uint32_t count, int32_t window, uint32_t offset)
{
	(void)idl_rq;
	return transfer(idl_token, VIRTIO_BLK_T_IN, sector, count, window, offset);
}

int block_handle_write(struct idlrt_request *idl_rq, idlrt_token_t idl_token, uint64_t sector,
		       uint32_t count, int32_t window, uint32_t offset)
{
	(void)idl_rq;
	return transfer(idl_token, VIRTIO_BLK_T_OUT, sector, count, window, offset);
}

int block_handle_flush(struct idlrt_request *idl_rq, idlrt_token_t idl_token)
{
	(void)idl_rq;
	if (!blk_server.dev->can_flush)
		return 0;
	return queue(idl_token, VIRTIO_BLK_T_FLUSH, NULL, 0, 0, 0);
}
