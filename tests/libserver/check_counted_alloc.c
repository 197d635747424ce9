/* check_counted_alloc.c - the counted heap: the live count follows every
 * block, and the cap refuses new blocks but never a free or a resize; pool
 * blocks count while in use, come back zeroed, and are capped the same way. */
#include <check.h>
#include <stdint.h>
#include <stdlib.h>

#include <server/counted_alloc.h>

static void teardown(void)
{
	counted_alloc_set_quota(0);
	ck_assert_uint_eq(counted_alloc_live(), 0);
}

START_TEST(alloc_is_zeroed_and_counted)
{
	unsigned char *block = counted_alloc(64);
	ck_assert_ptr_nonnull(block);
	for (int i = 0; i < 64; i++)
		ck_assert_int_eq(block[i], 0);
	ck_assert_uint_eq(counted_alloc_live(), 1);
	counted_free(block);
	ck_assert_uint_eq(counted_alloc_live(), 0);
}
END_TEST

START_TEST(free_of_null_counts_nothing)
{
	counted_free(NULL);
	ck_assert_uint_eq(counted_alloc_live(), 0);
}
END_TEST

START_TEST(realloc_counts_only_new_blocks)
{
	int *array = counted_realloc_array(NULL, 4, sizeof(int));
	ck_assert_ptr_nonnull(array);
	ck_assert_uint_eq(counted_alloc_live(), 1);
	array[3] = 42;
	array = counted_realloc_array(array, 1000, sizeof(int));
	ck_assert_ptr_nonnull(array);
	ck_assert_int_eq(array[3], 42);
	ck_assert_uint_eq(counted_alloc_live(), 1);
	counted_free(array);
}
END_TEST

START_TEST(realloc_refuses_an_overflowing_size)
{
	ck_assert_ptr_null(counted_realloc_array(NULL, SIZE_MAX / 2, 4));
	ck_assert_uint_eq(counted_alloc_live(), 0);
}
END_TEST

START_TEST(quota_refuses_new_blocks)
{
	void *first = counted_alloc(8);
	counted_alloc_set_quota(1);
	ck_assert_ptr_null(counted_alloc(8));
	ck_assert_ptr_null(counted_realloc_array(NULL, 2, 8));
	ck_assert_uint_eq(counted_alloc_live(), 1);
	counted_free(first);
}
END_TEST

START_TEST(quota_lets_a_resize_through)
{
	char *block = counted_realloc_array(NULL, 8, 1);
	counted_alloc_set_quota(1);
	block = counted_realloc_array(block, 4096, 1);
	ck_assert_ptr_nonnull(block);
	counted_free(block);
}
END_TEST

START_TEST(quota_zero_lifts_the_cap)
{
	counted_alloc_set_quota(1);
	void *first = counted_alloc(8);
	ck_assert_ptr_null(counted_alloc(8));
	counted_alloc_set_quota(0);
	void *second = counted_alloc(8);
	ck_assert_ptr_nonnull(second);
	counted_free(first);
	counted_free(second);
}
END_TEST

struct record {
	uint32_t words[5];
};

static struct counted_pool record_pool = COUNTED_POOL_INIT(struct record);

START_TEST(pool_blocks_are_zeroed_counted_and_reused)
{
	struct record *first = counted_pool_alloc(&record_pool), *again;

	ck_assert_ptr_nonnull(first);
	ck_assert_uint_eq(counted_alloc_live(), 1);
	for (int i = 0; i < 5; i++)
		ck_assert_uint_eq(first->words[i], 0);
	first->words[0] = first->words[4] = 0xdeadbeef;
	counted_pool_free(&record_pool, first);
	ck_assert_uint_eq(counted_alloc_live(), 0);
	again = counted_pool_alloc(&record_pool);
	ck_assert_ptr_eq(again, first);
	ck_assert_uint_eq(again->words[0], 0);
	ck_assert_uint_eq(again->words[4], 0);
	counted_pool_free(&record_pool, again);
	counted_pool_free(&record_pool, NULL);
	ck_assert_uint_eq(counted_alloc_live(), 0);
}
END_TEST

START_TEST(pool_blocks_are_distinct_past_a_refill)
{
	struct record *blocks[40];

	for (int i = 0; i < 40; i++) {
		blocks[i] = counted_pool_alloc(&record_pool);
		ck_assert_ptr_nonnull(blocks[i]);
		blocks[i]->words[2] = (uint32_t)i;
	}
	ck_assert_uint_eq(counted_alloc_live(), 40);
	for (int i = 0; i < 40; i++)
		ck_assert_uint_eq(blocks[i]->words[2], (uint32_t)i);
	for (int i = 0; i < 40; i++)
		counted_pool_free(&record_pool, blocks[i]);
}
END_TEST

START_TEST(quota_refuses_pool_blocks)
{
	struct record *first = counted_pool_alloc(&record_pool), *second;

	counted_alloc_set_quota(1);
	ck_assert_ptr_null(counted_pool_alloc(&record_pool));
	counted_pool_free(&record_pool, first);
	second = counted_pool_alloc(&record_pool);
	ck_assert_ptr_nonnull(second);
	ck_assert_uint_eq(counted_alloc_live(), 1);
	counted_pool_free(&record_pool, second);
}
END_TEST

static Suite *counted_alloc_suite(void)
{
	Suite *s = suite_create("counted_alloc");
	TCase *count = tcase_create("count");
	TCase *quota = tcase_create("quota");

	tcase_add_checked_fixture(count, NULL, teardown);
	tcase_add_test(count, alloc_is_zeroed_and_counted);
	tcase_add_test(count, free_of_null_counts_nothing);
	tcase_add_test(count, realloc_counts_only_new_blocks);
	tcase_add_test(count, realloc_refuses_an_overflowing_size);
	tcase_add_test(count, pool_blocks_are_zeroed_counted_and_reused);
	tcase_add_test(count, pool_blocks_are_distinct_past_a_refill);
	suite_add_tcase(s, count);
	tcase_add_checked_fixture(quota, NULL, teardown);
	tcase_add_test(quota, quota_refuses_new_blocks);
	tcase_add_test(quota, quota_lets_a_resize_through);
	tcase_add_test(quota, quota_zero_lifts_the_cap);
	tcase_add_test(quota, quota_refuses_pool_blocks);
	suite_add_tcase(s, quota);
	return s;
}

int main(void)
{
	SRunner *runner = srunner_create(counted_alloc_suite());
	srunner_run_all(runner, CK_ENV);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
