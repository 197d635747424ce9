/* internal.h - what libposix's files share: where the servers are, the
 * error convention, thread start-up and the console. */
#ifndef LIBPOSIX_INTERNAL_H
#define LIBPOSIX_INTERNAL_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>

#include <l4/ipc.h>

/* mm0 pages every task, so the kernel's copy of our pager names it. */
static inline l4_tid_t posix_mm0(void)
{
	return l4_utcb()->pager;
}

/* A server's answer (>= 0, or -errno) as POSIX wants it: the value, or -1
 * with errno set. */
static inline long posix_result(long answer)
{
	if (answer < 0) {
		errno = (int)-answer;
		return -1;
	}
	return answer;
}

/* Sets this thread's errno and returns -1. */
static inline int posix_error(int error)
{
	errno = error;
	return -1;
}

/* Descriptors from mm0 (boot modules) start after the console's 0-2;
 * posix_mm0_fd gives mm0's number for one, or -1. */
#define MODULE_FD_BASE	3
int posix_mm0_fd(int fd);

/* Copies the thread-local template into this thread's TLS block. */
void posix_tls_init(void);
/* Bytes of this thread's TLS block (TCB included) that fork must carry. */
size_t posix_tls_bytes(void);
/* Start of this thread's TLS block: the TCB at the thread pointer. */
void *posix_thread_pointer(void);

/* Console output, one whole line per kernel call: buffers per thread. */
void console_write(const char *text, size_t length);
void console_flush(void);

/* Ends the calling thread (the last one ends the process). */
__attribute__((noreturn)) void posix_thread_exit(int code);

/* entry.S: pushes the callee-saved registers and calls posix_fork_request
 * with the child's resume point and stack; the child returns 0 from it. */
long posix_fork_call(void);
long posix_fork_request(uintptr_t child_pc, uintptr_t child_sp);
/* entry.S: a clone child's first instructions (pops fn and arg). */
void posix_clone_entry(void);

#endif
