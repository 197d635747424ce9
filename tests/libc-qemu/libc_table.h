/* libc_table.h - the answer table: inputs and the results Linux's glibc
 * gives for them, written by gen_table on the build host into libc_table.c
 * and checked on the target by t_table.c. */
#ifndef LIBC_TABLE_H
#define LIBC_TABLE_H

#include <stdint.h>

enum math_op { OP_CEIL, OP_FLOOR, OP_TRUNC, OP_ROUND, OP_RINT, OP_FMOD, OP_COUNT };

struct math_case {
	uint8_t op;
	uint64_t x, y;		/* argument bits; y only for fmod */
	uint64_t result;
};

struct strtod_case {
	const char *text;
	uint64_t double_bits;
	uint32_t float_bits;
	uint16_t consumed;	/* the same for strtod and strtof */
};

struct printf_case {
	const char *format;	/* one conversion of one double */
	uint64_t value;
	const char *expected;
};

/* The argument's type, as the format's length modifier wants it. */
enum argument_kind { ARGUMENT_INT, ARGUMENT_LONG_LONG, ARGUMENT_LONG, ARGUMENT_STRING };

struct printf_other_case {
	const char *format;	/* one conversion of an integer or a string */
	uint8_t kind;
	int64_t number;
	const char *string;
	const char *expected;
};

extern const struct math_case math_cases[];
extern const unsigned math_case_count;
extern const struct strtod_case strtod_cases[];
extern const unsigned strtod_case_count;
extern const struct printf_case printf_cases[];
extern const unsigned printf_case_count;
extern const struct printf_other_case printf_other_cases[];
extern const unsigned printf_other_case_count;

#endif
