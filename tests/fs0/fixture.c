/* fixture.c - the shared set-up, tear-down and helpers of the fs0 suites. */
#include <stdlib.h>
#include <string.h>
#include "fixture.h"

struct completion completions[COMPLETIONS_MAX];
int completion_count;

/* The suites' tokens are their own pointers: the logic keeps a copy of one. */
static void record_completion(void *kept, long result)
{
	void *token = *(void **)kept;
	ck_assert_int_lt(completion_count, COMPLETIONS_MAX);
	completions[completion_count].token = token;
	completions[completion_count].result = result;
	completion_count++;
}

static void keep_token(const void *token, void *kept)
{
	*(const void **)kept = token;
}

static const struct fs0_reply_ops fake_replies = {
	.token_size = sizeof(void *),
	.keep = keep_token,
	.complete = record_completion,
};

void fs0_setup(void)
{
	completion_count = 0;
	ck_assert_int_eq(fs_init(&fake_replies), 0);
	ck_assert_int_eq(fs_task_fork(FS0_TASK_NONE, TASK_A, false), 0);
}

void fs0_teardown(void)
{
	fs_shutdown();
	struct fs0_stats stats;
	fs_stats(&stats);
	ck_assert_uint_eq(stats.vnodes, 0);
	ck_assert_uint_eq(stats.files, 0);
	ck_assert_uint_eq(stats.descriptors, 0);
	ck_assert_uint_eq(stats.tables, 0);
	ck_assert_uint_eq(stats.tasks, 0);
	ck_assert_uint_eq(stats.pipes, 0);
	ck_assert_uint_eq(stats.mounts, 0);
	ck_assert_uint_eq(stats.handles, 0);
	ck_assert_uint_eq(stats.pending, 0);
	ck_assert_uint_eq(stats.data_bytes, 0);
	ck_assert_uint_eq(stats.allocations, 0);
}

void assert_only_root_left(void)
{
	struct fs0_stats stats;
	fs_stats(&stats);
	ck_assert_uint_eq(stats.vnodes, 1);
	ck_assert_uint_eq(stats.files, 0);
	ck_assert_uint_eq(stats.descriptors, 0);
	ck_assert_uint_eq(stats.pipes, 0);
	ck_assert_uint_eq(stats.handles, 0);
	ck_assert_uint_eq(stats.data_bytes, 0);
}

void make_file(const char *path, const char *text)
{
	int fd = fs_open(TASK_A, FS0_AT_FDCWD, path, FS0_O_WRONLY | FS0_O_CREAT | FS0_O_TRUNC, 0644);
	ck_assert_msg(fd >= 0, "creating %s gave %d", path, fd);
	long len = (long)strlen(text);
	ck_assert_int_eq(fs_write(TASK_A, fd, text, (size_t)len, NULL), len);
	ck_assert_int_eq(fs_close(TASK_A, fd), 0);
}

long slurp(const char *path, char *buf, size_t size)
{
	int fd = fs_open(TASK_A, FS0_AT_FDCWD, path, FS0_O_RDONLY, 0);
	ck_assert_msg(fd >= 0, "opening %s gave %d", path, fd);
	long total = 0;
	long got;
	while ((got = fs_read(TASK_A, fd, buf + total, size - 1 - (size_t)total, NULL)) > 0)
		total += got;
	ck_assert_int_eq(got, 0);
	buf[total] = '\0';
	ck_assert_int_eq(fs_close(TASK_A, fd), 0);
	return total;
}

TCase *fs0_tcase(const char *name)
{
	TCase *tcase = tcase_create(name);
	tcase_add_checked_fixture(tcase, fs0_setup, fs0_teardown);
	return tcase;
}

int run_suite(Suite *suite)
{
	SRunner *runner = srunner_create(suite);
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
