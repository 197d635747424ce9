/* check_proto_errors.c - every error fs0 gives over the wire, the requests
 * that only mm0 may make, and malformed requests stopped at the dispatch
 * before any handler runs. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "fs0_server.h"
#include "proto_fixture.h"

static struct fs0_stats stats_now(void)
{
	struct fs0_stats stats;
	fs_stats(&stats);
	return stats;
}

/* A request written word by word: its result. */
static int raw_call(uint32_t label, uint32_t header, const uint32_t *words, unsigned count)
{
	uint32_t *mr = idlrt_mr();
	mr[0] = L4_TAG(label, count + (header ? 1 : 0));
	mr[1] = header;
	for (unsigned i = 0; i < count; i++)
		mr[2 + i] = words[i];
	ck_assert_int_eq(idlrt_call(FS0_TID), 0);
	ck_assert_uint_eq(L4_TAG_WORDS(mr[0]), 1);
	return (int32_t)mr[1];
}

#define HEADER IDLRT_HEADER(FS0_IFACE_ID, FS0_IFACE_VERSION)

START_TEST(enoent)
{
	struct fs0_stat_info st;
	ck_assert_int_eq(c_open("/missing", FS0_O_RDONLY, 0), -FS0_ENOENT);
	ck_assert_int_eq(c_stat("/missing/deeper", &st), -FS0_ENOENT);
	ck_assert_int_eq(c_chdir("/missing"), -FS0_ENOENT);
	ck_assert_int_eq(c_unlink("/missing"), -FS0_ENOENT);
	ck_assert_int_eq(c_rename("/missing", "/other"), -FS0_ENOENT);
	ck_assert_int_eq(fs0_open(FS0_TID, FS0_AT_FDCWD, "", FS0_O_RDONLY, 0), -FS0_ENOENT);
}
END_TEST

START_TEST(eexist)
{
	ck_assert_int_eq(c_mkdir("/d"), 0);
	ck_assert_int_eq(c_mkdir("/d"), -FS0_EEXIST);
	c_make_file("/f", "x");
	ck_assert_int_eq(c_open("/f", FS0_O_WRONLY | FS0_O_CREAT | FS0_O_EXCL, 0644), -FS0_EEXIST);
	act_as(MM0_TID);
	ck_assert_int_eq(fs0_task_fork(FS0_TID, 0, CLIENT_A, false, CLIENT_A), -FS0_EEXIST);
}
END_TEST

START_TEST(ebadf)
{
	struct fs0_stat_info st;
	int64_t pos;
	static _Alignas(8) uint8_t bytes[512];
	uint32_t len = 1;
	ck_assert_int_eq(fs0_close(FS0_TID, 3), -FS0_EBADF);
	ck_assert_int_eq(fs0_close(FS0_TID, -1), -FS0_EBADF);
	ck_assert_int_eq(fs0_read(FS0_TID, 7, bytes, &len), -FS0_EBADF);
	ck_assert_int_eq(fs0_fstat(FS0_TID, FS0_OPEN_MAX, &st), -FS0_EBADF);
	ck_assert_int_eq(fs0_lseek(FS0_TID, 5, 0, FS0_SEEK_SET, &pos), -FS0_EBADF);
	ck_assert_int_eq(fs0_dup(FS0_TID, 2), -FS0_EBADF);
	len = sizeof(bytes);
	ck_assert_int_eq(fs0_getdents(FS0_TID, 2, bytes, &len), -FS0_EBADF);
	c_make_file("/ro", "r");
	int fd = c_open("/ro", FS0_O_RDONLY, 0);
	ck_assert_int_eq(c_write_text(fd, "no"), -FS0_EBADF);
	ck_assert_int_eq(fs0_close(FS0_TID, fd), 0);
}
END_TEST

START_TEST(eisdir)
{
	ck_assert_int_eq(c_mkdir("/dir"), 0);
	ck_assert_int_eq(c_open("/dir", FS0_O_WRONLY, 0), -FS0_EISDIR);
	ck_assert_int_eq(c_open("/dir", FS0_O_RDWR | FS0_O_CREAT, 0644), -FS0_EISDIR);
	ck_assert_int_eq(c_unlink("/dir"), -FS0_EISDIR);
	int fd = c_open("/dir", FS0_O_RDONLY, 0);
	char text[16];
	uint32_t len = sizeof(text);
	ck_assert_int_eq(fs0_read(FS0_TID, fd, text, &len), -FS0_EISDIR);
	ck_assert_int_eq(fs0_close(FS0_TID, fd), 0);
}
END_TEST

START_TEST(enotdir)
{
	struct fs0_stat_info st;
	c_make_file("/file", "f");
	ck_assert_int_eq(c_stat("/file/x", &st), -FS0_ENOTDIR);
	ck_assert_int_eq(c_open("/file", FS0_O_RDONLY | FS0_O_DIRECTORY, 0), -FS0_ENOTDIR);
	ck_assert_int_eq(c_rmdir("/file"), -FS0_ENOTDIR);
	ck_assert_int_eq(c_chdir("/file"), -FS0_ENOTDIR);
	ck_assert_int_eq(c_mkdir("/file/sub"), -FS0_ENOTDIR);
}
END_TEST

START_TEST(enotempty)
{
	ck_assert_int_eq(c_mkdir("/full"), 0);
	c_make_file("/full/x", "x");
	ck_assert_int_eq(c_rmdir("/full"), -FS0_ENOTEMPTY);
	ck_assert_int_eq(c_mkdir("/empty"), 0);
	ck_assert_int_eq(c_rename("/empty", "/full"), -FS0_ENOTEMPTY);
}
END_TEST

START_TEST(enametoolong)
{
	char path[FS0_PATH_MAX + 2];
	memset(path, 'a', sizeof(path));
	path[0] = '/';
	path[FS0_PATH_MAX] = '\0';		/* 4096 bytes: no room for the NUL */
	ck_assert_int_eq(c_mkdir(path), -FS0_ENAMETOOLONG);
	ck_assert_int_eq(c_open(path, FS0_O_RDONLY, 0), -FS0_ENAMETOOLONG);
	path[FS0_PATH_MAX - 1] = '\0';		/* 4095 bytes, one component of 4094 */
	ck_assert_int_eq(c_mkdir(path), -FS0_ENAMETOOLONG);
	/* 4095 bytes of "/./././" ending in a name of 4: the longest path there is */
	path[0] = '/';
	for (int i = 1; i < FS0_PATH_MAX - 5; i += 2)
		memcpy(path + i, "./", 2);
	memcpy(path + FS0_PATH_MAX - 5, "dirx", 5);
	ck_assert_uint_eq(strlen(path), FS0_PATH_MAX - 1);
	ck_assert_int_eq(c_mkdir(path), 0);
	ck_assert_int_eq(c_rmdir("/dirx"), 0);
	memset(path, 'b', FS0_NAME_MAX + 1);	/* a relative component of 256 */
	path[FS0_NAME_MAX + 1] = '\0';
	ck_assert_int_eq(c_mkdir(path), -FS0_ENAMETOOLONG);
}
END_TEST

START_TEST(emfile)
{
	c_make_file("/f", "x");
	for (int fd = 0; fd < FS0_OPEN_MAX; fd++)
		ck_assert_int_eq(c_open("/f", FS0_O_RDONLY, 0), fd);
	ck_assert_int_eq(c_open("/f", FS0_O_RDONLY, 0), -FS0_EMFILE);
	ck_assert_int_eq(fs0_dup(FS0_TID, 0), -FS0_EMFILE);
	ck_assert_int_eq(fs0_close(FS0_TID, 10), 0);
	int32_t fds[2];
	ck_assert_int_eq(fs0_pipe(FS0_TID, 0, fds), -FS0_EMFILE);
	for (int fd = 0; fd < FS0_OPEN_MAX; fd++)
		ck_assert_int_eq(fs0_close(FS0_TID, fd), fd == 10 ? -FS0_EBADF : 0);
}
END_TEST

START_TEST(einval)
{
	int64_t pos;
	int32_t fds[2];
	c_make_file("/f", "abc");
	int fd = c_open("/f", FS0_O_RDWR, 0);
	ck_assert_int_eq(fs0_lseek(FS0_TID, fd, 0, 7, &pos), -FS0_EINVAL);
	ck_assert_int_eq(fs0_lseek(FS0_TID, fd, -1, FS0_SEEK_SET, &pos), -FS0_EINVAL);
	ck_assert_int_eq(fs0_ftruncate(FS0_TID, fd, -5), -FS0_EINVAL);
	ck_assert_int_eq(fs0_close(FS0_TID, fd), 0);
	ck_assert_int_eq(fs0_pipe(FS0_TID, FS0_O_APPEND, fds), -FS0_EINVAL);
	/* a path with a NUL inside it: the dispatch refuses it before unlink runs */
	memcpy(bulk_area(), "/f\0x", 4);
	uint32_t unlink_words[3] = { (uint32_t)FS0_AT_FDCWD, 0, 4 };
	ck_assert_int_eq(raw_call(FS0_OP_UNLINK, HEADER, unlink_words, 3), -EBADMSG);
	struct fs0_stat_info st;
	ck_assert_int_eq(c_stat("/f", &st), 0);
	ck_assert_int_eq(c_mkdir("/d"), 0);
	fd = c_open("/d", FS0_O_RDONLY, 0);
	const uint32_t misaligned[] = { (uint32_t)fd, 4, 512 };
	ck_assert_int_eq(raw_call(FS0_OP_GETDENTS, HEADER, misaligned, 3), -FS0_EINVAL);
	ck_assert_int_eq(fs0_close(FS0_TID, fd), 0);
	act_as(MM0_TID);
	ck_assert_int_eq(fs0_set_buffer(FS0_TID, CLIENT_B, 12, 64), -FS0_EINVAL);
	ck_assert_int_eq(fs0_set_buffer(FS0_TID, CLIENT_B, WINDOW_SIZE - 8, 16), -FS0_EINVAL);
	ck_assert_int_eq(fs0_set_buffer(FS0_TID, CLIENT_B, WINDOW_SIZE + 8, 0), -FS0_EINVAL);
	ck_assert_int_eq(fs0_set_buffer(FS0_TID, L4_NILTHREAD, 0, 64), -FS0_EINVAL);
	ck_assert_int_eq(fs0_task_fork(FS0_TID, CLIENT_A, 0, false, CLIENT_A), -FS0_EINVAL);
}
END_TEST

/* The dispatch checks every bulk range against the buffer fs0 holds for the
 * caller before a handler runs: hand-made ranges outside it, and a client
 * whose stubs see more than fs0 holds (it shrank or unmapped its side). */
START_TEST(efault_outside_the_buffer)
{
	c_make_file("/f", "0123456789");
	int fd = c_open("/f", FS0_O_RDWR, 0);
	const uint32_t read_past[] = { (uint32_t)fd, CLIENT_BUF_SIZE - 4, 5 };
	const uint32_t write_wrapping[] = { (uint32_t)fd, 0xfffffff0u, 0x20 };
	const uint32_t cwd_past[] = { CLIENT_BUF_SIZE - 1, 2 };
	ck_assert_int_eq(raw_call(FS0_OP_READ, HEADER, read_past, 3), -FS0_EFAULT);
	ck_assert_int_eq(raw_call(FS0_OP_WRITE, HEADER, write_wrapping, 3), -FS0_EFAULT);
	ck_assert_int_eq(raw_call(FS0_OP_GETCWD, HEADER, cwd_past, 2), -FS0_EFAULT);
	const uint32_t mkdir_past[] = { (uint32_t)FS0_AT_FDCWD, CLIENT_BUF_SIZE, 1, 0755 };
	ck_assert_int_eq(raw_call(FS0_OP_MKDIR, HEADER, mkdir_past, 4), -FS0_EFAULT);
	/* The stubs believe in twice the buffer fs0 holds. */
	static uint8_t big[2 * CLIENT_BUF_SIZE];
	uint32_t len = sizeof(big);
	client_view(CLIENT_A, client_window_off(CLIENT_A), 2 * CLIENT_BUF_SIZE);
	ck_assert_int_eq(fs0_read(FS0_TID, fd, big, &len), -FS0_EFAULT);
	ck_assert_int_eq(fs0_write(FS0_TID, fd, big, sizeof(big)), -FS0_EFAULT);
	len = 10;
	ck_assert_int_eq(fs0_read(FS0_TID, fd, big, &len), 10);
	ck_assert_int_eq(fs0_close(FS0_TID, fd), 0);
	act_as(STRANGER);
	len = 1;
	ck_assert_int_eq(fs0_read(FS0_TID, 0, big, &len), -FS0_EFAULT);
	ck_assert_int_eq(fs0_close(FS0_TID, 0), -FS0_ESRCH);
	act_as(MM0_TID);
	len = FS0_PAGE_SIZE;
	ck_assert_int_eq(fs0_mm_read_page(FS0_TID, 1, 0, big, &len), -FS0_EFAULT);
}
END_TEST

/* Each of mm0's requests from anyone else: EPERM, and nothing happens. */
START_TEST(mm0_requests_from_others_are_refused)
{
	struct fs0_mm_info info;
	static uint8_t page[FS0_PAGE_SIZE];
	for (int who = 0; who < 2; who++) {
		act_as(who == 0 ? CLIENT_A : STRANGER);
		ck_assert_int_eq(fs0_task_fork(FS0_TID, CLIENT_A, CLIENT_B, false, CLIENT_B), -FS0_EPERM);
		ck_assert_int_eq(fs0_task_exit(FS0_TID, CLIENT_A), -FS0_EPERM);
		ck_assert_int_eq(fs0_set_buffer(FS0_TID, CLIENT_A, 0, 8), -FS0_EPERM);
		ck_assert_int_eq(fs0_mm_get_fd(FS0_TID, CLIENT_A, 0, &info), -FS0_EPERM);
		ck_assert_int_eq(fs0_set_boot_time(FS0_TID, 1), -FS0_EPERM);
		/* Bulk parameters: a stranger has no buffer, so its range fails first. */
		ck_assert_int_eq(fs0_mm_get_path(FS0_TID, CLIENT_A, "/", &info), who == 0 ? -FS0_EPERM : -FS0_EFAULT);
		uint32_t len = FS0_PAGE_SIZE;
		ck_assert_int_eq(fs0_mm_read_page(FS0_TID, 1, 0, page, &len), who == 0 ? -FS0_EPERM : -FS0_EFAULT);
		ck_assert_int_eq(fs0_mm_write_page(FS0_TID, 1, 0, page, FS0_PAGE_SIZE),
				 who == 0 ? -FS0_EPERM : -FS0_EFAULT);
		ck_assert_int_eq(fs0_mm_release(FS0_TID, 1), -FS0_EPERM);
	}
	struct fs0_stats stats = stats_now();
	ck_assert_uint_eq(stats.tasks, 1);
	ck_assert_uint_eq(idlrt_bulk_held(), 1);
	act_as(CLIENT_A);
	ck_assert_int_eq(c_mkdir("/still-here"), 0);
}
END_TEST

/* ---- Malformed requests, written word by word --------------------------- */


START_TEST(no_header_is_ebadmsg)
{
	ck_assert_int_eq(raw_call(FS0_OP_CLOSE, 0, NULL, 0), -EBADMSG);
}
END_TEST

START_TEST(wrong_interface_or_operation_is_enosys)
{
	uint32_t fd = 0;
	ck_assert_int_eq(raw_call(FS0_OP_CLOSE, IDLRT_HEADER(0x0e01, FS0_IFACE_VERSION), &fd, 1), -ENOSYS);
	ck_assert_int_eq(raw_call(0x0002, HEADER, &fd, 1), -ENOSYS);
	ck_assert_int_eq(raw_call(0xf000, HEADER, &fd, 1), -ENOSYS);
}
END_TEST

START_TEST(other_version_is_eprotonosupport)
{
	uint32_t fd = 0;
	ck_assert_int_eq(raw_call(FS0_OP_CLOSE, IDLRT_HEADER(FS0_IFACE_ID, FS0_IFACE_VERSION + 1), &fd, 1),
			 -EPROTONOSUPPORT);
}
END_TEST

/* mkdir with a word too few or too many: refused, and no directory appears. */
START_TEST(wrong_word_count_never_reaches_the_handler)
{
	memcpy(bulk_area(), "/made", 5);
	uint32_t words[5] = { (uint32_t)FS0_AT_FDCWD, 0, 5, 0755, 0 };
	ck_assert_int_eq(raw_call(FS0_OP_MKDIR, HEADER, words, 3), -EBADMSG);
	ck_assert_int_eq(raw_call(FS0_OP_MKDIR, HEADER, words, 5), -EBADMSG);
	struct fs0_stat_info st;
	ck_assert_int_eq(c_stat("/made", &st), -FS0_ENOENT);
	memcpy(bulk_area(), "/made", 5);
	ck_assert_int_eq(raw_call(FS0_OP_MKDIR, HEADER, words, 4), 0);
	ck_assert_int_eq(c_stat("/made", &st), 0);
}
END_TEST

/* task_fork from mm0 with share_table = 2: not a bool, no task made. */
START_TEST(bad_bool_never_reaches_the_handler)
{
	act_as(MM0_TID);
	uint32_t words[4] = { CLIENT_A, CLIENT_B, 2, CLIENT_B };
	ck_assert_int_eq(raw_call(FS0_OP_TASK_FORK, HEADER, words, 4), -EBADMSG);
	ck_assert_uint_eq(stats_now().tasks, 1);
	words[2] = 1;
	ck_assert_int_eq(raw_call(FS0_OP_TASK_FORK, HEADER, words, 4), 0);
	ck_assert_uint_eq(stats_now().tasks, 2);
}
END_TEST

/* The sender is what the kernel stamps (rq->client), not anything in the words. */
START_TEST(sender_comes_from_the_request)
{
	uint32_t mr[L4_MR_COUNT] = { L4_TAG(FS0_OP_TASK_EXIT, 2), HEADER, CLIENT_A };
	struct idlrt_request rq = { .mr = mr, .client = CLIENT_A };
	ck_assert_int_eq(fs0_dispatch(&rq), IDLRT_SEND_REPLY);
	ck_assert_int_eq((int32_t)mr[1], -FS0_EPERM);
	ck_assert_uint_eq(stats_now().tasks, 1);
	uint32_t again[L4_MR_COUNT] = { L4_TAG(FS0_OP_TASK_EXIT, 2), HEADER, CLIENT_A };
	rq.mr = again;
	rq.client = MM0_TID;
	ck_assert_int_eq(fs0_dispatch(&rq), IDLRT_SEND_REPLY);
	ck_assert_int_eq((int32_t)again[1], 0);
	ck_assert_uint_eq(stats_now().tasks, 0);
}
END_TEST

/* Random words for real operations from random senders: every reply is a
 * well-formed result, and teardown still finds nothing leaked. */
static uint32_t lcg_state;
static uint32_t next_random(void)
{
	lcg_state = lcg_state * 1103515245u + 12345u;
	return lcg_state >> 8;
}

static uint32_t random_word(void)
{
	switch (next_random() % 4) {
	case 0:
		return next_random() % 8;
	case 1:
		return next_random() % 16;	/* an offset or a length inside the bulk area */
	case 2:
		return next_random();
	default:
		return (uint32_t)-(int32_t)(next_random() % 4);
	}
}

START_TEST(random_requests_get_clean_answers)
{
	/* each operation with the number of parameter words it takes */
	static const uint32_t ops[][2] = {
		{ FS0_OP_OPEN, 5 }, { FS0_OP_STAT, 4 }, { FS0_OP_MKDIR, 4 }, { FS0_OP_RMDIR, 3 },
		{ FS0_OP_UNLINK, 3 }, { FS0_OP_RENAME, 6 }, { FS0_OP_CHDIR, 2 }, { FS0_OP_GETCWD, 2 },
		{ FS0_OP_CLOSE, 1 }, { FS0_OP_READ, 3 }, { FS0_OP_WRITE, 3 }, { FS0_OP_LSEEK, 4 },
		{ FS0_OP_FSTAT, 1 }, { FS0_OP_FTRUNCATE, 3 }, { FS0_OP_GETDENTS, 3 }, { FS0_OP_DUP, 1 },
		{ FS0_OP_DUP2, 2 }, { FS0_OP_PIPE, 1 }, { FS0_OP_TASK_FORK, 3 }, { FS0_OP_TASK_EXIT, 1 },
		{ FS0_OP_SET_BUFFER, 3 }, { FS0_OP_MM_GET_FD, 2 }, { FS0_OP_MM_GET_PATH, 3 },
		{ FS0_OP_MM_READ_PAGE, 3 }, { FS0_OP_MM_WRITE_PAGE, 3 }, { FS0_OP_MM_RELEASE, 1 },
		{ FS0_OP_ACCESS, 5 }, { FS0_OP_FCHDIR, 1 }, { FS0_OP_LINK, 7 }, { FS0_OP_SYMLINK, 5 },
		{ FS0_OP_READLINK, 5 }, { FS0_OP_CHMOD, 5 }, { FS0_OP_FCHMOD, 2 }, { FS0_OP_CHOWN, 6 },
		{ FS0_OP_FCHOWN, 3 }, { FS0_OP_UTIMENS, 10 }, { FS0_OP_FUTIMENS, 7 }, { FS0_OP_MKNOD, 4 },
		{ FS0_OP_REALPATH, 5 }, { FS0_OP_GETLK, 8 }, { FS0_OP_SETLK, 9 }, { FS0_OP_STATVFS, 3 },
		{ FS0_OP_FSTATVFS, 1 },
	};
	static const l4_tid_t senders[] = { CLIENT_A, CLIENT_B, MM0_TID, STRANGER };
	lcg_state = 0x5eed;
	memcpy(bulk_area(), "/a/b/../c", 9);
	int successes = 0;
	for (int i = 0; i < 20000; i++) {
		act_as(senders[next_random() % 4]);
		uint32_t *mr = idlrt_mr();
		const uint32_t *op = ops[next_random() % (sizeof(ops) / sizeof(ops[0]))];
		unsigned words = next_random() % 4 ? op[1] : next_random() % 8;
		mr[0] = L4_TAG(op[0], words + 1);
		mr[1] = HEADER;
		for (unsigned w = 0; w < words; w++)
			mr[2 + w] = random_word();
		int err = idlrt_call(FS0_TID);
		if (err == -EDEADLK)
			continue;	/* a pipe request left waiting */
		ck_assert_int_eq(err, 0);
		ck_assert_uint_eq(L4_TAG_LABEL(mr[0]), 0);
		ck_assert_uint_ge(L4_TAG_WORDS(mr[0]), 1);
		ck_assert_int_ge((int32_t)mr[1], -4095);
		successes += (int32_t)mr[1] >= 0;
	}
	/* enough well-formed requests got through to exercise the handlers */
	ck_assert_int_gt(successes, 200);
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("fs0 protocol: errors");
	TCase *tc = proto_tcase("errno");
	tcase_add_test(tc, enoent);
	tcase_add_test(tc, eexist);
	tcase_add_test(tc, ebadf);
	tcase_add_test(tc, eisdir);
	tcase_add_test(tc, enotdir);
	tcase_add_test(tc, enotempty);
	tcase_add_test(tc, enametoolong);
	tcase_add_test(tc, emfile);
	tcase_add_test(tc, einval);
	tcase_add_test(tc, efault_outside_the_buffer);
	tcase_add_test(tc, mm0_requests_from_others_are_refused);
	suite_add_tcase(suite, tc);
	TCase *bad = proto_tcase("malformed");
	tcase_add_test(bad, no_header_is_ebadmsg);
	tcase_add_test(bad, wrong_interface_or_operation_is_enosys);
	tcase_add_test(bad, other_version_is_eprotonosupport);
	tcase_add_test(bad, wrong_word_count_never_reaches_the_handler);
	tcase_add_test(bad, bad_bool_never_reaches_the_handler);
	tcase_add_test(bad, sender_comes_from_the_request);
	tcase_add_test(bad, random_requests_get_clean_answers);
	suite_add_tcase(suite, bad);
	return run_proto_suite(suite);
}
