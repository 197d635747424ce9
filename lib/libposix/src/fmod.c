/* fmod.c - the remainder of x / y with x's sign, exact over the whole
 * double range: the significands are divided bit by bit as integers, so
 * no step rounds. Replaces picolibc's, which loses bits. */
#include <math.h>
#include <stdint.h>
#include <string.h>

#define FRACTION_BITS	52
#define IMPLICIT_BIT	(1ull << FRACTION_BITS)
#define SIGN_BIT	(1ull << 63)

/* |value| as significand * 2^exponent with the significand's top bit at
 * bit 52, also for subnormals. */
static void split_double(uint64_t bits, uint64_t *significand, int *exponent)
{
	int biased = (int)((bits >> FRACTION_BITS) & 0x7ff);

	*significand = bits & (IMPLICIT_BIT - 1);
	if (biased) {
		*significand |= IMPLICIT_BIT;
		*exponent = biased - 1075;
		return;
	}
	*exponent = -1074;
	while (!(*significand & IMPLICIT_BIT)) {
		*significand <<= 1;
		--*exponent;
	}
}

double fmod(double x, double y)
{
	uint64_t x_bits, y_bits, x_sig, y_sig, result;
	int x_exp, y_exp, biased;

	memcpy(&x_bits, &x, sizeof(x_bits));
	memcpy(&y_bits, &y, sizeof(y_bits));
	if (isnan(x) || isnan(y) || isinf(x) || y == 0)
		return (x * y) / (x * y);
	if (isinf(y) || fabs(x) < fabs(y) || x == 0)
		return x;
	split_double(x_bits, &x_sig, &x_exp);
	split_double(y_bits, &y_sig, &y_exp);
	/* Long division, keeping only the remainder: x_sig stays below 2 y_sig. */
	for (; x_exp > y_exp; x_exp--) {
		if (x_sig >= y_sig)
			x_sig -= y_sig;
		x_sig <<= 1;
	}
	if (x_sig >= y_sig)
		x_sig -= y_sig;
	if (!x_sig)
		return copysign(0.0, x);
	while (!(x_sig & IMPLICIT_BIT)) {
		x_sig <<= 1;
		x_exp--;
	}
	biased = x_exp + 1075;
	if (biased >= 1)
		result = ((uint64_t)biased << FRACTION_BITS) | (x_sig & (IMPLICIT_BIT - 1));
	else
		result = x_sig >> (1 - biased);	/* exact: the remainder is a multiple of y's ulp */
	result |= x_bits & SIGN_BIT;
	memcpy(&x, &result, sizeof(x));
	return x;
}

long double fmodl(long double x, long double y)
{
	return fmod(x, y);
}
