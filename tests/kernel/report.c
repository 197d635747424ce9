/* report.c - the root-task test programs' output: one line per check on
 * the kernel console, and the closing count. Shared by tests/kernel and
 * tests/attack. */
#include "ktest.h"

static uint32_t checks, failures;

void out(const char *text)
{
	uint32_t n = 0;
	while (text[n])
		n++;
	l4_kdebug_puts(text, n);
}

void out_dec(uint32_t value)
{
	char buf[12];
	int i = sizeof(buf) - 1;
	buf[i] = '\0';
	do {
		buf[--i] = (char)('0' + value % 10);
		value /= 10;
	} while (value);
	out(&buf[i]);
}

void out_hex(uint32_t value)
{
	char buf[11] = "0x";
	for (int i = 0; i < 8; i++)
		buf[2 + i] = "0123456789abcdef"[(value >> (28 - 4 * i)) & 0xf];
	buf[10] = '\0';
	out(buf);
}

static void line_start(bool ok, const char *name)
{
	checks++;
	if (!ok)
		failures++;
	out(ok ? "ok " : "FAIL ");
	out_dec(checks);
	out(" - ");
	out(name);
}

void check_eq(const char *name, int32_t actual, int32_t expected)
{
	line_start(actual == expected, name);
	if (actual != expected) {
		out(": expected ");
		out_hex((uint32_t)expected);
		out(", got ");
		out_hex((uint32_t)actual);
	}
	out("\n");
}

void check_true(const char *name, bool ok, uint32_t detail)
{
	line_start(ok, name);
	if (!ok) {
		out(": value ");
		out_hex(detail);
	}
	out("\n");
}

int report_summary(const char *program)
{
	out(program);
	out(": ");
	out_dec(checks);
	out(" checks, ");
	out_dec(failures);
	out(" failures\n");
	return failures ? 1 : 0;
}
