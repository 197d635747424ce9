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

/* The string-to-integer functions, as on the target: long is 32 bits there. */
enum integer_function {
	FN_STRTOL, FN_STRTOUL, FN_STRTOLL, FN_STRTOULL, FN_ATOI, FN_ATOL, FN_ATOLL, FN_COUNT
};
/* errno after the call (the numbers differ between C libraries). */
enum integer_error { INTEGER_OK, INTEGER_ERANGE, INTEGER_EINVAL };

struct integer_case {
	const char *text;
	int8_t base;		/* unused by the ato* functions */
	uint8_t function;	/* enum integer_function */
	uint8_t error;		/* enum integer_error; the ato* functions: not checked */
	uint16_t consumed;	/* where the end pointer stops; ato*: not checked */
	uint64_t result;	/* the value's bits, widened from its type */
};

extern const struct math_case math_cases[];
extern const unsigned math_case_count;
extern const struct strtod_case strtod_cases[];
extern const unsigned strtod_case_count;
extern const struct printf_case printf_cases[];
extern const unsigned printf_case_count;
extern const struct printf_other_case printf_other_cases[];
extern const unsigned printf_other_case_count;
extern const struct integer_case integer_cases[];
extern const unsigned integer_case_count;

#endif
