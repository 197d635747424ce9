/* The asynchronous pager path: faults parked on a page being read, joined, run again, dropped. */
#include "harness.h"
#include "mem/page_wait.h"
#include "mem/phys.h"

#define P MM0_PAGE_SIZE
#define BASE 0x20000000u
#define FILE_ID 21u

/* The fake pager with post_page: it only notes what was posted; the test
 * fills the page and ends the read with page_wait_done. */
static struct file_pager_ops async_pager;
static unsigned posts;
static uint32_t posted_pgoff, posted_phys;
/* What the retries of parked faults gave. */
static unsigned retries;
static long last_retry_result;

static int note_post(void *ctx, uint32_t file_id, uint32_t pgoff, uint32_t phys)
{
	(void)ctx;
	ck_assert_uint_eq(file_id, FILE_ID);
	posts++;
	posted_pgoff = pgoff;
	posted_phys = phys;
	return 0;
}

/* As serve.c's retry, without the reply: the fault runs again from the start. */
static void retry(const struct parked_fault *fault, bool may_park)
{
	retries++;
	last_retry_result = mm0_fault(task_by_l4_tid(fault->tid), fault->addr, fault->access,
				      fault->pc, may_park);
}

static void setup(void)
{
	mm0_setup();
	async_pager = fake_pager_ops;
	async_pager.post_page = note_post;
	page_wait_retry = retry;
	posts = 0;
	retries = 0;
	last_retry_result = 1;
}

static struct vm_object *open_async(uint32_t pages)
{
	struct vm_object *file;

	ck_assert_int_eq(vm_file_open(FILE_ID, pages, &async_pager, NULL, &file), 0);
	return file;
}

static long map_file(struct task *task, struct vm_object *file, uint32_t pages, int flags)
{
	return mm0_mmap(task->vm, BASE, pages * P, MM0_PROT_READ, flags | MM0_MAP_FIXED, file, 0);
}

/* The pager thread's part: the posted page gets the file's bytes. */
static void fill_posted(void)
{
	uint8_t *page = phys_view(posted_phys);

	for (uint32_t i = 0; i < P; i++)
		page[i] = fake_file_byte(FILE_ID, posted_pgoff * P + i);
}

START_TEST(faults_on_one_page_join_one_read_and_run_again)
{
	struct task *first = spawn(), *second = spawn();
	struct vm_object *file = open_async(4);

	ck_assert_int_eq(map_file(first, file, 4, MM0_MAP_PRIVATE), BASE);
	ck_assert_int_eq(map_file(second, file, 4, MM0_MAP_SHARED), BASE);
	ck_assert_int_eq(mm0_fault(first, BASE + 2 * P + 5, MM0_PROT_READ, 0, true), -EINPROGRESS);
	ck_assert_int_eq(mm0_fault(second, BASE + 2 * P, MM0_PROT_READ, 0, true), -EINPROGRESS);
	ck_assert_uint_eq(posts, 1);
	ck_assert_uint_eq(posted_pgoff, 2);
	ck_assert_uint_eq(page_wait_reads(), 1);
	ck_assert_ptr_null(vm_object_page_find(file, 2));
	ck_assert_ptr_null(fake_pte_find(first->l4_tid, BASE + 2 * P));
	fill_posted();
	page_wait_done(0);
	ck_assert_uint_eq(retries, 2);
	ck_assert_int_eq(last_retry_result, 0);
	ck_assert_uint_eq(page_wait_reads(), 0);
	ck_assert_uint_eq(fake_counts.get_page, 0);
	ck_assert_uint_eq(peek(first, BASE + 2 * P + 5), fake_file_byte(FILE_ID, 2 * P + 5));
	ck_assert_uint_eq(peek(second, BASE + 2 * P + 9), fake_file_byte(FILE_ID, 2 * P + 9));
	ck_assert_uint_eq(fake_pte_find(first->l4_tid, BASE + 2 * P)->phys,
			  fake_pte_find(second->l4_tid, BASE + 2 * P)->phys);
	assert_mmu_consistent();
	vm_file_close(file);
	exit_and_reap(first, 0);
	exit_and_reap(second, 0);
	assert_no_leak();
}
END_TEST

START_TEST(reads_go_one_at_a_time_the_next_posted_at_the_end)
{
	struct task *task = spawn();
	struct vm_object *file = open_async(4);

	ck_assert_int_eq(map_file(task, file, 4, MM0_MAP_PRIVATE), BASE);
	ck_assert_int_eq(mm0_fault(task, BASE, MM0_PROT_READ, 0, true), -EINPROGRESS);
	ck_assert_int_eq(mm0_fault(task, BASE + 3 * P, MM0_PROT_READ, 0, true), -EINPROGRESS);
	ck_assert_uint_eq(posts, 1);
	ck_assert_uint_eq(page_wait_reads(), 2);
	fill_posted();
	page_wait_done(0);
	ck_assert_uint_eq(posts, 2);
	ck_assert_uint_eq(posted_pgoff, 3);
	ck_assert_uint_eq(retries, 1);
	fill_posted();
	page_wait_done(0);
	ck_assert_uint_eq(retries, 2);
	ck_assert_uint_eq(peek(task, BASE + 3 * P + 1), fake_file_byte(FILE_ID, 3 * P + 1));
	assert_mmu_consistent();
	vm_file_close(file);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

/* A failed read: the fault reads synchronously and gets the pager's error. */
START_TEST(failed_read_runs_the_fault_synchronously_to_sigbus)
{
	struct task *parent = spawn(), *child;
	struct vm_object *file = open_async(2);
	int status = 0;
	long child_pid;

	ck_assert_int_eq(map_file(parent, file, 2, MM0_MAP_PRIVATE), BASE);
	child = task_of(mm0_fork(parent, TEST_PC, TEST_SP));
	child_pid = child->pid;
	ck_assert_int_eq(mm0_fault(child, BASE, MM0_PROT_READ, 0, true), -EINPROGRESS);
	fake_pager_error = -EIO;
	page_wait_done(-EIO);
	ck_assert_uint_eq(retries, 1);
	ck_assert_int_eq(last_retry_result, -EIO);
	ck_assert_uint_eq(posts, 1);
	ck_assert_ptr_null(vm_object_page_find(file, 0));
	ck_assert_int_eq(mm0_waitpid(parent, child_pid, 0, NULL, &status), child_pid);
	ck_assert_int_eq(status, MM0_W_SIGNALED(MM0_SIGBUS));
	vm_file_close(file);
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

/* A thread that ends (or a signal takes out of its fault) is never answered;
 * the page still joins the file, and the file outlives its last mapping. */
START_TEST(ended_thread_is_forgotten_and_the_page_kept)
{
	struct task *task = spawn();
	struct vm_object *file = open_async(2);

	ck_assert_int_eq(map_file(task, file, 2, MM0_MAP_PRIVATE), BASE);
	ck_assert_int_eq(mm0_fault(task, BASE + P, MM0_PROT_READ, 0, true), -EINPROGRESS);
	vm_file_close(file);
	exit_and_reap(task, 0);
	fill_posted();
	page_wait_done(0);
	ck_assert_uint_eq(retries, 0);
	ck_assert_uint_eq(page_wait_reads(), 0);
	assert_no_leak();
}
END_TEST

START_TEST(synchronous_faults_never_park)
{
	struct task *task = spawn();
	struct vm_object *file = open_async(2);

	ck_assert_int_eq(map_file(task, file, 2, MM0_MAP_PRIVATE), BASE);
	ck_assert_int_eq(mm0_fault(task, BASE, MM0_PROT_READ, 0, false), 0);
	ck_assert_int_eq(vm_fault(task->vm, BASE + P, MM0_PROT_READ), 0);
	ck_assert_uint_eq(posts, 0);
	ck_assert_uint_eq(fake_counts.get_page, 2);
	vm_file_close(file);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("mm0 parked faults");

	add_test_alone(suite, faults_on_one_page_join_one_read_and_run_again, setup, mm0_teardown);
	add_test_alone(suite, reads_go_one_at_a_time_the_next_posted_at_the_end, setup,
		       mm0_teardown);
	add_test_alone(suite, failed_read_runs_the_fault_synchronously_to_sigbus, setup,
		       mm0_teardown);
	add_test_alone(suite, ended_thread_is_forgotten_and_the_page_kept, setup, mm0_teardown);
	add_test_alone(suite, synchronous_faults_never_park, setup, mm0_teardown);
	return run_suite(suite);
}
