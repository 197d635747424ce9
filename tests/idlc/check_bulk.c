/* check_bulk.c - bulk parameters end to end over the loopback transport: 64 KiB
 * in and out, a 4 KiB path, clients whose shared buffer is gone or short, and
 * random descriptor words. */
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <idlrt/loopback.h>
#include "test_bulk_server.h"

#define BULK_TID	L4_TID(12, 1)
#define AREA_SIZE	(BULK_TEST_PATH_MAX + 2 * BULK_TEST_DATA_MAX)

static uint8_t data[BULK_TEST_DATA_MAX];
static uint8_t back[BULK_TEST_DATA_MAX + 16];
static char path[BULK_TEST_PATH_MAX + 2];

static void setup(void)
{
	idlrt_loopback_reset();
	ck_assert_int_eq(idlrt_loopback_bind(BULK_TID, bulk_test_dispatch, 0), 0);
	ck_assert_int_eq(idlrt_loopback_bulk(BULK_TID, AREA_SIZE), 0);
	for (uint32_t i = 0; i < sizeof(data); i++)
		data[i] = (uint8_t)(i * 7 + 3);
	memset(path, 'p', BULK_TEST_PATH_MAX);
	path[BULK_TEST_PATH_MAX - 1] = 'z';
	path[BULK_TEST_PATH_MAX] = '\0';
}

static void teardown(void)
{
	idlrt_loopback_reset();
}

static uint32_t sum_of(const uint8_t *bytes, uint32_t len)
{
	uint32_t sum = 0;
	for (uint32_t i = 0; i < len; i++)
		sum += bytes[i];
	return sum;
}

START_TEST(in_buffer_of_64k)
{
	uint32_t sum = 0;
	ck_assert_int_eq(bulk_test_put(BULK_TID, 5, data, sizeof(data), &sum), BULK_TEST_DATA_MAX);
	ck_assert_uint_eq(sum, 5 + sum_of(data, sizeof(data)));
	ck_assert_int_eq(bulk_test_put(BULK_TID, 0, NULL, 0, &sum), 0);
	ck_assert_uint_eq(sum, 0);
}
END_TEST

START_TEST(out_buffer_of_64k_and_a_smaller_capacity)
{
	uint32_t len = BULK_TEST_DATA_MAX;
	ck_assert_int_eq(bulk_test_get(BULK_TID, 9, back, &len), 0);
	ck_assert_uint_eq(len, BULK_TEST_DATA_MAX);
	for (uint32_t i = 0; i < len; i++)
		ck_assert_uint_eq(back[i], (uint8_t)(9 + i));
	/* The caller's capacity is the most the server may write, and copies back. */
	memset(back, 0xee, sizeof(back));
	len = 10;
	ck_assert_int_eq(bulk_test_get(BULK_TID, 1, back, &len), 0);
	ck_assert_uint_eq(len, 10);
	ck_assert_uint_eq(back[9], 10);
	ck_assert_uint_eq(back[10], 0xee);
	len = BULK_TEST_DATA_MAX + 1;
	ck_assert_int_eq(bulk_test_get(BULK_TID, 1, back, &len), -EMSGSIZE);
}
END_TEST

START_TEST(path_of_4k)
{
	uint32_t last = 0;
	ck_assert_int_eq(bulk_test_path(BULK_TID, path, &last), BULK_TEST_PATH_MAX);
	ck_assert_uint_eq(last, 'z');
	path[BULK_TEST_PATH_MAX] = 'q';
	path[BULK_TEST_PATH_MAX + 1] = '\0';
	ck_assert_int_eq(bulk_test_path(BULK_TID, path, &last), -EMSGSIZE);
	ck_assert_int_eq(bulk_test_path(BULK_TID, "", &last), 0);
}
END_TEST

START_TEST(several_bulk_parameters_in_one_call)
{
	uint32_t len = BULK_TEST_DATA_MAX;
	ck_assert_int_eq(bulk_test_join(BULK_TID, "/etc/", data, 1000, back, &len), 0);
	ck_assert_uint_eq(len, 1005);
	ck_assert_mem_eq(back, "/etc/", 5);
	ck_assert_mem_eq(back + 5, data, 1000);
	len = 100;
	ck_assert_int_eq(bulk_test_join(BULK_TID, path, data, 10, back, &len), -ENOSPC);
}
END_TEST

START_TEST(client_buffer_too_small_or_missing)
{
	uint32_t sum;
	ck_assert_int_eq(idlrt_loopback_bulk(BULK_TID, 1024), 0);
	ck_assert_int_eq(bulk_test_put(BULK_TID, 0, data, 1024, &sum), 1024);
	ck_assert_int_eq(bulk_test_put(BULK_TID, 0, data, 1025, &sum), -ENOBUFS);
	uint32_t len = 8;
	/* The path takes the first 1024 bytes (aligned), so no room is left after it. */
	ck_assert_int_eq(bulk_test_join(BULK_TID, path + BULK_TEST_PATH_MAX - 1024, data, 0, back, &len), -ENOBUFS);
	ck_assert_int_eq(idlrt_loopback_bulk(BULK_TID, 0), 0);
	ck_assert_int_eq(bulk_test_put(BULK_TID, 0, data, 1, &sum), -ENOBUFS);
}
END_TEST

START_TEST(unmapped_or_shrunk_buffer_gets_efault_and_the_server_lives)
{
	uint32_t sum = 77, last = 77, len = 16;
	ck_assert_int_eq(idlrt_loopback_bulk_hold(BULK_TID, 0), 0);
	ck_assert_int_eq(bulk_test_put(BULK_TID, 0, data, 1, &sum), -EFAULT);
	ck_assert_int_eq(bulk_test_path(BULK_TID, "/a", &last), -EFAULT);
	ck_assert_int_eq(bulk_test_get(BULK_TID, 0, back, &len), -EFAULT);
	ck_assert_uint_eq(sum, 77);
	ck_assert_uint_eq(last, 77);
	ck_assert_uint_eq(len, 16);
	/* Shrunk: ranges inside what the server still holds work, the rest fault. */
	ck_assert_int_eq(idlrt_loopback_bulk_hold(BULK_TID, 100), 0);
	ck_assert_int_eq(bulk_test_put(BULK_TID, 0, data, 100, &sum), 100);
	ck_assert_int_eq(bulk_test_put(BULK_TID, 0, data, 101, &sum), -EFAULT);
	/* The path at 0, data at 8, the out buffer at 16: 16 + 84 fits, 16 + 85 does not. */
	len = 84;
	ck_assert_int_eq(bulk_test_join(BULK_TID, "/abc", data, 4, back, &len), 0);
	ck_assert_uint_eq(len, 8);
	len = 85;
	ck_assert_int_eq(bulk_test_join(BULK_TID, "/abc", data, 4, back, &len), -EFAULT);
	ck_assert_int_eq(idlrt_loopback_bulk_hold(BULK_TID, AREA_SIZE), 0);
	ck_assert_int_eq(bulk_test_put(BULK_TID, 0, data, 101, &sum), 101);
}
END_TEST

struct release_args {
	uint32_t count;
	bool in_place;
	int result;
};

/* Meanwhile, while hold waits: another call answers it. */
static void release_meanwhile(void *arg)
{
	struct release_args *release = arg;
	release->result = bulk_test_release(BULK_TID, release->count, release->in_place);
}

START_TEST(deferred_reply_writes_the_out_buffer_later)
{
	struct release_args release = { 4, false, -1 };
	uint32_t len = 10;
	memset(back, 0xee, sizeof(back));
	idlrt_loopback_on_block(release_meanwhile, &release);
	ck_assert_int_eq(bulk_test_hold(BULK_TID, "abcdef", 6, back, &len), 4);
	ck_assert_int_eq(release.result, 0);
	ck_assert_uint_eq(len, 4);
	ck_assert_mem_eq(back, "fedc\xee", 5);
	/* Written in place by the later reply, through the token's pointer. */
	release = (struct release_args){ 6, true, -1 };
	len = 10;
	ck_assert_int_eq(bulk_test_hold(BULK_TID, "abcdef", 6, back, &len), 6);
	ck_assert_uint_eq(len, 6);
	ck_assert_mem_eq(back, "fedcba", 6);
	ck_assert_uint_eq(idlrt_loopback_deferred_count(), 2);
}
END_TEST

START_TEST(deferred_reply_over_the_capacity_is_emsgsize)
{
	struct release_args release = { 11, false, -1 };
	uint32_t len = 10;
	memset(back, 0xee, sizeof(back));
	idlrt_loopback_on_block(release_meanwhile, &release);
	ck_assert_int_eq(bulk_test_hold(BULK_TID, "abcdef", 6, back, &len), -EMSGSIZE);
	ck_assert_uint_eq(len, 10);
	ck_assert_uint_eq(back[0], 0xee);
	release = (struct release_args){ 11, true, -1 };
	ck_assert_int_eq(bulk_test_hold(BULK_TID, "abcdef", 6, back, &len), -EMSGSIZE);
	/* Answered at once, the deferred operation's reply is an ordinary one. */
	ck_assert_int_eq(bulk_test_hold(BULK_TID, NULL, 0, back, &len), 0);
	ck_assert_uint_eq(len, 0);
	ck_assert_int_eq(bulk_test_release(BULK_TID, 1, false), -ESRCH);
}
END_TEST

START_TEST(deferred_call_with_a_bad_range_never_reaches_the_handler)
{
	struct release_args release = { 1, false, -1 };
	uint32_t len = 16;
	idlrt_loopback_on_block(release_meanwhile, &release);
	/* data at 0 (8 bytes), back at 8: a server holding 12 bytes cannot resolve back. */
	ck_assert_int_eq(idlrt_loopback_bulk_hold(BULK_TID, 12), 0);
	ck_assert_int_eq(bulk_test_hold(BULK_TID, "abcdefgh", 8, back, &len), -EFAULT);
	ck_assert_int_eq(release.result, -1);
	ck_assert_uint_eq(idlrt_loopback_deferred_count(), 0);
}
END_TEST

/* Sends a hand-made request for bulk_test.path with the given offset and length. */
static int raw_path(uint32_t offset, uint32_t len)
{
	uint32_t *mr = idlrt_mr();
	mr[0] = L4_TAG(BULK_TEST_OP_PATH, 3);
	mr[1] = IDLRT_HEADER(BULK_TEST_IFACE_ID, BULK_TEST_IFACE_VERSION);
	mr[2] = offset;
	mr[3] = len;
	ck_assert_int_eq(idlrt_call(BULK_TID), 0);
	return (int32_t)mr[1];
}

START_TEST(dispatch_checks_offset_and_length)
{
	void *area;
	uint32_t size;
	ck_assert_int_eq(idlrt_bulk_buffer(BULK_TID, &area, &size), 0);
	ck_assert_uint_eq(size, AREA_SIZE);
	memcpy((uint8_t *)area + 64, "/x/y", 4);
	ck_assert_int_eq(raw_path(64, 4), 4);
	ck_assert_int_eq(raw_path(AREA_SIZE - 2, 4), -EFAULT);
	ck_assert_int_eq(raw_path(0xfffffffcu, 8), -EFAULT);
	ck_assert_int_eq(raw_path(0, BULK_TEST_PATH_MAX + 1), -EBADMSG);
	memcpy((uint8_t *)area + 64, "/x\0y", 4);
	ck_assert_int_eq(raw_path(64, 4), -EBADMSG);
	uint32_t *mr = idlrt_mr();
	mr[0] = L4_TAG(BULK_TEST_OP_PATH, 2);
	mr[1] = IDLRT_HEADER(BULK_TEST_IFACE_ID, BULK_TEST_IFACE_VERSION);
	mr[2] = 64;
	ck_assert_int_eq(idlrt_call(BULK_TID), 0);
	ck_assert_int_eq((int32_t)mr[1], -EBADMSG);
}
END_TEST

/* Offsets and lengths near every edge of the area and the bound, and noise. */
static uint32_t fuzz_word(uint32_t *state)
{
	static const uint32_t edges[] = {
		0, 1, 8, BULK_TEST_DATA_MAX - 1, BULK_TEST_DATA_MAX, BULK_TEST_DATA_MAX + 1,
		AREA_SIZE - BULK_TEST_DATA_MAX, AREA_SIZE - 8, AREA_SIZE, AREA_SIZE + 8,
		0x7fffffffu, 0x80000000u, 0xfffffff8u, 0xffffffffu,
	};
	*state ^= *state << 13;
	*state ^= *state >> 17;
	*state ^= *state << 5;
	return *state % 3 ? edges[(*state >> 8) % (sizeof(edges) / sizeof(edges[0]))] : *state;
}

/* Random (offset, length) words against the dispatch's rule: a length over the
 * bound is -EBADMSG, a range outside the buffer the server holds -EFAULT, and
 * anything else reaches the handler, which answers with that length. */
START_TEST(random_descriptor_words)
{
	uint32_t state = 0x2545f491u;
	for (int round = 0; round < 20000; round++) {
		uint32_t op = round % 2 ? BULK_TEST_OP_GET : BULK_TEST_OP_PUT;
		uint32_t offset = fuzz_word(&state), len = fuzz_word(&state);
		uint32_t *mr = idlrt_mr();
		mr[0] = L4_TAG(op, 4);
		mr[1] = IDLRT_HEADER(BULK_TEST_IFACE_ID, BULK_TEST_IFACE_VERSION);
		mr[2] = 5;
		mr[3] = offset;
		mr[4] = len;
		ck_assert_int_eq(idlrt_call(BULK_TID), 0);
		int expected = len > BULK_TEST_DATA_MAX ? -EBADMSG
			     : !idlrt_bulk_fits(offset, len, AREA_SIZE) ? -EFAULT
			     : op == BULK_TEST_OP_PUT ? (int)len : 0;
		ck_assert_msg((int32_t)mr[1] == expected, "op %u offset %u length %u: expected %d, got %d", op,
			      offset, len, expected, (int32_t)mr[1]);
		if (op == BULK_TEST_OP_GET && expected == 0)
			ck_assert_uint_eq(mr[2], len);
	}
}
END_TEST

static Suite *bulk_suite(void)
{
	Suite *suite = suite_create("bulk");
	TCase *tc = tcase_create("loopback");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, in_buffer_of_64k);
	tcase_add_test(tc, out_buffer_of_64k_and_a_smaller_capacity);
	tcase_add_test(tc, path_of_4k);
	tcase_add_test(tc, several_bulk_parameters_in_one_call);
	tcase_add_test(tc, client_buffer_too_small_or_missing);
	tcase_add_test(tc, unmapped_or_shrunk_buffer_gets_efault_and_the_server_lives);
	tcase_add_test(tc, dispatch_checks_offset_and_length);
	tcase_add_test(tc, random_descriptor_words);
	tcase_add_test(tc, deferred_reply_writes_the_out_buffer_later);
	tcase_add_test(tc, deferred_reply_over_the_capacity_is_emsgsize);
	tcase_add_test(tc, deferred_call_with_a_bad_range_never_reaches_the_handler);
	suite_add_tcase(suite, tc);
	return suite;
}

int main(void)
{
	SRunner *runner = srunner_create(bulk_suite());
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
