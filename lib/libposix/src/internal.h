/* internal.h - what libposix's files share: where the servers are, the
 * error convention, descriptors, thread start-up and the terminal. */
#ifndef LIBPOSIX_INTERNAL_H
#define LIBPOSIX_INTERNAL_H

#include <errno.h>
#include <stdbool.h>
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

/* A descriptor is the server's own number: fs0's below MM0_FD_BASE, mm0's
 * (boot modules, POSIX shm) from there, so numbering needs no table (fork,
 * threads and exec keep it for free). */
static inline int is_mm0_fd(int fd)
{
	return fd >= MM0_FD_BASE;
}

/* What a descriptor is open on, for where its bytes go (descriptor_kind.c):
 * the terminal's go to the console server, all others to their server. */
enum posix_fd_kind {
	POSIX_FD_SERVER = 1,
	POSIX_FD_TERMINAL = 2,
};
/* The kind of fd (asked from fs0 once, then kept for the process), or
 * -errno (-EBADF for a descriptor that is not open). The kept answers are
 * read here, inline, because every read and write asks; each word is
 * (generation << 2) | kind, kind 0 while unknown. */
#define POSIX_FD_KIND_SLOTS	64	/* fs0's OPEN_MAX (checked in descriptor_kind.c) */
#define POSIX_FD_KIND_MASK	3u
extern uint32_t posix_fd_kinds[POSIX_FD_KIND_SLOTS];
int posix_fd_kind_ask(int fd);
/* The kept kind of fd, 0 when none is kept (not asked yet, or fd past the table). */
static inline int posix_fd_kind_kept(int fd)
{
	if (__builtin_expect((unsigned)fd < POSIX_FD_KIND_SLOTS, 1))
		return (int)(__atomic_load_n(&posix_fd_kinds[fd], __ATOMIC_RELAXED) &
			     POSIX_FD_KIND_MASK);
	return 0;
}
static inline int posix_fd_kind(int fd)
{
	int kept = posix_fd_kind_kept(fd);

	return kept ? kept : posix_fd_kind_ask(fd);
}
/* fd now names another open file, or none (close, dup2): forget its kind. */
void posix_fd_changed(int fd);
/* Whether fd's open file has O_NONBLOCK (kept by fs0): 1, 0, or -errno. */
int posix_fd_nonblocking(int fd);

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
	l4_tid_t server;	/* fs0's worker for the thread's processor (fs0_channel.c) */
	l4_tid_t first_server;	/* fs0's first thread, as mm0 named it */
	char *buffer;
	uint32_t size;
};

/* file_io.c: one fs0 read request into data (at most one buffer-full), and fs0
 * write requests until all of bytes are in or one stops short, the answer as
 * read's and write's; request sends one piece at offset plus the bytes moved
 * before it (read and write's ignore it), so pread and pwrite
 * (file_at_offset.c) share them without read and write linking their stubs. */
typedef long (*posix_fs0_reader)(l4_tid_t server, int fd, int64_t offset, void *data, uint32_t *len);
typedef long (*posix_fs0_writer)(l4_tid_t server, int fd, int64_t offset, const void *data,
				 uint32_t len);
ssize_t posix_fs0_receive(int fd, void *data, size_t length, off_t offset, posix_fs0_reader request);
ssize_t posix_fs0_send(int fd, const char *bytes, size_t length, off_t offset,
		       posix_fs0_writer request);
/* file_io.c: read and write of what small_io.c's do not take in their own
 * body at once (1 to FS0_SMALL_IO_MAX bytes on fs0's descriptor of a kept
 * kind, the bytes in the messages fs0.read_small and fs0.write_small): a
 * kind not kept yet, the terminal, an error, more bytes. Their answer, or
 * POSIX_IO_SMALL when the descriptor, asked, is fs0's and the bytes are few:
 * the caller sends them as it does for a kept kind. */
#define POSIX_IO_SMALL	(-2)
ssize_t posix_read_other(int fd, void *data, size_t length);
ssize_t posix_write_other(int fd, const void *data, size_t length);

/* The calling thread's channel, asked from mm0 the first time; NULL with
 * errno set when there is none. In line: a file call with the channel made
 * reads it with no call (fs0_channel.c). */
extern __thread struct fs0_channel posix_fs0_channel;
const struct fs0_channel *fs0_channel_open(void);
static inline const struct fs0_channel *fs0_channel(void)
{
	return posix_fs0_channel.buffer ? &posix_fs0_channel : fs0_channel_open();
}
struct stat;
struct fs0_stat_info;
/* fs0's stat record as the C library's struct stat, stored at the caller's out: 0, or -1
 * with EFAULT. */
int posix_stat_out(struct stat *out, const struct fs0_stat_info *in);
/* The C library's open flags as fs0's; -EINVAL for ones not supported. */
int posix_open_flags(int flags, uint32_t *fs0_flags);

/* Forgets the thread's channel: a fork child has no buffer until it asks. */
void fs0_channel_forget(void);
/* The calling thread moved itself to another processor: its calls go to the
 * fs0 worker there from now on. */
void fs0_channel_moved(void);
/* The thread's buffer for bulk parameters to dest, a server other than fs0
 * and mm0 (bulk_channel.c): 0, or -ENOBUFS past MM0_BULK_LINKS_MAX
 * servers, or mm0's error. */
int bulk_channel_buffer(l4_tid_t dest, void **base, uint32_t *size);
/* Forgets the thread's buffers for other servers, as fork's child must. */
void bulk_channel_forget(void);

/* Copies the thread-local template into this thread's TLS block. */
void posix_tls_init(void);
/* Bytes of this thread's TLS block (TCB included) that fork must carry. */
size_t posix_tls_bytes(void);
/* Start of this thread's TLS block: the TCB at the thread pointer. */
void *posix_thread_pointer(void);

/* Sends out this thread's buffered stdout and stderr bytes (console.c): before
 * fork, exec and exit, and before fd 1 or 2 is closed or replaced. */
void posix_console_flush(void);
/* Flushes the thread's stdio buffer of fd (1 or 2; nothing for others). */
void posix_stdio_flush_fd(int fd);

/* console_server.c: a terminal descriptor's bytes, through the console server
 * when the image has one, else the kernel debugger for output and an empty
 * input. Both take the caller's pointer (EFAULT, not a crash) and return a
 * count or -errno; a read is one server read of at most CONSOLE_IO_MAX bytes
 * (-EAGAIN instead of waiting when nonblocking). */
long terminal_write(const void *data, size_t length);
long terminal_read(void *data, size_t length, int nonblocking);
/* The terminal's mode and foreground process group: 0 (or the group) or
 * -errno, -EIO without a console server. */
struct console_mode;
long terminal_get_mode(struct console_mode *mode);
long terminal_set_mode(const struct console_mode *mode);
long terminal_foreground(void);
long terminal_set_foreground(pid_t pgrp);
/* 1 when a read of the terminal would not wait, 0 when it would, or -errno. */
long terminal_readable(void);

/* A fork child's arc4random pool starts empty (random.c). */
void posix_random_forget(void);

/* Ends the calling thread (the last one ends the process). */
__attribute__((noreturn)) void posix_thread_exit(int code);

/* Ends the calling thread if a pthread_cancel is due (pthread_cancel.c): called by the
 * blocking calls that are cancellation points. */
void posix_cancellation_point(void);
/* Around a call to a server that may block and is a cancellation point (read, write,
 * open, close, waitpid, sigsuspend, a sleep, select and poll): begin acts on a cancel
 * already due and lets pthread_cancel end the call meanwhile (mm0's thread_interrupt);
 * end takes the call's answer (-errno or not), acts on a cancel that ended it with
 * -EINTR, and returns the answer. Neither changes errno. Until the process first
 * calls pthread_create or pthread_cancel no thread can be cancelled, and they cost a
 * load and a branch, inline: read and write are hot. */
extern bool posix_cancel_possible;
void posix_cancel_begin_marked(void);
long posix_cancel_end_marked(long answer);

static inline void posix_cancel_begin(void)
{
	if (posix_cancel_possible)
		posix_cancel_begin_marked();
}

static inline long posix_cancel_end(long answer)
{
	return posix_cancel_possible ? posix_cancel_end_marked(answer) : answer;
}

/* entry.S: pushes the callee-saved registers and calls posix_fork_request
 * with the child's resume point and stack; the child returns 0 from it. */
long posix_fork_call(void);
long posix_fork_request(uintptr_t child_pc, uintptr_t child_sp);
/* entry.S: a clone child's first instructions (pops fn and arg). */
void posix_clone_entry(void);

#endif
