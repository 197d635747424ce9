/* string.c - the memset and memcpy that the compiler may call. */
#include "kernel.h"

#define LINE_BYTES	64u

/* Fills whole 64-byte lines with two stores of eight registers each: page
 * tables, TCBs and UTCB pages are zeroed whole when allocated (a space's
 * first-level table is 8 KiB), where a store per word took 3 instructions
 * a word. */
static void fill_lines(void *dst, uint32_t word, size_t n)
{
	register uint32_t w0 asm("r4") = word, w1 asm("r5") = word, w2 asm("r6") = word;
	register uint32_t w3 asm("r7") = word, w4 asm("r8") = word, w5 asm("r9") = word;
	register uint32_t w6 asm("r10") = word, w7 asm("r12") = word;
	uint32_t *end = (uint32_t *)((char *)dst + n);

	asm volatile("1:\n\t"
		     "stmia	%0!, {r4-r10, r12}\n\t"
		     "stmia	%0!, {r4-r10, r12}\n\t"
		     "cmp	%0, %1\n\t"
		     "bne	1b"
		     : "+r"(dst)
		     : "r"(end), "r"(w0), "r"(w1), "r"(w2), "r"(w3), "r"(w4), "r"(w5), "r"(w6),
		       "r"(w7)
		     : "cc", "memory");
}

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
	if (n && !(((uint32_t)d | n) & (LINE_BYTES - 1))) {
		fill_lines(dst, (unsigned char)c * 0x01010101u, n);
		return dst;
	}
	if (!(((uint32_t)d | n) & 3)) {
		uint32_t word = (unsigned char)c * 0x01010101u;
		for (uint32_t *w = dst; n; n -= 4)
			*w++ = word;
		return dst;
	}
	while (n--)
		*d++ = (unsigned char)c;
	return dst;
}

void *memcpy(void *dst, const void *src, size_t n)
{
	unsigned char *d = dst;
	const unsigned char *s = src;
	if (!(((uint32_t)d | (uint32_t)s | n) & 3)) {
		uint32_t *dw = dst;
		const uint32_t *sw = src;
		for (; n; n -= 4)
			*dw++ = *sw++;
		return dst;
	}
	while (n--)
		*d++ = *s++;
	return dst;
}
