/* check_byte_ring.c - the byte ring: single bytes, bulk copies across the
 * wrap, and the full and empty edges. */
#include <check.h>
#include <stdlib.h>
#include <string.h>

#include <server/byte_ring.h>

#define SIZE 7		/* not a power of two: the wrap is a subtraction */

static uint8_t storage[SIZE];
static struct byte_ring ring;

static void setup(void)
{
	memset(storage, 0xee, sizeof(storage));
	byte_ring_init(&ring, storage, SIZE);
}

/* Moves the head to index head with the ring empty again. */
static void advance_to(uint32_t head)
{
	for (uint32_t i = 0; i < head; i++) {
		ck_assert(byte_ring_put(&ring, 0));
		(void)byte_ring_get(&ring);
	}
	ck_assert_uint_eq(ring.head, head);
}

START_TEST(bytes_come_out_in_order)
{
	ck_assert(byte_ring_put(&ring, 'a'));
	ck_assert(byte_ring_put(&ring, 'b'));
	ck_assert_uint_eq(ring.count, 2);
	ck_assert_int_eq(byte_ring_peek(&ring), 'a');
	ck_assert_int_eq(byte_ring_get(&ring), 'a');
	ck_assert_int_eq(byte_ring_get(&ring), 'b');
	ck_assert_uint_eq(ring.count, 0);
}
END_TEST

START_TEST(put_refuses_when_full)
{
	for (int i = 0; i < SIZE; i++)
		ck_assert(byte_ring_put(&ring, (uint8_t)i));
	ck_assert_uint_eq(byte_ring_space(&ring), 0);
	ck_assert(!byte_ring_put(&ring, 99));
	for (int i = 0; i < SIZE; i++)
		ck_assert_int_eq(byte_ring_get(&ring), i);
}
END_TEST

START_TEST(single_bytes_wrap_around)
{
	advance_to(SIZE - 2);
	for (int i = 0; i < 5; i++)
		ck_assert(byte_ring_put(&ring, (uint8_t)('0' + i)));
	for (int i = 0; i < 5; i++)
		ck_assert_int_eq(byte_ring_get(&ring), '0' + i);
	ck_assert_uint_eq(ring.head, 3);
}
END_TEST

START_TEST(clear_empties)
{
	byte_ring_put(&ring, 1);
	byte_ring_put(&ring, 2);
	byte_ring_clear(&ring);
	ck_assert_uint_eq(ring.count, 0);
	ck_assert_uint_eq(byte_ring_space(&ring), SIZE);
}
END_TEST

START_TEST(write_takes_only_what_fits)
{
	ck_assert_uint_eq(byte_ring_write(&ring, "abcdefghij", 10), SIZE);
	ck_assert_uint_eq(byte_ring_write(&ring, "x", 1), 0);
	char out[SIZE + 1] = { 0 };
	ck_assert_uint_eq(byte_ring_read(&ring, out, sizeof(out)), SIZE);
	ck_assert_str_eq(out, "abcdefg");
}
END_TEST

START_TEST(write_and_read_across_the_wrap)
{
	advance_to(SIZE - 3);
	ck_assert_uint_eq(byte_ring_write(&ring, "hello", 5), 5);
	ck_assert_int_eq(storage[0], 'l');
	ck_assert_int_eq(storage[1], 'o');
	char out[6] = { 0 };
	ck_assert_uint_eq(byte_ring_read(&ring, out, 5), 5);
	ck_assert_str_eq(out, "hello");
	ck_assert_uint_eq(ring.head, 2);
}
END_TEST

START_TEST(read_stops_at_len_and_keeps_the_rest)
{
	byte_ring_write(&ring, "abcde", 5);
	char out[3] = { 0 };
	ck_assert_uint_eq(byte_ring_read(&ring, out, 2), 2);
	ck_assert_str_eq(out, "ab");
	ck_assert_uint_eq(ring.count, 3);
	ck_assert_int_eq(byte_ring_get(&ring), 'c');
}
END_TEST

START_TEST(read_of_empty_gives_nothing)
{
	char out[4];
	ck_assert_uint_eq(byte_ring_read(&ring, out, sizeof(out)), 0);
}
END_TEST

START_TEST(bulk_and_single_bytes_mix)
{
	advance_to(4);
	byte_ring_put(&ring, 'a');
	ck_assert_uint_eq(byte_ring_write(&ring, "bcdefgh", 7), 6);
	ck_assert_int_eq(byte_ring_get(&ring), 'a');
	char out[7] = { 0 };
	ck_assert_uint_eq(byte_ring_read(&ring, out, 6), 6);
	ck_assert_str_eq(out, "bcdefg");
	ck_assert_uint_eq(ring.head, 4);
}
END_TEST

/* Against a plain model: random bulk writes and reads of random lengths. */
START_TEST(random_traffic_matches_a_model)
{
	uint8_t model[4096], in[16], out[16];
	size_t model_head = 0, model_count = 0;
	uint8_t next = 0;

	srand(15);
	for (int round = 0; round < 2000; round++) {
		size_t len = (size_t)rand() % sizeof(in);
		if (rand() & 1) {
			for (size_t i = 0; i < len; i++)
				in[i] = next++;
			size_t took = byte_ring_write(&ring, in, len);
			size_t fits = SIZE - model_count;
			ck_assert_uint_eq(took, len < fits ? len : fits);
			memcpy(model + model_head + model_count, in, took);
			model_count += took;
			next = (uint8_t)(next - (len - took));
		} else {
			size_t gave = byte_ring_read(&ring, out, len);
			ck_assert_uint_eq(gave, len < model_count ? len : model_count);
			ck_assert_mem_eq(out, model + model_head, gave);
			model_head += gave;
			model_count -= gave;
			memmove(model, model + model_head, model_count);
			model_head = 0;
		}
		ck_assert_uint_eq(ring.count, model_count);
	}
}
END_TEST

static Suite *byte_ring_suite(void)
{
	Suite *s = suite_create("byte_ring");
	TCase *single = tcase_create("single");
	TCase *bulk = tcase_create("bulk");

	tcase_add_checked_fixture(single, setup, NULL);
	tcase_add_test(single, bytes_come_out_in_order);
	tcase_add_test(single, put_refuses_when_full);
	tcase_add_test(single, single_bytes_wrap_around);
	tcase_add_test(single, clear_empties);
	suite_add_tcase(s, single);
	tcase_add_checked_fixture(bulk, setup, NULL);
	tcase_add_test(bulk, write_takes_only_what_fits);
	tcase_add_test(bulk, write_and_read_across_the_wrap);
	tcase_add_test(bulk, read_stops_at_len_and_keeps_the_rest);
	tcase_add_test(bulk, read_of_empty_gives_nothing);
	tcase_add_test(bulk, bulk_and_single_bytes_mix);
	tcase_add_test(bulk, random_traffic_matches_a_model);
	suite_add_tcase(s, bulk);
	return s;
}

int main(void)
{
	SRunner *runner = srunner_create(byte_ring_suite());
	srunner_run_all(runner, CK_ENV);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
