/* serve_state.h - the few variables the wire side shares (serve*.c and the handle_*.c handlers). */
#ifndef FS0_SERVE_STATE_H
#define FS0_SERVE_STATE_H

#include <stdint.h>
#include <idlrt/idlrt.h>

extern l4_tid_t serve_mm0_tid;
/* mm0's other threads, which fs0 also takes as mm0 (mm_pager_thread):
 * its pager thread and its workers, one per processor but the first. */
#define SERVE_MM0_THREADS_MAX	4
extern l4_tid_t serve_mm0_pager_tids[SERVE_MM0_THREADS_MAX];
extern uint8_t *serve_window;
extern uint32_t serve_window_size;

#endif
