/* placement.h - which processor each new process and thread starts on. */
#ifndef MM0_PLACEMENT_H
#define MM0_PLACEMENT_H

#include <stdint.h>

/* Moves the new, not yet started thread tid to the next processor in turn;
 * nothing with one processor. */
void place_new_thread(uint32_t tid);
/* The pager a thread created now should have: mm0's worker on the processor
 * place_new_thread will give it, or the calling thread. */
uint32_t place_next_pager(void);

#endif
