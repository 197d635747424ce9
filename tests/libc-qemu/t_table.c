/* t_table.c - the answer table (libc_table.c, from the build host's glibc):
 * one check per function, naming the first few inputs that differ. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "libc_table.h"
#include "libctest.h"

#define SHOWN_MISMATCHES 4

static double double_of(uint64_t bits)
{
	double value;

	memcpy(&value, &bits, sizeof(value));
	return value;
}

static uint64_t bits_of(double value)
{
	uint64_t bits;

	memcpy(&bits, &value, sizeof(bits));
	return bits;
}

/* Equal bits, or both NaN (a NaN's sign and payload are not specified). */
static int same_double(uint64_t expected, uint64_t actual)
{
	return expected == actual || (isnan(double_of(expected)) && isnan(double_of(actual)));
}

static double apply_math(enum math_op op, double x, double y)
{
	switch (op) {
	case OP_CEIL: return ceil(x);
	case OP_FLOOR: return floor(x);
	case OP_TRUNC: return trunc(x);
	case OP_ROUND: return round(x);
	case OP_RINT: return rint(x);
	default: return fmod(x, y);
	}
}

static void check_math(void)
{
	static const char *const names[OP_COUNT] = {
		"ceil", "floor", "trunc", "round", "rint", "fmod",
	};
	unsigned cases[OP_COUNT] = { 0 }, wrong[OP_COUNT] = { 0 };
	char name[64];

	for (unsigned i = 0; i < math_case_count; i++) {
		const struct math_case *row = &math_cases[i];
		uint64_t actual = bits_of(apply_math(row->op, double_of(row->x), double_of(row->y)));

		cases[row->op]++;
		if (same_double(row->result, actual))
			continue;
		if (wrong[row->op]++ < SHOWN_MISMATCHES)
			printf("# %s(%a, %a): expected %a, got %a\n", names[row->op], double_of(row->x),
			       double_of(row->y), double_of(row->result), double_of(actual));
	}
	for (int op = 0; op < OP_COUNT; op++) {
		snprintf(name, sizeof(name), "%s matches glibc on %u inputs", names[op], cases[op]);
		CHECK_EQ(name, 0, wrong[op]);
	}
}

static void check_strtod(void)
{
	unsigned wrong_double = 0, wrong_float = 0;
	char name[64];

	for (unsigned i = 0; i < strtod_case_count; i++) {
		const struct strtod_case *row = &strtod_cases[i];
		char *double_end, *float_end;
		uint64_t double_bits = bits_of(strtod(row->text, &double_end));
		float as_float = strtof(row->text, &float_end);
		uint32_t float_bits;

		memcpy(&float_bits, &as_float, sizeof(float_bits));
		if (!same_double(row->double_bits, double_bits) ||
		    double_end - row->text != row->consumed) {
			if (wrong_double++ < SHOWN_MISMATCHES)
				printf("# strtod(\"%.60s\"): expected %#llx after %u chars, got %#llx after %d\n",
				       row->text, (unsigned long long)row->double_bits, row->consumed,
				       (unsigned long long)double_bits, (int)(double_end - row->text));
		}
		if ((row->float_bits != float_bits && !(isnan(as_float) &&
		     (row->float_bits & 0x7fffffffu) > 0x7f800000u)) ||
		    float_end - row->text != row->consumed) {
			if (wrong_float++ < SHOWN_MISMATCHES)
				printf("# strtof(\"%.60s\"): expected %#lx after %u chars, got %#lx after %d\n",
				       row->text, (unsigned long)row->float_bits, row->consumed,
				       (unsigned long)float_bits, (int)(float_end - row->text));
		}
	}
	/* Not in the table: glibc 2.36 answers 0 here, dropping the bits past the
	 * round bit, but the value is above half the smallest subnormal float. */
	CHECK("strtof(\"0x1.000001p-150\") rounds up to the smallest subnormal",
	      strtof("0x1.000001p-150", NULL) == 0x1p-149f);
	snprintf(name, sizeof(name), "strtod matches glibc on %u inputs", strtod_case_count);
	CHECK_EQ(name, 0, wrong_double);
	snprintf(name, sizeof(name), "strtof matches glibc on %u inputs", strtod_case_count);
	CHECK_EQ(name, 0, wrong_float);
}

/* One check per conversion letter (a, e, f, g, either case). */
static void check_printf(void)
{
	static const char letters[] = "aefg";
	unsigned cases[4] = { 0 }, wrong[4] = { 0 };
	static char text[1600];
	char name[64];

	for (unsigned i = 0; i < printf_case_count; i++) {
		const struct printf_case *row = &printf_cases[i];
		const char *conversion = row->format + strcspn(row->format, "aAeEfFgG");
		unsigned letter = (unsigned)(strchr(letters, *conversion | 0x20) - letters);

		snprintf(text, sizeof(text), row->format, double_of(row->value));
		cases[letter]++;
		if (!strcmp(text, row->expected))
			continue;
		if (wrong[letter]++ < SHOWN_MISMATCHES)
			printf("# printf(\"%s\", %a): expected \"%.80s\", got \"%.80s\"\n", row->format,
			       double_of(row->value), row->expected, text);
	}
	/* Left out of the table (gen_table.c): glibc 2.36 prints "1.e+06". */
	snprintf(text, sizeof(text), "%#g", 999999.5);
	check_report(!strcmp(text, "1.00000e+06"), "printf %#g keeps its zeros when rounding carries",
		     "expected 1.00000e+06, got %s", text);
	for (int letter = 0; letter < 4; letter++) {
		snprintf(name, sizeof(name), "printf %%%c matches glibc in %u cases", letters[letter],
			 cases[letter]);
		CHECK_EQ(name, 0, wrong[letter]);
	}
}

static void format_other(char *text, size_t size, const struct printf_other_case *row)
{
	switch (row->kind) {
	case ARGUMENT_INT: snprintf(text, size, row->format, (int)row->number); break;
	case ARGUMENT_LONG_LONG: snprintf(text, size, row->format, (long long)row->number); break;
	case ARGUMENT_LONG: snprintf(text, size, row->format, (long)row->number); break;
	default: snprintf(text, size, row->format, row->string); break;
	}
}

static void check_printf_other(void)
{
	unsigned wrong = 0;
	char text[256], name[64];

	for (unsigned i = 0; i < printf_other_case_count; i++) {
		const struct printf_other_case *row = &printf_other_cases[i];

		format_other(text, sizeof(text), row);
		if (!strcmp(text, row->expected))
			continue;
		if (wrong++ < SHOWN_MISMATCHES)
			printf("# printf(\"%s\", %lld): expected \"%s\", got \"%s\"\n", row->format,
			       (long long)row->number, row->expected, text);
	}
	snprintf(name, sizeof(name), "printf of integers and strings matches glibc in %u cases",
		 printf_other_case_count);
	CHECK_EQ(name, 0, wrong);
	snprintf(text, sizeof(text), "%*d|%-*d|%.*s|%p|%p", 5, 42, 4, 7, 2, "abc", (void *)0x1234, NULL);
	check_report(!strcmp(text, "   42|7   |ab|0x1234|(nil)"), "printf takes * widths and prints pointers",
		     "got %s", text);
}

static uint64_t integer_call(const struct integer_case *row, char **end, int *error)
{
	uint64_t result;

	errno = 0;
	switch (row->function) {
	case FN_STRTOL: result = (uint64_t)(int64_t)strtol(row->text, end, row->base); break;
	case FN_STRTOUL: result = (uint64_t)strtoul(row->text, end, row->base); break;
	case FN_STRTOLL: result = (uint64_t)strtoll(row->text, end, row->base); break;
	case FN_STRTOULL: result = (uint64_t)strtoull(row->text, end, row->base); break;
	case FN_ATOI: result = (uint64_t)(int64_t)atoi(row->text); break;
	case FN_ATOL: result = (uint64_t)(int64_t)atol(row->text); break;
	default: result = (uint64_t)atoll(row->text); break;
	}
	*error = errno == ERANGE ? INTEGER_ERANGE : errno == EINVAL ? INTEGER_EINVAL : INTEGER_OK;
	return result;
}

static void check_integers(void)
{
	static const char *const names[FN_COUNT] = {
		"strtol", "strtoul", "strtoll", "strtoull", "atoi", "atol", "atoll",
	};
	unsigned wrong = 0;
	char name[80];

	for (unsigned i = 0; i < integer_case_count; i++) {
		const struct integer_case *row = &integer_cases[i];
		bool converts = row->function <= FN_STRTOULL;
		char *end = (char *)row->text;
		int error;
		uint64_t result = integer_call(row, converts ? &end : NULL, &error);

		if (result == row->result && (!converts || ((unsigned)(end - row->text) == row->consumed &&
							  error == row->error)))
			continue;
		if (wrong++ < SHOWN_MISMATCHES)
			printf("# %s(\"%s\", %d): expected 0x%llx, end %u, error %u; got 0x%llx, end %u, error %d\n",
			       names[row->function], row->text, row->base, (unsigned long long)row->result,
			       row->consumed, row->error, (unsigned long long)result,
			       (unsigned)(end - row->text), error);
	}
	snprintf(name, sizeof(name), "strtol, strtoul, strtoll, strtoull and ato* match glibc in %u cases",
		 integer_case_count);
	CHECK_EQ(name, 0, wrong);
}

void test_table(void)
{
	check_math();
	check_strtod();
	check_printf();
	check_printf_other();
	check_integers();
}
