/* check_block_protocol.c - blk0's block.idl handlers (servers/blk0/serve.c)
 * through the generated stubs and dispatch over the loopback, on the fake
 * device: windows, the request checks, and deferred replies that reach
 * each waiting client when the device finishes, in any order. */
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <idlrt/loopback.h>

#include "block.h"
#include "block_server.h"
#include "fake_virtio.h"
#include "serve.h"

#define BLK0		L4_TID(40, 1)
#define CLIENT(n)	L4_TID(100 + (n), 1)
#define DISK_SECTORS	4096u
#define WINDOWS		2u
#define WINDOW_PHYS(n)	(FAKE_PHYS_BASE + (1u + (n)) * BLOCK_WINDOW_SIZE)
#define SHMID(n)	(7 + (int32_t)(n))
#define S		BLOCK_SECTOR_SIZE

static struct fake_virtio fake;
static struct vblk dev;

static void setup_with(uint32_t host_features)
{
	struct blk_window windows[WINDOWS];

	fake_virtio_init(&fake, DISK_SECTORS);
	fake.host_features = host_features;
	for (uint32_t i = 0; i < DISK_SECTORS * S; i++)
		fake.disk[i] = (uint8_t)(i / S + i % 251);
	ck_assert_int_eq(vblk_start(&dev, &fake.io, fake.mem, FAKE_PHYS_BASE), 0);
	for (uint32_t i = 0; i < WINDOWS; i++)
		windows[i] = (struct blk_window){ 0, SHMID(i), WINDOW_PHYS(i) };
	blk_serve_start(&dev, windows, WINDOWS);
	idlrt_loopback_reset();
	ck_assert_int_eq(idlrt_loopback_bind(BLK0, block_dispatch, 0), 0);
}

static void setup(void)
{
	setup_with((1u << VIRTIO_BLK_F_FLUSH) | (1u << VIRTIO_BLK_F_BLK_SIZE));
}

static void teardown(void)
{
	idlrt_loopback_reset();
	fake_virtio_fini(&fake);
}

static uint8_t *window_bytes(uint32_t n, uint32_t offset)
{
	return fake_virtio_mem(&fake, WINDOW_PHYS(n) + offset);
}

static int32_t take_window(l4_tid_t client)
{
	int32_t shmid = -1;
	uint32_t size = 0;

	idlrt_loopback_set_self(client);
	ck_assert_int_eq(block_window(BLK0, &shmid, &size), 0);
	ck_assert_uint_eq(size, BLOCK_WINDOW_SIZE);
	return shmid;
}

/* The device finishes everything it holds, in order, and interrupts. */
static void device_finishes_all(void *arg)
{
	(void)arg;
	fake_virtio_take(&fake);
	while (fake.pending_count)
		fake_virtio_complete(&fake, 0);
	blk_serve_interrupt();
}

START_TEST(info_reports_size_and_block)
{
	uint64_t sectors = 0;
	uint32_t block_size = 0;

	ck_assert_int_eq(block_info(BLK0, &sectors, &block_size), 0);
	ck_assert_uint_eq(sectors, DISK_SECTORS);
	ck_assert_uint_eq(block_size, 4096);
}
END_TEST

START_TEST(windows_go_one_per_thread)
{
	int32_t first = take_window(CLIENT(1)), shmid;
	uint32_t size;

	ck_assert_int_eq(take_window(CLIENT(1)), first);
	ck_assert_int_ne(take_window(CLIENT(2)), first);
	idlrt_loopback_set_self(CLIENT(3));
	ck_assert_int_eq(block_window(BLK0, &shmid, &size), -ENOSPC);
	ck_assert_int_eq(block_release(BLK0), -ENXIO);
	idlrt_loopback_set_self(CLIENT(1));
	ck_assert_int_eq(block_release(BLK0), 0);
	ck_assert_int_eq(take_window(CLIENT(3)), first);
}
END_TEST

START_TEST(requests_are_checked_before_the_device_sees_them)
{
	int32_t shmid = take_window(CLIENT(1));

	ck_assert_int_eq(block_read(BLK0, 0, 1, SHMID(1), 0), -ENXIO);	/* nobody holds it */
	ck_assert_int_eq(block_read(BLK0, 0, 1, 999, 0), -ENXIO);
	ck_assert_int_eq(block_read(BLK0, 0, 0, shmid, 0), -EINVAL);
	ck_assert_int_eq(block_read(BLK0, DISK_SECTORS, 1, shmid, 0), -EINVAL);
	ck_assert_int_eq(block_read(BLK0, DISK_SECTORS - 1, 2, shmid, 0), -EINVAL);
	ck_assert_int_eq(block_read(BLK0, UINT64_MAX, 2, shmid, 0), -EINVAL);
	ck_assert_int_eq(block_write(BLK0, 0, 1, shmid, 1), -EINVAL);
	ck_assert_int_eq(block_write(BLK0, 0, 2, shmid, BLOCK_WINDOW_SIZE - S), -EINVAL);
	ck_assert_int_eq(block_write(BLK0, 0, BLOCK_WINDOW_SIZE / S + 1, shmid, 0), -EINVAL);
	ck_assert_int_eq(block_read(BLK0, 0, 1, shmid, BLOCK_WINDOW_SIZE), -EINVAL);
	ck_assert_uint_eq(fake.notifies, 0);
}
END_TEST

START_TEST(read_and_write_move_bytes_through_the_window)
{
	int32_t shmid = take_window(CLIENT(1));

	idlrt_loopback_on_block(device_finishes_all, NULL);
	ck_assert_int_eq(block_read(BLK0, 10, 4, shmid, 2 * S), 0);
	ck_assert_mem_eq(window_bytes(0, 2 * S), fake.disk + 10 * S, 4 * S);
	memset(window_bytes(0, 0), 0x3c, BLOCK_WINDOW_SIZE);
	ck_assert_int_eq(block_write(BLK0, DISK_SECTORS - 128, 128, shmid, 0), 0);
	for (uint32_t i = 0; i < 128 * S; i++)
		ck_assert_uint_eq(fake.disk[(DISK_SECTORS - 128) * S + i], 0x3c);
	ck_assert_int_eq(block_flush(BLK0), 0);
	ck_assert_uint_eq(fake.flushes, 1);
	ck_assert_uint_eq(fake.bad_requests, 0);
}
END_TEST

START_TEST(an_unanswered_request_leaves_the_caller_waiting)
{
	int32_t shmid = take_window(CLIENT(1));

	ck_assert_int_eq(block_read(BLK0, 0, 1, shmid, 0), -EDEADLK);
	ck_assert_uint_eq(dev.busy != 0, 1);
	/* Its client is gone by the time the device finishes: only counted. */
	device_finishes_all(NULL);
	ck_assert_uint_eq(blk_server.lost_replies, 1);
	ck_assert_uint_eq(dev.busy, 0);
}
END_TEST

/* Nested calls stand for clients waiting at once: each level's hook makes
 * the next call as another client; the deepest lets the device finish the
 * requests in the order of finish_order, then interrupts once. */
struct in_flight {
	uint32_t depth, levels;
	int32_t shmid[3];
	int results[3];
	const uint32_t *finish_order;	/* indexes into the device's pending list */
};

static void next_client(void *arg)
{
	struct in_flight *run = arg;
	uint32_t level = run->depth++;

	if (level + 1 < run->levels) {
		idlrt_loopback_set_self(CLIENT(level + 1));
		run->results[level + 1] = block_read(BLK0, 100 * (level + 1), 2,
						     run->shmid[level + 1], 0);
		return;
	}
	fake_virtio_take(&fake);
	ck_assert_uint_eq(fake.pending_count, run->levels);
	for (uint32_t i = 0; i < run->levels; i++)
		fake_virtio_complete(&fake, run->finish_order[i]);
	blk_serve_interrupt();
}

START_TEST(replies_find_their_clients_in_any_order)
{
	/* The device finishes the last request first and the first last. */
	static const uint32_t order[] = { 1, 0, 0 };
	struct in_flight run = { 0, 2, { 0 }, { -1, -1, -1 }, order };

	fake.fail_sector = 101;	/* client 1's request fails, client 0's does not */
	run.shmid[0] = take_window(CLIENT(0));
	run.shmid[1] = take_window(CLIENT(1));
	idlrt_loopback_on_block(next_client, &run);
	idlrt_loopback_set_self(CLIENT(0));
	run.results[0] = block_read(BLK0, 0, 2, run.shmid[0], 0);
	ck_assert_int_eq(run.results[0], 0);
	ck_assert_int_eq(run.results[1], -EIO);
	ck_assert_mem_eq(window_bytes(0, 0), fake.disk, 2 * S);
	ck_assert_uint_eq(idlrt_loopback_deferred_count(), 2);
	ck_assert_uint_eq(dev.busy, 0);
}
END_TEST

static void fill_slots(void *arg)
{
	uint32_t *left = arg;

	if (*left == 0) {
		ck_assert_int_eq(block_read(BLK0, 0, 1, SHMID(0), 0), -EAGAIN);
		device_finishes_all(NULL);
		return;
	}
	(*left)--;
	ck_assert_int_eq(block_read(BLK0, *left, 1, SHMID(0), 0), 0);
}

START_TEST(a_full_device_says_again)
{
	uint32_t left = BLOCK_IN_FLIGHT_MAX - 1;

	take_window(CLIENT(1));
	/* Each request waits in the hook, which makes the next one: the last
	 * finds every slot taken before the device finishes them all. */
	idlrt_loopback_on_block(fill_slots, &left);
	ck_assert_int_eq(block_read(BLK0, 0, 1, SHMID(0), 0), 0);
	ck_assert_uint_eq(idlrt_loopback_deferred_count(), BLOCK_IN_FLIGHT_MAX);
}
END_TEST

static void try_release(void *arg)
{
	(void)arg;
	ck_assert_int_eq(block_release(BLK0), -EBUSY);
	device_finishes_all(NULL);
}

START_TEST(release_waits_for_the_windows_requests)
{
	int32_t shmid = take_window(CLIENT(1));

	idlrt_loopback_on_block(try_release, NULL);
	ck_assert_int_eq(block_write(BLK0, 5, 1, shmid, 0), 0);
	ck_assert_int_eq(block_release(BLK0), 0);
}
END_TEST

START_TEST(read_only_disks_refuse_writes)
{
	int32_t shmid;

	teardown();
	setup_with(1u << VIRTIO_BLK_F_RO);
	shmid = take_window(CLIENT(1));
	ck_assert_int_eq(block_write(BLK0, 0, 1, shmid, 0), -EROFS);
	/* No FLUSH feature: nothing is cached, the flush is answered at once. */
	ck_assert_int_eq(block_flush(BLK0), 0);
	ck_assert_uint_eq(fake.notifies, 0);
}
END_TEST

START_TEST(a_device_that_refuses_flush_has_nothing_to_flush)
{
	fake.flush_unsupported = true;
	idlrt_loopback_on_block(device_finishes_all, NULL);
	ck_assert_int_eq(block_flush(BLK0), 0);
	ck_assert_uint_eq(fake.flushes, 1);
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("block_protocol");
	TCase *tc = tcase_create("blk0");
	SRunner *runner;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, info_reports_size_and_block);
	tcase_add_test(tc, windows_go_one_per_thread);
	tcase_add_test(tc, requests_are_checked_before_the_device_sees_them);
	tcase_add_test(tc, read_and_write_move_bytes_through_the_window);
	tcase_add_test(tc, an_unanswered_request_leaves_the_caller_waiting);
	tcase_add_test(tc, replies_find_their_clients_in_any_order);
	tcase_add_test(tc, a_full_device_says_again);
	tcase_add_test(tc, release_waits_for_the_windows_requests);
	tcase_add_test(tc, read_only_disks_refuse_writes);
	tcase_add_test(tc, a_device_that_refuses_flush_has_nothing_to_flush);
	suite_add_tcase(suite, tc);
	runner = srunner_create(suite);
	srunner_run_all(runner, CK_NORMAL);
	failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
