/* mm0's link to fs0: telling fs0 about threads, shared buffers, file objects fs0 pages. */
#ifndef MM0_FS_LINK_H
#define MM0_FS_LINK_H

#include <stdbool.h>
#include <stdint.h>

#include "fs0.h"

struct task;
struct vm_object;

/* fs0's heap takes 1/FS0_HEAP_SHARE of the free pages, at least 1 MiB. */
#define MM0_FS0_HEAP_SHARE	8u
#define MM0_FS0_HEAP_SIZE_MIN	0x00100000u
/* Each client thread's buffer: 256 KiB, so most reads are one request and one copy. */
#define MM0_FS_BUFFER_SIZE	0x00040000u

/* What fs0 says about a file mm0 maps or executes (fs0's mm_info). */
struct fs_file_info {
	uint32_t handle;
	uint32_t openers;
	uint32_t access;	/* the descriptor's O_ACCMODE bits */
	bool writable_fs;
	int64_t size;
};

/* fs0's mm0-only requests; each returns fs0's answer or a transport -errno. */
struct fs_ops {
	int (*task_fork)(uint32_t parent, uint32_t child, bool share_table, uint32_t pid);
	int (*task_exit)(uint32_t task);
	/* Drop the thread's waiting requests unanswered; how many, or -errno. */
	int (*task_cancel)(uint32_t task);
	/* exec: the table becomes the thread's own, close-on-exec descriptors close. */
	int (*task_exec)(uint32_t task);
	int (*set_buffer)(uint32_t tid, uint32_t window_off, uint32_t size);
	int (*get_fd)(uint32_t task, int32_t fd, struct fs_file_info *info);
	/* path (a NUL-terminated string) from the thread's cwd, as fs0 resolves its own requests. */
	int (*get_path)(uint32_t task, const char *path, struct fs_file_info *info);
	/* One whole page (FS0_PAGE_SIZE bytes) into page / out of page. */
	int (*read_page)(uint32_t handle, uint32_t page_index, void *page);
	int (*write_page)(uint32_t handle, uint32_t page_index, const void *page);
	int (*release)(uint32_t handle);
	/* fsync of the file behind handle (msync(MS_SYNC)). */
	int (*fsync)(uint32_t handle);
	/* Optional, the target's pager thread (docs/mm0.md, "The fault path"):
	 * post_read_page starts reading a page into phys for a parked fault
	 * (0, or -ENOSYS while there is no pager thread), name_pager tells fs0
	 * that thread tid is mm0's too, on_pager_thread says whether the caller
	 * runs on it (its calls use its own page in fs0's window). */
	int (*post_read_page)(uint32_t handle, uint32_t page_index, uint32_t phys);
	int (*name_pager)(uint32_t tid);
	bool (*on_pager_thread)(void);
};

/* Make fs0 (created, not started) a server that never faults: its bootfs
 * archive (a module image, or NULL) at FS0_BOOTFS_BASE, every page of its
 * space mapped now, and mm0's own page in its window. fs0 must never fault
 * while mm0 waits for an answer from it. */
int fs_link_prepare(struct task *fs0, int bootfs_module);
/* fs0 runs: register mm0's page with it and start telling it about threads. */
int fs_link_start(const struct fs_ops *ops);
/* mm0's pager thread tid reads file pages from fs0: its own page in fs0's
 * window (made by fs_link_prepare) is registered for it, and fs0 told. */
int fs_link_add_pager(uint32_t tid);
/* One more thread of mm0's that calls fs0 (a worker, arm/workers.c): it
 * shares the main thread's page in fs0's window, as only the holder of the
 * mm0 lock calls fs0 through it. 0 or -errno. */
int fs_link_add_worker(uint32_t tid);
/* Whether fs0 serves, and its kernel thread id. */
bool fs_link_up(void);
uint32_t fs_link_tid(void);

/* A new thread: fs0 learns it (with parent's descriptors, or the same table
 * when share_table; parent NULL: a fresh task). A forked copy of a thread
 * with a buffer loses the copy of that mapping (it asks for its own). */
int fs_thread_new(struct task *parent, struct task *child, bool share_table);
/* A thread ends: fs0 forgets it (its waits end first), then its buffer goes. */
void fs_thread_gone(struct task *task);
/* A signal handler must run on the thread: fs0 answers what it waits for
 * -EINTR. Returns how many requests fs0 answered (0 when fs0 is not told). */
int fs_thread_cancel(struct task *task);
/* The thread execs: fs0 closes its close-on-exec descriptors. 0 or -errno. */
int fs_thread_exec(struct task *task);

/* The calling thread's shared buffer for fs0's bulk data (MM0_FS_BUFFER_SIZE
 * bytes), mapped into its space and fs0's window on the first call.
 * Returns the buffer's address or -errno. */
long mm0_fs_buffer(struct task *task);

/* Copy len bytes at off in task's buffer into out, through the object mm0
 * holds (never the thread's current areas): 0, or -EFAULT when the thread
 * has no buffer or the range leaves it. */
int fs_buffer_read(struct task *task, uint32_t off, uint32_t len, void *out);
/* The thread's buffer goes (exec replaces the image): fs0 forgets it first. */
int fs_buffer_drop(struct task *task);
/* The first page of a file object (its ELF header), read from fs0 into head. */
int fs_file_head(struct vm_object *file, uint8_t head[FS0_PAGE_SIZE]);

/* A file object for descriptor fd of task, checked with fs0 now; prot and
 * flags are the mmap's (a shared writable map needs O_RDWR). Close it with
 * vm_file_close. */
int fs_file_open_fd(struct task *task, int fd, int prot, int flags, struct vm_object **out);
/* A file object for path (as task would open it), for exec; its size in *size. */
int fs_file_open_path(struct task *task, const char *path, uint32_t *size,
		      struct vm_object **out);
#endif
