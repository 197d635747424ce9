/* serve_state.h - the few variables the wire side shares (serve*.c and the handle_*.c handlers). */
#ifndef FS0_SERVE_STATE_H
#define FS0_SERVE_STATE_H

#include <stdint.h>
#include <idlrt/idlrt.h>

extern l4_tid_t serve_mm0_tid;
/* mm0's second thread, which fs0 also takes as mm0 (mm_pager_thread). */
extern l4_tid_t serve_mm0_pager_tid;
extern uint8_t *serve_window;
extern uint32_t serve_window_size;

#endif
