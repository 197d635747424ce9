/* format.c - the kernel's printf engine (see format.h). */
#include <stdint.h>
#include "format.h"

struct format_spec {
	int left_align;
	int zero_pad;
	int width;
	int length;		/* 0: int, 1: long, 2: long long, 3: size_t */
};

struct counting_sink {
	format_sink sink;
	void *ctx;
	int count;
};

static void put(struct counting_sink *out, char c)
{
	out->sink(c, out->ctx);
	out->count++;
}

static void pad(struct counting_sink *out, char c, int n)
{
	while (n-- > 0)
		put(out, c);
}

/* Emits text of length len, padded to the spec's width. A sign or "0x"
 * prefix goes before zero padding and after space padding. */
static void emit_padded(struct counting_sink *out, const struct format_spec *spec,
			const char *prefix, const char *text, int len)
{
	int prefix_len = 0;
	while (prefix[prefix_len])
		prefix_len++;
	int fill = spec->width - len - prefix_len;

	if (!spec->left_align && !spec->zero_pad)
		pad(out, ' ', fill);
	for (int i = 0; i < prefix_len; i++)
		put(out, prefix[i]);
	if (!spec->left_align && spec->zero_pad)
		pad(out, '0', fill);
	for (int i = 0; i < len; i++)
		put(out, text[i]);
	if (spec->left_align)
		pad(out, ' ', fill);
}

static void emit_number(struct counting_sink *out, const struct format_spec *spec,
			unsigned long long value, unsigned base, int negative,
			int upper, const char *prefix)
{
	const char *digits = upper ? "0123456789ABCDEF" : "0123456789abcdef";
	char text[24];		/* 22 octal digits hold 64 bits */
	int len = 0;

	do {
		text[sizeof(text) - 1 - len++] = digits[value % base];
		value /= base;
	} while (value);
	emit_padded(out, spec, negative ? "-" : prefix,
		    text + sizeof(text) - len, len);
}

static unsigned long long fetch_unsigned(const struct format_spec *spec, va_list *args)
{
	switch (spec->length) {
	case 1: return va_arg(*args, unsigned long);
	case 2: return va_arg(*args, unsigned long long);
	case 3: return va_arg(*args, size_t);
	default: return va_arg(*args, unsigned int);
	}
}

static long long fetch_signed(const struct format_spec *spec, va_list *args)
{
	switch (spec->length) {
	case 1: return va_arg(*args, long);
	case 2: return va_arg(*args, long long);
	case 3: return (long long)va_arg(*args, size_t);
	default: return va_arg(*args, int);
	}
}

/* Parses flags, width and length after a '%'; returns the conversion char. */
static const char *parse_spec(const char *fmt, struct format_spec *spec)
{
	*spec = (struct format_spec){0};
	for (;; fmt++) {
		if (*fmt == '-')
			spec->left_align = 1;
		else if (*fmt == '0')
			spec->zero_pad = 1;
		else
			break;
	}
	while (*fmt >= '0' && *fmt <= '9') {
		if (spec->width < 1000)	/* bound absurd widths */
			spec->width = spec->width * 10 + (*fmt - '0');
		fmt++;
	}
	if (*fmt == 'z') {
		spec->length = 3;
		fmt++;
	} else {
		while (*fmt == 'l' && spec->length < 2) {
			spec->length++;
			fmt++;
		}
	}
	return fmt;
}

int format_emit(format_sink sink, void *ctx, const char *fmt, va_list args)
{
	struct counting_sink out = { sink, ctx, 0 };
	va_list ap;

	va_copy(ap, args);
	while (*fmt) {
		if (*fmt != '%') {
			put(&out, *fmt++);
			continue;
		}
		const char *start = fmt;
		struct format_spec spec;
		fmt = parse_spec(fmt + 1, &spec);
		switch (*fmt) {
		case 'd':
		case 'i': {
			long long v = fetch_signed(&spec, &ap);
			unsigned long long magnitude = v < 0 ? 0ull - (unsigned long long)v
							     : (unsigned long long)v;
			emit_number(&out, &spec, magnitude, 10, v < 0, 0, "");
			break;
		}
		case 'u':
			emit_number(&out, &spec, fetch_unsigned(&spec, &ap), 10, 0, 0, "");
			break;
		case 'x':
		case 'X':
			emit_number(&out, &spec, fetch_unsigned(&spec, &ap), 16, 0,
				    *fmt == 'X', "");
			break;
		case 'o':
			emit_number(&out, &spec, fetch_unsigned(&spec, &ap), 8, 0, 0, "");
			break;
		case 'p':
			emit_number(&out, &spec, (uintptr_t)va_arg(ap, void *), 16, 0, 0, "0x");
			break;
		case 'c': {
			char c = (char)va_arg(ap, int);
			emit_padded(&out, &spec, "", &c, 1);
			break;
		}
		case 's': {
			const char *s = va_arg(ap, const char *);
			int len = 0;
			if (!s)
				s = "(null)";
			while (s[len])
				len++;
			spec.zero_pad = 0;
			emit_padded(&out, &spec, "", s, len);
			break;
		}
		case '%':
			put(&out, '%');
			break;
		default:
			/* Unknown or truncated conversion: copy it verbatim. */
			while (start < fmt)
				put(&out, *start++);
			if (!*fmt)
				goto done;
			put(&out, *fmt);
			break;
		}
		fmt++;
	}
done:
	va_end(ap);
	return out.count;
}

struct buffer_sink {
	char *buf;
	size_t size;
	size_t used;
};

static void buffer_put(char c, void *ctx)
{
	struct buffer_sink *b = ctx;
	if (b->used + 1 < b->size)
		b->buf[b->used] = c;
	b->used++;
}

int format_vstring(char *buf, size_t size, const char *fmt, va_list args)
{
	struct buffer_sink b = { buf, size, 0 };
	int n = format_emit(buffer_put, &b, fmt, args);

	if (size > 0)
		buf[b.used < size ? b.used : size - 1] = '\0';
	return n;
}

int format_string(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	va_start(args, fmt);
	int n = format_vstring(buf, size, fmt, args);
	va_end(args);
	return n;
}
