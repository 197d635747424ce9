/* Client memory: mm0 reads a thread's fs0 buffer through the object it holds, whatever the client did to its mapping;
 * fs0's window maps the buffer whole. */
#include <stdlib.h>
#include <string.h>

#include "fs/fs_link.h"
#include "harness.h"
#include "mem/client_copy.h"

#define PAGES		2048u
#define BUFFER_PAGES	(MM0_FS_BUFFER_SIZE / MM0_PAGE_SIZE)

/* fs0's side as mm0 sees it: every request answers 0; the last buffer registered. */
static uint32_t registered_tid, registered_size;

static int fake_task(uint32_t a, uint32_t b, bool share, uint32_t pid)
{
	(void)a, (void)b, (void)share, (void)pid;
	return 0;
}

static int fake_one(uint32_t tid)
{
	(void)tid;
	return 0;
}

static int fake_set_buffer(uint32_t tid, uint32_t window_off, uint32_t size)
{
	(void)window_off;
	registered_tid = tid;
	registered_size = size;
	return 0;
}

static const struct fs_ops fake_fs0 = {
	.task_fork = fake_task,
	.task_exit = fake_one,
	.task_cancel = fake_one,
	.task_exec = fake_one,
	.set_buffer = fake_set_buffer,
};

static struct task *fs0;

/* mm0 with a stand-in fs0 (a started process) whose window takes the buffers. */
static void setup(void)
{
	mm0_setup_pages(PAGES);
	fs0 = spawn();
	ck_assert_int_eq(fs_link_prepare(fs0, -1), 0);
	ck_assert_int_eq(fs_link_start(&fake_fs0), 0);
}

static void teardown(void)
{
	mm0_teardown();
}

/* The stand-in fs0 goes (and the link with it): then nothing may be left. */
static void finish(void)
{
	exit_and_reap(fs0, 0);
	ck_assert(!fs_link_up());
	assert_no_leak();
}

/* A started process that fs0 knows, as mm0_spawn introduces one. */
static struct task *client_spawn(void)
{
	struct task *client = spawn();

	ck_assert_int_eq(fs_thread_new(NULL, client, false), 0);
	return client;
}

/* A client with its buffer, the bytes 1, 2, 3 written at off through its own mapping. */
static struct task *client_with_buffer(uint32_t off, uint32_t *buffer)
{
	struct task *client = client_spawn();
	long address = mm0_fs_buffer(client);

	ck_assert_int_gt(address, 0);
	ck_assert_uint_eq(registered_tid, client->l4_tid);
	ck_assert_uint_eq(registered_size, MM0_FS_BUFFER_SIZE);
	for (uint8_t i = 1; i <= 3; i++)
		poke(client, (uint32_t)address + off + i - 1, i);
	*buffer = (uint32_t)address;
	return client;
}

static void assert_reads_123(struct task *client, uint32_t off)
{
	uint8_t bytes[3] = { 0 };

	ck_assert_int_eq(fs_buffer_read(client, off, 3, bytes), 0);
	ck_assert_uint_eq(bytes[0], 1);
	ck_assert_uint_eq(bytes[1], 2);
	ck_assert_uint_eq(bytes[2], 3);
	/* fs0's window maps the same pages still. */
	ck_assert_uint_eq(peek(fs0, client->fs_window + off + 1), 2);
}

START_TEST(buffer_read_after_client_unmaps_it)
{
	uint32_t buffer, off = 2 * MM0_PAGE_SIZE - 1;
	struct task *client = client_with_buffer(off, &buffer);

	ck_assert_int_eq(mm0_munmap(client->vm, buffer, MM0_FS_BUFFER_SIZE), 0);
	ck_assert_ptr_null(vma_find(client->vm, buffer));
	assert_reads_123(client, off);
	exit_and_reap(client, 0);
	finish();
}
END_TEST

START_TEST(buffer_read_after_client_unmaps_its_first_page)
{
	uint32_t buffer, off = MM0_PAGE_SIZE - 2;
	struct task *client = client_with_buffer(off, &buffer);

	ck_assert_int_eq(mm0_munmap(client->vm, buffer, MM0_PAGE_SIZE), 0);
	assert_reads_123(client, off);
	exit_and_reap(client, 0);
	finish();
}
END_TEST

START_TEST(buffer_read_after_client_maps_other_memory_there)
{
	uint32_t buffer, off = 100;
	struct task *client = client_with_buffer(off, &buffer);

	ck_assert_int_eq(map_anon(client, buffer, MM0_FS_BUFFER_SIZE, MM0_PROT_READ | MM0_PROT_WRITE,
				  MM0_MAP_PRIVATE | MM0_MAP_FIXED), buffer);
	poke(client, buffer + off + 1, 0xee);
	assert_reads_123(client, off);
	exit_and_reap(client, 0);
	finish();
}
END_TEST

START_TEST(buffer_read_after_client_protects_or_shrinks_it)
{
	uint32_t buffer, off = 3 * MM0_PAGE_SIZE;
	struct task *client = client_with_buffer(off, &buffer);

	ck_assert_int_eq(mm0_mprotect(client->vm, buffer, MM0_FS_BUFFER_SIZE, MM0_PROT_NONE), 0);
	assert_reads_123(client, off);
	ck_assert_int_eq(mm0_munmap(client->vm, buffer + MM0_PAGE_SIZE,
				    MM0_FS_BUFFER_SIZE - MM0_PAGE_SIZE), 0);
	assert_reads_123(client, off);
	exit_and_reap(client, 0);
	finish();
}
END_TEST

START_TEST(buffer_read_outside_the_buffer_is_efault)
{
	uint32_t buffer;
	uint8_t byte;
	struct task *client = client_with_buffer(0, &buffer);
	struct task *other = client_spawn();

	ck_assert_int_eq(fs_buffer_read(client, MM0_FS_BUFFER_SIZE - 1, 2, &byte), -EFAULT);
	ck_assert_int_eq(fs_buffer_read(client, 0xfffffff0u, 32, &byte), -EFAULT);
	ck_assert_int_eq(fs_buffer_read(client, MM0_FS_BUFFER_SIZE, 0, &byte), 0);
	ck_assert_int_eq(fs_buffer_read(other, 0, 1, &byte), -EFAULT);
	exit_and_reap(other, 0);
	exit_and_reap(client, 0);
	finish();
}
END_TEST

START_TEST(object_read_of_a_missing_page_is_efault)
{
	struct vm_object *obj = vm_object_create(VM_OBJ_SHM, 2);
	uint8_t bytes[8];

	ck_assert_ptr_nonnull(obj);
	vm_object_hold(obj);
	ck_assert_int_eq(client_object_read(obj, 0, 8, bytes), -EFAULT);
	ck_assert_int_eq(client_object_read(obj, 2 * MM0_PAGE_SIZE - 4, 8, bytes), -EFAULT);
	ck_assert_int_eq(client_object_read(NULL, 0, 1, bytes), -EFAULT);
	vm_object_release(obj);
	finish();
}
END_TEST

/* mm0's hold keeps the object (and fs0's window) while the client maps none of
 * it, and goes with the thread: objects, areas and pages come back. */
/* fs0's window maps every page of a new buffer at once (fs0 never faults),
 * a kernel call per physically contiguous run rather than per page. */
START_TEST(buffer_window_is_mapped_whole_in_runs)
{
	struct task *client = client_spawn();
	unsigned maps = fake_counts.map;
	long address = mm0_fs_buffer(client);

	ck_assert_int_gt(address, 0);
	ck_assert_uint_lt(fake_counts.map - maps, BUFFER_PAGES);
	for (uint32_t i = 0; i < BUFFER_PAGES; i++) {
		struct fake_pte *pte = fake_pte_find(fs0->vm->space, client->fs_window + i * MM0_PAGE_SIZE);
		struct vm_page *page = vm_object_page_find(client->fs_buffer_obj, i);

		ck_assert_ptr_nonnull(pte);
		ck_assert_ptr_nonnull(page);
		ck_assert_uint_eq(pte->phys, page->phys);
		ck_assert_uint_eq(pte->perms, MM0_PROT_READ | MM0_PROT_WRITE);
	}
	assert_mmu_consistent();
	exit_and_reap(client, 0);
	finish();
}
END_TEST

START_TEST(buffer_object_released_with_its_thread)
{
	struct mm0_stats before, during;
	uint32_t buffer;
	struct task *client;

	mm0_stats(&before);
	client = client_with_buffer(0, &buffer);
	ck_assert_int_eq(mm0_munmap(client->vm, buffer, MM0_FS_BUFFER_SIZE), 0);
	mm0_stats(&during);
	ck_assert_uint_eq(client->fs_buffer_obj->link_count, 1);
	ck_assert_uint_eq(client->fs_buffer_obj->holds, 1);
	ck_assert_uint_eq(client->fs_buffer_obj->page_count, BUFFER_PAGES);
	ck_assert_uint_le(during.free_pages + BUFFER_PAGES, before.free_pages);
	exit_and_reap(client, 0);
	mm0_stats(&during);
	ck_assert_uint_eq(during.free_pages, before.free_pages);
	ck_assert_uint_eq(during.live_objects, before.live_objects);
	ck_assert_uint_eq(during.live_areas, before.live_areas);
	finish();
}
END_TEST

/* A forked child loses its copy of the parent's buffer, but not what the
 * parent mapped at that address itself. */
START_TEST(fork_keeps_what_the_parent_mapped_over_its_buffer)
{
	uint32_t buffer;
	struct task *parent = client_with_buffer(0, &buffer), *child;

	ck_assert_int_eq(mm0_munmap(parent->vm, buffer + MM0_PAGE_SIZE, MM0_PAGE_SIZE), 0);
	ck_assert_int_eq(map_anon(parent, buffer + MM0_PAGE_SIZE, MM0_PAGE_SIZE,
				  MM0_PROT_READ | MM0_PROT_WRITE, MM0_MAP_PRIVATE | MM0_MAP_FIXED),
			 buffer + MM0_PAGE_SIZE);
	poke(parent, buffer + MM0_PAGE_SIZE, 0x5a);
	child = task_of(mm0_fork(parent, TEST_PC, TEST_SP));
	ck_assert_uint_eq(peek(child, buffer + MM0_PAGE_SIZE), 0x5a);
	ck_assert_ptr_null(vma_find(child->vm, buffer));
	ck_assert_ptr_null(vma_find(child->vm, buffer + 2 * MM0_PAGE_SIZE));
	exit_and_reap(child, 0);
	exit_and_reap(parent, 0);
	finish();
}
END_TEST

/* A thread that ends takes its buffer's mappings, not another mapping the
 * process put where the buffer was. */
START_TEST(thread_exit_keeps_what_was_mapped_over_its_buffer)
{
	struct task *leader = client_spawn(), *thread;
	long buffer;

	thread = task_of(mm0_clone(leader, MM0_CLONE_VM | MM0_CLONE_THREAD, TEST_SP, TEST_PC));
	buffer = mm0_fs_buffer(thread);
	ck_assert_int_gt(buffer, 0);
	ck_assert_int_eq(map_anon(leader, (uint32_t)buffer, MM0_PAGE_SIZE,
				  MM0_PROT_READ | MM0_PROT_WRITE, MM0_MAP_PRIVATE | MM0_MAP_FIXED),
			 buffer);
	poke(leader, (uint32_t)buffer, 0x77);
	ck_assert_int_eq(mm0_thread_exit(thread, 0), 0);
	ck_assert_uint_eq(peek(leader, (uint32_t)buffer), 0x77);
	ck_assert_ptr_null(vma_find(leader->vm, (uint32_t)buffer + MM0_PAGE_SIZE));
	exit_and_reap(leader, 0);
	finish();
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("client_copy");

	add_test_alone(suite, buffer_read_after_client_unmaps_it, setup, teardown);
	add_test_alone(suite, buffer_read_after_client_unmaps_its_first_page, setup, teardown);
	add_test_alone(suite, buffer_read_after_client_maps_other_memory_there, setup, teardown);
	add_test_alone(suite, buffer_read_after_client_protects_or_shrinks_it, setup, teardown);
	add_test_alone(suite, buffer_read_outside_the_buffer_is_efault, setup, teardown);
	add_test_alone(suite, object_read_of_a_missing_page_is_efault, setup, teardown);
	add_test_alone(suite, buffer_window_is_mapped_whole_in_runs, setup, teardown);
	add_test_alone(suite, buffer_object_released_with_its_thread, setup, teardown);
	add_test_alone(suite, fork_keeps_what_the_parent_mapped_over_its_buffer, setup, teardown);
	add_test_alone(suite, thread_exit_keeps_what_was_mapped_over_its_buffer, setup, teardown);
	return run_suite(suite);
}
