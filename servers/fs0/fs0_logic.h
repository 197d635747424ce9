/* fs0_logic.h - the file server's operations, free of any transport, written
 * in the logic_*.c files over fs0's objects (vnode.h, file.h, fdtable.h and
 * the others). Each takes the calling task's id and plain arguments and
 * returns a non-negative result or -FS0_E*; the IDL handlers in handle_*.c
 * call them (fs0_* names are the generated stubs', so these are fs_*). */
#ifndef FS0_LOGIC_H
#define FS0_LOGIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <idlrt/result.h>
#include "fs0_local.h"

typedef uint32_t fs0_task_t;

/* Not a task: the parent given when mm0 introduces a task with no parent. */
#define FS0_TASK_NONE		0u

/* A request that must wait returns IDLRT_DEFERRED (idlrt/result.h): the
 * reply is sent later through fs0_reply_ops.complete. The token a request
 * passes in lives only during the call (most requests never wait, and then
 * cost nothing): one that waits copies it with keep into token_size bytes
 * of its own waiter record (8-byte aligned), and complete answers from that
 * copy, which stays the waiter's to free. A read's destination or a write's
 * source may lie inside the token (a small request's bytes): a pipe request
 * that waits then uses the place in its copy. */
struct fs0_reply_ops {
	size_t token_size;
	void (*keep)(const void *token, void *kept);
	void (*complete)(void *kept, long result);
};

/* What fs_stats() counts; all zero after fs_shutdown(). */
struct fs0_stats {
	uint32_t vnodes;	/* live vnodes, mounted roots included */
	uint32_t files;		/* open file descriptions */
	uint32_t descriptors;	/* used slots over all descriptor tables */
	uint32_t tables;	/* descriptor tables */
	uint32_t tasks;
	uint32_t pipes;
	uint32_t mounts;
	uint32_t handles;	/* mm0 file handles */
	uint32_t pending;	/* blocked requests awaiting completion */
	uint64_t data_bytes;	/* bytes allocated for file and pipe data */
	uint32_t allocations;	/* live counted_alloc blocks */
};

/* ---- Server life (logic_life.c) -----------------------------------------
 * fs_init makes an empty writable root; fs_mount_bootfs mounts a newc cpio
 * archive read-only on an existing directory, hiding what it holds (the
 * archive is used in place and must outlive the mount). fs_shutdown ends
 * every task, cancels blocked requests with -FS0_EINTR and frees everything. */
int fs_init(const struct fs0_reply_ops *reply_ops);
int fs_mount_bootfs(const char *dir_path, const void *archive, size_t archive_size);
void fs_shutdown(void);
/* File data stops growing at bytes of file and pipe data (-FS0_ENOSPC past
 * it), so the heap keeps room for the records that clean up a full file
 * system; unlimited until set, and again after fs_shutdown. */
void fs_set_space_limit(uint64_t bytes);
/* Where file times come from: now gives the wall-clock time (clock.c);
 * until it is set, every time is the epoch. */
void fs_set_clock(void (*now)(int64_t *sec, uint32_t *nsec));
/* The real time at the clock's zero, in nanoseconds since the epoch: every
 * time fs0 stamps from now on is the clock's reading plus it (0 until set). */
void fs_set_boot_time(int64_t ns);
void fs_stats(struct fs0_stats *out);

/* ---- Tasks (requests from mm0; logic_mm.c) ------------------------------
 * fork: child gets parent's cwd and either the same descriptor table
 * (share_table, as threads do) or a copy whose descriptors share the open
 * file descriptions. parent FS0_TASK_NONE makes a fresh task at "/", with
 * /dev/console on 0, 1 and 2 if fs_make_devices made it. */
int fs_task_fork(fs0_task_t parent, fs0_task_t child, bool share_table);
/* mm0's pid of an existing task; fs0 only keeps it for the tracer's caller names. */
void fs_task_set_pid(fs0_task_t task_id, uint32_t pid);
/* The task's pid, 0 if it is unknown or was never told. */
uint32_t fs_task_pid(fs0_task_t task_id);
int fs_task_exit(fs0_task_t task);
/* mm0 must run a signal handler on the thread: its blocked requests are
 * answered now (-EINTR, or a writer's bytes so far), so none is left to meet
 * its next call. Returns how many were answered. */
int fs_task_cancel(fs0_task_t task);
/* The task execs: a table it shares becomes its own, and its close-on-exec
 * descriptors close. Returns how many closed. */
int fs_task_exec(fs0_task_t task);

/* ---- Path requests (logic_path.c; path is NUL-terminated within
 * FS0_PATH_MAX bytes). A relative path starts at the directory open at dirfd,
 * or at the cwd for FS0_AT_FDCWD; links are followed but where said. ------ */
int fs_open(fs0_task_t task, int dirfd, const char *path, uint32_t flags, uint32_t mode);
/* at_flags: FS0_AT_SYMLINK_NOFOLLOW describes a final link itself. */
int fs_stat(fs0_task_t task, int dirfd, const char *path, uint32_t at_flags, struct fs0_stat_info *out);
int fs_mkdir(fs0_task_t task, int dirfd, const char *path, uint32_t mode);
int fs_rmdir(fs0_task_t task, int dirfd, const char *path);
int fs_unlink(fs0_task_t task, int dirfd, const char *path);
int fs_rename(fs0_task_t task, int old_dirfd, const char *old_path, int new_dirfd, const char *new_path);
int fs_chdir(fs0_task_t task, const char *path);
int fs_fchdir(fs0_task_t task, int fd);
/* Writes the absolute cwd to buf; returns its length including the NUL. */
int fs_getcwd(fs0_task_t task, char *buf, size_t size);

/* ---- Names (logic_links.c) ----------------------------------------------
 * link: at_flags FS0_AT_SYMLINK_FOLLOW links what a final link names.
 * readlink copies at most size bytes of the target (no NUL) and returns how
 * many; realpath writes the resolved absolute path with its NUL and returns
 * its length with the NUL. mknod makes named pipes only. */
int fs_link(fs0_task_t task, int old_dirfd, const char *old_path, int new_dirfd, const char *new_path, uint32_t at_flags);
int fs_symlink(fs0_task_t task, const char *target, int dirfd, const char *path);
long fs_readlink(fs0_task_t task, int dirfd, const char *path, char *buf, size_t size);
int fs_mknod(fs0_task_t task, int dirfd, const char *path, uint32_t mode);
long fs_realpath(fs0_task_t task, int dirfd, const char *path, char *buf, size_t size);

/* ---- Status (logic_meta.c); at_flags FS0_AT_SYMLINK_NOFOLLOW as stat's --- */
int fs_access(fs0_task_t task, int dirfd, const char *path, int mode, uint32_t at_flags);
int fs_chmod(fs0_task_t task, int dirfd, const char *path, uint32_t mode, uint32_t at_flags);
int fs_fchmod(fs0_task_t task, int fd, uint32_t mode);
int fs_chown(fs0_task_t task, int dirfd, const char *path, uint32_t uid, uint32_t gid, uint32_t at_flags);
int fs_fchown(fs0_task_t task, int fd, uint32_t uid, uint32_t gid);
int fs_utimens(fs0_task_t task, int dirfd, const char *path, const struct fs0_file_times *times, uint32_t at_flags);
int fs_futimens(fs0_task_t task, int fd, const struct fs0_file_times *times);

/* ---- Record locks (logic_locks.c): fcntl's F_GETLK, F_SETLK and F_SETLKW.
 * A lock belongs to want->pid's process; setlk with wait (and a token) may
 * return IDLRT_DEFERRED and complete token once granted (0), -EINTR when the
 * task is cancelled or ends; -FS0_EDEADLK when waiting would close a cycle. */
int fs_getlk(fs0_task_t task, int fd, const struct fs0_lock_range *want, struct fs0_lock_range *out);
long fs_setlk(fs0_task_t task, int fd, bool wait, const struct fs0_lock_range *want, void *token);

/* ---- Reads and writes at an offset (logic_at_offset.c) ------------------
 * As fs_read and fs_write at offset, the open file's offset unmoved; never
 * wait (-ESPIPE on a pipe). pwrite on an O_APPEND file writes at the end. */
long fs_pread(fs0_task_t task, int fd, void *buf, size_t len, int64_t offset);
long fs_pwrite(fs0_task_t task, int fd, const void *buf, size_t len, int64_t offset);

/* ---- The file system's figures (logic_statvfs.c) ------------------------ */
int fs_statvfs(fs0_task_t task, int dirfd, const char *path, struct fs0_vfs_info *out);
int fs_fstatvfs(fs0_task_t task, int fd, struct fs0_vfs_info *out);

/* ---- Descriptor requests (logic_fd.c, fs_fcntl in logic_fcntl.c) --------
 * read and write move data through buf (on the wire, the client's shared buffer);
 * on a pipe that must wait they return IDLRT_DEFERRED and complete token. */
int fs_close(fs0_task_t task, int fd);
long fs_read(fs0_task_t task, int fd, void *buf, size_t len, void *token);
long fs_write(fs0_task_t task, int fd, const void *buf, size_t len, void *token);
int fs_lseek(fs0_task_t task, int fd, int64_t offset, int whence, int64_t *new_offset);
int fs_fstat(fs0_task_t task, int fd, struct fs0_stat_info *out);
int fs_ftruncate(fs0_task_t task, int fd, int64_t length);
long fs_getdents(fs0_task_t task, int fd, void *buf, size_t len);
int fs_dup(fs0_task_t task, int fd);
int fs_dup2(fs0_task_t task, int old_fd, int new_fd);
/* flags: 0 or FS0_O_NONBLOCK for both ends (pipe2). */
int fs_pipe(fs0_task_t task, uint32_t flags, int fds[2]);
/* FS0_F_DUPFD(_CLOEXEC) (lowest fd arg), FS0_F_GETFD/SETFD (FS0_FD_CLOEXEC),
 * FS0_F_GETFL/SETFL (only O_APPEND and O_NONBLOCK change); -FS0_EINVAL else. */
int fs_fcntl(fs0_task_t task, int fd, int cmd, uint32_t arg);

/* ---- Devices (logic_device.c) -------------------------------------------
 * fs_make_devices makes /dev with null, zero, random, urandom, console and
 * tty (the target does it at start; a fresh task then starts with 0, 1 and 2
 * on /dev/console). fs_add_entropy mixes bytes into the generator behind
 * random and urandom. fs_device: the FS0_DEV_* that fd is open on. */
int fs_make_devices(void);
void fs_add_entropy(const void *data, size_t len);
int fs_device(fs0_task_t task, int fd);

/* ---- mm0's file handles (logic_mm.c) ------------------------------------
 * A handle pins a regular file's vnode for mm0's file mappings and exec.
 * Every get (of the same file or not) needs one release. */
struct fs0_mm_file {
	uint32_t handle;	/* the vnode id: equal handles mean the same file */
	uint32_t openers;	/* open file descriptions on the file */
	uint32_t access;	/* the descriptor's FS0_O_ACCMODE bits */
	bool writable_fs;	/* false on a read-only mount */
	int64_t size;
};

int fs_mm_get_fd(fs0_task_t task, int fd, struct fs0_mm_file *out);
int fs_mm_get_path(fs0_task_t task, const char *path, struct fs0_mm_file *out);
/* Fills page (FS0_PAGE_SIZE bytes, zeros past EOF); returns the bytes of
 * file in it, 0 if the page lies wholly past EOF (mm0 raises SIGBUS). */
int fs_mm_read_page(uint32_t handle, uint32_t page_index, void *page);
/* Writes back the part of page inside the file; never grows the file. */
int fs_mm_write_page(uint32_t handle, uint32_t page_index, const void *page);
int fs_mm_release(uint32_t handle);

/* ---- Disks (logic_disk.c, logic_sync.c; docs/storage.md, "ext2 in fs0")
 * fs_mount_disk_root makes the mounted ext2 file system fs (taken over,
 * also on error) "/" in place of the RAM root, and tasks whose cwd was the
 * old root move to it; its error leaves the RAM root. fs_mount_on_disk then
 * mounts the boot archive (if any) on /boot, a RAM file system on /tmp and
 * the devices on /dev, making the directories the disk lacks; it returns
 * the first error, having tried all three. fsync and sync write a disk's
 * dirty blocks back and flush the device (0 at once on RAM). */
struct ext2_fs;
int fs_mount_disk_root(struct ext2_fs *fs);
int fs_mount_on_disk(const void *archive, size_t archive_size);
int fs_fsync(fs0_task_t task, int fd, bool data_only);
int fs_sync(void);
/* syncfs: fd's file system written back and flushed (0 at once on RAM);
 * fs_mm_fsync: fsync of the file behind mm0's handle (-FS0_EBADF if none). */
int fs_syncfs(fs0_task_t task, int fd);
int fs_mm_fsync(uint32_t handle);

/* ---- poll (poll.c) ------------------------------------------------------
 * fs_poll fills revents (one per item) and returns how many items have
 * events; with none ready, a timeout_ms other than 0 and a token it waits:
 * IDLRT_DEFERRED, completed later with the count (revents filled), 0 when
 * timeout_ms (if positive) has passed, -EINTR for a signal or the task's end.
 * fs_poll_expire answers the waiters whose timeout has passed and returns the
 * milliseconds until the next one's, -1 when no waiter has a timeout: the
 * server loop waits for requests at most that long, and asks only while
 * fs_poll_timed (the count of waiters with a timeout) is not 0. */
extern uint32_t fs_poll_timed;
long fs_poll(fs0_task_t task, const struct fs0_poll_item *items, uint32_t count, uint16_t *revents, int32_t timeout_ms, void *token);
int64_t fs_poll_expire(void);

#endif
