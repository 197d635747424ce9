/* check_sequence.c - bounded sequences end to end over the loopback: of
 * scalars and structs, as parameters and struct members, only the used count
 * on the wire, and counts over the bound refused with -EMSGSIZE. */
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <idlrt/loopback.h>
#include "test_seq_server.h"

#define SEQ_TID	L4_TID(13, 1)
#define HEADER	IDLRT_HEADER(SEQ_TEST_IFACE_ID, SEQ_TEST_IFACE_VERSION)

static void setup(void)
{
	idlrt_loopback_reset();
	ck_assert_int_eq(idlrt_loopback_bind(SEQ_TID, seq_test_dispatch, 1), 0);
}

static void teardown(void)
{
	idlrt_loopback_reset();
}

START_TEST(scalars_in)
{
	const uint32_t ids[SEQ_TEST_IDS_MAX + 1] = { 1, 2, 3, 4, 5, 6, 7, 8, 9 };
	uint64_t total = 0;
	ck_assert_int_eq(seq_test_sum(SEQ_TID, ids, 3, &total), 3);
	ck_assert_uint_eq(total, 6);
	ck_assert_int_eq(seq_test_sum(SEQ_TID, ids, SEQ_TEST_IDS_MAX, &total), SEQ_TEST_IDS_MAX);
	ck_assert_uint_eq(total, 36);
	ck_assert_int_eq(seq_test_sum(SEQ_TID, NULL, 0, &total), 0);
	ck_assert_uint_eq(total, 0);
	/* Over the bound: the stub refuses before anything is sent. */
	total = 77;
	ck_assert_int_eq(seq_test_sum(SEQ_TID, ids, SEQ_TEST_IDS_MAX + 1, &total), -EMSGSIZE);
	ck_assert_uint_eq(total, 77);
}
END_TEST

START_TEST(scalars_out)
{
	uint32_t values[SEQ_TEST_IDS_MAX], count = 99;
	memset(values, 0xee, sizeof(values));
	ck_assert_int_eq(seq_test_squares(SEQ_TID, 5, values, &count), 0);
	ck_assert_uint_eq(count, 5);
	ck_assert_uint_eq(values[4], 16);
	ck_assert_uint_eq(values[5], 0xeeeeeeeeu);
	ck_assert_int_eq(seq_test_squares(SEQ_TID, 0, values, &count), 0);
	ck_assert_uint_eq(count, 0);
	/* A handler's count over the bound: the dispatch answers -EMSGSIZE instead. */
	ck_assert_int_eq(seq_test_squares(SEQ_TID, SEQ_TEST_IDS_MAX + 1, values, &count), -EMSGSIZE);
}
END_TEST

START_TEST(struct_member_round_trip)
{
	struct seq_test_shape s = { .number = 7, .corners_count = 2, .corners = { { 1, 2 }, { 3, 4 } }, .tag = 0xbeef };
	struct seq_test_shape moved;
	memset(&moved, 0xee, sizeof(moved));
	ck_assert_int_eq(seq_test_move(SEQ_TID, &s, 10, 20, 1, &moved), 0);
	ck_assert_uint_eq(moved.number, 7);
	ck_assert_uint_eq(moved.tag, 0xbeef);
	ck_assert_uint_eq(moved.corners_count, 3);
	ck_assert_int_eq(moved.corners[0].x, 11);
	ck_assert_int_eq(moved.corners[1].y, 24);
	ck_assert_int_eq(moved.corners[2].x, 13);
	ck_assert_int_eq(moved.corners[3].x, (int32_t)0xeeeeeeee);
	/* Only the used corners travel: the request is 1 + 1 + 2 * 2 + 1 words of shape. */
	ck_assert_uint_eq(L4_TAG_WORDS(idlrt_mr()[0]), 1 + 1 + 1 + 3 * 2 + 1);
	s.corners_count = 0;
	ck_assert_int_eq(seq_test_move(SEQ_TID, &s, 0, 0, 0, &moved), 0);
	ck_assert_uint_eq(moved.corners_count, 0);
	ck_assert_uint_eq(moved.tag, 0xbeef);
}
END_TEST

START_TEST(struct_member_over_the_bound)
{
	struct seq_test_shape s = { .number = 1, .corners_count = 7 }, moved = { 0 };
	/* Sent with the count and no corners; the dispatch refuses it. */
	ck_assert_int_eq(seq_test_move(SEQ_TID, &s, 0, 0, 0, &moved), -EMSGSIZE);
	/* A reply whose shape has 7 corners: the stub refuses it. */
	s.corners_count = 5;
	ck_assert_int_eq(seq_test_move(SEQ_TID, &s, 0, 0, 2, &moved), -EMSGSIZE);
	ck_assert_int_eq(seq_test_move(SEQ_TID, &s, 0, 0, 1, &moved), 0);
	ck_assert_uint_eq(moved.corners_count, 6);
}
END_TEST

START_TEST(small_elements_one_word_each)
{
	const bool bits[] = { true, false, true };
	const int8_t small[] = { -1, 2 };
	uint32_t packed = 0;
	ck_assert_int_eq(seq_test_pack(SEQ_TID, bits, 3, small, 2, &packed), 0);
	ck_assert_uint_eq(packed, 0x5ff02u);
}
END_TEST

/* Sends sum with a count word and n id words; the answer. */
static int raw_sum(uint32_t count, unsigned n)
{
	uint32_t *mr = idlrt_mr();
	mr[0] = L4_TAG(SEQ_TEST_OP_SUM, 2 + n);
	mr[1] = HEADER;
	mr[2] = count;
	for (unsigned i = 0; i < n; i++)
		mr[3 + i] = i + 1;
	ck_assert_int_eq(idlrt_call(SEQ_TID), 0);
	return (int32_t)mr[1];
}

START_TEST(dispatch_checks_the_count)
{
	ck_assert_int_eq(raw_sum(3, 3), 3);
	ck_assert_int_eq(raw_sum(SEQ_TEST_IDS_MAX + 1, SEQ_TEST_IDS_MAX + 1), -EMSGSIZE);
	ck_assert_int_eq(raw_sum(0xffffffffu, 2), -EMSGSIZE);
	ck_assert_int_eq(raw_sum(3, 2), -EBADMSG);
	ck_assert_int_eq(raw_sum(2, 3), -EBADMSG);
	uint32_t *mr = idlrt_mr();
	mr[0] = L4_TAG(SEQ_TEST_OP_PACK, 5);
	mr[1] = IDLRT_HEADER(SEQ_TEST_IFACE_ID, SEQ_TEST_IFACE_VERSION);
	mr[2] = 1;
	mr[3] = 2;	/* a bool that is neither 0 nor 1 */
	mr[4] = 0;
	mr[5] = 0;
	ck_assert_int_eq(idlrt_call(SEQ_TID), 0);
	ck_assert_int_eq((int32_t)mr[1], -EBADMSG);
}
END_TEST

static char traced[IDLRT_TB_SIZE];

static void keep_line(const char *line)
{
	strncpy(traced, line, sizeof(traced) - 1);
}

START_TEST(traced_as_a_list)
{
	const uint32_t ids[] = { 4, 5 };
	uint64_t total;
	idlrt_trace_sink = keep_line;
	ck_assert_int_eq(seq_test_sum(SEQ_TID, ids, 2, &total), 2);
	idlrt_trace_sink = NULL;
	ck_assert_ptr_nonnull(strstr(traced, "seq_test.sum(ids=[4, 5]) = 2 (total=9)"));
}
END_TEST

static Suite *sequence_suite(void)
{
	Suite *suite = suite_create("sequence");
	TCase *tc = tcase_create("loopback");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, scalars_in);
	tcase_add_test(tc, scalars_out);
	tcase_add_test(tc, struct_member_round_trip);
	tcase_add_test(tc, struct_member_over_the_bound);
	tcase_add_test(tc, small_elements_one_word_each);
	tcase_add_test(tc, dispatch_checks_the_count);
	tcase_add_test(tc, traced_as_a_list);
	suite_add_tcase(suite, tc);
	return suite;
}

int main(void)
{
	SRunner *runner = srunner_create(sequence_suite());
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
