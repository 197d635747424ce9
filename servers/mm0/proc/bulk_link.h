/* bulk_link.h - shared buffers for bulk parameters between a client thread
 * and any server but fs0 (whose buffer is fs/fs_link.c's): mm.bulk_buffer
 * and mm.bulk_attach (docs/mm0.md, "Bulk buffers for any server"). */
#ifndef MM0_BULK_LINK_H
#define MM0_BULK_LINK_H

#include <stdint.h>

struct task;

/* client's buffer for calls to the thread server_tid, made and mapped in
 * client's space on the first call: its address (size in *size) or
 * -ESRCH, -EINVAL (mm0 or fs0), -ENOBUFS, -ENOMEM. */
long bulk_link_buffer(struct task *client, uint32_t server_tid, uint32_t *size);
/* The buffer client_tid made for calls to server, mapped in server's space
 * (once; later calls answer the same address), and the thread ids (*gone,
 * up to MM0_BULK_GONE_MAX, their number in *gone_count) of ended clients
 * whose buffers for server are unmapped from it now. -ENOENT: none made. */
long bulk_link_attach(struct task *server, uint32_t client_tid, uint32_t *size, uint32_t *gone,
		      uint32_t *gone_count);
/* exec replaced task's image, and its buffers' mappings with it: the links
 * stay, so a server's record of task still names the same buffer, and the
 * new program's bulk_buffer maps it again. */
void bulk_link_exec(struct task *task);
/* A fork's child (another space) must not use the parent's buffers, as
 * client or server: their mappings in the child go. 0 or -errno. */
int bulk_link_fork(struct task *parent, struct task *child);
/* task ends. As a client its buffers leave its space; a server that mapped
 * one keeps it until told at its next attach (its record of the client stays
 * valid memory till then). As a server its mappings go. */
void bulk_link_gone(struct task *task);

#endif
