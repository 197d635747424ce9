/* pbench.h - what the POSIX benchmark program's files share: result lines
 * and failures, and the file benchmarks. */
#ifndef PBENCH_H
#define PBENCH_H

#include <stdint.h>

/* Prints `RESULT <name> <instructions per op> <ops> <total>`. */
void pbench_result(const char *name, uint32_t ops, uint32_t total);
/* Prints `bench: FAIL <what>` and exits with status 1. */
void pbench_fail(const char *what) __attribute__((noreturn));

/* pipe_rtt, read_4k, read_1m, write_1m through fs0 (file_ops.c). */
void bench_files(void);

/* open_close, stat through fs0 (path_ops.c). */
void bench_paths(void);

/* mutex_uncontended, thread_handoff_rtt, pthread_create_join (thread_ops.c). */
void bench_threads(void);

/* getpid_1proc(_server_side), getpid_4proc, open_close_1proc(_server_side),
 * open_close_4proc: run with four processors (parallel_ops.c). */
void bench_parallel(void);

#endif
