/* printf_internal.h - what vfprintf.c and printf_float.c share: the output
 * sink and one parsed conversion. */
#ifndef LIBPOSIX_PRINTF_INTERNAL_H
#define LIBPOSIX_PRINTF_INTERNAL_H

#include <stdbool.h>
#include <stdio.h>

struct printf_sink {
	FILE *stream;
	int written;		/* characters produced, written or not */
	bool failed;		/* the stream refused a character */
};

struct conversion {
	bool left;		/* '-' */
	bool plus;		/* '+' */
	bool space;		/* ' ' */
	bool alternate;		/* '#' */
	bool zero;		/* '0' */
	int width;
	int precision;		/* -1 when not given */
	char letter;
};

void sink_put(struct printf_sink *sink, char c);
void sink_repeat(struct printf_sink *sink, char c, int count);
void sink_write(struct printf_sink *sink, const char *text, int length);
/* Writes body padded with spaces to the conversion's width. */
void sink_padded(struct printf_sink *sink, const struct conversion *conv, const char *body,
		 int body_length);

/* %a %A %e %E %f %F %g %G of one double, exactly rounded. */
void format_double(struct printf_sink *sink, const struct conversion *conv, double value);

#endif
