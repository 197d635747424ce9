/* check_kv.c - the kv protocol on the host: the generated stubs call the
 * generated dispatch and the real handlers over the loopback transport. */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <idlrt/loopback.h>

#include "kv.h"
#include "kv_server.h"

#define KV_TID L4_TID(5, 1)

static void setup(void)
{
	struct kv_listing found;

	idlrt_loopback_reset();
	ck_assert_int_eq(idlrt_loopback_bind(KV_TID, kv_dispatch, 0), 0);
	while (kv_list(KV_TID, 0, &found) > 0)
		kv_remove(KV_TID, found.key);
}

START_TEST(put_then_get)
{
	char value[KV_VALUE_MAX + 1];

	ck_assert_int_eq(kv_put(KV_TID, "colour", "green"), 0);
	ck_assert_int_eq(kv_get(KV_TID, "colour", value), 0);
	ck_assert_str_eq(value, "green");
	ck_assert_int_eq(kv_put(KV_TID, "colour", "blue"), 0);
	ck_assert_int_eq(kv_get(KV_TID, "colour", value), 0);
	ck_assert_str_eq(value, "blue");
}
END_TEST

START_TEST(missing_keys_are_enoent)
{
	char value[KV_VALUE_MAX + 1];

	ck_assert_int_eq(kv_get(KV_TID, "nothing", value), -ENOENT);
	ck_assert_int_eq(kv_remove(KV_TID, "nothing"), -ENOENT);
	ck_assert_int_eq(kv_put(KV_TID, "", "x"), -EINVAL);
}
END_TEST

START_TEST(list_is_sorted_and_counts)
{
	struct kv_listing found;

	kv_put(KV_TID, "b", "2");
	kv_put(KV_TID, "c", "three");
	kv_put(KV_TID, "a", "1");
	ck_assert_int_eq(kv_list(KV_TID, 0, &found), 3);
	ck_assert_str_eq(found.key, "a");
	ck_assert_int_eq(kv_list(KV_TID, 2, &found), 3);
	ck_assert_str_eq(found.key, "c");
	ck_assert_uint_eq(found.value_length, 5);
	ck_assert_int_eq(kv_list(KV_TID, 3, &found), -ENOENT);
	ck_assert_int_eq(kv_remove(KV_TID, "b"), 0);
	ck_assert_int_eq(kv_list(KV_TID, 1, &found), 2);
	ck_assert_str_eq(found.key, "c");
}
END_TEST

START_TEST(full_store_says_enospc)
{
	struct kv_listing found;
	char key[8];
	int i;

	for (i = 0; kv_put(KV_TID, (snprintf(key, sizeof(key), "k%02d", i), key), "v") == 0; i++)
		ck_assert_int_lt(i, 1000);
	ck_assert_int_eq(kv_put(KV_TID, "one-more", "v"), -ENOSPC);
	ck_assert_int_eq(kv_list(KV_TID, 0, &found), i);
}
END_TEST

START_TEST(oversized_strings_never_leave_the_client)
{
	char key[KV_KEY_MAX + 2];

	memset(key, 'k', sizeof(key) - 1);
	key[sizeof(key) - 1] = '\0';
	ck_assert_int_eq(kv_put(KV_TID, key, "v"), -EMSGSIZE);
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("kv");
	TCase *calls = tcase_create("calls");
	SRunner *runner;
	int failed;

	tcase_add_checked_fixture(calls, setup, NULL);
	tcase_add_test(calls, put_then_get);
	tcase_add_test(calls, missing_keys_are_enoent);
	tcase_add_test(calls, list_is_sorted_and_counts);
	tcase_add_test(calls, full_store_says_enospc);
	tcase_add_test(calls, oversized_strings_never_leave_the_client);
	suite_add_tcase(suite, calls);
	runner = srunner_create(suite);
	srunner_run_all(runner, CK_NORMAL);
	failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
