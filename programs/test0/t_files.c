/* t_files.c - files and directories on fs0: create, write, read back,
 * seek, truncate, stat, rename, unlink, directories and their listings,
 * the working directory, and every error a careless program meets. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "test0.h"

#define BIG_SIZE	(200 * 1024)

/* Whether the call failed with -1 and the expected errno. */
static int fails_with(long result, int expected)
{
	return result == -1 && errno == expected;
}

static void write_and_read_back(void)
{
	char text[16] = { 0 };
	struct stat status;
	int fd;

	fd = open("/t0/notes", O_RDWR | O_CREAT | O_EXCL, 0644);
	CHECK("open(O_CREAT|O_EXCL) creates a file", fd >= 3);
	CHECK_EQ("write puts 11 bytes", 11, write(fd, "hello world", 11));
	CHECK_EQ("lseek(SEEK_CUR) is at the end", 11, lseek(fd, 0, SEEK_CUR));
	CHECK_EQ("lseek(0, SEEK_SET)", 0, lseek(fd, 0, SEEK_SET));
	CHECK_EQ("read gets them back", 11, read(fd, text, sizeof(text)));
	CHECK("... the same bytes", memcmp(text, "hello world", 11) == 0);
	CHECK_EQ("read at the end gives 0", 0, read(fd, text, sizeof(text)));
	CHECK("fstat: a regular file of 11 bytes",
	      fstat(fd, &status) == 0 && S_ISREG(status.st_mode) && status.st_size == 11);
	CHECK_EQ("pwrite at offset 6", 5, pwrite(fd, "there", 5, 6));
	memset(text, 0, sizeof(text));
	CHECK_EQ("pread at offset 0", 11, pread(fd, text, sizeof(text), 0));
	CHECK("... sees the pwrite", memcmp(text, "hello there", 11) == 0);
	CHECK_EQ("pread and pwrite leave the offset alone", 11, lseek(fd, 0, SEEK_CUR));
	CHECK_EQ("lseek(-5, SEEK_END)", 6, lseek(fd, -5, SEEK_END));
	CHECK_EQ("ftruncate shrinks", 0, ftruncate(fd, 5));
	CHECK("... fstat sees 5 bytes", fstat(fd, &status) == 0 && status.st_size == 5);
	CHECK_EQ("ftruncate grows", 0, ftruncate(fd, 8192));
	memset(text, 'x', sizeof(text));
	CHECK_EQ("... and the new part reads as zeros", 4, pread(fd, text, 4, 8000));
	CHECK("... four zero bytes", memcmp(text, "\0\0\0\0", 4) == 0);
	CHECK_EQ("close", 0, close(fd));
	CHECK("stat by path: 8192 bytes", stat("/t0/notes", &status) == 0 && status.st_size == 8192);
	errno = 0;
	CHECK("open(O_CREAT|O_EXCL) of an existing file fails with EEXIST",
	      fails_with(open("/t0/notes", O_RDWR | O_CREAT | O_EXCL, 0644), EEXIST));
	fd = open("/t0/notes", O_WRONLY | O_TRUNC);
	CHECK("O_TRUNC empties it", fd >= 0 && fstat(fd, &status) == 0 && status.st_size == 0);
	close(fd);
	fd = open("/t0/notes", O_WRONLY | O_APPEND);
	write(fd, "ab", 2);
	lseek(fd, 0, SEEK_SET);
	write(fd, "cd", 2);
	close(fd);
	CHECK("O_APPEND writes at the end whatever the offset",
	      stat("/t0/notes", &status) == 0 && status.st_size == 4);
}

/* More than one shared-buffer full each way. */
static void big_transfer(void)
{
	char *out = malloc(BIG_SIZE), *in = malloc(BIG_SIZE);
	int fd = open("/t0/big", O_RDWR | O_CREAT | O_TRUNC, 0600);
	size_t got = 0;
	ssize_t piece = 1;

	if (!out || !in || fd < 0) {
		CHECK("big transfer set-up", 0);
		free(out);
		free(in);
		return;
	}
	for (size_t i = 0; i < BIG_SIZE; i++)
		out[i] = (char)(i * 7 + i / 4096);
	CHECK_EQ("one write of 200 KiB", BIG_SIZE, write(fd, out, BIG_SIZE));
	lseek(fd, 0, SEEK_SET);
	while (got < BIG_SIZE && piece > 0) {
		piece = read(fd, in + got, BIG_SIZE - got);
		got += piece > 0 ? (size_t)piece : 0;
	}
	CHECK_EQ("reads bring all 200 KiB back", BIG_SIZE, got);
	CHECK("... byte for byte", memcmp(in, out, BIG_SIZE) == 0);
	close(fd);
	CHECK_EQ("unlink the big file", 0, unlink("/t0/big"));
	free(out);
	free(in);
}

static void directories(void)
{
	int seen_a = 0, seen_b = 0, seen_dot = 0, others = 0;
	char cwd[64];
	struct dirent *entry;
	struct stat status;
	DIR *listing;
	int fd;

	CHECK_EQ("mkdir", 0, mkdir("/t0/dir", 0755));
	CHECK("stat says it is a directory", stat("/t0/dir", &status) == 0 && S_ISDIR(status.st_mode));
	errno = 0;
	CHECK("mkdir of an existing name fails with EEXIST", fails_with(mkdir("/t0/dir", 0755), EEXIST));
	close(open("/t0/dir/a", O_WRONLY | O_CREAT, 0644));
	close(open("/t0/dir/b", O_WRONLY | O_CREAT, 0644));
	listing = opendir("/t0/dir");
	CHECK("opendir", listing != NULL);
	while (listing && (entry = readdir(listing)) != NULL) {
		if (strcmp(entry->d_name, "a") == 0)
			seen_a += entry->d_type == DT_REG;
		else if (strcmp(entry->d_name, "b") == 0)
			seen_b += entry->d_type == DT_REG;
		else if (strcmp(entry->d_name, ".") == 0 || strcmp(entry->d_name, "..") == 0)
			seen_dot++;
		else
			others++;
	}
	CHECK("readdir lists both files once, as regular files, and nothing else",
	      seen_a == 1 && seen_b == 1 && others == 0);
	CHECK_EQ("closedir", 0, listing ? closedir(listing) : -1);
	errno = 0;
	CHECK("opendir of a file fails with ENOTDIR",
	      opendir("/t0/dir/a") == NULL && errno == ENOTDIR);
	errno = 0;
	CHECK("rmdir of a directory with files fails with ENOTEMPTY",
	      fails_with(rmdir("/t0/dir"), ENOTEMPTY));
	CHECK_EQ("rename a file within the directory", 0, rename("/t0/dir/a", "/t0/dir/c"));
	errno = 0;
	CHECK("the old name is gone (ENOENT)", fails_with(stat("/t0/dir/a", &status), ENOENT));
	CHECK_EQ("chdir into it", 0, chdir("/t0/dir"));
	CHECK("getcwd names it", getcwd(cwd, sizeof(cwd)) && strcmp(cwd, "/t0/dir") == 0);
	fd = open("c", O_RDONLY);
	CHECK("a relative path opens from there", fd >= 0);
	close(fd);
	errno = 0;
	CHECK("getcwd into too small a buffer fails with ERANGE",
	      getcwd(cwd, 4) == NULL && errno == ERANGE);
	CHECK_EQ("chdir ..", 0, chdir(".."));
	CHECK_EQ("unlink by relative path", 0, unlink("dir/b"));
	CHECK_EQ("unlink", 0, unlink("/t0/dir/c"));
	CHECK_EQ("rmdir once empty", 0, rmdir("/t0/dir"));
	CHECK_EQ("chdir /", 0, chdir("/"));
}

static void path_errors(void)
{
	char long_path[300];
	struct stat status;
	int fd;

	errno = 0;
	CHECK("open of a missing file fails with ENOENT",
	      fails_with(open("/t0/missing", O_RDONLY), ENOENT));
	errno = 0;
	CHECK("open of a directory for writing fails with EISDIR",
	      fails_with(open("/t0", O_WRONLY), EISDIR));
	close(open("/t0/plain", O_WRONLY | O_CREAT, 0644));
	errno = 0;
	CHECK("a file used as a directory gives ENOTDIR",
	      fails_with(open("/t0/plain/x", O_RDONLY), ENOTDIR));
	errno = 0;
	CHECK("rmdir of a file gives ENOTDIR", fails_with(rmdir("/t0/plain"), ENOTDIR));
	errno = 0;
	CHECK("unlink of a directory gives EISDIR", fails_with(unlink("/t0"), EISDIR));
	memset(long_path, 'n', sizeof(long_path) - 1);
	long_path[0] = '/';
	long_path[sizeof(long_path) - 1] = '\0';
	errno = 0;
	CHECK("a 299-byte path gives ENAMETOOLONG",
	      fails_with(open(long_path, O_RDONLY | O_CREAT, 0644), ENAMETOOLONG));
	errno = 0;
	CHECK("an empty path gives ENOENT", fails_with(stat("", &status), ENOENT));
	errno = 0;
	CHECK("a NULL path gives EFAULT", fails_with(open(NULL, O_RDONLY), EFAULT));
	errno = 0;
	CHECK("O_RDONLY|O_WRONLY|O_RDWR together give EINVAL",
	      fails_with(open("/t0/plain", O_ACCMODE), EINVAL));
	fd = open("/t0/plain", O_RDONLY);
	errno = 0;
	CHECK("lseek with an unknown whence gives EINVAL", fails_with(lseek(fd, 0, 99), EINVAL));
	errno = 0;
	CHECK("write on a read-only descriptor gives EBADF", fails_with(write(fd, "x", 1), EBADF));
	close(fd);
	errno = 0;
	CHECK("close of a closed descriptor gives EBADF", fails_with(close(fd), EBADF));
	errno = 0;
	CHECK("read on it gives EBADF", fails_with(read(fd, long_path, 1), EBADF));
	errno = 0;
	CHECK("read on a negative descriptor gives EBADF", fails_with(read(-4, long_path, 1), EBADF));
	errno = 0;
	CHECK("write into /boot gives EROFS",
	      fails_with(open("/boot/new", O_WRONLY | O_CREAT, 0644), EROFS));
	unlink("/t0/plain");
}

static void descriptors(void)
{
	int fd = open("/t0/dup", O_RDWR | O_CREAT | O_TRUNC, 0644), copy, many[70], opened = 0;
	char text[4] = { 0 };

	write(fd, "abcdef", 6);
	copy = dup(fd);
	CHECK("dup gives a new descriptor", copy >= 0 && copy != fd);
	CHECK_EQ("... sharing the offset", 6, lseek(copy, 0, SEEK_CUR));
	lseek(copy, 2, SEEK_SET);
	CHECK("... both ways", read(fd, text, 2) == 2 && memcmp(text, "cd", 2) == 0);
	CHECK_EQ("dup2 onto a chosen number", 40, dup2(fd, 40));
	CHECK_EQ("... which shares the offset too", 4, lseek(40, 0, SEEK_CUR));
	CHECK_EQ("F_DUPFD gives the lowest free number from 50", 50, fcntl(fd, F_DUPFD, 50));
	close(50);
	CHECK_EQ("F_GETFD: no close-on-exec flag", 0, fcntl(fd, F_GETFD));
	errno = 0;
	CHECK("fcntl on a closed descriptor gives EBADF", fails_with(fcntl(50, F_GETFD), EBADF));
	close(40);
	close(copy);
	CHECK("isatty: the console is a terminal", isatty(1) == 1);
	errno = 0;
	CHECK("isatty: a file is not (ENOTTY)", isatty(fd) == 0 && errno == ENOTTY);
	errno = 0;
	CHECK("isatty of a closed number gives EBADF", isatty(60) == 0 && errno == EBADF);
	while (opened < 70 && (many[opened] = open("/t0/dup", O_RDONLY)) >= 0)
		opened++;
	CHECK("opening without end stops with EMFILE", opened < 70 && errno == EMFILE);
	CHECK("... after about 60 descriptors", opened >= 55);
	while (opened > 0)
		close(many[--opened]);
	close(fd);
	unlink("/t0/dup");
}

void test_files(void)
{
	CHECK_EQ("mkdir /t0 on the root file system", 0, mkdir("/t0", 0755));
	write_and_read_back();
	big_transfer();
	directories();
	path_errors();
	descriptors();
	CHECK_EQ("unlink the notes", 0, unlink("/t0/notes"));
	CHECK_EQ("rmdir /t0", 0, rmdir("/t0"));
}
