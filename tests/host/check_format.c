/* check_format.c - the kernel's printf engine, compiled for the host. */
#include <check.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "format.h"

/* Deliberately malformed formats go through here, past gcc's format check. */
static int format_unchecked(char *buf, size_t size, const char *fmt, ...)
{
	va_list args;
	va_start(args, fmt);
	int n = format_vstring(buf, size, fmt, args);
	va_end(args);
	return n;
}

#define ck_format_unchecked(expected, ...) do {                              \
	char buf_[256];                                                      \
	int n_ = format_unchecked(buf_, sizeof(buf_), __VA_ARGS__);         \
	ck_assert_str_eq(buf_, expected);                                    \
	ck_assert_int_eq(n_, (int)strlen(expected));                         \
} while (0)

/* Formats into a roomy buffer and checks both the text and the count. */
#define ck_format(expected, ...) do {                                        \
	char buf_[256];                                                      \
	int n_ = format_string(buf_, sizeof(buf_), __VA_ARGS__);            \
	ck_assert_str_eq(buf_, expected);                                    \
	ck_assert_int_eq(n_, (int)strlen(expected));                         \
} while (0)

START_TEST(test_plain_text)
{
	ck_format("hello, kernel", "hello, kernel");
	ck_format_unchecked("", "");
}
END_TEST

START_TEST(test_signed_decimal)
{
	ck_format("0 42 -42", "%d %i %d", 0, 42, -42);
	ck_format("-2147483648", "%d", INT_MIN);
	ck_format("2147483647", "%d", INT_MAX);
	ck_format("-9223372036854775808", "%lld", LLONG_MIN);
	ck_format("-1", "%ld", -1L);
}
END_TEST

START_TEST(test_unsigned_and_bases)
{
	ck_format("4294967295", "%u", UINT_MAX);
	ck_format("deadbeef DEADBEEF", "%x %X", 0xdeadbeefu, 0xdeadbeefu);
	ck_format("777", "%o", 0777u);
	ck_format("18446744073709551615", "%llu", ULLONG_MAX);
	ck_format("ffffffffffffffff", "%llx", ULLONG_MAX);
	ck_format("123", "%zu", (size_t)123);
}
END_TEST

START_TEST(test_width_and_flags)
{
	ck_format("   42", "%5d", 42);
	ck_format("00042", "%05d", 42);
	ck_format("42   |", "%-5d|", 42);
	ck_format("-0042", "%05d", -42);
	ck_format("  -42", "%5d", -42);
	ck_format("0000beef", "%08x", 0xbeefu);
	ck_format("ab   |", "%-5s|", "ab");
	ck_format_unchecked("   ab", "%05s", "ab");	/* zero flag ignored for strings */
	ck_format("toolong", "%3s", "toolong");
}
END_TEST

START_TEST(test_pointer_char_string_percent)
{
	ck_format("0x1000", "%p", (void *)0x1000);
	ck_format("0x0", "%p", (void *)0);
	ck_format("x", "%c", 'x');
	ck_format_unchecked("(null)", "%s", (char *)NULL);
	ck_format("100%", "100%%");
}
END_TEST

START_TEST(test_unknown_conversion_is_copied)
{
	ck_format_unchecked("%q 5", "%q %d", 5);
	ck_format_unchecked("trailing %", "trailing %");
	ck_format_unchecked("%5", "%5");
}
END_TEST

START_TEST(test_truncation)
{
	char buf[8];
	memset(buf, 'Z', sizeof(buf));
	int n = format_string(buf, 6, "%s", "abcdefgh");
	ck_assert_int_eq(n, 8);
	ck_assert_str_eq(buf, "abcde");
	ck_assert_int_eq(buf[6], 'Z');	/* nothing written past size */

	n = format_string(buf, 1, "%d", 12345);
	ck_assert_int_eq(n, 5);
	ck_assert_str_eq(buf, "");

	buf[0] = 'Q';
	n = format_string(buf, 0, "abc");
	ck_assert_int_eq(n, 3);
	ck_assert_int_eq(buf[0], 'Q');	/* size 0 writes nothing */
}
END_TEST

/* One test case per group of conversions, so that CK_RUN_CASE can pick one. */
static Suite *format_suite(void)
{
	Suite *s = suite_create("kernel format");
	TCase *plain = tcase_create("plain");
	TCase *integers = tcase_create("integers");
	TCase *conversions = tcase_create("conversions");
	TCase *width = tcase_create("width");
	TCase *truncation = tcase_create("truncation");

	tcase_add_test(plain, test_plain_text);
	tcase_add_test(plain, test_unknown_conversion_is_copied);
	tcase_add_test(integers, test_signed_decimal);
	tcase_add_test(integers, test_unsigned_and_bases);
	tcase_add_test(conversions, test_pointer_char_string_percent);
	tcase_add_test(width, test_width_and_flags);
	tcase_add_test(truncation, test_truncation);
	suite_add_tcase(s, plain);
	suite_add_tcase(s, integers);
	suite_add_tcase(s, conversions);
	suite_add_tcase(s, width);
	suite_add_tcase(s, truncation);
	return s;
}

int main(void)
{
	SRunner *runner = srunner_create(format_suite());
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
