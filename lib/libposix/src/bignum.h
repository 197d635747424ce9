/* bignum.h - unsigned integers of a few thousand bits, enough to hold any
 * decimal number strtod must round exactly (800 digits times 10^1130). */
#ifndef LIBPOSIX_BIGNUM_H
#define LIBPOSIX_BIGNUM_H

#include <stdbool.h>
#include <stdint.h>

#define BIGNUM_WORDS	136

struct bignum {
	uint32_t word[BIGNUM_WORDS];	/* least significant first */
	unsigned used;			/* words in use; the top one is nonzero */
};

void bignum_set(struct bignum *number, uint32_t value);
/* number = number * factor + addend. */
void bignum_mul_add(struct bignum *number, uint32_t factor, uint32_t addend);
/* number /= divisor; returns the remainder. */
uint32_t bignum_divide_small(struct bignum *number, uint32_t divisor);
/* number *= 10^power. */
void bignum_mul_pow10(struct bignum *number, unsigned power);
/* number *= 5^power. */
void bignum_mul_pow5(struct bignum *number, unsigned power);
void bignum_shift_left(struct bignum *number, unsigned bits);
/* The position of the highest set bit plus one; 0 for zero. */
unsigned bignum_bit_length(const struct bignum *number);
int bignum_compare(const struct bignum *a, const struct bignum *b);
/* a -= b, for a >= b. */
void bignum_subtract(struct bignum *a, const struct bignum *b);

static inline bool bignum_is_zero(const struct bignum *number)
{
	return number->used == 0;
}

#endif
