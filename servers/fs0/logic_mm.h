/* logic_mm.h - what the rest of the logic needs of mm0's file handles
 * (logic_mm.c): dropping them all at shutdown, counting them, and the file
 * behind one (msync(MS_SYNC)'s fsync, logic_sync.c). */
#ifndef FS0_LOGIC_MM_H
#define FS0_LOGIC_MM_H

#include <stdint.h>

void mm_release_all(void);
uint32_t mm_handle_count(void);
struct fs0_vnode;
/* The file mm0 holds as handle, or NULL when it holds no such handle. */
struct fs0_vnode *mm_handle_vnode(uint32_t handle);

#endif
