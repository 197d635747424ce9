/* format.h - printf-style formatting without a C library, for the kernel.
 * Plain C, so the host tests compile the same file. */
#ifndef KERNEL_FORMAT_H
#define KERNEL_FORMAT_H

#include <stdarg.h>
#include <stddef.h>

typedef void (*format_sink)(char c, void *ctx);

/* Formats to a character sink. Conversions: %d %i %u %x %X %o %p %s %c %%,
 * the length modifiers l, ll, z, the flags '-' and '0', and a width.
 * Returns the number of characters produced. An unknown conversion is
 * written out as-is, so a bad format string never reads a stray argument. */
int format_emit(format_sink sink, void *ctx, const char *fmt, va_list args);

/* snprintf semantics: at most size-1 characters and a NUL (if size > 0);
 * returns the length the whole output would have had. */
int format_string(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
int format_vstring(char *buf, size_t size, const char *fmt, va_list args);

#endif
