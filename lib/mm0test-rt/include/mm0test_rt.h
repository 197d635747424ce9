/* mm0test_rt.h - the start-up runtime of the system tests that run without
 * libposix: console, exit, fork, threads and wait over the generated mm stubs. */
#ifndef MM0TEST_RT_H
#define MM0TEST_RT_H

#include <stdint.h>

#include "mm0.h"
#include "mm0_wait.h"

/* mm0's thread id (the root task's, from the KIP). */
idlrt_dest_t mm0c_server(void);
/* The process's arguments and environment, from mm0's environment page. */
extern int mm0c_argc;
extern char **mm0c_argv;
extern char **mm0c_environ;

/* The child gets 0, the parent the child's pid, or -errno. */
int mm0c_fork(void);
/* A thread of this process running fn(arg) on the stack [stack, stack + size);
 * its return value ends the thread. Returns its thread id or -errno. */
int mm0c_thread_start(int (*fn)(void *), void *arg, void *stack, uint32_t size);
/* Ends the calling thread (the process with its last thread). */
void mm0c_thread_exit(int code) __attribute__((noreturn));
/* Waits for pid (or -1); the pid, with *status in the wait(2) encoding, or -errno. */
int mm0c_waitpid(int pid, int *status);

#endif
