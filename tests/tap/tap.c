/* tap.c - TAP output for the test programs on the target (tap.h). */
#include <stdarg.h>
#include <stdio.h>
#include "tap.h"

static int checks_run, checks_failed;

void check_report(int passed, const char *name, const char *detail_format, ...)
{
	char detail[160];
	va_list args;

	checks_run++;
	if (passed) {
		printf("ok %d - %s\n", checks_run, name);
		return;
	}
	checks_failed++;
	va_start(args, detail_format);
	vsnprintf(detail, sizeof(detail), detail_format, args);
	va_end(args);
	printf("not ok %d - %s: %s\n", checks_run, name, detail);
}

bool check(const char *name, bool passed, long detail)
{
	check_report(passed, name, "detail %ld", detail);
	return passed;
}

int tap_summary(const char *program)
{
	printf("1..%d\n", checks_run);
	printf("%s: %d checks, %d failed\n", program, checks_run, checks_failed);
	return checks_failed > 125 ? 125 : checks_failed;
}
