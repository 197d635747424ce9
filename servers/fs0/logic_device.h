/* logic_device.h - what logic_device.c gives the other logic files. */
#ifndef FS0_LOGIC_DEVICE_H
#define FS0_LOGIC_DEVICE_H

struct fs0_task;
struct fs0_vnode;

/* Puts /dev/console on descriptors 0, 1 and 2 of a fresh task; nothing when
 * fs0 has no console node. 0 or -FS0_ENOMEM. */
int device_open_console(struct fs0_task *task);
/* The device nodes in dir (/dev, or the root of a file system mounted there). */
int devices_fill(struct fs0_vnode *dir);

#endif
