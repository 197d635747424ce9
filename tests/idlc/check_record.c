/* check_record.c - strings and byte buffers as struct members, end to end
 * over the loopback: each keeps its slot (a length word and the bound's
 * bytes), lengths over the bound are refused on either side, and the
 * tracer shows them. */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <idlrt/loopback.h>
#include "test_record_server.h"

#define RECORD_TID	L4_TID(14, 1)
#define HEADER		IDLRT_HEADER(RECORD_TEST_IFACE_ID, RECORD_TEST_IFACE_VERSION)
/* number, name (length word and 24 bytes), blob (length word and 40 bytes), tag. */
#define RECORD_WORDS	(1 + 1 + 6 + 1 + 10 + 1)

static char last_trace[IDLRT_TB_SIZE + 8];

static void keep_trace(const char *line)
{
	snprintf(last_trace, sizeof(last_trace), "%s", line);
}

static void setup(void)
{
	idlrt_loopback_reset();
	ck_assert_int_eq(idlrt_loopback_bind(RECORD_TID, record_test_dispatch, 1), 0);
	last_trace[0] = '\0';
	idlrt_trace_sink = keep_trace;
}

static void teardown(void)
{
	idlrt_trace_sink = NULL;
	idlrt_loopback_reset();
}

static struct record_test_record record_of(const char *name, uint32_t blob_len)
{
	struct record_test_record r = { .number = 41, .blob_len = blob_len, .tag = 0xbeef };
	strcpy(r.name, name);
	for (uint32_t i = 0; i < blob_len && i < RECORD_TEST_BLOB_MAX; i++)
		r.blob[i] = (uint8_t)(0xa0 + i);
	return r;
}

START_TEST(members_round_trip)
{
	struct record_test_record r = record_of("abc", 5), echoed;
	memset(&echoed, 0xee, sizeof(echoed));
	ck_assert_int_eq(record_test_mirror(RECORD_TID, &r, &echoed), 5);
	ck_assert_uint_eq(echoed.number, 42);
	ck_assert_str_eq(echoed.name, "abc");
	ck_assert_uint_eq(echoed.blob_len, 5);
	ck_assert_uint_eq(echoed.blob[0], 0xa4);
	ck_assert_uint_eq(echoed.blob[4], 0xa0);
	ck_assert_uint_eq(echoed.tag, 0xbeef);
	/* The slots are fixed: the reply is the result and one whole record. */
	ck_assert_uint_eq(L4_TAG_WORDS(idlrt_mr()[0]), 1 + RECORD_WORDS);
	ck_assert_ptr_nonnull(strstr(last_trace, "blob=<5 bytes: a0 a1 a2 a3 a4>"));
	ck_assert_ptr_nonnull(strstr(last_trace, "name=\"abc\""));
}
END_TEST

START_TEST(full_and_empty_members)
{
	struct record_test_record r = record_of("abcdefghijklmnopqrstuvwx", RECORD_TEST_BLOB_MAX), echoed;
	ck_assert_int_eq(record_test_mirror(RECORD_TID, &r, &echoed), RECORD_TEST_BLOB_MAX);
	ck_assert_str_eq(echoed.name, "abcdefghijklmnopqrstuvwx");
	ck_assert_uint_eq(echoed.blob[0], 0xa0 + RECORD_TEST_BLOB_MAX - 1);
	r = record_of("", 0);
	ck_assert_int_eq(record_test_mirror(RECORD_TID, &r, &echoed), 0);
	ck_assert_str_eq(echoed.name, "");
	ck_assert_uint_eq(echoed.blob_len, 0);
	ck_assert_uint_eq(echoed.tag, 0xbeef);
}
END_TEST

/* The stub sends the length as it is; the dispatch refuses it before the handler. */
START_TEST(member_over_the_bound_is_refused)
{
	struct record_test_record r = record_of("x", 3), echoed;
	r.blob_len = RECORD_TEST_BLOB_MAX + 1;
	ck_assert_int_eq(record_test_mirror(RECORD_TID, &r, &echoed), -EBADMSG);
	/* A handler's length over the bound: the stub refuses the reply. */
	ck_assert_int_eq(record_test_make(RECORD_TID, RECORD_TEST_BLOB_MAX + 1, &echoed), -EBADMSG);
	ck_assert_int_eq(record_test_make(RECORD_TID, RECORD_TEST_BLOB_MAX, &echoed), 0);
	ck_assert_uint_eq(echoed.blob_len, RECORD_TEST_BLOB_MAX);
	ck_assert_uint_eq(echoed.blob[RECORD_TEST_BLOB_MAX - 1], RECORD_TEST_BLOB_MAX - 1);
	ck_assert_str_eq(echoed.name, "made");
}
END_TEST

/* Requests written word by word: every length word is checked, whatever the bytes say. */
START_TEST(malformed_member_lengths)
{
	static const uint32_t bad_lengths[][2] = {
		{ 25, 0 }, { 0xffffffffu, 0 }, { 0, 41 }, { 0, 0x80000000u },
	};
	for (unsigned i = 0; i < sizeof(bad_lengths) / sizeof(bad_lengths[0]); i++) {
		uint32_t *mr = idlrt_mr();
		memset(mr, 0, (2 + RECORD_WORDS) * sizeof(uint32_t));
		mr[0] = L4_TAG(RECORD_TEST_OP_MIRROR, 1 + RECORD_WORDS);
		mr[1] = HEADER;
		mr[3] = bad_lengths[i][0];
		mr[3 + 7] = bad_lengths[i][1];
		ck_assert_int_eq(idlrt_call(RECORD_TID), 0);
		ck_assert_int_eq((int32_t)mr[1], -EBADMSG);
	}
	/* A NUL inside the name's length is refused as a string parameter's is. */
	uint32_t *mr = idlrt_mr();
	memset(mr, 0, (2 + RECORD_WORDS) * sizeof(uint32_t));
	mr[0] = L4_TAG(RECORD_TEST_OP_MIRROR, 1 + RECORD_WORDS);
	mr[1] = HEADER;
	mr[3] = 2;
	mr[4] = 'a';
	ck_assert_int_eq(idlrt_call(RECORD_TID), 0);
	ck_assert_int_eq((int32_t)mr[1], -EBADMSG);
	/* The same request with a whole name and a 0-byte blob is fine. */
	mr[0] = L4_TAG(RECORD_TEST_OP_MIRROR, 1 + RECORD_WORDS);
	mr[1] = HEADER;
	mr[3] = 1;
	ck_assert_int_eq(idlrt_call(RECORD_TID), 0);
	ck_assert_int_eq((int32_t)mr[1], 0);
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("record");
	TCase *members = tcase_create("members");
	tcase_add_checked_fixture(members, setup, teardown);
	tcase_add_test(members, members_round_trip);
	tcase_add_test(members, full_and_empty_members);
	tcase_add_test(members, member_over_the_bound_is_refused);
	tcase_add_test(members, malformed_member_lengths);
	suite_add_tcase(suite, members);
	SRunner *runner = srunner_create(suite);
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
