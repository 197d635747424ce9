/* Bulk buffers for any server: one object per client and server, mapped
 * into each on request; ended clients named at the server's next attach,
 * and nothing left once everyone has gone. */
#include "harness.h"
#include "mem/vm_area.h"
#include "proc/bulk_link.h"
#include "proc/exit.h"
#include "proc/fork.h"

#define PAGES	2048u

static void setup(void)
{
	mm0_setup_pages(PAGES);
}

static void teardown(void)
{
	mm0_teardown();
}

static uint32_t gone[MM0_BULK_GONE_MAX], gone_count;

static long attach(struct task *server, struct task *client)
{
	uint32_t size = 0;
	long address = bulk_link_attach(server, client->l4_tid, &size, gone, &gone_count);

	if (address > 0)
		ck_assert_uint_eq(size, MM0_BULK_BUFFER_SIZE);
	return address;
}

static long buffer_for(struct task *client, struct task *server)
{
	uint32_t size = 0;
	long address = bulk_link_buffer(client, server->l4_tid, &size);

	if (address > 0)
		ck_assert_uint_eq(size, MM0_BULK_BUFFER_SIZE);
	return address;
}

START_TEST(client_and_server_share_the_object)
{
	struct task *server = spawn(), *client = spawn();
	long mine = buffer_for(client, server), theirs;

	ck_assert_int_gt(mine, 0);
	ck_assert_int_eq(buffer_for(client, server), mine);
	poke(client, (uint32_t)mine + 5, 42);
	theirs = attach(server, client);
	ck_assert_int_gt(theirs, 0);
	ck_assert_uint_eq(gone_count, 0);
	ck_assert_int_eq(attach(server, client), theirs);
	ck_assert_uint_eq(peek(server, (uint32_t)theirs + 5), 42);
	/* The client's munmap or mmap over its side never reaches the server's. */
	ck_assert_int_eq(mm0_munmap(client->vm, (uint32_t)mine, MM0_BULK_BUFFER_SIZE), 0);
	ck_assert_uint_eq(peek(server, (uint32_t)theirs + 5), 42);
	exit_and_reap(client, 0);
	exit_and_reap(server, 0);
	assert_no_leak();
}
END_TEST

START_TEST(ended_clients_are_named_at_the_next_attach)
{
	struct task *server = spawn(), *first = spawn(), *second = spawn();
	uint32_t first_tid = first->l4_tid;
	long first_there;

	ck_assert_int_gt(buffer_for(first, server), 0);
	first_there = attach(server, first);
	ck_assert_int_gt(first_there, 0);
	poke(first, (uint32_t)buffer_for(first, server), 7);
	exit_and_reap(first, 0);
	/* Until the server is told, its record of the client still points at mapped memory. */
	ck_assert_ptr_nonnull(vma_find(server->vm, (uint32_t)first_there));
	ck_assert_uint_eq(peek(server, (uint32_t)first_there), 7);
	ck_assert_int_gt(buffer_for(second, server), 0);
	ck_assert_int_gt(attach(server, second), 0);
	ck_assert_uint_eq(gone_count, 1);
	ck_assert_uint_eq(gone[0], first_tid);
	ck_assert_ptr_null(vma_find(server->vm, (uint32_t)first_there));
	ck_assert_int_gt(attach(server, second), 0);
	ck_assert_uint_eq(gone_count, 0);
	exit_and_reap(second, 0);
	exit_and_reap(server, 0);
	assert_no_leak();
}
END_TEST

START_TEST(refusals)
{
	struct task *server = spawn(), *client = spawn(), *servers[MM0_BULK_LINKS_MAX + 1];
	uint32_t size;

	ck_assert_int_eq(bulk_link_buffer(client, client->l4_tid, &size), -ESRCH);
	ck_assert_int_eq(bulk_link_buffer(client, 0x12345678u, &size), -ESRCH);
	ck_assert_int_eq(bulk_link_buffer(client, task_self()->l4_tid, &size), -EINVAL);
	/* A client that made none, and a server that asks for another's. */
	ck_assert_int_eq(attach(server, client), -ENOENT);
	ck_assert_int_gt(buffer_for(client, server), 0);
	ck_assert_int_eq(attach(client, server), -ENOENT);
	for (uint32_t i = 0; i < MM0_BULK_LINKS_MAX; i++) {
		servers[i] = spawn();
		if (i < MM0_BULK_LINKS_MAX - 1)
			ck_assert_int_gt(buffer_for(client, servers[i]), 0);
	}
	ck_assert_int_eq(buffer_for(client, servers[MM0_BULK_LINKS_MAX - 1]), -ENOBUFS);
	exit_and_reap(client, 0);
	for (uint32_t i = 0; i < MM0_BULK_LINKS_MAX; i++)
		exit_and_reap(servers[i], 0);
	exit_and_reap(server, 0);
	assert_no_leak();
}
END_TEST

/* A forked child has neither the parent's client buffers nor the server
 * mappings it holds for others. */
START_TEST(fork_drops_both_sides)
{
	struct task *server = spawn(), *client = spawn(), *other = spawn(), *child, *server_child;
	long mine = buffer_for(client, server), theirs;

	ck_assert_int_gt(buffer_for(other, server), 0);
	theirs = attach(server, other);
	ck_assert_int_gt(theirs, 0);
	child = task_of(mm0_fork(client, TEST_PC, TEST_SP));
	ck_assert_ptr_null(vma_find(child->vm, (uint32_t)mine));
	ck_assert_ptr_nonnull(vma_find(client->vm, (uint32_t)mine));
	server_child = task_of(mm0_fork(server, TEST_PC, TEST_SP));
	ck_assert_ptr_null(vma_find(server_child->vm, (uint32_t)theirs));
	ck_assert_ptr_nonnull(vma_find(server->vm, (uint32_t)theirs));
	exit_and_reap(child, 0);
	exit_and_reap(server_child, 0);
	exit_and_reap(client, 0);
	exit_and_reap(other, 0);
	exit_and_reap(server, 0);
	assert_no_leak();
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("bulk_link");

	add_test_alone(suite, client_and_server_share_the_object, setup, teardown);
	add_test_alone(suite, ended_clients_are_named_at_the_next_attach, setup, teardown);
	add_test_alone(suite, refusals, setup, teardown);
	add_test_alone(suite, fork_drops_both_sides, setup, teardown);
	return run_suite(suite);
}
