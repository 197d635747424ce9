/* Test harness for mm0: fixture, "user code" against the fake MMU, leak and consistency audits. */
#ifndef MM0_HARNESS_H
#define MM0_HARNESS_H

#include <check.h>
#include <errno.h>
#include <idlrt/idlrt.h>
#include <stdint.h>

#include "fake_kernel.h"
#include "mem/commit.h"
#include "mem/fault.h"
#include <server/counted_alloc.h>
#include "mem/mmap.h"
#include "mem/posix_shm.h"
#include "mem/shm.h"
#include "mem/vm_area.h"
#include "mem/vm_object.h"
#include "mm0_local.h"
#include "proc/exit.h"
#include "proc/fork.h"
#include "proc/signals.h"
#include "proc/spawn.h"
#include "proc/task.h"
#include "serve/startup.h"

#define TEST_PAGES	256u
/* The commit limit the fixtures set: the suites' mappings are much larger
 * than their TEST_PAGES (check_commit tests the real, sealed limit). */
#define HARNESS_COMMIT_PAGES	0x100000u
#define TEST_PHYS_BASE	0x40000000u
#define TEST_SELF_TID	0x10u
#define TEST_PC		0x00010000u
#define TEST_SP		0x3fff0000u

enum user_result { USER_OK, USER_KILLED };

/* Fixtures: mm0 over TEST_PAGES pages (setup_pages for another count). */
void mm0_setup(void);
void mm0_setup_pages(uint32_t pages);
/* The same with deferred waitpid replies going through reply (the protocol suite's). */
void mm0_setup_with(uint32_t pages, const struct mm0_reply_ops *reply);
void mm0_teardown(void);

/* Stats back at what they were right after set-up. */
void assert_no_leak(void);
/* Every fake page-table entry agrees with mm0's areas and objects. */
void assert_mmu_consistent(void);

/* A started process under mm0's task, with "prog" as argv[0]. */
struct task *spawn(void);
/* Touch user memory as the task's thread would; faults go through mm0_fault. */
enum user_result user_write(struct task *task, uint32_t addr, uint8_t byte);
enum user_result user_read(struct task *task, uint32_t addr, uint8_t *byte);
/* Read that must succeed. */
uint8_t peek(struct task *task, uint32_t addr);
void poke(struct task *task, uint32_t addr, uint8_t byte);
/* The task for a fork/clone result. */
struct task *task_of(long tid);
/* Exit a process and reap it from its parent's side, returning the status. */
int exit_and_reap(struct task *task, int code);
/* A file object served by the fake pager. */
struct vm_object *open_file(uint32_t file_id, uint32_t pages);
long map_anon(struct task *task, uint32_t addr, uint32_t len, int prot, int flags);

/* Run one suite with Check's normal output; the process exit status. */
int run_suite(Suite *suite);
/* test in a test case of its own, named after it, so that CK_RUN_CASE=<name>
 * runs it alone; setup and teardown (NULL: none) run around it. A loop test
 * runs loops times with _i from 0. */
void suite_add_alone(Suite *suite, const char *name, const TTest *test, int loops,
		     SFun setup, SFun teardown);
#define add_test_alone(suite, test, setup, teardown) \
	suite_add_alone((suite), #test, (test), 0, (setup), (teardown))
#define add_loop_test_alone(suite, test, loops, setup, teardown) \
	suite_add_alone((suite), #test, (test), (loops), (setup), (teardown))
/* The same with the mm0 fixture. */
#define add_mm0_test(suite, test) add_test_alone((suite), test, mm0_setup, mm0_teardown)

#endif
