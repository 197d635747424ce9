/* harness.h - the benchmark harness: result lines, failures, threads and
 * address spaces for the operations being measured. */
#ifndef BENCH_HARNESS_H
#define BENCH_HARNESS_H

#include <stdint.h>
#include <l4/cycles.h>
#include <l4/ipc.h>
#include <l4/syscalls.h>

/* Priority of the threads the benchmarks start (the root runs at the
 * kernel's default, 100). */
#define BENCH_PRIO	100

extern l4_tid_t bench_root;

void bench_out(const char *text);
/* Prints `RESULT <name> <instructions per op> <ops> <total>`; the figure
 * per op is total / ops rounded to the nearest instruction. */
void bench_result(const char *name, uint32_t ops, uint32_t total);
/* Prints `bench: FAIL <what>: <err>` and stops the machine with status 1. */
void bench_fail(const char *what, int err) __attribute__((noreturn));
void bench_block_forever(void) __attribute__((noreturn));

/* A thread in the root's space; entry gets arg in r0. */
l4_tid_t bench_thread(void (*entry)(uint32_t), uint32_t arg, uint32_t prio);
/* A thread in a new space that shares the root's image (so its globals) and
 * has a stack page of its own. */
l4_tid_t bench_thread_in_new_space(void (*entry)(uint32_t), uint32_t arg);

/* The kernel benchmarks (kernel_ops.c). */
void bench_kernel_ops(void);

#endif
