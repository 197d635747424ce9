/* bignum.c - the few big-integer operations exact decimal conversion needs. */
#include "bignum.h"

static void bignum_trim(struct bignum *number)
{
	while (number->used && !number->word[number->used - 1])
		number->used--;
}

void bignum_set(struct bignum *number, uint32_t value)
{
	number->word[0] = value;
	number->used = value != 0;
}

void bignum_mul_add(struct bignum *number, uint32_t factor, uint32_t addend)
{
	uint64_t carry = addend;

	for (unsigned i = 0; i < number->used; i++) {
		uint64_t product = (uint64_t)number->word[i] * factor + carry;
		number->word[i] = (uint32_t)product;
		carry = product >> 32;
	}
	if (carry)
		number->word[number->used++] = (uint32_t)carry;
}

void bignum_mul_pow10(struct bignum *number, unsigned power)
{
	static const uint32_t small_powers[] = {
		1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000, 1000000000,
	};

	for (; power >= 9; power -= 9)
		bignum_mul_add(number, small_powers[9], 0);
	bignum_mul_add(number, small_powers[power], 0);
}

void bignum_mul_pow5(struct bignum *number, unsigned power)
{
	static const uint32_t fifth_powers[] = {
		1, 5, 25, 125, 625, 3125, 15625, 78125, 390625, 1953125, 9765625, 48828125,
		244140625, 1220703125,
	};

	for (; power >= 13; power -= 13)
		bignum_mul_add(number, fifth_powers[13], 0);
	bignum_mul_add(number, fifth_powers[power], 0);
}

uint32_t bignum_divide_small(struct bignum *number, uint32_t divisor)
{
	uint64_t rest = 0;

	for (unsigned i = number->used; i-- > 0;) {
		rest = rest << 32 | number->word[i];
		number->word[i] = (uint32_t)(rest / divisor);
		rest %= divisor;
	}
	bignum_trim(number);
	return (uint32_t)rest;
}

void bignum_shift_left(struct bignum *number, unsigned bits)
{
	unsigned words = bits / 32, rest = bits % 32;

	if (!number->used)
		return;
	number->word[number->used + words] = 0;
	for (unsigned i = number->used; i-- > 0;) {
		uint32_t value = number->word[i];
		if (rest)
			number->word[i + words + 1] |= value >> (32 - rest);
		number->word[i + words] = value << rest;
	}
	for (unsigned i = 0; i < words; i++)
		number->word[i] = 0;
	number->used += words + 1;
	bignum_trim(number);
}

unsigned bignum_bit_length(const struct bignum *number)
{
	if (!number->used)
		return 0;
	return 32 * number->used - __builtin_clz(number->word[number->used - 1]);
}

int bignum_compare(const struct bignum *a, const struct bignum *b)
{
	if (a->used != b->used)
		return a->used < b->used ? -1 : 1;
	for (unsigned i = a->used; i-- > 0;) {
		if (a->word[i] != b->word[i])
			return a->word[i] < b->word[i] ? -1 : 1;
	}
	return 0;
}

void bignum_subtract(struct bignum *a, const struct bignum *b)
{
	uint32_t borrow = 0;

	for (unsigned i = 0; i < a->used; i++) {
		uint64_t take = (uint64_t)(i < b->used ? b->word[i] : 0) + borrow;
		borrow = a->word[i] < take;
		a->word[i] = (uint32_t)(a->word[i] - take);
	}
	bignum_trim(a);
}
