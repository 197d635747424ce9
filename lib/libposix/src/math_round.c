/* math_round.c - ceil, floor, trunc, round, rint and nearbyint exact over
 * the whole double range, by clearing fraction bits: picolibc's ARM ones go
 * through a 32-bit integer and are wrong from 2^31 on. long double is
 * double on this target, so the l forms are the same functions. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#define FRACTION_BITS	52
#define EXPONENT_BIAS	1023

static uint64_t double_bits(double value)
{
	uint64_t bits;

	memcpy(&bits, &value, sizeof(bits));
	return bits;
}

static double bits_double(uint64_t bits)
{
	double value;

	memcpy(&value, &bits, sizeof(value));
	return value;
}

/* The unbiased exponent: >= 52 means an integer already (or inf, NaN). */
static int exponent_of(uint64_t bits)
{
	return (int)((bits >> FRACTION_BITS) & 0x7ff) - EXPONENT_BIAS;
}

/* What an integral value, inf or NaN rounds to: itself, a NaN made quiet. */
static double already_integral(double value)
{
	return isnan(value) ? value + value : value;
}

double trunc(double value)
{
	uint64_t bits = double_bits(value);
	int exponent = exponent_of(bits);

	if (exponent >= FRACTION_BITS)
		return already_integral(value);
	if (exponent < 0)
		return bits_double(bits & (1ull << 63));
	return bits_double(bits & ~((1ull << (FRACTION_BITS - exponent)) - 1));
}

double floor(double value)
{
	double whole = trunc(value);

	return whole != value && value < 0 ? whole - 1 : whole;
}

double ceil(double value)
{
	double whole = trunc(value);

	/* -0.5 goes to -0: trunc keeps the sign and +1 would lose it. */
	return whole != value && value > 0 ? whole + 1 : whole;
}

double round(double value)
{
	uint64_t bits = double_bits(value);
	int exponent = exponent_of(bits);

	if (exponent >= FRACTION_BITS)
		return already_integral(value);
	if (exponent < 0) {
		uint64_t sign = bits & (1ull << 63);
		/* [0.5, 1) rounds away from zero to 1. */
		return bits_double(exponent == -1 ? sign | double_bits(1.0) : sign);
	}
	/* Adding half an ulp of the integer part carries into it (and into the
	 * exponent when the fraction was all ones). */
	bits += 1ull << (FRACTION_BITS - 1 - exponent);
	return bits_double(bits & ~((1ull << (FRACTION_BITS - exponent)) - 1));
}

/* To nearest, ties to even (the only rounding mode of the soft-float code):
 * adding 2^52 leaves no fraction bits, so the addition itself rounds. */
double rint(double value)
{
	uint64_t bits = double_bits(value);
	volatile double shifted;

	if (exponent_of(bits) >= FRACTION_BITS)
		return already_integral(value);
	shifted = fabs(value) + 0x1p52;
	return copysign(shifted - 0x1p52, value);
}

double nearbyint(double value)
{
	return rint(value);
}

long double truncl(long double value)
{
	return trunc(value);
}

long double floorl(long double value)
{
	return floor(value);
}

long double ceill(long double value)
{
	return ceil(value);
}

long double roundl(long double value)
{
	return round(value);
}

long double rintl(long double value)
{
	return rint(value);
}

long double nearbyintl(long double value)
{
	return rint(value);
}
