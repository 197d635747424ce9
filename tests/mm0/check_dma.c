/* check_dma.c - DMA memory (mem/dma.c, serve/dma_requests.c): only system
 * tasks get it; its pages are consecutive, zeroed and mapped; DMA_SHARE
 * lets another task attach them; dma_free and a driver's end give them back. */
#include "harness.h"
#include "mem/dma.h"
#include "mem/phys.h"
#include "mm0_server.h"

#define P MM0_PAGE_SIZE
#define SMALL_RAM_PAGES	64u

static void setup_small_ram(void)
{
	mm0_setup_pages(SMALL_RAM_PAGES);
}

static struct task *driver(void)
{
	struct task *task = spawn();

	task_make_system(task);
	return task;
}

static int ask(struct task *task, uint32_t pages, uint32_t flags, struct dma_grant *grant)
{
	struct idlrt_request rq = { NULL, task->l4_tid, 0 };
	uintptr_t addr = 0, phys = 0;
	int32_t shmid = 0;
	int result = mm_handle_dma_alloc(&rq, pages, flags, &addr, &phys, &shmid);

	*grant = (struct dma_grant){ (uint32_t)addr, (uint32_t)phys, shmid };
	return result;
}

static int give_back(struct task *task, uint32_t addr)
{
	struct idlrt_request rq = { NULL, task->l4_tid, 0 };

	return mm_handle_dma_free(&rq, addr);
}

START_TEST(only_system_tasks_get_dma_memory)
{
	struct task *task = spawn();
	struct dma_grant grant;

	ck_assert_int_eq(ask(task, 1, 0, &grant), -EPERM);
	task_make_system(task);
	ck_assert_int_eq(ask(task, 1, 0, &grant), 0);
	ck_assert_int_eq(give_back(task, grant.addr), 0);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(counts_and_flags_are_checked)
{
	struct task *task = driver();
	struct dma_grant grant;

	ck_assert_int_eq(ask(task, 0, 0, &grant), -EINVAL);
	ck_assert_int_eq(ask(task, MM0_DMA_PAGES_MAX + 1, 0, &grant), -EINVAL);
	ck_assert_int_eq(ask(task, 1, 2, &grant), -EINVAL);
	/* The fixture has SMALL_RAM_PAGES of RAM in all: no run is longer. */
	ck_assert_int_eq(ask(task, SMALL_RAM_PAGES + 1, 0, &grant), -ENOMEM);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(pages_are_consecutive_zeroed_and_mapped)
{
	struct task *task = driver();
	uint32_t free_before = phys_free_pages();
	struct dma_grant grant;

	ck_assert_int_eq(ask(task, 4, 0, &grant), 0);
	ck_assert_int_eq(grant.shmid, -1);
	ck_assert_uint_eq(grant.phys % P, 0);
	ck_assert_uint_eq(phys_free_pages(), free_before - 4);
	for (uint32_t i = 0; i < 4; i++) {
		ck_assert_uint_eq(peek(task, grant.addr + i * P + 7), 0);
		poke(task, grant.addr + i * P + 7, (uint8_t)(0x40 + i));
		/* The byte the task wrote is in the page the device would be told of. */
		ck_assert_uint_eq(((uint8_t *)phys_view(grant.phys + i * P))[7], 0x40 + i);
	}
	assert_mmu_consistent();
	ck_assert_int_eq(give_back(task, grant.addr), 0);
	ck_assert_uint_eq(phys_free_pages(), free_before);
	ck_assert_ptr_null(vma_find(task->vm, grant.addr));
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(free_takes_only_the_start_of_dma_memory)
{
	struct task *task = driver();
	long anon = map_anon(task, 0, P, MM0_PROT_READ | MM0_PROT_WRITE,
			     MM0_MAP_PRIVATE | MM0_MAP_ANONYMOUS);
	struct dma_grant grant;

	ck_assert_int_gt(anon, 0);
	ck_assert_int_eq(ask(task, 2, 0, &grant), 0);
	ck_assert_int_eq(give_back(task, grant.addr + P), -EINVAL);
	ck_assert_int_eq(give_back(task, (uint32_t)anon), -EINVAL);
	ck_assert_int_eq(give_back(task, grant.addr), 0);
	ck_assert_int_eq(give_back(task, grant.addr), -EINVAL);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(shared_memory_reaches_a_client_without_copy)
{
	struct task *task = driver(), *client = spawn();
	struct dma_grant grant;
	long at;

	ck_assert_int_eq(ask(task, 2, MM0_DMA_SHARE, &grant), 0);
	ck_assert_int_gt(grant.shmid, 0);
	at = mm0_shmat(client->vm, grant.shmid, 0, 0);
	ck_assert_int_gt(at, 0);
	((uint8_t *)phys_view(grant.phys + P))[3] = 0x5a;	/* as the device would */
	ck_assert_uint_eq(peek(client, (uint32_t)at + P + 3), 0x5a);
	poke(client, (uint32_t)at + 9, 0x77);
	ck_assert_uint_eq(peek(task, grant.addr + 9), 0x77);
	/* Freed by the driver: the name goes, the client keeps its pages. */
	ck_assert_int_eq(give_back(task, grant.addr), 0);
	ck_assert_int_eq(mm0_shmat(client->vm, grant.shmid, 0, 0), -EINVAL);
	ck_assert_uint_eq(peek(client, (uint32_t)at + P + 3), 0x5a);
	ck_assert_int_eq(mm0_shmdt(client->vm, (uint32_t)at), 0);
	exit_and_reap(client, 0);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(runs_skip_holes_too_short)
{
	uint32_t taken[6], run, free_before;

	/* A fresh fixture hands single pages out in order: six in a row. */
	for (uint32_t i = 0; i < 6; i++) {
		ck_assert_int_eq(phys_alloc(&taken[i]), 0);
		ck_assert_uint_eq(taken[i], taken[0] + i * P);
	}
	phys_free(taken[1]);
	phys_free(taken[3]);
	free_before = phys_free_pages();
	ck_assert_int_eq(phys_alloc_run(2, &run), 0);
	ck_assert_uint_eq(phys_free_pages(), free_before - 2);
	for (uint32_t i = 0; i < 6; i++)
		ck_assert_msg(taken[i] != run && taken[i] != run + P,
			      "the run 0x%x overlaps page 0x%x, taken or a one-page hole",
			      (unsigned)run, (unsigned)taken[i]);
	phys_free(run);
	phys_free(run + P);
	for (uint32_t i = 0; i < 6; i += 2)
		phys_free(taken[i]);
	phys_free(taken[5]);
	assert_no_leak();
}
END_TEST

START_TEST(a_dead_drivers_memory_comes_back)
{
	struct task *first = driver(), *second = driver();
	uint32_t free_before = phys_free_pages();
	struct dma_grant grant;

	ck_assert_int_eq(ask(first, 8, MM0_DMA_SHARE, &grant), 0);
	exit_and_reap(first, 0);
	ck_assert_uint_eq(phys_free_pages(), free_before - 8);
	ck_assert_int_eq(ask(second, 1, 0, &grant), 0);
	ck_assert_uint_eq(phys_free_pages(), free_before - 1);
	ck_assert_int_eq(give_back(second, grant.addr), 0);
	exit_and_reap(second, 0);
	assert_no_leak();
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("dma");

	add_mm0_test(suite, only_system_tasks_get_dma_memory);
	add_test_alone(suite, counts_and_flags_are_checked, setup_small_ram, mm0_teardown);
	add_mm0_test(suite, pages_are_consecutive_zeroed_and_mapped);
	add_mm0_test(suite, free_takes_only_the_start_of_dma_memory);
	add_mm0_test(suite, shared_memory_reaches_a_client_without_copy);
	add_mm0_test(suite, runs_skip_holes_too_short);
	add_mm0_test(suite, a_dead_drivers_memory_comes_back);
	return run_suite(suite);
}
