/* gen_table.c - a build-host program: writes libc_table.c (libc_table.h),
 * the inputs of the C library answer table with the results of the host's
 * glibc: edge cases and pseudo-random doubles from a fixed seed, so the
 * table is the same on every build. */
#include <ctype.h>
#include <errno.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "libc_table.h"

static uint64_t random_state = 0x2545f4914f6cdd1dull;

static uint64_t random_bits(void)
{
	random_state ^= random_state << 13;
	random_state ^= random_state >> 7;
	random_state ^= random_state << 17;
	return random_state;
}

static uint64_t bits_of(double value)
{
	uint64_t bits;

	memcpy(&bits, &value, sizeof(bits));
	return bits;
}

static double double_of(uint64_t bits)
{
	double value;

	memcpy(&value, &bits, sizeof(value));
	return value;
}

/* A double from a random bit pattern, any exponent (NaNs included). */
static double random_any(void)
{
	return double_of(random_bits());
}

/* A double with some fraction bits near the integers: exponents 0..60. */
static double random_near_integer(void)
{
	uint64_t bits = random_bits();
	uint64_t exponent = 1023 + bits % 61;

	return double_of((bits & 0x800fffffffffffffull) | exponent << 52);
}

/* A double whose fraction is a whole number plus a half, or just around it. */
static double random_halfway(void)
{
	double whole = (double)(random_bits() % 100000000000ull);
	double value = whole + 0.5;

	switch (random_bits() % 3) {
	case 0: return random_bits() & 1 ? -value : value;
	case 1: return nextafter(value, 0);
	default: return -nextafter(value, INFINITY);
	}
}

static const double edge_values[] = {
	0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 1.5, -1.5, 2.5, -2.5, 3.5, -3.5,
	0.49999999999999994, -0.49999999999999994, 0.5000000000000001,
	2147483647.5, -2147483647.5, 2147483648.5, -2147483648.5, 4294967295.5,
	4294967296.5, 9007199254740991.0, 4503599627370495.5, -4503599627370495.5,
	4503599627370496.0, 4503599627370497.0, 9007199254740992.0, 1e300, -1e300,
	0.1, -0.1, 1e-300, 123456789.987654321, -987654321.123456789,
	DBL_MAX, -DBL_MAX, DBL_MIN, -DBL_MIN, 4.9406564584124654e-324,
	-4.9406564584124654e-324, 2.2250738585072009e-308, 1.0 / 3.0, 2.0 / 3.0,
	M_PI, M_E, 1e15 + 0.3, 1e16, 1e22, 1e23, 5e-324, 0.125, 9.5, 0.05, 0.15, 0.25,
	0.35, 1.005, 2.675, 1e21, 999999.5, 9.9999999999999995e-8, 123.456,
	INFINITY, -INFINITY, NAN,
};
#define EDGE_COUNT (sizeof(edge_values) / sizeof(edge_values[0]))

static void print_string(const char *text)
{
	putchar('"');
	for (; *text; text++) {
		if (*text == '"' || *text == '\\')
			printf("\\%c", *text);
		else if ((unsigned char)*text < ' ')
			printf("\\%03o", *text);
		else
			putchar(*text);
	}
	putchar('"');
}

static void math_row(enum math_op op, double x, double y)
{
	double result;

	switch (op) {
	case OP_CEIL: result = ceil(x); break;
	case OP_FLOOR: result = floor(x); break;
	case OP_TRUNC: result = trunc(x); break;
	case OP_ROUND: result = round(x); break;
	case OP_RINT: result = rint(x); break;
	default: result = fmod(x, y); break;
	}
	printf("\t{ %d, 0x%016llxull, 0x%016llxull, 0x%016llxull },\n", op,
	       (unsigned long long)bits_of(x), (unsigned long long)bits_of(y),
	       (unsigned long long)bits_of(result));
}

static void write_math(void)
{
	printf("const struct math_case math_cases[] = {\n");
	for (int op = OP_CEIL; op < OP_FMOD; op++) {
		for (unsigned i = 0; i < EDGE_COUNT; i++)
			math_row(op, edge_values[i], 0);
		for (int i = 0; i < 100; i++) {
			math_row(op, random_any(), 0);
			math_row(op, random_near_integer(), 0);
			math_row(op, random_halfway(), 0);
		}
	}
	for (unsigned i = 0; i < EDGE_COUNT; i++)
		for (unsigned j = 0; j < EDGE_COUNT; j += 5)
			math_row(OP_FMOD, edge_values[i], edge_values[(i + j) % EDGE_COUNT]);
	for (int i = 0; i < 300; i++) {
		math_row(OP_FMOD, random_any(), random_any());
		math_row(OP_FMOD, random_near_integer(), random_near_integer());
	}
	printf("};\nconst unsigned math_case_count = sizeof(math_cases) / sizeof(math_cases[0]);\n\n");
}

static void strtod_row(const char *text)
{
	char *double_end, *float_end;
	double as_double = strtod(text, &double_end);
	float as_float = strtof(text, &float_end);
	uint32_t float_bits;

	if (double_end != float_end) {
		fprintf(stderr, "gen_table: strtod and strtof stop apart in %s\n", text);
		exit(1);
	}
	memcpy(&float_bits, &as_float, sizeof(float_bits));
	printf("\t{ ");
	print_string(text);
	printf(", 0x%016llxull, 0x%08lxu, %u },\n", (unsigned long long)bits_of(as_double),
	       (unsigned long)float_bits, (unsigned)(double_end - text));
}

static const char *const edge_texts[] = {
	"0xAA.0", "0x.8", "0x", "0x.", "0xg", "0x1p", "0x1p+", "0x1P-3", "0X1.8p1",
	"0x1.fffffffffffff8p0", "0x1.00000000000008p0", "0x1.000000000000080000001p0",
	"0x1.00000000000018p0", "0x123456789abcdef0123p-10", "0x.0000000000001p-1022",
	"0x1p-1074", "0x1p-1075", "0x1.0000000001p-1075", "0x1.8p-1075", "0x1p1023",
	"0x1.fffffffffffffp1023", "0x1.fffffffffffff8p1023", "0x1p1024", "0x1p-149",
	"0x1.fffffep127", "0x1.ffffffp127", "0x1p-150", "0x1.0001p-150",
	"0", "-0", "+0", "0.0", "-0.0e5", ".", "-.", "+", "", " ", "e5", ".e5", "1e",
	"1e+", "1e-", "1.e5", ".5", "5.", "  \t\n -12.5e-3xyz", "1,5", "1..5",
	"inf", "-INF", "Infinity", "infinit", "nan", "-NaN", "nan(123)", "nan(", "nan()",
	"0.1", "0.2", "0.3", "1e23", "8.5e-324", "2.4703282292062327e-324",
	"2.4703282292062328e-324", "4.9406564584124654e-324", "2.2250738585072011e-308",
	"2.2250738585072012e-308", "2.2250738585072014e-308", "1.7976931348623157e308",
	"1.7976931348623158e308", "1.7976931348623159e308", "1e309", "1e-400",
	"1e99999999999999999999", "1e-99999999999999999999", "9007199254740993",
	"9007199254740992.5", "9007199254740993.0000000000000000000000000001",
	"1.00000000000000011102230246251565404236316680908203125",
	"1.00000000000000011102230246251565404236316680908203124",
	"1.00000000000000011102230246251565404236316680908203126",
	"3.14159265358979323846264338327950288419716939937510582097494459",
	"123456789012345678901234567890e-50", "0.000000000000000000000000000001e30",
	"1.5e-45", "7e-46", "7.006492321624085e-46", "7.006492321624086e-46",
	"1.401298464324817e-45", "3.4028234663852886e38", "3.4028235e38",
	"3.4028235677973366e38", "3.4028236e38", "1.00000005960464477539062500",
	"1.000000059604644775390625000000001", "16777217", "16777217.000001",
	"00000000000000000000000000000000000000000000000012.5",
	"4503599627370496.5", "4503599627370497.5", "1e-307", "1e-308", "1e-320",
	"6.103515625e-05", "1e-45", "2e-45",
};

/* The exact decimal of the point halfway between two neighbouring doubles
 * (or floats) and of its neighbours: x86's long double holds it exactly. */
static void write_halfway_texts(int count)
{
	char text[1200];

	for (int i = 0; i < count; i++) {
		double low = fabs(random_any());
		long double middle;
		float low_float;

		if (!isfinite(low) || low == DBL_MAX)
			continue;
		middle = ((long double)low + nextafter(low, INFINITY)) / 2;
		snprintf(text, sizeof(text), "%.800Lg", middle);
		strtod_row(text);
		low_float = (float)low;
		if (!isfinite(low_float) || low_float == FLT_MAX)
			continue;
		middle = ((long double)low_float + nextafterf(low_float, INFINITY)) / 2;
		snprintf(text, sizeof(text), "%.200Lg", middle);
		strtod_row(text);
	}
}

static void write_strtod(void)
{
	static const char *const number_formats[] = { "%.17g", "%.16g", "%.15g", "%.25e", "%a", "%.3a" };
	char text[160];

	printf("const struct strtod_case strtod_cases[] = {\n");
	for (unsigned i = 0; i < sizeof(edge_texts) / sizeof(edge_texts[0]); i++)
		strtod_row(edge_texts[i]);
	for (int i = 0; i < 150; i++) {
		double value = random_any();
		for (unsigned f = 0; f < sizeof(number_formats) / sizeof(number_formats[0]); f++) {
			snprintf(text, sizeof(text), number_formats[f], value);
			strtod_row(text);
		}
	}
	/* Random digit strings of random length and exponent. */
	for (int i = 0; i < 400; i++) {
		int digits = 1 + (int)(random_bits() % 40), length = 0;
		for (int d = 0; d < digits; d++) {
			text[length++] = (char)('0' + random_bits() % 10);
			if (d == 0 && random_bits() % 2)
				text[length++] = '.';
		}
		snprintf(text + length, sizeof(text) - (size_t)length, "e%d",
			 (int)(random_bits() % 700) - 350);
		strtod_row(text);
	}
	write_halfway_texts(150);
	printf("};\nconst unsigned strtod_case_count = sizeof(strtod_cases) / sizeof(strtod_cases[0]);\n\n");
}

/* %#.Pg as C11 7.21.6.1 defines it, from glibc's %e and %f (which are
 * right): glibc 2.36 prints "1.e+06" for %#g of 999999.5, dropping the
 * zeros '#' must keep when rounding reaches the next power of ten. */
static void hash_g_by_the_standard(char *text, size_t size, int precision, double value)
{
	int exponent;

	snprintf(text, size, "%.*e", precision - 1, value);
	exponent = atoi(strchr(text, 'e') + 1);
	if (precision > exponent && exponent >= -4)
		snprintf(text, size, "%#.*f", precision - 1 - exponent, value);
	else
		snprintf(text, size, "%#.*e", precision - 1, value);
}

static unsigned glibc_rows_left_out;

static void printf_row(const char *format, double value)
{
	char text[1600], standard[1600];

	snprintf(text, sizeof(text), format, value);
	if (isfinite(value) && (!strcmp(format, "%#g") || !strcmp(format, "%#.3g"))) {
		hash_g_by_the_standard(standard, sizeof(standard), format[2] == '.' ? 3 : 6, value);
		if (strcmp(text, standard)) {
			glibc_rows_left_out++;
			return;
		}
	}
	printf("\t{ ");
	print_string(format);
	printf(", 0x%016llxull, ", (unsigned long long)bits_of(value));
	print_string(text);
	printf(" },\n");
}

static void write_printf(void)
{
	static const char *const formats[] = {
		"%a", "%A", "%.0a", "%.1a", "%.3a", "%.13a", "%.20a", "%#.0a", "%+a", "%20.2a",
		"%e", "%E", "%.0e", "%#.0e", "%.1e", "%.3e", "%.16e", "%.17e", "%.25e", "%.40e",
		"%f", "%F", "%.0f", "%#.0f", "%.1f", "%.3f", "%.17f", "%.30f", "%+.2f", "% f",
		"%-12.3f|", "%012.3f", "%g", "%G", "%.0g", "%.1g", "%.3g", "%.15g", "%.17g",
		"%.30g", "%#g", "%#.3g", "%+g", "%-10g|", "%010g", "%.60g",
	};
	static const char *const wide_formats[] = { "%.0f", "%f", "%.20e", "%.330g", "%.1100f" };

	printf("const struct printf_case printf_cases[] = {\n");
	for (unsigned f = 0; f < sizeof(formats) / sizeof(formats[0]); f++) {
		for (unsigned i = 0; i < EDGE_COUNT; i++)
			printf_row(formats[f], edge_values[i]);
		for (int i = 0; i < 12; i++) {
			double value = random_any();
			/* %f of a huge number is hundreds of digits: a few suffice. */
			if (formats[f][strlen(formats[f]) - 1] == 'f' && fabs(value) > 1e30 && i % 4)
				value = random_near_integer();
			printf_row(formats[f], value);
			printf_row(formats[f], random_halfway());
		}
	}
	for (unsigned f = 0; f < sizeof(wide_formats) / sizeof(wide_formats[0]); f++) {
		printf_row(wide_formats[f], DBL_MAX);
		printf_row(wide_formats[f], 4.9406564584124654e-324);
		printf_row(wide_formats[f], 0.1);
	}
	printf("};\nconst unsigned printf_case_count = sizeof(printf_cases) / sizeof(printf_cases[0]);\n");
	printf("/* %u %%#g rows where glibc departs from C11 are left out. */\n", glibc_rows_left_out);
}

static void other_row(const char *format, enum argument_kind kind, int64_t number, const char *string)
{
	char text[256];

	switch (kind) {
	case ARGUMENT_INT: snprintf(text, sizeof(text), format, (int)number); break;
	case ARGUMENT_LONG_LONG: snprintf(text, sizeof(text), format, (long long)number); break;
	case ARGUMENT_LONG: snprintf(text, sizeof(text), format, (long)number); break;
	default: snprintf(text, sizeof(text), format, string); break;
	}
	printf("\t{ ");
	print_string(format);
	/* As unsigned bits: INT64_MIN has no literal of its own. */
	printf(", %d, (int64_t)0x%llxull, ", kind, (unsigned long long)number);
	if (string)
		print_string(string);
	else
		printf("0");
	printf(", ");
	print_string(text);
	printf(" },\n");
}

/* Integers and strings: every flag, width, precision and length modifier. */
static void write_printf_other(void)
{
	static const char *const int_formats[] = {
		"%d", "%i", "%5d", "%-5d|", "%05d", "%+d", "% d", "%.3d", "%.0d", "%x", "%#x",
		"%X", "%#X", "%o", "%#o", "%u", "%hhd", "%hd", "%hhu", "%hu", "%08.3d", "%-+8d|",
		"%#.0o", "%#5x", "%c", "%3c|", "%-3c|", "%#.3x", "%+.0d", "%-#10o|", "%*d", "%-*d|",
	};
	static const char *const long_long_formats[] = {
		"%lld", "%llx", "%llu", "%jd", "%20lld", "%#llo", "%-25lli|", "%+lld", "%.30llX",
	};
	static const char *const long_formats[] = { "%ld", "%lu", "%lx", "%zu", "%zd", "%12lo" };
	static const int64_t numbers[] = {
		0, 1, -1, 42, -42, 127, 128, 255, 256, 32767, -32768, 65535, 65536, 123456789,
		2147483647, -2147483647 - 1, 4294967295ll, 9223372036854775807ll,
		-9223372036854775807ll - 1, 1234567890123456789ll, 65,
	};
	static const char *const strings[] = { "", "a", "hello", "hello, world", "tab\there" };
	static const char *const string_formats[] = {
		"%s", "%10s", "%-10s|", "%.3s", "%10.3s", "%.0s", "[%s]", "%%%s%%", "%5.1s|",
	};
	unsigned count = sizeof(numbers) / sizeof(numbers[0]);

	printf("const struct printf_other_case printf_other_cases[] = {\n");
	for (unsigned f = 0; f < sizeof(int_formats) / sizeof(int_formats[0]); f++) {
		for (unsigned i = 0; i < count; i++) {
			if (strchr(int_formats[f], '*'))
				continue;
			if (numbers[i] >= INT32_MIN && numbers[i] <= UINT32_MAX)
				other_row(int_formats[f], ARGUMENT_INT, (int32_t)numbers[i], NULL);
		}
	}
	for (unsigned f = 0; f < sizeof(long_long_formats) / sizeof(long_long_formats[0]); f++)
		for (unsigned i = 0; i < count; i++)
			other_row(long_long_formats[f], ARGUMENT_LONG_LONG, numbers[i], NULL);
	/* long and size_t are 32 bits on the target: non-negative 31-bit values only. */
	for (unsigned f = 0; f < sizeof(long_formats) / sizeof(long_formats[0]); f++)
		for (unsigned i = 0; i < count; i++)
			if (numbers[i] >= 0 && numbers[i] <= INT32_MAX)
				other_row(long_formats[f], ARGUMENT_LONG, numbers[i], NULL);
	for (unsigned f = 0; f < sizeof(string_formats) / sizeof(string_formats[0]); f++)
		for (unsigned i = 0; i < sizeof(strings) / sizeof(strings[0]); i++)
			other_row(string_formats[f], ARGUMENT_STRING, 0, strings[i]);
	printf("};\nconst unsigned printf_other_case_count = "
	       "sizeof(printf_other_cases) / sizeof(printf_other_cases[0]);\n");
}

/* glibc's 32-bit strtol, from the host's 64-bit strtoll: the same digits and
 * end, the value clamped to 32 bits with ERANGE. */
static int64_t strtol32(const char *text, char **end, int base)
{
	long long value = strtoll(text, end, base);

	if (value > INT32_MAX) {
		errno = ERANGE;
		return INT32_MAX;
	}
	if (value < INT32_MIN) {
		errno = ERANGE;
		return INT32_MIN;
	}
	return value;
}

/* glibc's 32-bit strtoul: a magnitude past 32 bits is ULONG_MAX with ERANGE,
 * else the magnitude, negated in 32 bits after a minus sign. */
static uint64_t strtoul32(const char *text, char **end, int base)
{
	unsigned long long value = strtoull(text, end, base), magnitude;
	const char *sign = text;

	while (isspace((unsigned char)*sign))
		sign++;
	if (errno == ERANGE)
		return UINT32_MAX;
	magnitude = *sign == '-' ? -value : value;
	if (magnitude > UINT32_MAX) {
		errno = ERANGE;
		return UINT32_MAX;
	}
	return (uint32_t)(*sign == '-' ? 0u - (uint32_t)magnitude : (uint32_t)magnitude);
}

static void integer_row(const char *text, int base, enum integer_function function)
{
	char *end = (char *)text;
	uint64_t result = 0;

	errno = 0;
	switch (function) {
	case FN_STRTOL: result = (uint64_t)strtol32(text, &end, base); break;
	case FN_STRTOUL: result = strtoul32(text, &end, base); break;
	case FN_STRTOLL: result = (uint64_t)strtoll(text, &end, base); break;
	case FN_STRTOULL: result = strtoull(text, &end, base); break;
	case FN_ATOI: result = (uint64_t)(int64_t)atoi(text); break;
	case FN_ATOL: result = (uint64_t)strtol32(text, NULL, 10); break;
	default: result = (uint64_t)atoll(text); break;
	}
	printf("\t{ ");
	print_string(text);
	printf(", %d, %d, %d, %u, 0x%llxull },\n", base, function,
	       errno == ERANGE ? INTEGER_ERANGE : errno == EINVAL ? INTEGER_EINVAL : INTEGER_OK,
	       (unsigned)(end - text), (unsigned long long)result);
}

/* Signs, blanks, prefixes that stop early ("0x", "-0x"), every base, and the
 * edges of each type. */
static void write_integers(void)
{
	static const char *const texts[] = {
		"0", "1", "-1", "+1", "42", "  \t\n\v\f\r42", "- 5", "+-5", "-", "+", "", "   ",
		"0x", "-0x", "+0x", "0X", "0xg", "-0xg", "0x1F", "0X1f", "-0x1F", "0x-1", "00x1",
		"0777", "-0777", "08", "09", "0b101", "z", "Z", "zz", "1e5", "12abc", "abc", "0x7fffffff",
		"2147483647", "2147483648", "-2147483648", "-2147483649", "4294967295", "4294967296",
		"-4294967295", "-4294967296", "9223372036854775807", "9223372036854775808",
		"-9223372036854775808", "-9223372036854775809", "18446744073709551615",
		"18446744073709551616", "-18446744073709551615", "99999999999999999999999",
		"0xffffffffffffffff", "0x10000000000000000", "1234567890", "007", "0.5", "3 4",
	};
	/* In range of every type: the ato* functions overflow undefinedly. */
	static const char *const ato_texts[] = {
		"0", "42", "-42", "  +17", "12abc", "0x1F", "007", "", "x", "2147483647", "-2147483648",
	};
	static const int bases[] = { 0, 2, 8, 10, 16, 36, 1, 37, -1 };

	printf("const struct integer_case integer_cases[] = {\n");
	for (unsigned t = 0; t < sizeof(texts) / sizeof(texts[0]); t++)
		for (unsigned b = 0; b < sizeof(bases) / sizeof(bases[0]); b++)
			for (int function = FN_STRTOL; function <= FN_STRTOULL; function++)
				integer_row(texts[t], bases[b], (enum integer_function)function);
	for (unsigned t = 0; t < sizeof(ato_texts) / sizeof(ato_texts[0]); t++)
		for (int function = FN_ATOI; function <= FN_ATOLL; function++)
			integer_row(ato_texts[t], 10, (enum integer_function)function);
	printf("};\nconst unsigned integer_case_count = sizeof(integer_cases) / sizeof(integer_cases[0]);\n");
}

int main(void)
{
	printf("/* libc_table.c - generated by gen_table from the host's C library; do not edit. */\n");
	printf("#include \"libc_table.h\"\n\n");
	write_math();
	write_strtod();
	write_printf();
	write_printf_other();
	write_integers();
	return ferror(stdout) ? 1 : 0;
}
