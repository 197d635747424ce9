/* t_at.c - the *at family relative to a directory descriptor and to
 * AT_FDCWD, and fchdir. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "test0.h"

void test_at(void)
{
	struct stat status;
	char text[16], cwd[64];

	mkdir("/t0a", 0755);
	int dir = open("/t0a", O_RDONLY | O_DIRECTORY);
	CHECK("open a directory with O_DIRECTORY", dir >= 0);
	CHECK_EQ("mkdirat", 0, mkdirat(dir, "sub", 0755));
	int fd = openat(dir, "sub/f", O_WRONLY | O_CREAT, 0644);
	CHECK("openat creates relative to the descriptor", fd >= 0 && write(fd, "at", 2) == 2);
	close(fd);
	CHECK("fstatat finds it", fstatat(dir, "sub/f", &status, 0) == 0 && status.st_size == 2);
	CHECK("fstatat with AT_FDCWD and an absolute path",
	      fstatat(AT_FDCWD, "/t0a/sub/f", &status, 0) == 0 && status.st_size == 2);
	CHECK("an absolute path ignores dirfd", fstatat(-7, "/t0a/sub/f", &status, 0) == 0);
	errno = 0;
	CHECK("a bad dirfd with a relative path gives EBADF", fstatat(-7, "f", &status, 0) == -1 && errno == EBADF);
	fd = openat(dir, "sub/f", O_RDONLY);
	errno = 0;
	CHECK("a file as dirfd gives ENOTDIR", fstatat(fd, "x", &status, 0) == -1 && errno == ENOTDIR);
	close(fd);
	CHECK_EQ("faccessat", 0, faccessat(dir, "sub/f", R_OK | W_OK, 0));
	CHECK_EQ("renameat across descriptors", 0, renameat(dir, "sub/f", AT_FDCWD, "/t0a/g"));
	CHECK_EQ("linkat", 0, linkat(dir, "g", dir, "h", 0));
	CHECK_EQ("symlinkat", 0, symlinkat("g", dir, "s"));
	CHECK("readlinkat", readlinkat(dir, "s", text, sizeof(text)) == 1 && text[0] == 'g');
	CHECK("fstatat AT_SYMLINK_NOFOLLOW sees the link",
	      fstatat(dir, "s", &status, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(status.st_mode));
	CHECK("fchmodat and fchownat",
	      fchmodat(dir, "g", 0600, 0) == 0 && fchownat(dir, "g", 5, 6, 0) == 0 &&
	      fstatat(dir, "h", &status, 0) == 0 && (status.st_mode & 0777) == 0600 && status.st_uid == 5);
	struct timespec when[2] = { { 7, 0 }, { 8, 0 } };
	CHECK("utimensat relative to dirfd",
	      utimensat(dir, "g", when, 0) == 0 && fstatat(dir, "g", &status, 0) == 0 && status.st_mtime == 8);
	errno = 0;
	CHECK("unlinkat of a directory without AT_REMOVEDIR gives EISDIR",
	      unlinkat(dir, "sub", 0) == -1 && errno == EISDIR);
	CHECK_EQ("unlinkat AT_REMOVEDIR", 0, unlinkat(dir, "sub", AT_REMOVEDIR));
	errno = 0;
	CHECK("an unknown flag gives EINVAL", unlinkat(dir, "g", 0x4000) == -1 && errno == EINVAL);
	CHECK_EQ("fchdir to the directory", 0, fchdir(dir));
	CHECK("getcwd after fchdir", getcwd(cwd, sizeof(cwd)) && strcmp(cwd, "/t0a") == 0);
	CHECK("relative paths now start there", stat("g", &status) == 0);
	chdir("/");
	unlinkat(dir, "g", 0);
	unlinkat(dir, "h", 0);
	unlinkat(dir, "s", 0);
	close(dir);
	CHECK_EQ("rmdir /t0a", 0, rmdir("/t0a"));
}
