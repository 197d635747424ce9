/* Harness: the fixture, user memory access through the fake MMU, and the audits. */
#include <stdlib.h>

#include "harness.h"

static void *arena;
static struct mm0_stats start_stats;

void mm0_setup_pages(uint32_t pages)
{
	mm0_setup_with(pages, &fake_reply_ops);
}

void mm0_setup_with(uint32_t pages, const struct mm0_reply_ops *reply)
{
	struct phys_range range = { TEST_PHYS_BASE, pages, NULL };
	struct mm0_config config = {
		.ranges = &range,
		.range_count = 1,
		.kernel = &fake_kernel_ops,
		.reply = reply,
		.self_tid = TEST_SELF_TID,
	};
	int err;

	arena = aligned_alloc(MM0_PAGE_SIZE, (size_t)pages * MM0_PAGE_SIZE);
	ck_assert_ptr_nonnull(arena);
	range.view = arena;
	fake_reset();
	ck_assert_int_eq(fake_adopt_thread(TEST_SELF_TID), 0);
	err = mm0_init(&config);
	ck_assert_int_eq(err, 0);
	/* The suites map far more than their few pages and touch little of it;
	 * check_commit seals the real limit again to test the commit. */
	commit_set_limit(HARNESS_COMMIT_PAGES);
	mm0_stats(&start_stats);
}

void mm0_setup(void)
{
	mm0_setup_pages(TEST_PAGES);
}

void mm0_teardown(void)
{
	mm0_fini();
	fake_kernel_ops.thread_destroy(NULL, TEST_SELF_TID);
	free(arena);
	arena = NULL;
	ck_assert_uint_eq(counted_alloc_live(), 0);
	ck_assert_msg(fake_all_released(), "fake kernel threads or spaces left over");
}

void assert_no_leak(void)
{
	struct mm0_stats now;

	mm0_stats(&now);
	ck_assert_uint_eq(now.free_pages, start_stats.free_pages);
	ck_assert_uint_eq(now.live_objects, start_stats.live_objects);
	ck_assert_uint_eq(now.live_areas, start_stats.live_areas);
	ck_assert_uint_eq(now.live_tasks, start_stats.live_tasks);
	ck_assert_uint_eq(now.live_allocs, start_stats.live_allocs);
}

static void assert_pte_consistent(struct vm_space *vm, const struct fake_pte *pte)
{
	struct vm_area *area = vma_find(vm, pte->virt);
	struct vm_object *owner;
	struct vm_page *page;
	uint32_t pgoff;

	ck_assert_msg(area, "pte at %#x outside every area", pte->virt);
	ck_assert_msg(!(pte->perms & ~area->prot), "pte at %#x has perms %#x beyond area %#x",
		      pte->virt, pte->perms, area->prot);
	pgoff = area->pgoff + (pte->virt - area->start) / MM0_PAGE_SIZE;
	if (area->flags & MM0_MAP_SHARED) {
		owner = area->obj;
		page = vm_object_page_find(owner, pgoff);
	} else {
		page = vm_object_chain_find(area->obj, pgoff, &owner);
	}
	ck_assert_msg(page, "pte at %#x maps a page mm0 does not hold", pte->virt);
	ck_assert_msg(page->phys == pte->phys, "pte at %#x maps %#x, mm0 says %#x",
		      pte->virt, pte->phys, page->phys);
	if ((pte->perms & MM0_PROT_WRITE) && !(area->flags & MM0_MAP_SHARED))
		ck_assert_msg(owner == area->obj && vm_object_private(owner),
			      "private pte at %#x writable through a shared object", pte->virt);
}

void assert_mmu_consistent(void)
{
	struct fake_thread *thread;

	for (thread = fake_threads(); thread; thread = thread->next) {
		struct task *task = task_by_l4_tid(thread->tid);
		struct fake_pte *pte;

		ck_assert_msg(task && task->vm, "kernel thread %#x unknown to mm0", thread->tid);
		for (pte = thread->space->ptes; pte; pte = pte->next)
			assert_pte_consistent(task->vm, pte);
	}
}

struct task *spawn(void)
{
	static const char *const argv[] = { "prog", NULL };
	static const char *const envp[] = { "HOME=/", NULL };
	struct task *task;

	ck_assert_int_eq(mm0_task_create(mm0_self(), argv, envp, &task), 0);
	ck_assert_int_eq(mm0_task_start(task, TEST_PC, TEST_SP), 0);
	return task;
}

static enum user_result user_access(struct task *task, uint32_t addr, unsigned access,
				    uint8_t *byte)
{
	int attempt;

	for (attempt = 0; attempt < 2; attempt++) {
		struct fake_pte *pte = fake_pte_find(task->l4_tid, addr);
		long result;

		if (pte && (pte->perms & access) == access) {
			uint8_t *cell = (uint8_t *)phys_view(pte->phys) + (addr & MM0_PAGE_MASK);

			if (access == MM0_PROT_WRITE)
				*cell = *byte;
			else
				*byte = *cell;
			return USER_OK;
		}
		result = mm0_fault(task, addr, access, 0, true);
		if (result < 0)
			return USER_KILLED;
		ck_assert_int_eq(result, 0);
	}
	ck_abort_msg("fault at %#x resolved but the page is still not accessible", addr);
	return USER_KILLED;
}

enum user_result user_write(struct task *task, uint32_t addr, uint8_t byte)
{
	return user_access(task, addr, MM0_PROT_WRITE, &byte);
}

enum user_result user_read(struct task *task, uint32_t addr, uint8_t *byte)
{
	return user_access(task, addr, MM0_PROT_READ, byte);
}

uint8_t peek(struct task *task, uint32_t addr)
{
	uint8_t byte = 0;

	ck_assert_int_eq(user_read(task, addr, &byte), USER_OK);
	return byte;
}

void poke(struct task *task, uint32_t addr, uint8_t byte)
{
	ck_assert_int_eq(user_write(task, addr, byte), USER_OK);
}

struct task *task_of(long tid)
{
	struct task *task;

	ck_assert_int_gt(tid, 1);
	task = task_by_pid((uint32_t)tid);
	ck_assert_ptr_nonnull(task);
	return task;
}

int exit_and_reap(struct task *task, int code)
{
	struct task *parent = task->leader->parent;
	long pid = task->pid;
	int status = -1;

	ck_assert_int_eq(mm0_exit(task, code), 0);
	if (parent != mm0_self())
		ck_assert_int_eq(mm0_waitpid(parent, pid, MM0_WNOHANG, NULL, &status), pid);
	return status;
}

struct vm_object *open_file(uint32_t file_id, uint32_t pages)
{
	struct vm_object *file;

	ck_assert_int_eq(vm_file_open(file_id, pages, &fake_pager_ops, NULL, &file), 0);
	return file;
}

long map_anon(struct task *task, uint32_t addr, uint32_t len, int prot, int flags)
{
	return mm0_mmap(task->vm, addr, len, prot, flags | MM0_MAP_ANONYMOUS, NULL, 0);
}

int run_suite(Suite *suite)
{
	SRunner *runner = srunner_create(suite);
	int failed;

	srunner_run_all(runner, CK_NORMAL);
	failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}

void suite_add_alone(Suite *suite, const char *name, const TTest *test, int loops,
		     SFun setup, SFun teardown)
{
	TCase *tcase = tcase_create(name);

	if (setup || teardown)
		tcase_add_checked_fixture(tcase, setup, teardown);
	/* The sanitizers make the longest tests (a thousand forks) slow. */
	tcase_set_timeout(tcase, 60);
	if (loops)
		tcase_add_loop_test(tcase, test, 0, loops);
	else
		tcase_add_test(tcase, test);
	suite_add_tcase(suite, tcase);
}
