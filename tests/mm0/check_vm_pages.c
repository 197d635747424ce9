/* A vm object's page index (sorted list with last page and search cursor): inserts and
 * lookups in every order, collapse of a shadow into its front, shm truncation. */
#include "harness.h"

#define COUNT 64u

/* The physical page last inserted at each pgoff, so a found page shows where it came from. */
static uint32_t phys_at[4 * COUNT];

static void insert(struct vm_object *obj, uint32_t pgoff)
{
	struct vm_page *page = NULL;

	ck_assert_int_eq(phys_alloc(&phys_at[pgoff]), 0);
	ck_assert_int_eq(vm_object_page_insert(obj, pgoff, phys_at[pgoff], &page), 0);
	ck_assert_ptr_nonnull(page);
	ck_assert_uint_eq(page->pgoff, pgoff);
}

/* Even pgoffs below 2 * COUNT are present, odd ones and those past the end are not. */
static void assert_even_pages(struct vm_object *obj, uint32_t pgoff)
{
	struct vm_page *page = vm_object_page_find(obj, pgoff);

	if (pgoff % 2 == 0 && pgoff < 2 * COUNT) {
		ck_assert_msg(page, "page %u missing", pgoff);
		ck_assert_uint_eq(page->phys, phys_at[pgoff]);
	} else {
		ck_assert_msg(!page, "page %u found but never inserted", pgoff);
	}
}

static void assert_sorted(const struct vm_object *obj, uint32_t count)
{
	uint32_t seen = 0;
	const struct vm_page *page, *last = NULL;

	for (page = obj->pages; page; last = page, page = page->next, seen++)
		ck_assert_msg(!last || last->pgoff < page->pgoff, "list out of order at %u", page->pgoff);
	ck_assert_uint_eq(seen, count);
	ck_assert_uint_eq(obj->page_count, count);
	ck_assert_ptr_eq(obj->last, last);
}

static struct vm_object *object_with_even_pages(const uint32_t *order)
{
	struct vm_object *obj = vm_object_create(VM_OBJ_SHM, 4 * COUNT);

	ck_assert_ptr_nonnull(obj);
	for (uint32_t i = 0; i < COUNT; i++)
		insert(obj, 2 * order[i]);
	assert_sorted(obj, COUNT);
	return obj;
}

static void check_all_lookup_orders(const uint32_t *order)
{
	struct vm_object *obj = object_with_even_pages(order);
	uint32_t pgoff;

	for (pgoff = 0; pgoff < 2 * COUNT + 3; pgoff++)
		assert_even_pages(obj, pgoff);
	for (pgoff = 2 * COUNT + 3; pgoff-- > 0;)
		assert_even_pages(obj, pgoff);
	for (pgoff = 0; pgoff < 2 * COUNT + 3; pgoff++)
		assert_even_pages(obj, (pgoff * 37) % (2 * COUNT + 3));
	/* Inserting the odd pages between the even ones keeps the list sorted. */
	for (uint32_t i = COUNT; i-- > 0;)
		insert(obj, 2 * i + 1);
	assert_sorted(obj, 2 * COUNT);
	for (pgoff = 0; pgoff < 2 * COUNT; pgoff++)
		ck_assert_uint_eq(vm_object_page_find(obj, pgoff)->phys, phys_at[pgoff]);
	vm_object_settle(obj);
	assert_no_leak();
}

START_TEST(ascending_inserts_and_lookups)
{
	uint32_t order[COUNT];

	for (uint32_t i = 0; i < COUNT; i++)
		order[i] = i;
	check_all_lookup_orders(order);
}
END_TEST

START_TEST(descending_inserts_and_lookups)
{
	uint32_t order[COUNT];

	for (uint32_t i = 0; i < COUNT; i++)
		order[i] = COUNT - 1 - i;
	check_all_lookup_orders(order);
}
END_TEST

START_TEST(scattered_inserts_and_lookups)
{
	uint32_t order[COUNT];

	/* 29 is prime to COUNT: a permutation. */
	for (uint32_t i = 0; i < COUNT; i++)
		order[i] = (i * 29) % COUNT;
	check_all_lookup_orders(order);
}
END_TEST

/* A collapse moves the back object's pages into the front, whose own copies win. */
START_TEST(collapse_merges_into_a_searched_front)
{
	struct vm_object *back = vm_object_create(VM_OBJ_SHADOW, 4 * COUNT);
	struct vm_object *front;
	uint32_t pgoff;

	ck_assert_ptr_nonnull(back);
	back->link_count = 1;
	for (pgoff = 0; pgoff < COUNT; pgoff++)
		insert(back, pgoff);
	front = vm_object_shadow(back);
	ck_assert_ptr_nonnull(front);
	front->link_count = 1;
	for (pgoff = 1; pgoff < COUNT; pgoff += 3) {
		ck_assert_int_eq(phys_alloc(&phys_at[pgoff + COUNT]), 0);
		ck_assert_int_eq(vm_object_page_insert(front, pgoff, phys_at[pgoff + COUNT], NULL), 0);
	}
	ck_assert_ptr_nonnull(vm_object_page_find(front, COUNT / 2 + 2));
	back->link_count = 0;
	vm_object_settle(back);
	ck_assert_ptr_null(front->backing);
	assert_sorted(front, COUNT);
	for (pgoff = COUNT; pgoff-- > 0;)
		ck_assert_uint_eq(vm_object_page_find(front, pgoff)->phys,
				  phys_at[pgoff % 3 == 1 ? pgoff + COUNT : pgoff]);
	front->link_count = 0;
	vm_object_settle(front);
	assert_no_leak();
}
END_TEST

/* Shrinking a POSIX shm object drops its tail pages; the index must forget them. */
START_TEST(shm_truncate_forgets_dropped_pages)
{
	struct task *task = spawn();
	struct vm_object *obj;
	uint32_t pgoff;

	ck_assert_int_eq(mm0_shm_open("/pages", MM0_O_CREAT, &obj), 0);
	ck_assert_int_eq(mm0_shm_truncate(obj, 8 * MM0_PAGE_SIZE), 0);
	for (pgoff = 0; pgoff < 8; pgoff++)
		insert(obj, pgoff);
	ck_assert_ptr_nonnull(vm_object_page_find(obj, 6));
	ck_assert_int_eq(mm0_shm_truncate(obj, 3 * MM0_PAGE_SIZE), 0);
	assert_sorted(obj, 3);
	for (pgoff = 8; pgoff-- > 0;)
		ck_assert_int_eq(vm_object_page_find(obj, pgoff) != NULL, pgoff < 3);
	ck_assert_int_eq(mm0_shm_truncate(obj, 8 * MM0_PAGE_SIZE), 0);
	insert(obj, 5);
	assert_sorted(obj, 4);
	ck_assert_ptr_null(vm_object_page_find(obj, 4));
	ck_assert_uint_eq(vm_object_page_find(obj, 5)->phys, phys_at[5]);
	mm0_shm_close(obj);
	ck_assert_int_eq(mm0_shm_unlink("/pages"), 0);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("mm0 vm pages");

	add_mm0_test(suite, ascending_inserts_and_lookups);
	add_mm0_test(suite, descending_inserts_and_lookups);
	add_mm0_test(suite, scattered_inserts_and_lookups);
	add_mm0_test(suite, collapse_merges_into_a_searched_front);
	add_mm0_test(suite, shm_truncate_forgets_dropped_pages);
	return run_suite(suite);
}
