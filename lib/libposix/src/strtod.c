/* strtod.c - strtod, strtof and strtold rounded to the last bit (to nearest,
 * ties to even), decimal and hexadecimal: the decimal digits are divided
 * exactly as big integers, the hex digits are kept with a sticky bit.
 * picolibc's reads "0xAA.0" as 1360 and rounds long inputs twice. */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bignum.h"

/* Significant decimal digits kept; a nonzero digit past them only matters
 * as "more than these" (a halfway double needs at most 767). */
#define MAX_DIGITS	800

struct float_format {
	int significand_bits;	/* with the implicit bit */
	int min_exponent;	/* of the smallest normal number, as 2^e */
	int max_exponent;	/* of the largest finite binade */
};

static const struct float_format double_format = { 53, -1022, 1023 };
static const struct float_format float_format = { 24, -126, 127 };

/* The number significand * 2^exponent (plus a little more when sticky) in
 * the format's bits, rounded to nearest even; ERANGE on overflow and on an
 * inexact result below the normal range. */
static uint64_t round_to_format(uint64_t significand, int exponent, bool sticky,
				const struct float_format *format)
{
	int fraction_bits = format->significand_bits - 1, top, keep, drop;
	uint64_t kept, rest, half;
	bool inexact;

	if (!significand)
		return 0;
	top = 63 - __builtin_clzll(significand);
	exponent += top;		/* the value is in [2^exponent, 2^(exponent+1)) */
	if (exponent > format->max_exponent)
		goto overflow;
	keep = format->significand_bits;
	if (exponent < format->min_exponent)
		keep -= format->min_exponent - exponent;
	drop = top + 1 - keep;
	if (drop <= 0) {
		kept = significand << -drop;
		rest = 0;
		half = 1;
	} else if (drop <= 64) {
		kept = drop == 64 ? 0 : significand >> drop;
		rest = drop == 64 ? significand : significand & ((1ull << drop) - 1);
		half = 1ull << (drop - 1);
	} else {
		kept = 0;
		rest = 1;
		half = 2;	/* far below half of the smallest subnormal */
	}
	inexact = rest || sticky;
	if (rest > half || (rest == half && (sticky || (kept & 1))))
		kept++;
	if (exponent < format->min_exponent) {
		/* A subnormal: kept is the fraction field; a carry into bit
		 * fraction_bits is exactly the smallest normal's encoding. */
		if (inexact)
			errno = ERANGE;
		return kept;
	}
	if (kept >> format->significand_bits) {
		kept >>= 1;
		if (++exponent > format->max_exponent)
			goto overflow;
	}
	return ((uint64_t)(exponent - format->min_exponent + 1) << fraction_bits) |
	       (kept & ((1ull << fraction_bits) - 1));
overflow:
	errno = ERANGE;
	return (uint64_t)(2 * format->max_exponent + 1) << fraction_bits;
}

/* Parses an optionally signed decimal exponent after 'e' or 'p'; leaves
 * *text alone when no digit follows. Large values saturate. */
static long parse_exponent(const char **text)
{
	const char *cursor = *text + 1;
	bool negative = false;
	long value = 0;

	if (*cursor == '+' || *cursor == '-')
		negative = *cursor++ == '-';
	if (!isdigit((unsigned char)*cursor))
		return 0;
	while (isdigit((unsigned char)*cursor)) {
		if (value < 100000000)
			value = value * 10 + (*cursor - '0');
		cursor++;
	}
	*text = cursor;
	return negative ? -value : value;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* "0x" was seen and a hex digit follows (after an optional '.'). */
static uint64_t parse_hex(const char **text, const struct float_format *format)
{
	const char *cursor = *text + 2;
	uint64_t significand = 0;
	long exponent = 0;
	bool sticky = false, seen_point = false;
	int digit;

	for (;; cursor++) {
		if (*cursor == '.' && !seen_point) {
			seen_point = true;
			continue;
		}
		digit = hex_value(*cursor);
		if (digit < 0)
			break;
		if (significand >> 60) {
			sticky |= digit != 0;
			exponent += seen_point ? 0 : 4;
		} else {
			significand = significand << 4 | (unsigned)digit;
			exponent -= seen_point ? 4 : 0;
		}
	}
	if (*cursor == 'p' || *cursor == 'P')
		exponent += parse_exponent(&cursor);
	*text = cursor;
	if (exponent > 100000)
		exponent = 100000;
	if (exponent < -100000)
		exponent = -100000;
	return round_to_format(significand, (int)exponent, sticky, format);
}

/* value = digits * 10^power, where digits holds `count` decimal digits. The
 * quotient numerator / denominator is taken to 63 or 64 bits by long
 * division; what remains is the sticky bit. */
static uint64_t decimal_to_format(const char *digits, int count, long power,
				  const struct float_format *format)
{
	struct bignum numerator, denominator;
	uint64_t quotient = 0;
	int exponent, length_difference;

	/* Past these the answer is inf or 0 whatever the digits. */
	if (power + count > 400) {
		errno = ERANGE;
		return round_to_format(1, 100000, false, format);
	}
	if (power + count < -400) {
		errno = ERANGE;
		return 0;
	}
	bignum_set(&numerator, 0);
	for (int i = 0; i < count; i++)
		bignum_mul_add(&numerator, 10, (uint32_t)(digits[i] - '0'));
	bignum_set(&denominator, 1);
	if (power > 0)
		bignum_mul_pow10(&numerator, (unsigned)power);
	else
		bignum_mul_pow10(&denominator, (unsigned)-power);
	length_difference = (int)bignum_bit_length(&numerator) - (int)bignum_bit_length(&denominator);
	if (length_difference > 0)
		bignum_shift_left(&denominator, (unsigned)length_difference);
	else
		bignum_shift_left(&numerator, (unsigned)-length_difference);
	/* numerator / denominator is now in (1/2, 2). */
	for (int bit = 0; bit < 64; bit++) {
		quotient <<= 1;
		if (bignum_compare(&numerator, &denominator) >= 0) {
			bignum_subtract(&numerator, &denominator);
			quotient |= 1;
		}
		bignum_shift_left(&numerator, 1);
	}
	exponent = length_difference - 63;
	return round_to_format(quotient, exponent, !bignum_is_zero(&numerator), format);
}

/* Reads digits [.digits] [e[sign]digits]; *text moves past them. */
static uint64_t parse_decimal(const char **text, const struct float_format *format)
{
	char digits[MAX_DIGITS + 1];
	const char *cursor = *text;
	int count = 0;
	long power = 0;
	bool seen_point = false, seen_digit = false, dropped_nonzero = false;

	for (;; cursor++) {
		if (*cursor == '.' && !seen_point) {
			seen_point = true;
			continue;
		}
		if (!isdigit((unsigned char)*cursor))
			break;
		seen_digit = true;
		if (*cursor == '0' && count == 0) {
			power -= seen_point;		/* a leading zero */
			continue;
		}
		if (count < MAX_DIGITS) {
			digits[count++] = *cursor;
			power -= seen_point;
		} else {
			dropped_nonzero |= *cursor != '0';
			power += !seen_point;
		}
	}
	if (!seen_digit)
		return UINT64_MAX;
	if (*cursor == 'e' || *cursor == 'E')
		power += parse_exponent(&cursor);
	*text = cursor;
	if (dropped_nonzero) {
		digits[count++] = '1';
		power--;
	}
	if (!count)
		return 0;
	return decimal_to_format(digits, count, power, format);
}

/* The common parser: the bits of the value in `format`, the sign apart. */
static uint64_t parse_number(const char *text, char **end, bool *negative,
			     const struct float_format *format)
{
	const char *cursor = text;
	int fraction_bits = format->significand_bits - 1;
	uint64_t infinity = (uint64_t)(2 * format->max_exponent + 1) << fraction_bits;
	uint64_t bits;

	while (isspace((unsigned char)*cursor))
		cursor++;
	*negative = *cursor == '-';
	if (*cursor == '+' || *cursor == '-')
		cursor++;
	if (!strncasecmp(cursor, "inf", 3)) {
		cursor += strncasecmp(cursor, "infinity", 8) ? 3 : 8;
		bits = infinity;
	} else if (!strncasecmp(cursor, "nan", 3)) {
		cursor += 3;
		if (*cursor == '(') {
			const char *close = cursor + 1;
			while (isalnum((unsigned char)*close) || *close == '_')
				close++;
			if (*close == ')')
				cursor = close + 1;
		}
		bits = infinity | 1ull << (fraction_bits - 1);
	} else if (cursor[0] == '0' && (cursor[1] == 'x' || cursor[1] == 'X') &&
		   (hex_value(cursor[2]) >= 0 || (cursor[2] == '.' && hex_value(cursor[3]) >= 0))) {
		bits = parse_hex(&cursor, format);
	} else {
		bits = parse_decimal(&cursor, format);
		if (bits == UINT64_MAX) {
			cursor = text;
			bits = 0;
			*negative = false;
		}
	}
	if (end)
		*end = (char *)cursor;
	return bits;
}

double strtod(const char *restrict text, char **restrict end)
{
	bool negative;
	uint64_t bits = parse_number(text, end, &negative, &double_format);
	double value;

	bits |= (uint64_t)negative << 63;
	memcpy(&value, &bits, sizeof(value));
	return value;
}

float strtof(const char *restrict text, char **restrict end)
{
	bool negative;
	uint32_t bits = (uint32_t)parse_number(text, end, &negative, &float_format);
	float value;

	bits |= (uint32_t)negative << 31;
	memcpy(&value, &bits, sizeof(value));
	return value;
}

long double strtold(const char *restrict text, char **restrict end)
{
	return strtod(text, end);
}
