/* check_random.c - long random sequences of fs0 requests over a small
 * namespace (fixed seeds): every result must be a value or a known -errno,
 * and nothing may be read after free or leaked (ASan and the teardown). */
#include <string.h>
#include "fixture.h"

static unsigned seed;

static unsigned next_random(unsigned limit)
{
	seed = seed * 1103515245u + 12345u;
	return (seed >> 8) % limit;
}

static const char *const paths[] = {
	"/a", "/b", "/a/c", "/b/d", "/a/c/e", "a", "c", "..", ".", "/", "/a/../b",
	"/b/d/", "e", "../a/c",
};

static const char *random_path(void)
{
	return paths[next_random(sizeof(paths) / sizeof(paths[0]))];
}

static fs0_task_t random_task(void)
{
	return next_random(2) ? TASK_A : TASK_B;
}

static int random_fd(void)
{
	return (int)next_random(12) - 1;
}

/* One random request; returns its result. */
static long random_request(uint8_t *buf, size_t buf_size)
{
	fs0_task_t task = random_task();
	int64_t offset;
	struct fs0_stat_info st;
	int fds[2];
	static const uint32_t open_flags[] = {
		FS0_O_RDONLY, FS0_O_WRONLY | FS0_O_CREAT, FS0_O_RDWR | FS0_O_CREAT | FS0_O_TRUNC,
		FS0_O_RDWR | FS0_O_APPEND, FS0_O_CREAT | FS0_O_EXCL | FS0_O_WRONLY,
		FS0_O_RDONLY | FS0_O_DIRECTORY,
	};
	switch (next_random(18)) {
	case 0: return fs_open(task, FS0_AT_FDCWD, random_path(), open_flags[next_random(6)], 0644);
	case 1: return fs_close(task, random_fd());
	case 2: return fs_read(task, random_fd(), buf, next_random((unsigned)buf_size), NULL);
	case 3: return fs_write(task, random_fd(), buf, next_random((unsigned)buf_size), NULL);
	case 4: return fs_lseek(task, random_fd(), (int64_t)next_random(20000) - 100,
				 (int)next_random(4), &offset);
	case 5: return fs_mkdir(task, FS0_AT_FDCWD, random_path(), 0755);
	case 6: return fs_rmdir(task, FS0_AT_FDCWD, random_path());
	case 7: return fs_unlink(task, FS0_AT_FDCWD, random_path());
	case 8: return fs_rename(task, FS0_AT_FDCWD, random_path(), FS0_AT_FDCWD, random_path());
	case 9: return fs_dup(task, random_fd());
	case 10: return fs_dup2(task, random_fd(), random_fd());
	case 11: return fs_pipe(task, 0, fds);
	case 12: return fs_ftruncate(task, random_fd(), next_random(10000));
	case 13: return fs_chdir(task, random_path());
	case 14: return fs_getcwd(task, (char *)buf, next_random(8));
	case 15: return fs_getdents(task, random_fd(), buf, buf_size);
	case 16: return fs_stat(task, FS0_AT_FDCWD, random_path(), 0, &st);
	default:
		if (fs_task_exit(TASK_B) == 0)
			return 0;
		return fs_task_fork(TASK_A, TASK_B, next_random(2));
	}
}

START_TEST(test_random_requests)
{
	_Alignas(8) uint8_t buf[9000];
	memset(buf, 'r', sizeof(buf));
	seed = 1000u + (unsigned)_i;
	ck_assert_int_eq(fs_task_fork(TASK_A, TASK_B, false), 0);
	for (int step = 0; step < 20000; step++) {
		long result = random_request(buf, sizeof(buf));
		ck_assert_msg(result >= 0 || (result < 0 && result >= -FS0_ENOTEMPTY),
			      "step %d gave %ld", step, result);
		ck_assert_int_ne(result, -FS0_ENOMEM);
	}
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("fs0 random requests");
	TCase *random = fs0_tcase("random");
	tcase_add_loop_test(random, test_random_requests, 0, 8);
	suite_add_tcase(suite, random);
	return run_suite(suite);
}
