/* device.h - the bytes of fs0's character devices (device.c). */
#ifndef FS0_DEVICE_H
#define FS0_DEVICE_H

#include <stddef.h>
#include <stdint.h>

struct fs0_vnode;

/* read and write on a character device vnode; the terminal's bytes are the
 * console server's, so fs0 answers -FS0_ENXIO for them. */
long device_read(struct fs0_vnode *vnode, void *buf, size_t len);
long device_write(struct fs0_vnode *vnode, const void *buf, size_t len);
/* Whether the device is the terminal (console or tty), which cannot seek. */
int device_is_terminal(const struct fs0_vnode *vnode);

#endif
