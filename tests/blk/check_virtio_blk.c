/* check_virtio_blk.c - the virtio block driver (servers/blk0/virtio_blk.c and
 * virtqueue.c) against fake_virtio: bring-up, reads, writes and flushes,
 * device errors, out-of-order completion, full slots and ring wrap-around. */
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fake_virtio.h"
#include "virtio_blk.h"

#define DISK_SECTORS	2048u
#define DATA_PHYS	(FAKE_PHYS_BASE + 64u * 1024u)	/* after the queue and slots */

static struct fake_virtio fake;
static struct vblk dev;

struct completion {
	uint32_t slot;
	int result;
};
static struct completion done_log[512];
static uint32_t done_count;

static void record_done(void *ctx, uint32_t slot, int result)
{
	(void)ctx;
	ck_assert_uint_lt(done_count, 512);
	done_log[done_count++] = (struct completion){ slot, result };
}

static void setup(void)
{
	fake_virtio_init(&fake, DISK_SECTORS);
	for (uint32_t i = 0; i < DISK_SECTORS * VBLK_SECTOR_SIZE; i++)
		fake.disk[i] = (uint8_t)(i * 7u + i / VBLK_SECTOR_SIZE);
	done_count = 0;
}

static void teardown(void)
{
	fake_virtio_fini(&fake);
}

static void start_device(void)
{
	ck_assert_int_eq(vblk_start(&dev, &fake.io, fake.mem, FAKE_PHYS_BASE), 0);
}

static uint8_t *data_at(uint32_t offset)
{
	return fake_virtio_mem(&fake, DATA_PHYS + offset);
}

START_TEST(probe_takes_a_legacy_block_device_only)
{
	ck_assert(vblk_probe(&fake.io));
	fake.device_id = 1;
	ck_assert_msg(!vblk_probe(&fake.io), "a network device taken for a disk");
	fake.device_id = VIRTIO_ID_BLOCK;
	fake.version = 2;
	ck_assert_msg(!vblk_probe(&fake.io), "a modern transport taken for a legacy one");
	fake.version = VIRTIO_MMIO_LEGACY;
	fake.magic = 0;
	ck_assert_msg(!vblk_probe(&fake.io), "an empty transport taken for a device");
}
END_TEST

START_TEST(start_follows_the_legacy_sequence)
{
	ck_assert_uint_le(vblk_dma_bytes(), 64u * 1024u);
	start_device();
	ck_assert_uint_eq(fake.status_writes[0], 0);
	ck_assert_uint_eq(fake.status_writes[1], VIRTIO_STATUS_ACKNOWLEDGE);
	ck_assert_uint_eq(fake.status_writes[2], VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER);
	ck_assert_uint_eq(fake.status, VIRTIO_STATUS_ACKNOWLEDGE | VIRTIO_STATUS_DRIVER |
				       VIRTIO_STATUS_DRIVER_OK);
	ck_assert_uint_eq(fake.page_size, 4096);
	ck_assert_uint_eq(fake.queue_align, 4096);
	ck_assert_uint_eq(fake.queue_num, VBLK_QUEUE_SIZE);
	ck_assert_uint_eq(fake.queue_pfn, FAKE_PHYS_BASE / 4096);
	/* SIZE_MAX and SEG_MAX were offered but are not understood: left alone. */
	ck_assert_uint_eq(fake.guest_features, (1u << VIRTIO_BLK_F_BLK_SIZE) | (1u << VIRTIO_BLK_F_FLUSH));
	ck_assert_uint_eq(dev.capacity, DISK_SECTORS);
	ck_assert_uint_eq(dev.block_size, 4096);
	ck_assert(dev.can_flush);
	ck_assert(!dev.read_only);
}
END_TEST

START_TEST(start_reads_a_large_capacity_and_read_only)
{
	fake.capacity = 0x123456789ull;
	fake.host_features = 1u << VIRTIO_BLK_F_RO;
	start_device();
	ck_assert_uint_eq(dev.capacity, 0x123456789ull);
	ck_assert_uint_eq(dev.block_size, VBLK_SECTOR_SIZE);
	ck_assert(dev.read_only);
	ck_assert(!dev.can_flush);
}
END_TEST

START_TEST(start_refuses_a_small_or_busy_queue)
{
	fake.queue_num_max = VBLK_QUEUE_SIZE / 2;
	ck_assert_int_eq(vblk_start(&dev, &fake.io, fake.mem, FAKE_PHYS_BASE), -ENODEV);
	ck_assert_uint_eq(fake.status, VIRTIO_STATUS_FAILED);
	ck_assert_uint_eq(fake.queue_pfn, 0);
}
END_TEST

START_TEST(read_brings_the_sectors)
{
	int slot;

	start_device();
	slot = vblk_submit(&dev, VIRTIO_BLK_T_IN, 5, DATA_PHYS, 3 * VBLK_SECTOR_SIZE);
	ck_assert_int_ge(slot, 0);
	ck_assert_uint_eq(fake.notifies, 1);
	fake_virtio_take(&fake);
	ck_assert_uint_eq(fake.pending_count, 1);
	vblk_interrupt(&dev, record_done, NULL);
	ck_assert_msg(done_count == 0, "a request reported done before the device finished it");
	fake_virtio_complete(&fake, 0);
	vblk_interrupt(&dev, record_done, NULL);
	ck_assert_uint_eq(done_count, 1);
	ck_assert_uint_eq(done_log[0].slot, (uint32_t)slot);
	ck_assert_int_eq(done_log[0].result, 0);
	ck_assert_mem_eq(data_at(0), fake.disk + 5 * VBLK_SECTOR_SIZE, 3 * VBLK_SECTOR_SIZE);
	ck_assert_uint_eq(fake.interrupt_status, 0);
	ck_assert_uint_eq(fake.bad_requests, 0);
	ck_assert_uint_eq(dev.busy, 0);
}
END_TEST

START_TEST(write_and_flush_reach_the_disk)
{
	start_device();
	fake.complete_at_once = true;
	memset(data_at(0), 0xa5, 2 * VBLK_SECTOR_SIZE);
	ck_assert_int_ge(vblk_submit(&dev, VIRTIO_BLK_T_OUT, 100, DATA_PHYS, 2 * VBLK_SECTOR_SIZE), 0);
	ck_assert_int_ge(vblk_submit(&dev, VIRTIO_BLK_T_FLUSH, 0, 0, 0), 0);
	vblk_interrupt(&dev, record_done, NULL);
	ck_assert_uint_eq(done_count, 2);
	ck_assert_int_eq(done_log[0].result, 0);
	ck_assert_int_eq(done_log[1].result, 0);
	for (uint32_t i = 0; i < 2 * VBLK_SECTOR_SIZE; i++)
		ck_assert_uint_eq(fake.disk[100 * VBLK_SECTOR_SIZE + i], 0xa5);
	ck_assert_uint_ne(fake.disk[99 * VBLK_SECTOR_SIZE + 511], 0xa5);
	ck_assert_uint_eq(fake.flushes, 1);
	ck_assert_uint_eq(fake.bad_requests, 0);
}
END_TEST

START_TEST(device_errors_reach_the_caller)
{
	start_device();
	fake.complete_at_once = true;
	fake.fail_sector = 9;
	fake.flush_unsupported = true;
	ck_assert_int_ge(vblk_submit(&dev, VIRTIO_BLK_T_IN, 8, DATA_PHYS, 2 * VBLK_SECTOR_SIZE), 0);
	ck_assert_int_ge(vblk_submit(&dev, VIRTIO_BLK_T_IN, 10, DATA_PHYS, VBLK_SECTOR_SIZE), 0);
	ck_assert_int_ge(vblk_submit(&dev, VIRTIO_BLK_T_FLUSH, 0, 0, 0), 0);
	vblk_interrupt(&dev, record_done, NULL);
	ck_assert_uint_eq(done_count, 3);
	ck_assert_int_eq(done_log[0].result, -EIO);
	ck_assert_int_eq(done_log[1].result, 0);
	ck_assert_int_eq(done_log[2].result, -EOPNOTSUPP);
}
END_TEST

START_TEST(completions_out_of_order_name_their_slots)
{
	int slots[3];

	start_device();
	for (uint32_t i = 0; i < 3; i++) {
		slots[i] = vblk_submit(&dev, VIRTIO_BLK_T_IN, 10 * i, DATA_PHYS + i * VBLK_SECTOR_SIZE,
				       VBLK_SECTOR_SIZE);
		ck_assert_int_ge(slots[i], 0);
	}
	ck_assert_msg(slots[0] != slots[1] && slots[1] != slots[2] && slots[0] != slots[2],
		      "two requests in flight share a slot");
	fake_virtio_take(&fake);
	fake_virtio_complete(&fake, 2);
	fake_virtio_complete(&fake, 0);
	vblk_interrupt(&dev, record_done, NULL);
	ck_assert_uint_eq(done_count, 2);
	ck_assert_uint_eq(done_log[0].slot, (uint32_t)slots[2]);
	ck_assert_uint_eq(done_log[1].slot, (uint32_t)slots[0]);
	ck_assert_uint_eq(dev.busy, 1u << slots[1]);
	fake_virtio_complete(&fake, 0);
	vblk_interrupt(&dev, record_done, NULL);
	ck_assert_uint_eq(done_log[2].slot, (uint32_t)slots[1]);
	for (uint32_t i = 0; i < 3; i++)
		ck_assert_mem_eq(data_at(i * VBLK_SECTOR_SIZE), fake.disk + 10 * i * VBLK_SECTOR_SIZE,
				 VBLK_SECTOR_SIZE);
}
END_TEST

START_TEST(full_slots_say_again_until_one_finishes)
{
	start_device();
	for (uint32_t i = 0; i < VBLK_SLOTS; i++)
		ck_assert_int_ge(vblk_submit(&dev, VIRTIO_BLK_T_IN, i, DATA_PHYS, VBLK_SECTOR_SIZE), 0);
	ck_assert_int_eq(vblk_submit(&dev, VIRTIO_BLK_T_IN, 0, DATA_PHYS, VBLK_SECTOR_SIZE), -EAGAIN);
	fake_virtio_take(&fake);
	ck_assert_uint_eq(fake.pending_count, VBLK_SLOTS);
	fake_virtio_complete(&fake, 7);
	vblk_interrupt(&dev, record_done, NULL);
	ck_assert_int_eq(vblk_submit(&dev, VIRTIO_BLK_T_IN, 0, DATA_PHYS, VBLK_SECTOR_SIZE),
			 (int)done_log[0].slot);
	ck_assert_uint_eq(fake.bad_requests, 0);
}
END_TEST

START_TEST(rings_wrap_around)
{
	start_device();
	fake.complete_at_once = true;
	/* Past 65536 the 16-bit ring indexes wrap as well as the ring slots. */
	for (uint32_t i = 0; i < 70000; i++) {
		uint32_t sector = i % DISK_SECTORS;

		done_count = 0;
		ck_assert_int_ge(vblk_submit(&dev, VIRTIO_BLK_T_IN, sector, DATA_PHYS,
					     VBLK_SECTOR_SIZE), 0);
		vblk_interrupt(&dev, record_done, NULL);
		ck_assert_uint_eq(done_count, 1);
		ck_assert_int_eq(done_log[0].result, 0);
	}
	ck_assert_mem_eq(data_at(0), fake.disk + (69999 % DISK_SECTORS) * VBLK_SECTOR_SIZE,
			 VBLK_SECTOR_SIZE);
	ck_assert_uint_eq(fake.bad_requests, 0);
}
END_TEST

START_TEST(heads_never_given_out_are_ignored)
{
	int slot;

	start_device();
	slot = vblk_submit(&dev, VIRTIO_BLK_T_IN, 1, DATA_PHYS, VBLK_SECTOR_SIZE);
	fake_virtio_use_bogus(&fake, 1);			/* not a chain's head */
	fake_virtio_use_bogus(&fake, VBLK_DESC_PER_SLOT * 5);	/* a slot not in flight */
	fake_virtio_use_bogus(&fake, VBLK_QUEUE_SIZE - 2);	/* past the slots */
	vblk_interrupt(&dev, record_done, NULL);
	ck_assert_uint_eq(done_count, 0);
	ck_assert_uint_eq(dev.busy, 1u << slot);
	fake_virtio_take(&fake);
	fake_virtio_complete(&fake, 0);
	vblk_interrupt(&dev, record_done, NULL);
	ck_assert_uint_eq(done_count, 1);
	ck_assert_uint_eq(done_log[0].slot, (uint32_t)slot);
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("virtio_blk");
	TCase *tc = tcase_create("driver");
	SRunner *runner;
	int failed;

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, probe_takes_a_legacy_block_device_only);
	tcase_add_test(tc, start_follows_the_legacy_sequence);
	tcase_add_test(tc, start_reads_a_large_capacity_and_read_only);
	tcase_add_test(tc, start_refuses_a_small_or_busy_queue);
	tcase_add_test(tc, read_brings_the_sectors);
	tcase_add_test(tc, write_and_flush_reach_the_disk);
	tcase_add_test(tc, device_errors_reach_the_caller);
	tcase_add_test(tc, completions_out_of_order_name_their_slots);
	tcase_add_test(tc, full_slots_say_again_until_one_finishes);
	tcase_add_test(tc, rings_wrap_around);
	tcase_add_test(tc, heads_never_given_out_are_ignored);
	suite_add_tcase(suite, tc);
	runner = srunner_create(suite);
	srunner_run_all(runner, CK_NORMAL);
	failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
