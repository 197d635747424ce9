/* disk_l4.h - fs0's disk on the target (disk_l4.c). */
#ifndef FS0_DISK_L4_H
#define FS0_DISK_L4_H

#include "ext2/ext2.h"

/* Finds blk0, attaches a window of it and describes the disk in out. */
int disk_attach(struct ext2_dev *out);
/* Gives the window back: the disk is not mounted. */
void disk_detach(void);

#endif
