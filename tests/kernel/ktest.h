/* ktest.h - the kernel test program's check helpers and shared utilities. */
#ifndef KTEST_H
#define KTEST_H

#include <stdbool.h>
#include <stdint.h>
#include <l4/cycles.h>
#include <l4/ipc.h>
#include <l4/kip.h>
#include <l4/syscalls.h>

/* Waiting longer than this for a helper thread counts as a failure. */
#define WAIT_MS		2000
#define WAIT		L4_TIMEOUTS(L4_TIMEOUT_NEVER, WAIT_MS)

/* Records one check: prints "ok" or "FAIL" with the name and, on failure,
 * the expected and the actual value. */
void check_eq(const char *name, int32_t actual, int32_t expected);
void check_true(const char *name, bool ok, uint32_t detail);
void out(const char *text);
void out_dec(uint32_t value);
void out_hex(uint32_t value);
/* Prints "PROGRAM: N checks, M failures"; the exit status: 0 if none failed. */
int report_summary(const char *program);

/* Threads in the root space; entry gets arg in r0. */
l4_tid_t spawn(void (*entry)(uint32_t), uint32_t arg, uint32_t prio, l4_tid_t pager);
/* A thread in a new space that shares the root's image; stack on its own page. */
l4_tid_t spawn_in_new_space(void (*entry)(uint32_t), uint32_t arg, l4_tid_t pager);
/* The same with the shared image mapped with image_perms. */
l4_tid_t spawn_in_new_space_perms(void (*entry)(uint32_t), uint32_t arg, l4_tid_t pager,
				  uint32_t image_perms);
/* A thread in the space of thread space_of, which shares the root's image
 * (spawn_in_new_space), on a stack of that image. */
l4_tid_t spawn_in_space_of(l4_tid_t space_of, void (*entry)(uint32_t), uint32_t arg, l4_tid_t pager);
/* A free physical page of conventional RAM (never returned). */
uint32_t phys_page(void);
/* Sends a report to the root thread: label and up to 4 words. */
void report(uint32_t label, uint32_t a, uint32_t b, uint32_t c, uint32_t d);
/* Waits for a report from `from`; returns the IPC result. */
int wait_report(l4_tid_t from, uint32_t words[5]);
void sleep_ms(uint32_t ms);
void block_forever(void) __attribute__((noreturn));

extern l4_tid_t root_tid;

void test_basics(void);
void test_ipc(void);
void test_threads(void);
void test_memory(void);
void test_spaces(void);
void test_worker_pool(void);
void test_irq(void);
void test_hardening(void);
void test_fuzz(void);
void test_modules(void);
/* Loads boot module `name` into a new space and starts it. */
l4_tid_t start_module(const char *name, l4_tid_t pager);
void test_benchmarks(void);
void test_cputime(void);

#endif
