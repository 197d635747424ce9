/* check_proto_poll.c - poll_masked over the wire: the interrupted word in
 * the caller's shared buffer ends the request with -EINTR before anything
 * is judged, a clear word lets it act as poll, and a word offset that is
 * not aligned or lies outside the buffer is refused. */
#include <string.h>
#include "proto_fixture.h"

#define WORD_AT	(CLIENT_BUF_SIZE - sizeof(uint32_t))

static void set_word(uint32_t value)
{
	memcpy(client_buf(CLIENT_A) + WORD_AT, &value, sizeof(value));
}

static int poll_masked(int fd, int32_t timeout_ms, uint32_t word_at, int16_t *revents)
{
	struct fs0_poll_item watched = { .fd = fd, .events = FS0_POLLIN, .revents = 0 };
	uint32_t revents_len = sizeof(*revents);

	return fs0_poll_masked(FS0_TID, &watched, sizeof(watched), timeout_ms, word_at, revents,
			       &revents_len);
}

START_TEST(a_set_word_ends_the_request_with_eintr)
{
	int fds[2];
	int16_t revents = -1;

	ck_assert_int_eq(fs0_pipe(FS0_TID, 0, fds), 0);
	ck_assert_int_eq(c_write_text(fds[1], "x"), 1);
	set_word(1);
	/* Even a ready descriptor: the handler that ran comes first. */
	ck_assert_int_eq(poll_masked(fds[0], -1, WORD_AT, &revents), -FS0_EINTR);
}
END_TEST

START_TEST(a_clear_word_acts_as_poll)
{
	int fds[2];
	int16_t revents = -1;

	ck_assert_int_eq(fs0_pipe(FS0_TID, 0, fds), 0);
	set_word(0);
	ck_assert_int_eq(poll_masked(fds[0], 0, WORD_AT, &revents), 0);
	ck_assert_int_eq(revents, 0);
	ck_assert_int_eq(c_write_text(fds[1], "x"), 1);
	ck_assert_int_eq(poll_masked(fds[0], -1, WORD_AT, &revents), 1);
	ck_assert_int_eq(revents, FS0_POLLIN);
}
END_TEST

START_TEST(a_bad_word_offset_is_einval)
{
	int fds[2];
	int16_t revents = -1;

	ck_assert_int_eq(fs0_pipe(FS0_TID, 0, fds), 0);
	ck_assert_int_eq(poll_masked(fds[0], 0, WORD_AT - 2, &revents), -FS0_EINVAL);
	ck_assert_int_eq(poll_masked(fds[0], 0, CLIENT_BUF_SIZE, &revents), -FS0_EINVAL);
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("fs0 protocol: poll_masked");
	TCase *tc = proto_tcase("poll_masked");
	tcase_add_test(tc, a_set_word_ends_the_request_with_eintr);
	tcase_add_test(tc, a_clear_word_acts_as_poll);
	tcase_add_test(tc, a_bad_word_offset_is_einval);
	suite_add_tcase(suite, tc);
	return run_proto_suite(suite);
}
