/* tap.h - TAP output for the test programs that run on the target (over
 * libposix or libmm0client): one "ok N - name" or "not ok N - name: detail"
 * line per check. */
#ifndef TAP_H
#define TAP_H

#include <stdbool.h>

/* Reports one check; a failure names what was expected and what came. */
void check_report(int passed, const char *name, const char *detail_format, ...)
	__attribute__((format(printf, 3, 4)));

/* Reports one check whose failure is told by a number (an errno, a count,
 * a difference); returns passed, so that a caller can skip what depends on it. */
bool check(const char *name, bool passed, long detail);

#define CHECK_EQ(name, expected, actual) do { \
	long check_expected = (long)(expected), check_actual = (long)(actual); \
	check_report(check_expected == check_actual, name, "expected %ld (%s), got %ld (%s)", \
		     check_expected, #expected, check_actual, #actual); \
} while (0)

#define CHECK(name, condition) \
	check_report(!!(condition), name, "expected %s", #condition)

/* Prints the TAP plan and "PROGRAM: N checks, M failed"; returns the exit
 * status: the number of failures, at most 125. */
int tap_summary(const char *program);

#endif
