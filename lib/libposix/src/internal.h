/* internal.h - what libposix's files share: where the servers are, the
 * error convention, thread start-up and the console. */
#ifndef LIBPOSIX_INTERNAL_H
#define LIBPOSIX_INTERNAL_H

#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <l4/ipc.h>

#include "mm0_types.h"

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

/* Descriptors 0 .. POSIX_CONSOLE_FDS - 1 are the console's; a server's
 * descriptor n (fs0's, and mm0's own from MM0_FD_BASE up: boot modules,
 * POSIX shm) is n + POSIX_CONSOLE_FDS here, so numbering needs no table
 * (fork, threads and exec keep it for free). */
#define POSIX_CONSOLE_FDS	3
static inline int32_t fs0_fd(int fd)
{
	return (int32_t)(fd - POSIX_CONSOLE_FDS);
}

static inline int is_console_fd(int fd)
{
	return fd >= 0 && fd < POSIX_CONSOLE_FDS;
}

static inline int is_mm0_fd(int fd)
{
	return fd >= POSIX_CONSOLE_FDS + MM0_FD_BASE;
}

/* Copies through a caller's pointer that answer -EFAULT where a plain copy would crash
 * (user_copy.S; mm0 resumes a fault in them at their fix-up): 0 or -EFAULT. */
int posix_copy(void *dst, const void *src, size_t len);
/* Whether every page of [addr, addr + len) may be written, before something is consumed
 * that could not be given back: 0 or -EFAULT. */
int posix_probe_write(void *addr, size_t len);

/* mode with the process's umask applied (unistd_misc.c). */
mode_t posix_creation_mode(mode_t mode);

/* close and ftruncate of mm0's descriptors (posix_shm.c). */
int posix_mm0_close(int fd);
int posix_mm0_ftruncate(int fd, off_t length);

/* How this thread reaches fs0: the server and the thread's shared buffer,
 * through which paths and file bytes travel. */
struct fs0_channel {
	l4_tid_t server;
	char *buffer;
	uint32_t size;
};

/* The calling thread's channel, asked from mm0 the first time; NULL with
 * errno set when there is none. */
const struct fs0_channel *fs0_channel(void);
struct stat;
struct fs0_stat_info;
/* fs0's stat record as the C library's struct stat, stored at the caller's out: 0, or -1
 * with EFAULT. */
int posix_stat_out(struct stat *out, const struct fs0_stat_info *in);
/* The C library's open flags as fs0's; -EINVAL for ones not supported. */
int posix_open_flags(int flags, uint32_t *fs0_flags);

/* Forgets the thread's channel: a fork child has no buffer until it asks. */
void fs0_channel_forget(void);
/* Copies path into the channel's buffer at offset; returns its length, or
 * -errno (EFAULT for NULL, ENAMETOOLONG when it does not fit). */
long fs0_put_path(const struct fs0_channel *channel, uint32_t offset, const char *path);

/* Copies the thread-local template into this thread's TLS block. */
void posix_tls_init(void);
/* Bytes of this thread's TLS block (TCB included) that fork must carry. */
size_t posix_tls_bytes(void);
/* Start of this thread's TLS block: the TCB at the thread pointer. */
void *posix_thread_pointer(void);

/* Console output, one whole line per write: buffers per thread. */
void posix_console_write(const char *text, size_t length);
void posix_console_flush(void);
/* Standard input: bytes of the next line (at most length), 0 at its end,
 * or -errno (-EINTR after Ctrl-C). Flushes this thread's output first. */
long posix_console_read(void *data, size_t length);

/* console_server.c: the console server when the image has one, else the
 * kernel debugger for output and an empty input. Output goes out whole
 * (a lost server hands the rest to the kernel); input is one server read
 * of at most length bytes, or 0 without a server. */
void console_output(const char *text, size_t length);
long console_input(void *data, size_t length);

/* Ends the calling thread (the last one ends the process). */
__attribute__((noreturn)) void posix_thread_exit(int code);

/* Ends the calling thread if a pthread_cancel is due (pthread_cancel.c): called by the
 * blocking calls that are cancellation points. */
void posix_cancellation_point(void);

/* entry.S: pushes the callee-saved registers and calls posix_fork_request
 * with the child's resume point and stack; the child returns 0 from it. */
long posix_fork_call(void);
long posix_fork_request(uintptr_t child_pc, uintptr_t child_sp);
/* entry.S: a clone child's first instructions (pops fn and arg). */
void posix_clone_entry(void);

#endif
