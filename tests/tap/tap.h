/* tap.h - TAP output for the POSIX test programs that run on the target:
 * one "ok N - name" or "not ok N - name: detail" line per check. */
#ifndef TAP_H
#define TAP_H

/* Reports one check; a failure names what was expected and what came. */
void check_report(int passed, const char *name, const char *detail_format, ...)
	__attribute__((format(printf, 3, 4)));

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
