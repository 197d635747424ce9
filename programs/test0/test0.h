/* test0.h - the on-target POSIX suite: TAP output, one check per line. */
#ifndef TEST0_H
#define TEST0_H

#include <stdio.h>
#include "tap.h"


/* Forks a child that runs fn and exits with its result; returns the
 * child's wait status, or -1 with the reason printed. */
int run_in_child(int (*fn)(void *), void *arg);

/* Waits (yielding, at most about a second) until free memory is back at
 * before; returns the pages still missing (0 when all came back). */
long free_pages_settle(long before);

void test_process(void);
void test_memory(void);
void test_shm(void);
void test_posix_shm(void);
void test_threads(void);
void test_pthread(void);
void test_pthread_stress(void);
void test_time(void);
void test_files(void);
void test_sharing(void);
void test_exec(void);
void test_unistd(void);
void test_fcntl(void);
void test_msync(void);
void test_efault(void);
void test_environment(int argc, char **argv);
void test_clocks(void);
void test_misc(void);
void test_popen(void);
void test_uio(void);
void test_fds(void);
void test_devices(void);
void test_limits(void);
void test_links(void);
void test_meta(void);
void test_at(void);
void test_locks(void);
void test_file_times(void);
void test_timers(void);
void test_exec_threads(void);
void test_cancellation_points(void);
void test_threads64(void);
void test_rtsig(void);
void test_sigwait(void);
void test_altstack(void);
void test_threadsig(void);
void test_poll(void);
void test_pselect_atomic(void);
void test_affinity(void);

#endif
