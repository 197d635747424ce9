/* fuzzsys.h - the system-call fuzzer: what the parent, its fuzzing children
 * and the health check share. */
#ifndef FUZZSYS_H
#define FUZZSYS_H

#include <stdint.h>
#include <l4/abi.h>

/* Who a child aims at, learnt by the parent before it forks. */
struct fuzz_targets {
	l4_tid_t mm0, fs0, console, parent;
	uint32_t fs0_buffer, fs0_buffer_size;
	/* mm0 is pid 1; the servers it starts before init take the pids after it. */
	int first_server_pid, last_server_pid;
};

/* Progress a child writes into a shared page, so that it survives the
 * child's death: the parent knows how far a killed child got. */
struct fuzz_tally {
	volatile uint32_t kernel_calls, kernel_successes;
	volatile uint32_t server_calls, server_successes;	/* a result >= 0 */
	/* Word counts the dispatch accepted (not -EBADMSG), by operation index,
	 * so that later requests reach the handlers more often; 0: unknown. */
	volatile uint8_t mm_words[32], fs0_words[32], console_words[2];
	/* The call in progress: a system call number, or FUZZ_SERVER_CALL with
	 * fs0's or the console's bit and the label; then its first two words. */
	volatile uint32_t last_call[3];
	/* Signals to a boot server (or its group) that were not refused. */
	volatile uint32_t server_kills_allowed;
};
#define FUZZ_SERVER_CALL	0x80000000u
#define FUZZ_TO_FS0		0x10000u
#define FUZZ_TO_CONSOLE		0x20000u

/* Issues `calls` random system calls and server requests from the
 * sequence `seed`, counting them in `tally`; returns 0. */
int fuzz_child(const struct fuzz_targets *targets, struct fuzz_tally *tally, uint32_t seed,
	       uint32_t calls);

/* A racing child (fuzz_race.c): remaps fs0 buffers and signals the
 * servers while a second thread is in requests, then ends with it there. */
int fuzz_race_child(const struct fuzz_targets *targets, struct fuzz_tally *tally, uint32_t seed);

/* Real requests to mm0, fs0 and the console (fork/exit/wait, mmap, files, pipes, shm,
 * raw requests with timeouts, a console write) must all be answered
 * correctly and every server's pid must still be alive; each is
 * a TAP check named after `round`. */
void health_check(const struct fuzz_targets *targets, uint32_t round);

#endif
