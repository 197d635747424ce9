/* data_copy.h - fs0's copy of file bytes between a client's shared buffer and
 * file pages or the ext2 library's cache blocks (and between those blocks and
 * its staging buffer), the whole cost of a large read or write. Here, below
 * both, since the ext2 library calls nothing of fs0's. */
#ifndef SERVER_DATA_COPY_H
#define SERVER_DATA_COPY_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define DATA_COPY_SMALL	8

/* On ARM, word-aligned copies (file pages and shared buffers are) go 256
 * bytes a loop through eight-register ldm/stm pairs: 18 instructions where
 * picolibc's ldrd/strd loop takes about 64. The rest, and unaligned copies,
 * go through memcpy. */
static inline void data_copy(void *to, const void *from, size_t len)
{
	/* A few bytes (a pipe's ping-pong, a small read) go one by one: a call
	 * of memcpy for one byte costs about 14 instructions. The empty asm
	 * keeps the compiler from making the loop a call of memcpy again. */
	if (len <= DATA_COPY_SMALL) {
		uint8_t *dst = to;
		const uint8_t *src = from;
		for (; len != 0; len--) {
			*dst++ = *src++;
			__asm__("" : "+r"(dst));
		}
		return;
	}
#if defined(__arm__)
	enum { BLOCK = 256 };
	if ((((uintptr_t)to | (uintptr_t)from) & 3) == 0 && len >= BLOCK) {
		size_t blocks = len / BLOCK;
		asm volatile("1:\n\t"
			     "ldm %1!, {r3-r10}\n\tstm %0!, {r3-r10}\n\t"
			     "ldm %1!, {r3-r10}\n\tstm %0!, {r3-r10}\n\t"
			     "ldm %1!, {r3-r10}\n\tstm %0!, {r3-r10}\n\t"
			     "ldm %1!, {r3-r10}\n\tstm %0!, {r3-r10}\n\t"
			     "ldm %1!, {r3-r10}\n\tstm %0!, {r3-r10}\n\t"
			     "ldm %1!, {r3-r10}\n\tstm %0!, {r3-r10}\n\t"
			     "ldm %1!, {r3-r10}\n\tstm %0!, {r3-r10}\n\t"
			     "ldm %1!, {r3-r10}\n\tstm %0!, {r3-r10}\n\t"
			     "subs %2, %2, #1\n\t"
			     "bne 1b"
			     : "+r"(to), "+r"(from), "+r"(blocks)
			     :
			     : "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10", "cc", "memory");
		len %= BLOCK;
	}
#endif
	memcpy(to, from, len);
}

#endif
