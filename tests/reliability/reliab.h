/* reliab.h - the reliability and system-fuzz programs (init under mm0 with
 * fs0): accounting snapshots and the child runner they share; checks are
 * reported through tests/tap. */
#ifndef RELIAB_H
#define RELIAB_H

#include <stdbool.h>
#include <stdint.h>
#include <l4/abi.h>
#include "mm0.h"
#include "tap.h"

/* mm0's counts and the kernel's objects at one moment. */
struct snapshot {
	struct mm_counts mm;
	struct l4_kstats kernel;
};
struct snapshot snapshot_now(void);
/* Every count back where it was; prints which one differs. */
bool snapshot_same(const char *what, const struct snapshot *before);

/* Forks a child that runs fn(arg) and exits with its result; returns the
 * wait status, or -1 if fork or waitpid failed. */
int run_child(int (*fn)(uint32_t), uint32_t arg);

/* A small pseudo-random sequence (xorshift), the same on every run. */
uint32_t next_random(uint32_t *state);

void family_isolation(void);
void family_soak(void);
void family_servers(void);
void family_load(void);

#endif
