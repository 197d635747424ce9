/* fake_system.c - an in-memory model of the system calls the shell makes.
 * A spawned child runs at once, to its exit, before spawn returns, so a
 * pipe holds all its writer's output before its reader starts; a read from
 * an empty pipe that still has a writer would block for ever, and fails
 * the test instead, which catches a pipe end the shell forgot to close. */
#include <check.h>
#include <ctype.h>
#include <errno.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fake_system.h"

#define FAKE_FDS	16
#define MAX_FILES	16
#define MAX_OPEN	64
#define MAX_PIPES	16
#define MAX_DEPTH	6	/* a process's children's children ... */
#define MAX_CHILDREN	64
#define TEXT_MAX	16384

/* LeakSanitizer's switches, when the tests are built with it: what a child
 * allocates goes with it when it execs or exits, as a process's memory
 * would, but the model cannot free it. */
extern void __lsan_disable(void) __attribute__((weak));
extern void __lsan_enable(void) __attribute__((weak));

const char fake_ctrl_c[] = "<Ctrl-C>";

struct file {
	char path[64];
	char data[TEXT_MAX];
	size_t len;
	bool script, used;
};

struct pipe {
	char data[TEXT_MAX];
	size_t start, len;
	int readers, writers;
};

enum open_kind { FREE, TERMINAL_IN, TERMINAL_OUT, TERMINAL_ERR, FILE_READ, FILE_WRITE,
		 PIPE_READ, PIPE_WRITE };

struct open_file {
	enum open_kind kind;
	int refs;
	int index;	/* the file's or the pipe's */
	size_t offset;
	bool append;
};

struct process {
	long pid, pgid;
	int fds[FAKE_FDS];	/* open file numbers, -1 closed */
	bool cloexec[FAKE_FDS];
};

struct child {
	long pid, pgid;
	int status;
	bool reaped;
};

static struct {
	struct file files[MAX_FILES];
	struct pipe pipes[MAX_PIPES];
	struct open_file open[MAX_OPEN];
	struct process processes[MAX_DEPTH];
	jmp_buf exits[MAX_DEPTH];
	int depth;
	struct child children[MAX_CHILDREN];
	int child_count;
	long next_pid, foreground;
	const char *const *input;
	size_t input_offset;	/* into *input */
	bool terminal, sigint_ignored, ignored_at_waits;
	char out[TEXT_MAX], err[TEXT_MAX], exec_log[TEXT_MAX];
	char cwd[SH_LINE_MAX];
} fake;

static struct process *current(void)
{
	return &fake.processes[fake.depth];
}

static void append(char *buffer, const char *text, size_t len)
{
	size_t used = strlen(buffer);

	ck_assert_msg(used + len < TEXT_MAX, "fake output overflows");
	memcpy(buffer + used, text, len);
	buffer[used + len] = '\0';
}

static int new_open(enum open_kind kind, int index)
{
	for (int i = 0; i < MAX_OPEN; i++) {
		if (fake.open[i].kind == FREE) {
			fake.open[i] = (struct open_file){ kind, 0, index, 0, false };
			return i;
		}
	}
	ck_abort_msg("fake: too many open files");
	return -1;
}

static void release(int open)
{
	struct open_file *file = &fake.open[open];

	if (--file->refs)
		return;
	if (file->kind == PIPE_READ)
		fake.pipes[file->index].readers--;
	if (file->kind == PIPE_WRITE)
		fake.pipes[file->index].writers--;
	file->kind = FREE;
}

/* The lowest free descriptor at or above lowest, given open file open. */
static int install(int open, int lowest, bool cloexec)
{
	for (int fd = lowest; fd < FAKE_FDS; fd++) {
		if (current()->fds[fd] < 0) {
			current()->fds[fd] = open;
			current()->cloexec[fd] = cloexec;
			fake.open[open].refs++;
			return fd;
		}
	}
	return -EMFILE;
}

static bool valid_fd(int fd)
{
	return fd >= 0 && fd < FAKE_FDS && current()->fds[fd] >= 0;
}

void fake_reset(void)
{
	memset(&fake, 0, sizeof(fake));
	fake.next_pid = FAKE_SHELL_PID + 1;
	fake.processes[0].pid = fake.processes[0].pgid = FAKE_SHELL_PID;
	fake.foreground = FAKE_SHELL_PID;
	fake.ignored_at_waits = true;
	strcpy(fake.cwd, "/");
	for (int fd = 0; fd < FAKE_FDS; fd++)
		fake.processes[0].fds[fd] = -1;
	install(new_open(TERMINAL_IN, 0), 0, false);
	install(new_open(TERMINAL_OUT, 0), 1, false);
	install(new_open(TERMINAL_ERR, 0), 2, false);
	fake_add_file("/boot/hello.txt", "hello from bootfs\n", false);
}

void fake_type(const char *const *lines)
{
	fake.input = lines;
	fake.input_offset = 0;
}

void fake_set_terminal(bool terminal)
{
	fake.terminal = terminal;
}

static struct file *find_file(const char *path)
{
	for (int i = 0; i < MAX_FILES; i++) {
		if (fake.files[i].used && strcmp(fake.files[i].path, path) == 0)
			return &fake.files[i];
	}
	return NULL;
}

static struct file *create_file(const char *path)
{
	struct file *file = find_file(path);

	for (int i = 0; !file && i < MAX_FILES; i++) {
		if (!fake.files[i].used)
			file = &fake.files[i];
	}
	ck_assert_msg(file != NULL, "fake: too many files");
	ck_assert_uint_lt(strlen(path), sizeof(file->path));
	strcpy(file->path, path);
	file->used = true;
	return file;
}

void fake_add_file(const char *path, const char *contents, bool script)
{
	struct file *file = create_file(path);

	ck_assert_uint_lt(strlen(contents), sizeof(file->data));
	file->len = strlen(contents);
	memcpy(file->data, contents, file->len);
	file->script = script;
}

const char *fake_file(const char *path)
{
	struct file *file = find_file(path);

	if (!file)
		return NULL;
	file->data[file->len] = '\0';
	return file->data;
}

const char *fake_stdout(void)
{
	return fake.out;
}

const char *fake_stderr(void)
{
	return fake.err;
}

const char *fake_exec_log(void)
{
	return fake.exec_log;
}

int fake_open_fds(void)
{
	int count = 0;

	for (int fd = 0; fd < FAKE_FDS; fd++)
		count += fake.processes[0].fds[fd] >= 0;
	return count;
}

long fake_pgid(long pid)
{
	if (pid == FAKE_SHELL_PID)
		return fake.processes[0].pgid;
	for (int i = 0; i < fake.child_count; i++) {
		if (fake.children[i].pid == pid)
			return fake.children[i].pgid;
	}
	return -1;
}

long fake_foreground(void)
{
	return fake.foreground;
}

bool fake_sigint_ignored(void)
{
	return fake.sigint_ignored;
}

bool fake_sigint_ignored_at_waits(void)
{
	return fake.ignored_at_waits;
}

static long read_terminal(char *buffer, size_t size)
{
	const char *line = fake.input ? *fake.input : NULL;
	size_t len;

	if (!line)
		return 0;
	if (line == fake_ctrl_c) {
		fake.input++;
		return -EINTR;
	}
	len = strlen(line + fake.input_offset);
	if (len > size)
		len = size;
	memcpy(buffer, line + fake.input_offset, len);
	fake.input_offset += len;
	if (!line[fake.input_offset]) {
		fake.input++;
		fake.input_offset = 0;
	}
	return (long)len;
}

static long fake_read(void *ctx, int fd, char *buffer, size_t size)
{
	struct open_file *open;
	size_t len;

	(void)ctx;
	if (!valid_fd(fd))
		return -EBADF;
	open = &fake.open[current()->fds[fd]];
	if (open->kind == TERMINAL_IN)
		return read_terminal(buffer, size);
	if (open->kind == FILE_READ) {
		struct file *file = &fake.files[open->index];

		len = file->len - open->offset < size ? file->len - open->offset : size;
		memcpy(buffer, file->data + open->offset, len);
		open->offset += len;
		return (long)len;
	}
	if (open->kind == PIPE_READ) {
		struct pipe *pipe = &fake.pipes[open->index];

		ck_assert_msg(pipe->len || !pipe->writers,
			      "read from an empty pipe that still has a writer would block");
		len = pipe->len < size ? pipe->len : size;
		memcpy(buffer, pipe->data + pipe->start, len);
		pipe->start += len;
		pipe->len -= len;
		return (long)len;
	}
	return -EBADF;
}

static long fake_write(void *ctx, int fd, const char *text, size_t len)
{
	struct open_file *open;

	(void)ctx;
	if (!valid_fd(fd))
		return -EBADF;
	open = &fake.open[current()->fds[fd]];
	if (open->kind == TERMINAL_OUT || open->kind == TERMINAL_ERR) {
		append(open->kind == TERMINAL_OUT ? fake.out : fake.err, text, len);
	} else if (open->kind == FILE_WRITE) {
		struct file *file = &fake.files[open->index];

		if (open->append)
			open->offset = file->len;
		ck_assert_uint_lt(open->offset + len, sizeof(file->data));
		memcpy(file->data + open->offset, text, len);
		open->offset += len;
		if (open->offset > file->len)
			file->len = open->offset;
	} else if (open->kind == PIPE_WRITE) {
		struct pipe *pipe = &fake.pipes[open->index];

		if (!pipe->readers)
			return -EPIPE;
		ck_assert_uint_lt(pipe->start + pipe->len + len, sizeof(pipe->data));
		memcpy(pipe->data + pipe->start + pipe->len, text, len);
		pipe->len += len;
	} else {
		return -EBADF;
	}
	return (long)len;
}

/* Files live in /, /bin, /boot and /tmp; other directories do not exist. */
static bool directory_exists(const char *path)
{
	const char *slash = strrchr(path, '/');
	size_t len = slash ? (size_t)(slash - path) : 0;

	return !slash || len == 0 || (len == 4 && strncmp(path, "/bin", 4) == 0) ||
	       (len == 5 && strncmp(path, "/boot", 5) == 0) ||
	       (len == 4 && strncmp(path, "/tmp", 4) == 0);
}

static int fake_open(void *ctx, const char *path, enum sh_open_mode mode)
{
	struct file *file = find_file(path);
	int open, fd;

	(void)ctx;
	if (!directory_exists(path))
		return -ENOENT;
	if (mode == SH_OPEN_READ) {
		if (!file)
			return -ENOENT;
		open = new_open(FILE_READ, (int)(file - fake.files));
	} else {
		file = create_file(path);
		if (mode == SH_OPEN_WRITE)
			file->len = 0;
		open = new_open(FILE_WRITE, (int)(file - fake.files));
		fake.open[open].append = mode == SH_OPEN_APPEND;
	}
	fd = install(open, 0, false);
	if (fd < 0)
		fake.open[open].kind = FREE;
	return fd;
}

static int fake_close(void *ctx, int fd)
{
	(void)ctx;
	if (!valid_fd(fd))
		return -EBADF;
	release(current()->fds[fd]);
	current()->fds[fd] = -1;
	return 0;
}

static int fake_dup2(void *ctx, int fd, int new_fd)
{
	(void)ctx;
	if (!valid_fd(fd) || new_fd < 0 || new_fd >= FAKE_FDS)
		return -EBADF;
	if (fd == new_fd)
		return new_fd;
	if (valid_fd(new_fd))
		fake_close(ctx, new_fd);
	return install(current()->fds[fd], new_fd, false);
}

static int fake_save_fd(void *ctx, int fd)
{
	(void)ctx;
	if (!valid_fd(fd))
		return -EBADF;
	return install(current()->fds[fd], 10, true);
}

static int fake_pipe(void *ctx, int ends[2])
{
	int index;

	(void)ctx;
	for (index = 0; index < MAX_PIPES && (fake.pipes[index].readers ||
					       fake.pipes[index].writers); index++)
		;
	ck_assert_msg(index < MAX_PIPES, "fake: too many pipes");
	fake.pipes[index] = (struct pipe){ .readers = 1, .writers = 1 };
	ends[0] = install(new_open(PIPE_READ, index), 0, false);
	ends[1] = install(new_open(PIPE_WRITE, index), 0, false);
	return 0;
}

static bool fake_isatty(void *ctx, int fd)
{
	enum open_kind kind;

	(void)ctx;
	if (!valid_fd(fd))
		return false;
	kind = fake.open[current()->fds[fd]].kind;
	return fake.terminal && (kind == TERMINAL_IN || kind == TERMINAL_OUT || kind == TERMINAL_ERR);
}

static struct child *find_child(long pid)
{
	for (int i = 0; i < fake.child_count; i++) {
		if (fake.children[i].pid == pid)
			return &fake.children[i];
	}
	return NULL;
}

static long fake_spawn(void *ctx, void (*run)(void *arg), void *arg)
{
	struct process *parent = current(), *child;
	struct child *record;

	(void)ctx;
	ck_assert_msg(fake.depth + 1 < MAX_DEPTH, "fake: processes nested too deep");
	ck_assert_msg(fake.child_count < MAX_CHILDREN, "fake: too many processes");
	record = &fake.children[fake.child_count++];
	*record = (struct child){ .pid = fake.next_pid++, .pgid = parent->pgid, .status = -1 };
	child = &fake.processes[++fake.depth];
	*child = *parent;
	child->pid = record->pid;
	for (int fd = 0; fd < FAKE_FDS; fd++) {
		if (child->fds[fd] >= 0)
			fake.open[child->fds[fd]].refs++;
	}
	if (__lsan_disable)
		__lsan_disable();
	if (setjmp(fake.exits[fake.depth]) == 0) {
		run(arg);
		ck_abort_msg("a child returned instead of exiting");
	}
	if (__lsan_enable)
		__lsan_enable();
	for (int fd = 0; fd < FAKE_FDS; fd++) {
		if (child->fds[fd] >= 0)
			release(child->fds[fd]);
	}
	fake.depth--;
	return record->pid;
}

static __attribute__((noreturn)) void fake_exit(void *ctx, int status)
{
	(void)ctx;
	ck_assert_msg(fake.depth > 0, "the shell's own process called exit");
	find_child(current()->pid)->status = status;
	longjmp(fake.exits[fake.depth], 1);
}

/* Programs: they read and write through the same calls as the shell. */
static void put(int fd, const char *text)
{
	fake_write(NULL, fd, text, strlen(text));
}

static int copy_fd(int fd, bool upper)
{
	char buffer[64];
	long got;

	while ((got = fake_read(NULL, fd, buffer, sizeof(buffer))) > 0) {
		for (long i = 0; upper && i < got; i++)
			buffer[i] = (char)toupper((unsigned char)buffer[i]);
		if (fake_write(NULL, 1, buffer, (size_t)got) != got)
			return 1;
	}
	return got < 0;
}

/* cat [FILE...]: the files, or standard input, to standard output. */
static int program_cat(char **argv, char **envp)
{
	int status = 0;

	(void)envp;
	if (!argv[1])
		return copy_fd(0, false);
	for (int i = 1; argv[i]; i++) {
		int fd = fake_open(NULL, argv[i], SH_OPEN_READ);

		if (fd < 0) {
			put(2, "cat: cannot open\n");
			status = 1;
			continue;
		}
		status |= copy_fd(fd, false);
		fake_close(NULL, fd);
	}
	return status;
}

static int program_upper(char **argv, char **envp)
{
	(void)argv, (void)envp;
	return copy_fd(0, true);
}

/* args: each argument in brackets, then the count as the status. */
static int program_args(char **argv, char **envp)
{
	int count = 0;

	(void)envp;
	for (; argv[count + 1]; count++) {
		put(1, "[");
		put(1, argv[count + 1]);
		put(1, "]");
	}
	put(1, "\n");
	return count;
}

/* printenv NAME...: each value from the environment; 1 if one is missing. */
static int program_printenv(char **argv, char **envp)
{
	int status = 0;

	for (int i = 1; argv[i]; i++) {
		size_t len = strlen(argv[i]);
		char **entry = envp;

		while (*entry && !(strncmp(*entry, argv[i], len) == 0 && (*entry)[len] == '='))
			entry++;
		if (*entry) {
			put(1, *entry + len + 1);
			put(1, "\n");
		} else {
			status = 1;
		}
	}
	return status;
}

static int program_fail(char **argv, char **envp)
{
	(void)argv, (void)envp;
	put(1, "out\n");
	put(2, "err\n");
	return 3;
}

static int program_crash(char **argv, char **envp)
{
	(void)argv, (void)envp;
	return 128 + 11;
}

/* Killed by the Ctrl-C typed while it runs. */
static int program_interrupted(char **argv, char **envp)
{
	(void)argv, (void)envp;
	return 128 + 2;
}

/* pgrp: its process group and the terminal's foreground group. */
static int program_pgrp(char **argv, char **envp)
{
	char text[64];

	(void)argv, (void)envp;
	snprintf(text, sizeof(text), "pgid %ld foreground %ld\n", current()->pgid,
		 fake.foreground);
	put(1, text);
	return 0;
}

static const struct program {
	const char *path;
	int (*run)(char **argv, char **envp);
} programs[] = {
	{ "/bin/cat", program_cat }, { "/bin/upper", program_upper },
	{ "/bin/args", program_args }, { "/bin/printenv", program_printenv },
	{ "/bin/fail", program_fail }, { "/boot/crash", program_crash },
	{ "/bin/interrupted", program_interrupted }, { "/bin/pgrp", program_pgrp },
	{ "/bin/locked", NULL },	/* not executable: EACCES */
};

static int fake_exec(void *ctx, const char *path, char *const argv[], char *const envp[])
{
	struct file *file = find_file(path);

	append(fake.exec_log, path, strlen(path));
	append(fake.exec_log, " ", 1);
	for (size_t i = 0; i < sizeof(programs) / sizeof(programs[0]); i++) {
		if (strcmp(programs[i].path, path) != 0)
			continue;
		if (!programs[i].run)
			return -EACCES;
		for (int fd = 0; fd < FAKE_FDS; fd++) {
			if (current()->cloexec[fd])
				fake_close(ctx, fd);
		}
		fake_exit(ctx, programs[i].run((char **)argv, (char **)envp));
	}
	if (file)
		return file->script ? -ENOEXEC : -EACCES;
	return directory_exists(path) ? -ENOENT : -ENOTDIR;
}

static int fake_wait(void *ctx, long pid)
{
	struct child *child = find_child(pid);

	(void)ctx;
	if (!child || child->reaped)
		return -ECHILD;
	ck_assert_int_ge(child->status, 0);
	child->reaped = true;
	fake.ignored_at_waits &= fake.sigint_ignored;
	return child->status;
}

static int fake_setpgid(void *ctx, long pid, long pgid)
{
	struct child *child;

	(void)ctx;
	if (pid == 0)
		pid = current()->pid;
	if (pgid == 0)
		pgid = pid;
	if (pid == current()->pid)
		current()->pgid = pgid;
	child = find_child(pid);
	if (child)
		child->pgid = pgid;
	else if (pid != FAKE_SHELL_PID)
		return -ESRCH;
	return 0;
}

static int fake_set_foreground(void *ctx, long pgid)
{
	(void)ctx;
	fake.foreground = pgid ? pgid : current()->pgid;
	return 0;
}

static void fake_ignore_sigint(void *ctx, bool ignore)
{
	(void)ctx;
	fake.sigint_ignored = ignore;
}

static int fake_chdir(void *ctx, const char *path)
{
	(void)ctx;
	if (strcmp(path, "/") != 0 && strcmp(path, "/boot") != 0 && strcmp(path, "/tmp") != 0)
		return -ENOENT;
	strcpy(fake.cwd, path);
	return 0;
}

static int fake_getcwd(void *ctx, char *buffer, size_t size)
{
	(void)ctx;
	if (strlen(fake.cwd) >= size)
		return -ERANGE;
	strcpy(buffer, fake.cwd);
	return 0;
}

const struct sh_ops fake_ops = {
	.read = fake_read, .write = fake_write, .open = fake_open, .close = fake_close,
	.dup2 = fake_dup2, .save_fd = fake_save_fd, .pipe = fake_pipe, .isatty = fake_isatty,
	.spawn = fake_spawn, .exec = fake_exec, .exit = fake_exit, .wait = fake_wait,
	.setpgid = fake_setpgid, .set_foreground = fake_set_foreground,
	.ignore_sigint = fake_ignore_sigint, .chdir = fake_chdir, .getcwd = fake_getcwd,
};
