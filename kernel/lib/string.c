/* string.c - the memset and memcpy that the compiler may call. */
#include "kernel.h"

void *memset(void *dst, int c, size_t n)
{
	unsigned char *d = dst;
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
