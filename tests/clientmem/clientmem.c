/* clientmem.c - init under mm0 with fs0: every request that names client
 * memory (fs0's path, data, directory and cwd requests, execve, spawn,
 * shm_open, console writes) after the caller unmapped, replaced, shrank or
 * protected its fs0 buffer, and while another thread keeps doing so; and
 * bulk parameters given unmapped or kernel pointers. Each must answer with
 * its own data or -EFAULT, and mm0, fs0 and the console must go on serving
 * with nothing left behind. Exits with the failures. */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <l4/ipc.h>
#include "fs0.h"
#include "mm0.h"
#include "tap.h"
#include "warm_image.h"

#define PAGE		4096u
#define FILE_TEXT	"client memory\n"
#define FILE_TEXT_LEN	14u

/* Where the paths the test places by hand sit in the buffer: its third page,
 * clear of the first, where the stubs put bulk parameters (data, directory
 * records, cwd, execve's path and strings). */
enum {
	OFF_FILE = 2 * PAGE, OFF_DIR = OFF_FILE + 64, OFF_MOVED = OFF_FILE + 128,
	OFF_NEW = OFF_FILE + 192, OFF_PARENT = OFF_FILE + 256, OUT_LEN = 1024
};
#define PATH(text)	text, sizeof(text) - 1

/* What is done to the buffer between setting it up and the requests. */
enum change { KEEP, UNMAP, UNMAP_HEAD, SHRINK, REMAP, PROTECT_NONE, CHANGES };
static const char *const change_names[CHANGES] = {
	"kept", "unmapped", "first page unmapped", "shrunk to one page",
	"replaced by anonymous memory", "made PROT_NONE",
};

struct client {
	uint32_t fs0;
	char *buffer;
	uint32_t size;
	int file_fd;
	int dir_fd;
};

static void put(struct client *c, uint32_t off, const char *text, uint32_t len)
{
	memcpy(c->buffer + off, text, len);
}

/* A thread's buffer from mm0 (a forked child asks for its own), the request
 * bytes written into it, and descriptors for the data requests. */
static int client_setup(struct client *c)
{
	uintptr_t address = 0;
	if (mm_fs0_buffer(l4_utcb()->pager, &c->fs0, &address, &c->size) < 0 || c->size < 4 * PAGE)
		return -1;
	c->buffer = (char *)address;
	/* The stubs put their paths at the buffer's start, so they go first. */
	c->file_fd = fs0_open(c->fs0, FS0_AT_FDCWD, "/cm/file", FS0_O_RDWR, 0);
	c->dir_fd = fs0_open(c->fs0, FS0_AT_FDCWD, "/cm", FS0_O_RDONLY | FS0_O_DIRECTORY, 0);
	put(c, OFF_FILE, PATH("/cm/file"));
	put(c, OFF_DIR, PATH("/cm/dir"));
	put(c, OFF_MOVED, PATH("/cm/moved"));
	put(c, OFF_NEW, PATH("/cm/new"));
	put(c, OFF_PARENT, PATH("/cm"));
	return c->file_fd >= 0 && c->dir_fd >= 0 ? 0 : -1;
}

static int change_buffer(struct client *c, enum change change)
{
	switch (change) {
	case KEEP:
		return 0;
	case UNMAP:
		return munmap(c->buffer, c->size);
	case UNMAP_HEAD:
		return munmap(c->buffer, PAGE);
	case SHRINK:
		return munmap(c->buffer + PAGE, c->size - PAGE);
	case REMAP:
		if (mmap(c->buffer, c->size, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != c->buffer)
			return -1;
		memset(c->buffer, 0xee, 3 * PAGE);
		return 0;
	case PROTECT_NONE:
		return mprotect(c->buffer, c->size, PROT_NONE);
	case CHANGES:
		break;
	}
	return -1;
}

/* A path request written word by word with the path's offset and length:
 * the stubs would copy the path into the buffer first, which a client that
 * unmapped its own buffer cannot do, while fs0 must still answer -EFAULT. */
static int raw_path_request(uint32_t fs0, uint32_t op, const uint32_t *words, unsigned count)
{
	uint32_t *mr = idlrt_mr();
	mr[0] = L4_TAG(op, count + 1);
	mr[1] = IDLRT_HEADER(FS0_IFACE_ID, FS0_IFACE_VERSION);
	for (unsigned i = 0; i < count; i++)
		mr[2 + i] = words[i];
	int error = idlrt_call(fs0);
	return error < 0 ? error : (int32_t)mr[1];
}

#define RAW(fs0, op, ...) \
	raw_path_request(fs0, op, (const uint32_t[]){ __VA_ARGS__ }, \
			 sizeof((const uint32_t[]){ __VA_ARGS__ }) / sizeof(uint32_t))
#define CWD	((uint32_t)FS0_AT_FDCWD)

/* A result is right when it is the request's own (as if the buffer still
 * held what was written into it) or -EFAULT. */
static bool answer(int result, int expected)
{
	return result == expected || result == -EFAULT;
}

/* Every request naming client memory once; 0, or the number of the first
 * that answered wrongly. Runs with the buffer in any state, so it never
 * touches the buffer itself: the stubs do, through libposix's copy that
 * answers -EFAULT instead of faulting. execve's file does not exist, so even a
 * process of two threads keeps them (exec ends them only once the file opened). */
static int requests(const struct client *c)
{
	char out[OUT_LEN];
	uint32_t out_len;
	int result, step = 0;
	uint32_t fs0 = c->fs0;
	l4_tid_t mm0 = l4_utcb()->pager;

	step++; result = RAW(fs0, FS0_OP_OPEN, CWD, OFF_FILE, 8, FS0_O_RDONLY, 0);
	if (result >= 0)
		result = fs0_close(fs0, result);
	if (!answer(result, 0)) return step;
	step++; result = RAW(fs0, FS0_OP_STAT, CWD, OFF_FILE, 8, 0);
	if (!answer(result, 0)) return step;
	step++; result = RAW(fs0, FS0_OP_MKDIR, CWD, OFF_DIR, 7, 0755);
	if (!answer(result, 0)) return step;
	step++; result = RAW(fs0, FS0_OP_RMDIR, CWD, OFF_DIR, 7);
	if (!answer(result, result == -EFAULT ? -ENOENT : 0)) return step;
	step++; result = RAW(fs0, FS0_OP_OPEN, CWD, OFF_NEW, 7, FS0_O_RDWR | FS0_O_CREAT | FS0_O_EXCL, 0644);
	if (result >= 0)
		result = fs0_close(fs0, result);
	if (!answer(result, 0)) return step;
	step++; result = RAW(fs0, FS0_OP_UNLINK, CWD, OFF_NEW, 7);
	if (!answer(result, 0) && result != -ENOENT) return step;
	step++; result = RAW(fs0, FS0_OP_RENAME, CWD, OFF_FILE, 8, CWD, OFF_MOVED, 9);
	if (!answer(result, 0)) return step;
	step++; if (result == 0 && RAW(fs0, FS0_OP_RENAME, CWD, OFF_MOVED, 9, CWD, OFF_FILE, 8) != 0) return step;
	step++; result = RAW(fs0, FS0_OP_CHDIR, OFF_PARENT, 3);
	if (!answer(result, 0)) return step;
	out_len = FS0_PATH_MAX;
	step++; result = fs0_getcwd(fs0, out, &out_len);
	if (result < 0 && result != -EFAULT) return step;
	step++; result = fs0_lseek(fs0, c->file_fd, 0, FS0_SEEK_SET, &(int64_t){ 0 });
	if (result != 0) return step;
	out_len = OUT_LEN;
	step++; result = fs0_read(fs0, c->file_fd, out, &out_len);
	if (!answer(result, FILE_TEXT_LEN)) return step;
	/* Writes the file's own text back: the stub copies it into the buffer,
	 * or answers -EFAULT when the client's side is gone. */
	step++; result = fs0_lseek(fs0, c->file_fd, 0, FS0_SEEK_SET, &(int64_t){ 0 });
	if (result != 0) return step;
	step++; result = fs0_write(fs0, c->file_fd, FILE_TEXT, FILE_TEXT_LEN);
	if (!answer(result, FILE_TEXT_LEN)) return step;
	step++; result = fs0_lseek(fs0, c->dir_fd, 0, FS0_SEEK_SET, &(int64_t){ 0 });
	if (result != 0) return step;
	out_len = OUT_LEN;
	step++; result = fs0_getdents(fs0, c->dir_fd, out, &out_len);
	if (result <= 0 && result != -EFAULT) return step;
	/* The stub wrote the path and strings through the client's side: with
	 * that side replaced, mm0 reads whatever the buffer's object holds, and
	 * refuses it as malformed (-EBADMSG) or unsplittable (-EINVAL). */
	step++; result = mm_execve(mm0, "/cm/none", "none", 5, 1, 0);
	if (!answer(result, -ENOENT) && result != -EBADMSG && result != -EINVAL)
		return step;
	step++; if (mm_spawn(mm0, "/cm/none", "x") != -ENOENT) return step;
	step++; result = mm_shm_open(mm0, "/cm-shm", FS0_O_RDWR | FS0_O_CREAT, 0600);
	if (result < 0 || mm_close(mm0, result) != 0 || mm_shm_unlink(mm0, "/cm-shm") != 0)
		return step;
	return 0;
}

static int between_requests(enum change change)
{
	struct client c;
	if (client_setup(&c))
		return 100;
	if (change_buffer(&c, change))
		return 101;
	int failed = requests(&c);
	if (failed)
		return failed;
	return write(STDOUT_FILENO, "# a console write\n", 18) == 18 ? 0 : 102;
}

#define CHANGER_ROUNDS	300u
#define CHANGER_STACK	16384u
static volatile int changer_done;

/* The other thread: the buffer through every change, over and over. */
static int changer(void *arg)
{
	struct client *c = arg;
	for (uint32_t round = 0; round < CHANGER_ROUNDS; round++) {
		enum change change = (enum change)(1 + round % (CHANGES - 1));
		change_buffer(c, change);
		mmap(c->buffer, c->size, PROT_READ | PROT_WRITE,
		     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	}
	changer_done = 1;
	return 0;
}

#define THREAD_FLAGS	(CLONE_VM | CLONE_THREAD | CLONE_SIGHAND | CLONE_FS | CLONE_FILES)

static int during_requests(enum change unused)
{
	(void)unused;
	struct client c;
	uint32_t rounds = 0;
	if (client_setup(&c))
		return 100;
	char *stack = malloc(CHANGER_STACK);
	if (!stack || clone(changer, stack + CHANGER_STACK, THREAD_FLAGS, &c) < 0)
		return 101;
	while (!changer_done) {
		int failed = requests(&c);
		if (failed)
			return failed;
		rounds++;
	}
	printf("# %lu rounds of requests while the buffer changed\n", (unsigned long)rounds);
	return 0;
}

static int32_t pipe_fds[2];

/* The other thread, once the first waits in its pipe read: the first's
 * buffer replaced, then bytes written through its own buffer. */
static int pipe_writer(void *arg)
{
	struct client *c = arg;
	usleep(20000);
	change_buffer(c, REMAP);
	changer_done = fs0_write(c->fs0, pipe_fds[1], "piped", 5) == 5 ? 1 : 2;
	return 0;
}

/* A read waiting in fs0 keeps its place in the buffer while the client
 * replaces its side: the bytes land in the buffer's object, and fs0 and
 * mm0 carry on. */
static int waiting_request(enum change unused)
{
	(void)unused;
	struct client c;
	if (client_setup(&c) || fs0_pipe(c.fs0, 0, pipe_fds) != 0)
		return 100;
	char *stack = malloc(CHANGER_STACK);
	if (!stack || clone(pipe_writer, stack + CHANGER_STACK, THREAD_FLAGS, &c) < 0)
		return 101;
	char out[16];
	uint32_t out_len = sizeof(out);
	int result = fs0_read(c.fs0, pipe_fds[0], out, &out_len);
	if (result != 5 && result != -EFAULT)
		return 1;
	while (!changer_done)
		usleep(1000);
	return changer_done == 1 ? requests(&c) : 2;
}

/* The caller's own memory, not the shared buffer, is bad: a page mapped and
 * unmapped again, and a kernel address. Each bulk parameter the stubs copy
 * to or from it answers -EFAULT (libposix's copy), and the calls after it
 * work; 0, or the number of the first that answered wrongly. */
static int bad_bulk_pointers(enum change unused)
{
	(void)unused;
	struct client c;
	if (client_setup(&c))
		return 100;
	char *gone = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (gone == MAP_FAILED || munmap(gone, PAGE) != 0)
		return 101;
	char *const bad[] = { gone, (char *)0xc0000000u };	/* the kernel's half */
	char text[16];
	int step = 0, fd = open("/cm/file", O_RDWR);
	if (fd < 0)
		return 102;
	for (unsigned i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		uint32_t len = FILE_TEXT_LEN, cwd_len = 64, dents_len = 512;
		/* fs0 has read the bytes when the stub's copy fails: start again. */
		step++; if (fs0_lseek(c.fs0, c.file_fd, 0, FS0_SEEK_SET, &(int64_t){ 0 }) != 0) return step;
		step++; if (fs0_lseek(c.fs0, c.dir_fd, 0, FS0_SEEK_SET, &(int64_t){ 0 }) != 0) return step;
		step++; if (fs0_read(c.fs0, c.file_fd, bad[i], &len) != -EFAULT) return step;
		step++; if (fs0_write(c.fs0, c.file_fd, bad[i], FILE_TEXT_LEN) != -EFAULT) return step;
		step++; if (fs0_getdents(c.fs0, c.dir_fd, bad[i], &dents_len) != -EFAULT) return step;
		step++; if (fs0_getcwd(c.fs0, bad[i], &cwd_len) != -EFAULT) return step;
		step++; if (mm_execve(l4_utcb()->pager, "/cm/none", bad[i], 5, 1, 0) != -EFAULT) return step;
		step++; if (read(fd, bad[i], 4) != -1 || errno != EFAULT) return step;
		step++; if (write(fd, bad[i], 4) != -1 || errno != EFAULT) return step;
	}
	/* The same calls with good memory: the servers and the channel are unharmed. */
	uint32_t len = sizeof(text);
	step++; if (fs0_lseek(c.fs0, c.file_fd, 0, FS0_SEEK_SET, &(int64_t){ 0 }) != 0) return step;
	step++; if (fs0_read(c.fs0, c.file_fd, text, &len) != FILE_TEXT_LEN) return step;
	step++; if (memcmp(text, FILE_TEXT, FILE_TEXT_LEN) != 0) return step;
	step++; if (mm_execve(l4_utcb()->pager, "/cm/none", "none", 5, 1, 0) != -ENOENT) return step;
	return 0;
}

static int run_child(int (*fn)(enum change), enum change change)
{
	int status = 0;
	pid_t pid = fork();
	if (pid == 0)
		_exit(fn(change));
	if (pid < 0 || waitpid(pid, &status, 0) != pid)
		return -1;
	return status;
}

/* A fresh process reaches all three servers, and the file kept its text. */
static int health(enum change unused)
{
	(void)unused;
	char text[32] = { 0 };
	if (getpid() <= 1)
		return 1;
	int fd = open("/cm/file", O_RDONLY);
	if (fd < 0 || read(fd, text, sizeof(text)) != FILE_TEXT_LEN || strcmp(text, FILE_TEXT))
		return 2;
	close(fd);
	if (printf("# health: mm0, fs0 and the console answer\n") <= 0 || fflush(stdout))
		return 3;
	return 0;
}

static void check_child(const char *name, int status)
{
	check_report(status == 0, name, "status %#x (the request numbered by the exit code "
		     "answered wrongly)", (unsigned)status);
	int healthy = run_child(health, KEEP);
	check_report(healthy == 0, "mm0, fs0 and the console still serve", "status %#x",
		     (unsigned)healthy);
}

static struct mm_counts counts_now(void)
{
	struct mm_counts now = { 0 };
	mm_stats(l4_utcb()->pager, &now);
	return now;
}

int main(void)
{
	char name[96];
	printf("clientmem: requests on a changed fs0 buffer\n");
	int fd = -1;
	check("a directory and a file for the requests", mkdir("/cm", 0755) == 0 &&
	      (fd = open("/cm/file", O_RDWR | O_CREAT, 0644)) >= 0 &&
	      write(fd, FILE_TEXT, FILE_TEXT_LEN) == FILE_TEXT_LEN && close(fd) == 0, errno);
	/* One harmless round first, so that the stack and heap have grown to
	 * what the rounds need before the counts are taken. */
	check_child("requests with the buffer kept", run_child(between_requests, KEEP));
	warm_program_image();
	struct mm_counts before = counts_now();
	for (enum change change = UNMAP; change < CHANGES; change++) {
		snprintf(name, sizeof(name), "requests with the buffer %s", change_names[change]);
		check_child(name, run_child(between_requests, change));
	}
	check_child("requests while another thread changes the buffer",
		    run_child(during_requests, KEEP));
	check_child("a waiting pipe read while another thread replaces the buffer",
		    run_child(waiting_request, KEEP));
	check_child("bad pointers to bulk parameters: -EFAULT, and the next calls work",
		    run_child(bad_bulk_pointers, KEEP));
	struct mm_counts after = counts_now();
	check_report(before.free_pages == after.free_pages && before.live_objects == after.live_objects &&
		     before.live_areas == after.live_areas && before.live_tasks == after.live_tasks &&
		     before.live_allocs == after.live_allocs,
		     "mm0's counts come back (buffers released with their threads)",
		     "pages %lu/%lu objects %lu/%lu areas %lu/%lu tasks %lu/%lu allocs %lu/%lu",
		     (unsigned long)after.free_pages, (unsigned long)before.free_pages,
		     (unsigned long)after.live_objects, (unsigned long)before.live_objects,
		     (unsigned long)after.live_areas, (unsigned long)before.live_areas,
		     (unsigned long)after.live_tasks, (unsigned long)before.live_tasks,
		     (unsigned long)after.live_allocs, (unsigned long)before.live_allocs);
	unlink("/cm/file");
	rmdir("/cm");
	return tap_summary("clientmem");
}
