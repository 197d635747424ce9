/* heap.h - the size of fs0's heap on the target (heap.c). */
#ifndef FS0_HEAP_H
#define FS0_HEAP_H

#include <stdint.h>

/* Bytes mm0 mapped for fs0's heap, its first word included. */
uint32_t fs0_heap_size(void);

#endif
