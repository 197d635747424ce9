/* Test harness for mm0: fixture, "user code" against the fake MMU, leak and consistency audits. */
#ifndef MM0_HARNESS_H
#define MM0_HARNESS_H

#include <check.h>
#include <errno.h>
#include <stdint.h>

#include "fake_kernel.h"
#include "fault.h"
#include "mm0.h"
#include "mm0_alloc.h"
#include "mm0_local.h"
#include "mmap.h"
#include "posix_shm.h"
#include "shm.h"
#include "task.h"
#include "vm_area.h"
#include "vm_object.h"

#define TEST_PAGES	256u
#define TEST_PHYS_BASE	0x40000000u
#define TEST_SELF_TID	0x10u
#define TEST_PC		0x00010000u
#define TEST_SP		0x3fff0000u

enum user_result { USER_OK, USER_PENDING, USER_KILLED };

/* Fixtures: mm0 over TEST_PAGES pages (setup_pages for another count). */
void mm0_setup(void);
void mm0_setup_pages(uint32_t pages);
/* The same with deferred replies going through reply (the protocol suite's). */
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
/* A test case with the mm0 fixture around every test. */
TCase *mm0_tcase(const char *name);

#endif
