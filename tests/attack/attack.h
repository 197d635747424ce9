/* attack.h - the kernel attack tests: an unprivileged (or a delegated
 * privileged) space tries to reach what it was not given; every attempt
 * must fail with an error and change nothing. Built on tests/kernel's
 * thread and space helpers (util.c through ktest.h). */
#ifndef ATTACK_H
#define ATTACK_H

#include "ktest.h"

/* Where the helpers of tests/kernel put a new space's stack page. */
#define STACK_VA	0x40000000u
/* An attacker's image is mapped read-only and executable: it cannot
 * write the root's memory through the shared image. */
#define IMAGE_RX	(L4_PERM_READ | L4_PERM_EXEC)
#define LABEL_RESULTS	0x300u
#define LABEL_SECRET	0x301u
#define LABEL_ASK	0x302u

/* A victim in its own space: keeps a secret on its stack page and answers
 * each LABEL_ASK from the root with it and the messages it saw. */
l4_tid_t victim_start(uint32_t secret);
/* Asks the victim; true if it answers with secret, seeing no other sender. */
bool victim_intact(l4_tid_t victim, uint32_t secret);
/* Receives n result words from an attacker (label LABEL_RESULTS). */
bool attacker_results(l4_tid_t attacker, uint32_t *results, unsigned n);
/* Sends results[0..n) to the root as LABEL_RESULTS; then blocks. */
void send_results(const uint32_t *results, unsigned n) __attribute__((noreturn));
/* Kernel objects back where they were. */
void check_kstats_equal(const char *name, const struct l4_kstats *before);

void attack_forge(void);
void attack_reach(void);
void attack_faults(void);

#endif
