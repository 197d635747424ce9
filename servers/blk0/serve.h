/* serve.h - blk0's requests (idl/block.idl) over one virtio block device:
 * the clients' windows, and the deferred replies waiting in the device's
 * slots. */
#ifndef BLK0_SERVE_H
#define BLK0_SERVE_H

#include <stdint.h>

#include <idlrt/idlrt.h>

#include "block.h"
#include "virtio_blk.h"

/* A client's window: DMA memory mm0 named as a shm segment at start. */
struct blk_window {
	uint32_t client;	/* the thread holding it, 0 when free */
	int32_t shmid;
	uint32_t phys;		/* its first byte, for the device */
};

/* What a slot in flight answers when the device finishes it. */
struct blk_pending {
	idlrt_token_t token;
	uint32_t op;				/* VIRTIO_BLK_T_* */
	const struct blk_window *window;	/* the data's, NULL for a flush */
};

struct blk_server {
	struct vblk *dev;
	struct blk_window windows[BLOCK_WINDOWS_MAX];
	struct blk_pending pending[VBLK_SLOTS];
	uint32_t lost_replies;	/* deferred replies whose client was gone */
};

extern struct blk_server blk_server;

/* Serves dev with the windows given (count at most BLOCK_WINDOWS_MAX, each
 * of BLOCK_WINDOW_SIZE bytes); then block_dispatch takes requests and
 * blk_serve_interrupt the device's interrupts. */
void blk_serve_start(struct vblk *dev, const struct blk_window *windows, uint32_t count);
/* The device's interrupt: every finished request is answered. */
void blk_serve_interrupt(void);

#endif
