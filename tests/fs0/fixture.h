/* fixture.h - what every fs0 host suite shares: a fresh server with one task
 * per test, a fake reply transport that records completions, and the
 * check that nothing is left allocated afterwards. */
#ifndef FS0_FIXTURE_H
#define FS0_FIXTURE_H

#include <check.h>
#include <stddef.h>
#include "fs0_logic.h"

#define TASK_A		101u
#define TASK_B		102u
#define TASK_C		103u
#define TASK_UNKNOWN	999u

struct completion {
	void *token;
	long result;
};

#define COMPLETIONS_MAX 64
extern struct completion completions[COMPLETIONS_MAX];
extern int completion_count;

void fs0_setup(void);		/* fs0_init plus TASK_A at "/" */
void fs0_teardown(void);	/* fs0_shutdown, then every count must be 0 */

/* Live vnodes, open files and data bytes must be back to an empty root's. */
void assert_only_root_left(void);

/* Creates path with the given text as TASK_A; fails the test on error. */
void make_file(const char *path, const char *text);
/* Reads a whole file as TASK_A into buf (NUL-terminated); returns its length. */
long slurp(const char *path, char *buf, size_t size);

TCase *fs0_tcase(const char *name);
int run_suite(Suite *suite);

#endif
