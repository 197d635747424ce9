/* check_proto_workers.c - the workers request over the wire: which thread
 * serves callers on each processor, as fs0's start-up named them
 * (serve_set_workers), none while fs0 runs one thread. */
#include "proto_fixture.h"

#define WORKER(n)	L4_TID(20 + (n), 1)

START_TEST(one_thread_names_no_workers)
{
	uint32_t tids[FS0_WORKERS_MAX] = { 0 }, count = 99;

	ck_assert_int_eq(fs0_workers(FS0_TID, tids, &count), 0);
	ck_assert_uint_eq(count, 0);
}
END_TEST

START_TEST(workers_come_back_by_processor)
{
	const l4_tid_t named[3] = { WORKER(0), FS0_TID, WORKER(2) };
	uint32_t tids[FS0_WORKERS_MAX] = { 0 }, count = 0;

	ck_assert_int_eq(serve_set_workers(named, 3), 0);
	ck_assert_int_eq(fs0_workers(FS0_TID, tids, &count), 0);
	ck_assert_uint_eq(count, 3);
	ck_assert_uint_eq(tids[0], WORKER(0));
	ck_assert_uint_eq(tids[1], FS0_TID);
	ck_assert_uint_eq(tids[2], WORKER(2));
}
END_TEST

START_TEST(a_bad_table_leaves_the_named_one)
{
	const l4_tid_t named[2] = { WORKER(0), WORKER(1) };
	const l4_tid_t with_nil[2] = { WORKER(3), L4_NILTHREAD };
	l4_tid_t too_many[FS0_WORKERS_MAX + 1];
	uint32_t tids[FS0_WORKERS_MAX] = { 0 }, count = 0;

	for (uint32_t i = 0; i <= FS0_WORKERS_MAX; i++)
		too_many[i] = WORKER(i);
	ck_assert_int_eq(serve_set_workers(named, 2), 0);
	ck_assert_int_eq(serve_set_workers(with_nil, 2), -FS0_EINVAL);
	ck_assert_int_eq(serve_set_workers(too_many, FS0_WORKERS_MAX + 1), -FS0_EINVAL);
	ck_assert_int_eq(fs0_workers(FS0_TID, tids, &count), 0);
	ck_assert_uint_eq(count, 2);
	ck_assert_uint_eq(tids[0], WORKER(0));
	ck_assert_uint_eq(tids[1], WORKER(1));
}
END_TEST

START_TEST(shutdown_forgets_the_workers)
{
	const l4_tid_t named[2] = { WORKER(0), WORKER(1) };
	uint32_t tids[FS0_WORKERS_MAX] = { 0 }, count = 99;

	ck_assert_int_eq(serve_set_workers(named, 2), 0);
	proto_teardown();
	proto_setup();
	ck_assert_int_eq(fs0_workers(FS0_TID, tids, &count), 0);
	ck_assert_uint_eq(count, 0);
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("fs0 protocol: workers");
	TCase *tc = proto_tcase("workers");
	tcase_add_test(tc, one_thread_names_no_workers);
	tcase_add_test(tc, workers_come_back_by_processor);
	tcase_add_test(tc, a_bad_table_leaves_the_named_one);
	tcase_add_test(tc, shutdown_forgets_the_workers);
	suite_add_tcase(suite, tc);
	return run_proto_suite(suite);
}
