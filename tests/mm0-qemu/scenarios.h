/* scenarios.h - the checks init runs on QEMU, one file per area; each is
 * reported through tests/tap. */
#ifndef MM0_QEMU_SCENARIOS_H
#define MM0_QEMU_SCENARIOS_H

#include <stdbool.h>
#include <stdint.h>

#include "mm0test_rt.h"
#include "tap.h"

/* The free memory and records mm0 reports. */
struct mm_counts counts_now(void);
/* fork a child that runs fn and exits with its result; the parent waits
 * and gets the child's wait status (or -errno). */
int run_child(int (*fn)(void *), void *arg);

void test_process(void);
void test_memory(void);
void test_shared(void);
void test_soak(void);

#endif
