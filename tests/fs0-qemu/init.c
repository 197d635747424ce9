/* init.c - fs0 on QEMU, driven through mm0 and the generated fs0 stubs: files in
 * the root and /boot, file mappings, descriptors across fork and exit, pipes,
 * msync, big files and a full file system. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "fs0.h"
#include "mm0test_rt.h"
#include "tap.h"

#define PAGE 4096u
/* The stubs put paths and data at the start of the shared buffer. */
#define DATA_OFF 1024u

static idlrt_dest_t fs;
static char *shared;
static uint32_t shared_size;

static int f_open(const char *path, uint32_t flags)
{
	return fs0_open(fs, FS0_AT_FDCWD, path, flags, 0644);
}

static int f_stat(const char *path, struct fs0_stat_info *st)
{
	return fs0_stat(fs, FS0_AT_FDCWD, path, 0, st);
}

static int f_write(int fd, const void *data, uint32_t len)
{
	return fs0_write(fs, fd, data, len);
}

static int f_read(int fd, void *data, uint32_t len)
{
	return fs0_read(fs, fd, data, &len);
}

static int64_t f_seek(int fd, int64_t offset, int whence)
{
	int64_t now = -1;
	int result = fs0_lseek(fs, fd, offset, whence, &now);

	return result < 0 ? result : now;
}

/* Every thread that talks to fs0 asks mm0 for its buffer first (a forked child too). */
static int connect_fs0(void)
{
	uint32_t tid = 0, size = 0;
	uintptr_t addr = 0;
	int result = mm_fs0_buffer(mm0c_server(), &tid, &addr, &size);

	if (result == 0) {
		fs = tid;
		shared = (char *)addr;
		shared_size = size;
	}
	return result;
}

/* Equal, or a line naming what differs. */
static int counts_equal(const struct fs0_counts *a, const struct fs0_counts *b)
{
	if (memcmp(a, b, sizeof(*a)) == 0)
		return 1;
	printf("# fs0 counts: vnodes %u/%u files %u/%u descriptors %u/%u tables %u/%u tasks %u/%u "
	       "pipes %u/%u handles %u/%u pending %u/%u allocations %u/%u\n",
	       (unsigned)a->vnodes, (unsigned)b->vnodes, (unsigned)a->files, (unsigned)b->files,
	       (unsigned)a->descriptors, (unsigned)b->descriptors, (unsigned)a->tables,
	       (unsigned)b->tables, (unsigned)a->tasks, (unsigned)b->tasks, (unsigned)a->pipes,
	       (unsigned)b->pipes, (unsigned)a->handles, (unsigned)b->handles,
	       (unsigned)a->pending, (unsigned)b->pending, (unsigned)a->allocations,
	       (unsigned)b->allocations);
	return 0;
}

static uint8_t pattern(uint32_t at)
{
	return (uint8_t)(at % 251u);
}

static void test_boot_files(void)
{
	char text[64] = { 0 };
	int fd = f_open("/boot/hello.txt", FS0_O_RDONLY);

	CHECK("open /boot/hello.txt from the boot archive", fd >= 0);
	CHECK("read /boot/hello.txt",
	      f_read(fd, text, sizeof(text) - 1) == 18 && strcmp(text, "hello from bootfs\n") == 0);
	CHECK("/boot is read-only", f_open("/boot/new", FS0_O_RDWR | FS0_O_CREAT) == -EROFS);
	CHECK("close", fs0_close(fs, fd) == 0);
}

static void test_files(void)
{
	struct fs0_stat_info st;
	char back[32] = { 0 };
	int fd;

	CHECK("mkdir /fq", fs0_mkdir(fs, FS0_AT_FDCWD, "/fq", 0755) == 0);
	fd = f_open("/fq/a.txt", FS0_O_RDWR | FS0_O_CREAT | FS0_O_EXCL);
	CHECK("create /fq/a.txt", fd >= 0);
	CHECK("write 15 bytes", f_write(fd, "written by init", 15) == 15);
	CHECK("lseek to 0", f_seek(fd, 0, FS0_SEEK_SET) == 0);
	CHECK("read them back",
	      f_read(fd, back, sizeof(back)) == 15 && memcmp(back, "written by init", 15) == 0);
	CHECK("close", fs0_close(fs, fd) == 0);
	CHECK("rename /fq/a.txt to /fq/b.txt",
	      fs0_rename(fs, FS0_AT_FDCWD, "/fq/a.txt", FS0_AT_FDCWD, "/fq/b.txt") == 0);
	CHECK("the old name is gone", f_stat("/fq/a.txt", &st) == -ENOENT);
	CHECK("the new name has the 15 bytes", f_stat("/fq/b.txt", &st) == 0 && st.size == 15);
	CHECK("unlink /fq/b.txt", fs0_unlink(fs, FS0_AT_FDCWD, "/fq/b.txt") == 0);
	CHECK("deleted", f_stat("/fq/b.txt", &st) == -ENOENT);
}

static void test_map_with_offset(void)
{
	static uint8_t page[PAGE];
	uint32_t bad = 0;
	uint8_t *map;
	int read_only;
	int fd = f_open("/fq/pattern", FS0_O_RDWR | FS0_O_CREAT);

	for (uint32_t p = 0; p < 3; p++) {
		for (uint32_t i = 0; i < PAGE; i++)
			page[i] = pattern(p * PAGE + i);
		f_write(fd, page, PAGE);
	}
	map = (uint8_t *)mm_mmap(mm0c_server(), 0, 2 * PAGE, MM0_PROT_READ, MM0_MAP_PRIVATE, fd,
				 PAGE);
	CHECK("mmap of a file at offset 4096", (intptr_t)map > 0);
	if ((intptr_t)map <= 0)
		return;
	for (uint32_t i = 0; i < 2 * PAGE; i++)
		bad += map[i] != pattern(PAGE + i);
	CHECK("the mapping shows the file's bytes from offset 4096", bad == 0);
	CHECK("munmap", mm_munmap(mm0c_server(), (uintptr_t)map, 2 * PAGE) == 0);
	read_only = f_open("/boot/hello.txt", FS0_O_RDONLY);
	CHECK("a writable shared map of a read-only descriptor is refused",
	      mm_mmap(mm0c_server(), 0, PAGE, MM0_PROT_READ | MM0_PROT_WRITE, MM0_MAP_SHARED,
		      read_only, 0) == -EACCES);
	fs0_close(fs, read_only);
	CHECK("mmap of a closed descriptor: EBADF",
	      mm_mmap(mm0c_server(), 0, PAGE, MM0_PROT_READ, MM0_MAP_PRIVATE, read_only, 0) ==
		      -EBADF);
	fs0_close(fs, fd);
}

static void test_map_shared_write(void)
{
	static const uint8_t zeros[PAGE];
	char back[8] = { 0 };
	int fd = f_open("/fq/shared", FS0_O_RDWR | FS0_O_CREAT);
	char *map;

	f_write(fd, zeros, PAGE);
	f_write(fd, zeros, PAGE);
	map = (char *)mm_mmap(mm0c_server(), 0, 2 * PAGE, MM0_PROT_READ | MM0_PROT_WRITE,
			      MM0_MAP_SHARED, fd, 0);
	CHECK("MAP_SHARED writable map of a file", (intptr_t)map > 0);
	if ((intptr_t)map <= 0)
		return;
	memcpy(map + PAGE + 10, "shared!", 7);
	CHECK("munmap writes it back", mm_munmap(mm0c_server(), (uintptr_t)map, 2 * PAGE) == 0);
	f_seek(fd, PAGE + 10, FS0_SEEK_SET);
	CHECK("read() sees the bytes written through MAP_SHARED",
	      f_read(fd, back, 7) == 7 && memcmp(back, "shared!", 7) == 0);
	fs0_close(fs, fd);
	fs0_unlink(fs, FS0_AT_FDCWD, "/fq/shared");
	fs0_unlink(fs, FS0_AT_FDCWD, "/fq/pattern");
}

/* msync: bytes written through the mapping reach read() without munmap, and
 * bytes written with write() show in the mapping after msync. */
static void test_msync(void)
{
	static const uint8_t zeros[PAGE];
	char back[8] = { 0 };
	int fd = f_open("/fq/synced", FS0_O_RDWR | FS0_O_CREAT);
	char *map;

	f_write(fd, zeros, PAGE);
	f_write(fd, zeros, PAGE);
	map = (char *)mm_mmap(mm0c_server(), 0, 2 * PAGE, MM0_PROT_READ | MM0_PROT_WRITE,
			      MM0_MAP_SHARED, fd, 0);
	CHECK("MAP_SHARED map for msync", (intptr_t)map > 0);
	if ((intptr_t)map <= 0)
		return;
	memcpy(map + 100, "mapped", 6);
	CHECK("msync(MS_SYNC) of a shared file mapping",
	      map[PAGE] == 0 && mm_msync(mm0c_server(), (uintptr_t)map, 2 * PAGE, 4) == 0);
	f_seek(fd, 100, FS0_SEEK_SET);
	CHECK("read() sees bytes written through the mapping after msync, before munmap",
	      f_read(fd, back, 6) == 6 && memcmp(back, "mapped", 6) == 0);
	f_seek(fd, PAGE + 8, FS0_SEEK_SET);
	f_write(fd, "written", 7);
	f_seek(fd, 200, FS0_SEEK_SET);
	f_write(fd, "again", 5);
	CHECK("after msync(MS_INVALIDATE) the mapping shows what write() put in the file",
	      mm_msync(mm0c_server(), (uintptr_t)map, 2 * PAGE, 2 | 1) == 0 &&
		      memcmp(map + PAGE + 8, "written", 7) == 0 && memcmp(map + 200, "again", 5) == 0 &&
		      memcmp(map + 100, "mapped", 6) == 0);
	memcpy(map + 300, "later", 5);
	CHECK("a page written again after msync is written back by the next one",
	      mm_msync(mm0c_server(), (uintptr_t)map, PAGE, 4) == 0 && f_seek(fd, 300, FS0_SEEK_SET) == 300 &&
		      f_read(fd, back, 5) == 5 && memcmp(back, "later", 5) == 0);
	CHECK("msync of an unaligned or partly unmapped range: EINVAL, ENOMEM",
	      mm_msync(mm0c_server(), (uintptr_t)map + 1, PAGE, 4) == -EINVAL &&
		      mm_msync(mm0c_server(), (uintptr_t)map, 3 * PAGE, 4) == -ENOMEM);
	mm_munmap(mm0c_server(), (uintptr_t)map, 2 * PAGE);
	fs0_close(fs, fd);
	fs0_unlink(fs, FS0_AT_FDCWD, "/fq/synced");
}

static void test_fork_inherits_descriptors(void)
{
	struct fs0_counts before, after;
	char text[8] = { 0 };
	int status = -1, child;
	int fd = f_open("/boot/hello.txt", FS0_O_RDONLY);

	fs0_stats(fs, &before);
	child = mm0c_fork();
	if (child == 0) {
		char word[8] = { 0 };

		if (connect_fs0() || f_read(fd, word, 5) != 5 || memcmp(word, "hello", 5) != 0)
			mm_exit(mm0c_server(), 1);
		mm_exit(mm0c_server(), 0);
	}
	CHECK("a forked child reads through the inherited descriptor",
	      child > 0 && mm0c_waitpid(child, &status) == child && status == 0);
	CHECK("parent and child share the file offset",
	      f_read(fd, text, 5) == 5 && memcmp(text, " from", 5) == 0);
	fs0_stats(fs, &after);
	CHECK("the child's descriptors closed at exit (fs0 counts back)",
	      counts_equal(&before, &after));
	fs0_close(fs, fd);
}

/* One shm object shared with a child by name, then gone: 0, or what failed. */
static int shm_cycle(const char *name)
{
	int status = -1, child, fd = mm_shm_open(mm0c_server(), name, MM0_O_CREAT | MM0_O_EXCL | 2, 0600);
	char *map;

	if (fd < MM0_FD_BASE || mm_shm_truncate(mm0c_server(), fd, PAGE) != 0)
		return 1;
	map = (char *)mm_mmap(mm0c_server(), 0, PAGE, MM0_PROT_READ | MM0_PROT_WRITE, MM0_MAP_SHARED, fd, 0);
	child = mm0c_fork();
	if (child == 0) {
		int by_name = mm_shm_open(mm0c_server(), name, 2, 0);
		char *other = (char *)mm_mmap(mm0c_server(), 0, PAGE, MM0_PROT_READ | MM0_PROT_WRITE,
					      MM0_MAP_SHARED, by_name, 0);

		mm_exit(mm0c_server(), (intptr_t)other > 0 ? 0 : 1);
	}
	if (child <= 0 || mm0c_waitpid(child, &status) != child || status != 0 || (intptr_t)map <= 0)
		return 2;
	if (mm_shm_unlink(mm0c_server(), name) != 0 || mm_munmap(mm0c_server(), (uintptr_t)map, PAGE) != 0)
		return 3;
	return mm_close(mm0c_server(), fd) == 0 ? 0 : 4;
}

static void test_posix_shm(void)
{
	struct mm_counts before, after;
	int status = -1, child, fd, first;
	char *map;

	/* mm0's heap keeps the pages it grows by: a first cycle lets it reach
	 * what the measured one needs, so the counts compare the shm object's. */
	first = shm_cycle("/fs0first");
	check("a first shm cycle, which settles mm0's heap", first == 0, first);
	mm_stats(mm0c_server(), &before);
	fd = mm_shm_open(mm0c_server(), "/fs0test", MM0_O_CREAT | MM0_O_EXCL | 2, 0600);
	CHECK("shm_open and ftruncate a POSIX shm object",
	      fd >= MM0_FD_BASE && mm_shm_truncate(mm0c_server(), fd, PAGE) == 0);
	map = (char *)mm_mmap(mm0c_server(), 0, PAGE, MM0_PROT_READ | MM0_PROT_WRITE,
			      MM0_MAP_SHARED, fd, 0);
	child = mm0c_fork();
	if (child == 0) {
		int by_name = mm_shm_open(mm0c_server(), "/fs0test", 2, 0);
		char *other = (char *)mm_mmap(mm0c_server(), 0, PAGE, MM0_PROT_READ | MM0_PROT_WRITE,
					      MM0_MAP_SHARED, by_name, 0);

		if ((intptr_t)other <= 0)
			mm_exit(mm0c_server(), 1);
		memcpy(other, "from child", 11);
		mm_exit(mm0c_server(), 0);
	}
	CHECK("a child opening the shm name writes into the parent's mapping",
	      child > 0 && mm0c_waitpid(child, &status) == child && status == 0 &&
		      (intptr_t)map > 0 && strcmp(map, "from child") == 0);
	CHECK("shm_unlink forgets the name",
	      mm_shm_unlink(mm0c_server(), "/fs0test") == 0 &&
		      mm_shm_open(mm0c_server(), "/fs0test", 2, 0) == -ENOENT);
	mm_munmap(mm0c_server(), (uintptr_t)map, PAGE);
	CHECK("close the shm descriptor", mm_close(mm0c_server(), fd) == 0);
	mm_stats(mm0c_server(), &after);
	CHECK("the shm object's memory is back",
	      after.live_objects == before.live_objects && after.free_pages == before.free_pages);
}

/* strings, each with its NUL, at off in exec_strings: their bytes. */
static uint32_t pack(char exec_strings[MM0_EXEC_ARGS_MAX], uint32_t off, const char *const strings[])
{
	uint32_t at = off;

	for (int i = 0; strings[i]; i++) {
		uint32_t len = (uint32_t)strlen(strings[i]) + 1;

		memcpy(exec_strings + at, strings[i], len);
		at += len;
	}
	return at - off;
}

static int exec_path(const char *path, const char *const argv[], uint32_t argc,
		     const char *const envp[], uint32_t envc)
{
	char exec_strings[MM0_EXEC_ARGS_MAX];
	uint32_t args_len = pack(exec_strings, 0, argv);

	args_len += pack(exec_strings, args_len, envp);
	return mm_execve(mm0c_server(), path, exec_strings, args_len, argc, envc);
}

/* An execve request written word by word: ranges no stub would send. */
static int exec_raw(uint32_t path_off, uint32_t path_len, uint32_t args_off, uint32_t args_len)
{
	uint32_t *mr = idlrt_mr();

	mr[0] = L4_TAG(MM_OP_EXECVE, 7);
	mr[1] = IDLRT_HEADER(MM_IFACE_ID, MM_IFACE_VERSION);
	mr[2] = path_off;
	mr[3] = path_len;
	mr[4] = args_off;
	mr[5] = args_len;
	mr[6] = 1;
	mr[7] = 0;
	if (idlrt_call(mm0c_server()) < 0)
		return -EIO;
	return (int32_t)mr[1];
}

static void test_exec(void)
{
	static const char *const envp[] = { "LARCH=exec", "SECOND=2", NULL };
	static const char *const no_env[] = { NULL };
	char fd_text[24];
	const char *argv[] = { "echoargs", fd_text, "two words", NULL };
	int status = -1, child;
	int fd = f_open("/boot/hello.txt", FS0_O_RDONLY);
	int cloexec_fd = f_open("/boot/hello.txt", FS0_O_RDONLY | FS0_O_CLOEXEC);

	snprintf(fd_text, sizeof(fd_text), "%d,%d", fd, cloexec_fd);
	child = mm0c_fork();
	if (child == 0) {
		int result = connect_fs0() ? -1 : exec_path("/boot/bin/echoargs", argv, 3, envp, 2);

		mm_exit(mm0c_server(), result < 0 ? 100 - result : 99);
	}
	CHECK("execve runs /boot/bin/echoargs with arguments, environment and descriptors; its status comes back",
	      child > 0 && mm0c_waitpid(child, &status) == child && MM0_WIFEXITED(status) &&
		      MM0_WEXITSTATUS(status) == 42);
	CHECK("the O_CLOEXEC descriptor closed only in the exec'd child (echoargs checks it is gone)",
	      fs0_fcntl(fs, cloexec_fd, FS0_F_GETFD, 0) == FS0_FD_CLOEXEC && fs0_close(fs, cloexec_fd) == 0);
	CHECK("execve of a file that is not a program: ENOEXEC",
	      exec_path("/boot/hello.txt", argv, 3, no_env, 0) == -ENOEXEC);
	CHECK("execve of a missing file: ENOENT",
	      exec_path("/boot/bin/none", argv, 3, no_env, 0) == -ENOENT);
	CHECK("execve without argv[0]: EINVAL",
	      exec_path("/boot/bin/echoargs", argv, 0, no_env, 0) == -EINVAL);
	CHECK("execve with strings outside the buffer: EFAULT",
	      memcpy(shared, "/boot", 5) == shared && exec_raw(0, 5, shared_size - 4, 8) == -EFAULT &&
		      exec_raw(0, 5, 0xfffffff8u, 16) == -EFAULT);
	CHECK("execve with fewer strings than counted: EINVAL",
	      exec_path("/boot/bin/echoargs", argv, 4, no_env, 0) == -EINVAL);
	fs0_close(fs, fd);
	child = mm_spawn(mm0c_server(), "/boot/bin/echoargs", "spawned");
	CHECK("spawn of /boot/bin/echoargs by path",
	      child > 0 && mm0c_waitpid(child, &status) == child && MM0_WIFEXITED(status) &&
		      MM0_WEXITSTATUS(status) == 5);
	CHECK("spawn of a path that is no program: ENOEXEC, ENOENT",
	      mm_spawn(mm0c_server(), "/boot/hello.txt", "") == -ENOEXEC &&
		      mm_spawn(mm0c_server(), "/boot/none", "") == -ENOENT);
}

static void test_pipe(void)
{
	int32_t fds[2] = { -1, -1 };
	char got[8] = { 0 };
	int status = -1, child;

	CHECK("pipe", fs0_pipe(fs, 0, fds) == 0);
	child = mm0c_fork();
	if (child == 0) {
		/* Give the parent time to block in its read first. */
		for (int i = 0; i < 200; i++)
			mm_getpid(mm0c_server());
		if (connect_fs0() || f_write(fds[1], "ping", 4) != 4)
			mm_exit(mm0c_server(), 1);
		mm_exit(mm0c_server(), 0);
	}
	fs0_close(fs, fds[1]);
	CHECK("a blocking pipe read is completed by the child's write",
	      f_read(fds[0], got, sizeof(got)) == 4 && memcmp(got, "ping", 4) == 0);
	CHECK("the writer exits 0", mm0c_waitpid(child, &status) == child && status == 0);
	CHECK("end of file once the writer is gone", f_read(fds[0], got, sizeof(got)) == 0);
	fs0_close(fs, fds[0]);
}

/* Big files move CHUNK bytes of pattern per request, from memory mapped for
 * the test (the image's own data stays as the other tests measured it). */
#define CHUNK 0x20000u

static uint8_t *chunk_map(void)
{
	long address = mm_mmap(mm0c_server(), 0, CHUNK, MM0_PROT_READ | MM0_PROT_WRITE,
			       MM0_MAP_PRIVATE | MM0_MAP_ANONYMOUS, -1, 0);

	return address > 0 ? (uint8_t *)address : NULL;
}
#define BIG_FILE 0x400000u

/* Writes pattern bytes from at until len or an error; returns the bytes written, or the error. */
static int64_t write_pattern(uint8_t *chunk, int fd, uint32_t at, uint32_t len)
{
	uint32_t done = 0;

	while (done < len) {
		uint32_t part = len - done < CHUNK ? len - done : CHUNK;
		int wrote;

		for (uint32_t i = 0; i < part; i++)
			chunk[i] = pattern(at + done + i);
		wrote = fs0_write(fs, fd, chunk, part);
		if (wrote < 0)
			return done ? (int64_t)done : wrote;
		done += (uint32_t)wrote;
		if ((uint32_t)wrote < part)
			break;
	}
	return done;
}

/* Whether the file holds exactly len pattern bytes from offset 0. */
static int read_pattern(uint8_t *chunk, int fd, uint32_t len)
{
	uint32_t done = 0;
	int got;

	if (f_seek(fd, 0, FS0_SEEK_SET) != 0)
		return 0;
	while ((got = f_read(fd, chunk, CHUNK)) > 0) {
		for (int i = 0; i < got; i++)
			if (chunk[i] != pattern(done + (uint32_t)i))
				return 0;
		done += (uint32_t)got;
	}
	return got == 0 && done == len;
}

static void test_big_file(void)
{
	int fd = f_open("/fq/big", FS0_O_RDWR | FS0_O_CREAT | FS0_O_TRUNC);
	uint8_t *chunk = chunk_map();
	struct fs0_stat_info st;

	CHECK("create /fq/big", fd >= 0 && chunk);
	CHECK("write a 4 MiB file", write_pattern(chunk, fd, 0, BIG_FILE) == BIG_FILE);
	CHECK("its size is 4 MiB", f_stat("/fq/big", &st) == 0 && st.size == BIG_FILE);
	CHECK("read back all 4 MiB", read_pattern(chunk, fd, BIG_FILE));
	CHECK("unlink it", fs0_close(fs, fd) == 0 && fs0_unlink(fs, FS0_AT_FDCWD, "/fq/big") == 0);
	mm_munmap(mm0c_server(), (uintptr_t)chunk, CHUNK);
}

/* Fill the RAM file system: ENOSPC, nothing written is lost, and deleting makes room again. */
static void test_full_file_system(void)
{
	int fd, other;
	uint32_t total = 0;
	int64_t wrote = 0;
	struct fs0_stat_info st;
	struct fs0_counts before, now;
	uint8_t *chunk = chunk_map();

	fs0_stats(fs, &before);
	fd = f_open("/fq/fill", FS0_O_RDWR | FS0_O_CREAT | FS0_O_TRUNC);
	CHECK("create /fq/fill", fd >= 0 && chunk);
	while (fd >= 0 && (wrote = write_pattern(chunk, fd, total, CHUNK)) == CHUNK)
		total += CHUNK;
	if (wrote > 0) {
		total += (uint32_t)wrote;
		wrote = write_pattern(chunk, fd, total, CHUNK);
	}
	printf("# the file system filled at %u bytes\n", (unsigned)total);
	CHECK("writing on fills more than 8 MiB, then ENOSPC",
	      wrote == -ENOSPC && total > 2 * BIG_FILE);
	CHECK("the full file keeps every byte written",
	      f_stat("/fq/fill", &st) == 0 && st.size == total);
	CHECK("and reads back whole", read_pattern(chunk, fd, total));
	other = f_open("/fq/other", FS0_O_RDWR | FS0_O_CREAT);
	CHECK("a full file system still opens files, and refuses their data with ENOSPC",
	      other >= 0 && f_write(other, "x", 1) == -ENOSPC);
	CHECK("a new empty file can be removed again",
	      other >= 0 && fs0_close(fs, other) == 0 && fs0_unlink(fs, FS0_AT_FDCWD, "/fq/other") == 0);
	CHECK("unlink the full file",
	      fs0_close(fs, fd) == 0 && fs0_unlink(fs, FS0_AT_FDCWD, "/fq/fill") == 0);
	CHECK("its records are freed", fs0_stats(fs, &now) == 0 && counts_equal(&before, &now));
	fd = f_open("/fq/big", FS0_O_RDWR | FS0_O_CREAT | FS0_O_TRUNC);
	CHECK("after the delete, 4 MiB is written and read back again",
	      fd >= 0 && write_pattern(chunk, fd, 0, BIG_FILE) == BIG_FILE && read_pattern(chunk, fd, BIG_FILE));
	CHECK("unlink it",
	      fd >= 0 && fs0_close(fs, fd) == 0 && fs0_unlink(fs, FS0_AT_FDCWD, "/fq/big") == 0);
	mm_munmap(mm0c_server(), (uintptr_t)chunk, CHUNK);
}

int main(void)
{
	struct fs0_counts start, end;
	int connected = connect_fs0();

	if (check("mm0 names fs0 and maps this thread's buffer",
		  connected == 0 && shared_size >= 2 * DATA_OFF, connected)) {
		fs0_stats(fs, &start);
		test_boot_files();
		test_files();
		test_map_with_offset();
		test_map_shared_write();
		test_msync();
		test_fork_inherits_descriptors();
		test_pipe();
		test_exec();
		test_posix_shm();
		test_big_file();
		test_full_file_system();
		fs0_rmdir(fs, FS0_AT_FDCWD, "/fq");
		fs0_stats(fs, &end);
		CHECK("fs0's counts are back at their start values", counts_equal(&start, &end));
	}
	return tap_summary("init");
}
