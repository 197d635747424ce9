/* vfprintf.c - the printf family's engine (printf, fprintf, snprintf ...
 * all call vfprintf in picolibc's stdio), replacing picolibc's, whose
 * floating-point conversions stop after 17 digits and round the shortest
 * decimal form instead of the value. Floats are in printf_float.c. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <wchar.h>

#include "printf_internal.h"

void sink_put(struct printf_sink *sink, char c)
{
	sink->written++;
	if (!sink->failed && sink->stream->put(c, sink->stream) < 0)
		sink->failed = true;
}

void sink_repeat(struct printf_sink *sink, char c, int count)
{
	while (count-- > 0)
		sink_put(sink, c);
}

void sink_write(struct printf_sink *sink, const char *text, int length)
{
	for (int i = 0; i < length; i++)
		sink_put(sink, text[i]);
}

void sink_padded(struct printf_sink *sink, const struct conversion *conv, const char *body,
		 int body_length)
{
	int padding = conv->width - body_length;

	if (!conv->left)
		sink_repeat(sink, ' ', padding);
	sink_write(sink, body, body_length);
	if (conv->left)
		sink_repeat(sink, ' ', padding);
}

enum length_modifier { LENGTH_NONE, LENGTH_HH, LENGTH_H, LENGTH_L, LENGTH_LL, LENGTH_J,
		       LENGTH_Z, LENGTH_T, LENGTH_BIG_L };

static uintmax_t take_unsigned(va_list *args, enum length_modifier length)
{
	switch (length) {
	case LENGTH_HH: return (unsigned char)va_arg(*args, unsigned);
	case LENGTH_H: return (unsigned short)va_arg(*args, unsigned);
	case LENGTH_L: return va_arg(*args, unsigned long);
	case LENGTH_LL: return va_arg(*args, unsigned long long);
	case LENGTH_J: return va_arg(*args, uintmax_t);
	case LENGTH_Z: return va_arg(*args, size_t);
	case LENGTH_T: return (uintmax_t)va_arg(*args, ptrdiff_t);
	default: return va_arg(*args, unsigned);
	}
}

static intmax_t take_signed(va_list *args, enum length_modifier length)
{
	switch (length) {
	case LENGTH_HH: return (signed char)va_arg(*args, int);
	case LENGTH_H: return (short)va_arg(*args, int);
	case LENGTH_L: return va_arg(*args, long);
	case LENGTH_LL: return va_arg(*args, long long);
	case LENGTH_J: return va_arg(*args, intmax_t);
	case LENGTH_Z: return (intmax_t)va_arg(*args, size_t);
	case LENGTH_T: return va_arg(*args, ptrdiff_t);
	default: return va_arg(*args, int);
	}
}

/* d i u o x X p: the prefix ("-", "0x"), precision zeros, the digits. */
static void format_integer(struct printf_sink *sink, const struct conversion *conv,
			   uintmax_t magnitude, bool negative)
{
	char digits[3 * sizeof(uintmax_t) + 1];
	const char *alphabet = conv->letter == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
	const char *prefix = "";
	unsigned base = conv->letter == 'o' ? 8 : (conv->letter == 'x' || conv->letter == 'X' ||
						    conv->letter == 'p') ? 16 : 10;
	int count = 0, precision = conv->precision < 0 ? 1 : conv->precision, zeros, padding;
	bool is_signed = conv->letter == 'd' || conv->letter == 'i';

	for (uintmax_t rest = magnitude; rest; rest /= base)
		digits[count++] = alphabet[rest % base];
	if (is_signed && negative)
		prefix = "-";
	else if (is_signed && conv->plus)
		prefix = "+";
	else if (is_signed && conv->space)
		prefix = " ";
	else if ((conv->alternate && base == 16 && magnitude) || conv->letter == 'p')
		prefix = conv->letter == 'X' ? "0X" : "0x";
	/* '#' with 'o' makes the first digit 0. */
	if (conv->alternate && base == 8 && precision <= count)
		precision = count + 1;
	zeros = precision > count ? precision - count : 0;
	padding = conv->width - (int)strlen(prefix) - zeros - count;
	if (conv->zero && !conv->left && conv->precision < 0 && padding > 0) {
		zeros += padding;
		padding = 0;
	}
	if (!conv->left)
		sink_repeat(sink, ' ', padding);
	sink_write(sink, prefix, (int)strlen(prefix));
	sink_repeat(sink, '0', zeros);
	while (count)
		sink_put(sink, digits[--count]);
	if (conv->left)
		sink_repeat(sink, ' ', padding);
}

static void format_string(struct printf_sink *sink, const struct conversion *conv, const char *text)
{
	int length = 0;

	if (!text)
		text = conv->precision < 0 || conv->precision >= 6 ? "(null)" : "";
	while (text[length] && (conv->precision < 0 || length < conv->precision))
		length++;
	sink_padded(sink, conv, text, length);
}

/* %ls: the wide string converted to multibyte characters, as many whole
 * characters as fit the precision. */
static void format_wide_string(struct printf_sink *sink, const struct conversion *conv,
			       const wchar_t *text)
{
	mbstate_t state;
	char one[MB_LEN_MAX];
	int length = 0;
	size_t size;

	if (!text) {
		format_string(sink, conv, NULL);
		return;
	}
	memset(&state, 0, sizeof(state));
	for (const wchar_t *wide = text; *wide; wide++) {
		size = wcrtomb(one, *wide, &state);
		if (size == (size_t)-1 || (conv->precision >= 0 && length + (int)size > conv->precision))
			break;
		length += (int)size;
	}
	if (!conv->left)
		sink_repeat(sink, ' ', conv->width - length);
	memset(&state, 0, sizeof(state));
	for (int done = 0; done < length; text++) {
		size = wcrtomb(one, *text, &state);
		sink_write(sink, one, (int)size);
		done += (int)size;
	}
	if (conv->left)
		sink_repeat(sink, ' ', conv->width - length);
}

static void store_count(va_list *args, enum length_modifier length, int count)
{
	switch (length) {
	case LENGTH_HH: *va_arg(*args, signed char *) = (signed char)count; break;
	case LENGTH_H: *va_arg(*args, short *) = (short)count; break;
	case LENGTH_L: *va_arg(*args, long *) = count; break;
	case LENGTH_LL: *va_arg(*args, long long *) = count; break;
	case LENGTH_J: *va_arg(*args, intmax_t *) = count; break;
	case LENGTH_Z: *va_arg(*args, size_t *) = (size_t)count; break;
	case LENGTH_T: *va_arg(*args, ptrdiff_t *) = count; break;
	default: *va_arg(*args, int *) = count; break;
	}
}

/* Reads digits or '*' (from the arguments); -1 when neither is there. */
static int parse_number(const char **format, va_list *args)
{
	int value = 0;

	if (**format == '*') {
		++*format;
		return va_arg(*args, int);
	}
	if (**format < '0' || **format > '9')
		return -1;
	while (**format >= '0' && **format <= '9') {
		if (value < INT_MAX / 10)
			value = value * 10 + (**format - '0');
		++*format;
	}
	return value;
}

static const char *parse_conversion(const char *format, va_list *args, struct conversion *conv,
				    enum length_modifier *length)
{
	memset(conv, 0, sizeof(*conv));
	for (;; format++) {
		if (*format == '-')
			conv->left = true;
		else if (*format == '+')
			conv->plus = true;
		else if (*format == ' ')
			conv->space = true;
		else if (*format == '#')
			conv->alternate = true;
		else if (*format == '0')
			conv->zero = true;
		else
			break;
	}
	conv->width = parse_number(&format, args);
	if (conv->width < 0 && format[-1] == '*') {
		conv->left = true;
		conv->width = conv->width == INT_MIN ? INT_MAX : -conv->width;
	}
	conv->precision = -1;
	if (*format == '.') {
		format++;
		conv->precision = parse_number(&format, args);
		if (conv->precision < 0 && format[-1] != '*')
			conv->precision = 0;	/* "." alone is precision 0 */
	}
	*length = LENGTH_NONE;
	switch (*format) {
	case 'h':
		*length = format[1] == 'h' ? LENGTH_HH : LENGTH_H;
		format += *length == LENGTH_HH ? 2 : 1;
		break;
	case 'l':
		*length = format[1] == 'l' ? LENGTH_LL : LENGTH_L;
		format += *length == LENGTH_LL ? 2 : 1;
		break;
	case 'q': *length = LENGTH_LL; format++; break;
	case 'j': *length = LENGTH_J; format++; break;
	case 'z': *length = LENGTH_Z; format++; break;
	case 't': *length = LENGTH_T; format++; break;
	case 'L': *length = LENGTH_BIG_L; format++; break;
	default: break;
	}
	conv->letter = *format;
	return format;
}

int vfprintf(FILE *restrict stream, const char *restrict format, va_list arguments)
{
	struct printf_sink sink = { stream, 0, false };
	struct conversion conv;
	enum length_modifier length;
	va_list args;
	int saved_errno = errno;

	if (!(stream->flags & __SWR)) {
		stream->flags |= __SERR;
		errno = EBADF;
		return -1;
	}
	va_copy(args, arguments);
	for (; *format; format++) {
		if (*format != '%') {
			sink_put(&sink, *format);
			continue;
		}
		format = parse_conversion(format + 1, &args, &conv, &length);
		switch (conv.letter) {
		case 'd': case 'i': {
			intmax_t value = take_signed(&args, length);
			format_integer(&sink, &conv, value < 0 ? -(uintmax_t)value : (uintmax_t)value,
				       value < 0);
			break;
		}
		case 'u': case 'o': case 'x': case 'X':
			format_integer(&sink, &conv, take_unsigned(&args, length), false);
			break;
		case 'p': {
			void *pointer = va_arg(args, void *);
			if (pointer)
				format_integer(&sink, &conv, (uintptr_t)pointer, false);
			else
				format_string(&sink, &(struct conversion){ .left = conv.left,
					      .width = conv.width, .precision = -1 }, "(nil)");
			break;
		}
		case 'c': {
			int argument = va_arg(args, int);
			char c = (char)argument;
			if (length == LENGTH_L) {
				wchar_t wide[2] = { (wchar_t)argument, 0 };
				format_wide_string(&sink, &(struct conversion){ .left = conv.left,
						   .width = conv.width, .precision = -1 }, wide);
			} else {
				sink_padded(&sink, &conv, &c, 1);
			}
			break;
		}
		case 's':
			if (length == LENGTH_L)
				format_wide_string(&sink, &conv, va_arg(args, const wchar_t *));
			else
				format_string(&sink, &conv, va_arg(args, const char *));
			break;
		case 'm':
			format_string(&sink, &conv, strerror(saved_errno));
			break;
		case 'a': case 'A': case 'e': case 'E': case 'f': case 'F': case 'g': case 'G':
			format_double(&sink, &conv, length == LENGTH_BIG_L ?
				      (double)va_arg(args, long double) : va_arg(args, double));
			break;
		case 'n':
			store_count(&args, length, sink.written);
			break;
		case '%':
			sink_put(&sink, '%');
			break;
		default:
			/* An unknown conversion is printed as it stands, "%" included. */
			sink_put(&sink, '%');
			if (!conv.letter)
				format--;
			else
				sink_put(&sink, conv.letter);
			break;
		}
	}
	va_end(args);
	if (sink.failed) {
		stream->flags |= __SERR;
		return -1;
	}
	return sink.written;
}
