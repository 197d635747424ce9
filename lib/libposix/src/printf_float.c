/* printf_float.c - printf's %a %e %f %g: the double's exact decimal
 * expansion (at most 767 significant digits) is made with big integers and
 * rounded once, to nearest with ties to even, at whatever precision was
 * asked; %a rounds the binary fraction the same way. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#include "bignum.h"
#include "printf_internal.h"

#define DIGITS_MAX	800

/* value = 0.digits * 10^point; no trailing zeros; count == 0 is zero. */
struct decimal {
	char digits[DIGITS_MAX];
	int count;
	int point;
};

static void exact_decimal(double magnitude, struct decimal *decimal)
{
	uint64_t bits, significand;
	int exponent, biased;
	struct bignum number;
	char reversed[DIGITS_MAX + 9];
	int length = 0;

	memcpy(&bits, &magnitude, sizeof(bits));
	biased = (int)(bits >> 52 & 0x7ff);
	significand = bits & ((1ull << 52) - 1);
	if (biased)
		significand |= 1ull << 52;
	exponent = (biased ? biased : 1) - 1075;
	decimal->count = 0;
	decimal->point = 1;
	if (!significand)
		return;
	bignum_set(&number, (uint32_t)(significand >> 32));
	bignum_shift_left(&number, 32);
	bignum_mul_add(&number, 1, (uint32_t)significand);
	if (exponent >= 0)
		bignum_shift_left(&number, (unsigned)exponent);
	else
		bignum_mul_pow5(&number, (unsigned)-exponent);	/* value = number / 10^-exponent */
	while (!bignum_is_zero(&number)) {
		uint32_t chunk = bignum_divide_small(&number, 1000000000);
		for (int i = 0; i < 9; i++, chunk /= 10)
			reversed[length++] = (char)('0' + chunk % 10);
	}
	while (reversed[length - 1] == '0')
		length--;
	decimal->point = length + (exponent < 0 ? exponent : 0);
	for (int i = 0; i < length; i++)
		decimal->digits[i] = reversed[length - 1 - i];
	decimal->count = length;
	while (decimal->digits[decimal->count - 1] == '0')
		decimal->count--;
}

/* Keeps `keep` significant digits (none or fewer: the value may round to
 * zero or up to one unit at that place). */
static void round_decimal(struct decimal *decimal, int keep)
{
	bool round_up;
	char dropped;

	if (keep >= decimal->count)
		return;
	if (keep < 0) {
		decimal->count = 0;
		return;
	}
	dropped = decimal->digits[keep];
	round_up = dropped > '5' || (dropped == '5' && (decimal->count > keep + 1 ||
		   (keep > 0 && ((decimal->digits[keep - 1] - '0') & 1))));
	decimal->count = keep;
	if (round_up) {
		while (decimal->count && decimal->digits[decimal->count - 1] == '9')
			decimal->count--;
		if (decimal->count) {
			decimal->digits[decimal->count - 1]++;
		} else {
			decimal->digits[0] = '1';
			decimal->count = 1;
			decimal->point++;
		}
	}
	while (decimal->count && decimal->digits[decimal->count - 1] == '0')
		decimal->count--;
}

static char digit_at(const struct decimal *decimal, int index)
{
	return index >= 0 && index < decimal->count ? decimal->digits[index] : '0';
}

/* The text after the sign, produced twice: once to count it for padding. */
struct float_text {
	struct printf_sink *sink;	/* NULL while counting */
	int length;
};

static void text_put(struct float_text *text, char c)
{
	text->length++;
	if (text->sink)
		sink_put(text->sink, c);
}

static void text_exponent(struct float_text *text, char letter, int exponent, int min_digits)
{
	char digits[8];
	int count = 0;

	text_put(text, letter);
	text_put(text, exponent < 0 ? '-' : '+');
	exponent = exponent < 0 ? -exponent : exponent;
	do {
		digits[count++] = (char)('0' + exponent % 10);
		exponent /= 10;
	} while (exponent);
	for (; count < min_digits; min_digits--)
		text_put(text, '0');
	while (count)
		text_put(text, digits[--count]);
}

/* d.ddde+XX with `fraction` digits after the point. */
static void text_scientific(struct float_text *text, const struct decimal *decimal, int fraction,
			    bool point, char letter)
{
	text_put(text, digit_at(decimal, 0));
	if (point)
		text_put(text, '.');
	for (int i = 1; i <= fraction; i++)
		text_put(text, digit_at(decimal, i));
	text_exponent(text, letter, decimal->count ? decimal->point - 1 : 0, 2);
}

/* ddd.ddd with `fraction` digits after the point. */
static void text_fixed(struct float_text *text, const struct decimal *decimal, int fraction,
		       bool point)
{
	if (decimal->point <= 0)
		text_put(text, '0');
	for (int i = 0; i < decimal->point; i++)
		text_put(text, digit_at(decimal, i));
	if (point)
		text_put(text, '.');
	for (int i = 0; i < fraction; i++)
		text_put(text, digit_at(decimal, decimal->point + i));
}

/* What to print, decided once and produced twice. */
struct float_plan {
	char style;		/* 'e', 'f' or 'a' */
	const struct decimal *decimal;
	int fraction;		/* digits after the point */
	bool point;
	char exponent_letter;
	/* %a: lead digit, fraction nibbles (left-aligned in 52 bits), exponent */
	unsigned lead;
	uint64_t nibbles;
	int binary_exponent;
	bool upper;
};

static void produce(struct float_text *text, const struct float_plan *plan)
{
	const char *hex = plan->upper ? "0123456789ABCDEF" : "0123456789abcdef";

	switch (plan->style) {
	case 'e':
		text_scientific(text, plan->decimal, plan->fraction, plan->point, plan->exponent_letter);
		break;
	case 'f':
		text_fixed(text, plan->decimal, plan->fraction, plan->point);
		break;
	default:
		text_put(text, hex[plan->lead]);
		if (plan->point)
			text_put(text, '.');
		for (int i = 0; i < plan->fraction; i++)
			text_put(text, i < 13 ? hex[plan->nibbles >> (48 - 4 * i) & 15] : '0');
		text_exponent(text, plan->upper ? 'P' : 'p', plan->binary_exponent, 1);
		break;
	}
}

/* %a: 1.hhhp+d for normal numbers, 0.hhhp-1022 for subnormals. */
static void plan_hex(struct float_plan *plan, const struct conversion *conv, uint64_t bits)
{
	int biased = (int)(bits >> 52 & 0x7ff), precision = conv->precision;
	uint64_t fraction = bits & ((1ull << 52) - 1);

	plan->style = 'a';
	plan->lead = biased ? 1 : 0;
	plan->binary_exponent = biased ? biased - 1023 : (fraction ? -1022 : 0);
	if (precision < 0) {
		precision = 13;
		while (precision && !(fraction >> (52 - 4 * precision) & 15))
			precision--;
	} else if (precision < 13) {
		int drop = 4 * (13 - precision);
		uint64_t rest = fraction & ((1ull << drop) - 1), half = 1ull << (drop - 1);
		uint64_t kept = fraction >> drop;
		bool odd = precision ? kept & 1 : plan->lead & 1;

		if (rest > half || (rest == half && odd))
			kept++;
		if (kept >> (4 * precision)) {
			plan->lead++;
			kept = 0;
		}
		fraction = kept << drop;
	}
	plan->nibbles = fraction;
	plan->fraction = precision;
	plan->point = precision > 0 || conv->alternate;
}

static void plan_decimal(struct float_plan *plan, const struct conversion *conv,
			 struct decimal *decimal)
{
	char letter = (char)(conv->letter | 0x20);
	int precision = conv->precision < 0 ? 6 : conv->precision;

	plan->decimal = decimal;
	plan->exponent_letter = conv->letter == 'E' || conv->letter == 'G' ? 'E' : 'e';
	if (letter == 'g') {
		int significant = precision ? precision : 1, exponent;

		round_decimal(decimal, significant);
		exponent = decimal->count ? decimal->point - 1 : 0;
		if (exponent < significant && exponent >= -4) {
			plan->style = 'f';
			plan->fraction = significant - 1 - exponent;
			if (!conv->alternate) {
				int shown = decimal->count - decimal->point;
				plan->fraction = shown < plan->fraction ? (shown > 0 ? shown : 0) :
					plan->fraction;
			}
		} else {
			plan->style = 'e';
			plan->fraction = significant - 1;
			if (!conv->alternate && decimal->count - 1 < plan->fraction)
				plan->fraction = decimal->count > 1 ? decimal->count - 1 : 0;
		}
	} else if (letter == 'e') {
		plan->style = 'e';
		round_decimal(decimal, precision + 1);
		plan->fraction = precision;
	} else {
		plan->style = 'f';
		round_decimal(decimal, decimal->point + precision);
		plan->fraction = precision;
	}
	plan->point = plan->fraction > 0 || conv->alternate;
}

static void emit_padded(struct printf_sink *sink, const struct conversion *conv, const char *prefix,
			const struct float_plan *plan, const char *special)
{
	struct float_text counting = { NULL, 0 }, writing = { sink, 0 };
	int prefix_length = (int)strlen(prefix), padding;
	bool zero_pad = conv->zero && !conv->left && !special;

	if (special)
		counting.length = (int)strlen(special);
	else
		produce(&counting, plan);
	padding = conv->width - prefix_length - counting.length;
	if (!conv->left && !zero_pad)
		sink_repeat(sink, ' ', padding);
	sink_write(sink, prefix, prefix_length);
	if (zero_pad)
		sink_repeat(sink, '0', padding);
	if (special)
		sink_write(sink, special, counting.length);
	else
		produce(&writing, plan);
	if (conv->left)
		sink_repeat(sink, ' ', padding);
}

void format_double(struct printf_sink *sink, const struct conversion *conv, double value)
{
	bool upper = conv->letter >= 'A' && conv->letter <= 'Z';
	struct float_plan plan = { .upper = upper };
	struct decimal decimal;
	char prefix[4], *end = prefix;
	uint64_t bits;

	memcpy(&bits, &value, sizeof(bits));
	if (signbit(value))
		*end++ = '-';
	else if (conv->plus)
		*end++ = '+';
	else if (conv->space)
		*end++ = ' ';
	if (isnan(value) || isinf(value)) {
		*end = '\0';
		emit_padded(sink, conv, prefix, NULL, isnan(value) ? (upper ? "NAN" : "nan") :
			    (upper ? "INF" : "inf"));
		return;
	}
	if ((conv->letter | 0x20) == 'a') {
		*end++ = '0';
		*end++ = upper ? 'X' : 'x';
		*end = '\0';
		plan_hex(&plan, conv, bits);
	} else {
		*end = '\0';
		exact_decimal(fabs(value), &decimal);
		plan_decimal(&plan, conv, &decimal);
	}
	emit_padded(sink, conv, prefix, &plan, NULL);
}
