/* t_meta.c - a file's status as stat returns it: mode bits, owner and
 * group, the three times (set by utimensat and futimens, moved by writes),
 * access's checks, the places every program assumes (/tmp, /etc), and
 * statvfs's figures. */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <grp.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/time.h>
#include <unistd.h>
#include <utime.h>
#include "test0.h"

#define FILE_PATH	"/tmp/t0m"

static void modes_and_owners(void)
{
	struct stat status;
	int fd = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0600);

	CHECK("a new file belongs to root", fstat(fd, &status) == 0 && status.st_uid == 0 && status.st_gid == 0);
	CHECK_EQ("chmod 0751", 0, chmod(FILE_PATH, 0751));
	CHECK("stat shows the new mode bits",
	      stat(FILE_PATH, &status) == 0 && (status.st_mode & 07777) == 0751 && S_ISREG(status.st_mode));
	CHECK_EQ("fchmod 04640", 0, fchmod(fd, 04640));
	CHECK("fstat shows set-user-id", fstat(fd, &status) == 0 && (status.st_mode & 07777) == 04640);
	CHECK_EQ("chown to 1000:1000", 0, chown(FILE_PATH, 1000, 1000));
	CHECK("stat shows the owner, and set-user-id is gone",
	      stat(FILE_PATH, &status) == 0 && status.st_uid == 1000 && status.st_gid == 1000 &&
	      (status.st_mode & 07777) == 0640);
	CHECK_EQ("fchown with -1 keeps the owner", 0, fchown(fd, (uid_t)-1, 0));
	CHECK("... and changes the group", fstat(fd, &status) == 0 && status.st_uid == 1000 && status.st_gid == 0);
	errno = 0;
	CHECK("chmod in /boot gives EROFS", chmod("/boot/hello.txt", 0777) == -1 && errno == EROFS);
	close(fd);
}

static void times(void)
{
	struct stat before, after;
	struct timespec set[2] = { { 1000000000, 5 }, { 1200000000, 7 } };
	int fd = open(FILE_PATH, O_RDWR);

	CHECK_EQ("utimensat with chosen times", 0, utimensat(AT_FDCWD, FILE_PATH, set, 0));
	CHECK("stat returns them to the nanosecond",
	      stat(FILE_PATH, &after) == 0 && after.st_atim.tv_sec == 1000000000 && after.st_atim.tv_nsec == 5 &&
	      after.st_mtim.tv_sec == 1200000000 && after.st_mtim.tv_nsec == 7);
	struct timespec omit_now[2] = { { 0, UTIME_OMIT }, { 0, UTIME_NOW } };
	CHECK_EQ("futimens with UTIME_OMIT and UTIME_NOW", 0, futimens(fd, omit_now));
	CHECK("atime kept, mtime moved to now",
	      fstat(fd, &before) == 0 && before.st_atim.tv_sec == 1000000000 && before.st_mtim.tv_sec != 1200000000);
	struct timespec bad[2] = { { 0, 1000000000 }, { 0, 0 } };
	errno = 0;
	CHECK("a tv_nsec out of range gives EINVAL", futimens(fd, bad) == -1 && errno == EINVAL);
	struct utimbuf old = { .actime = 100, .modtime = 200 };
	CHECK("utime sets both", utime(FILE_PATH, &old) == 0 && stat(FILE_PATH, &after) == 0 &&
	      after.st_atime == 100 && after.st_mtime == 200);
	struct timeval micro[2] = { { 300, 1 }, { 400, 2 } };
	CHECK("utimes takes microseconds", utimes(FILE_PATH, micro) == 0 && stat(FILE_PATH, &after) == 0 &&
	      after.st_mtim.tv_sec == 400 && after.st_mtim.tv_nsec == 2000);
	struct timespec zero[2] = { { 0, 0 }, { 0, 0 } };
	futimens(fd, zero);
	write(fd, "x", 1);
	CHECK("a write moves mtime and ctime to now", fstat(fd, &after) == 0 &&
	      (after.st_mtim.tv_sec > 0 || after.st_mtim.tv_nsec > 0) &&
	      after.st_ctim.tv_sec == after.st_mtim.tv_sec && after.st_ctim.tv_nsec == after.st_mtim.tv_nsec);
	close(fd);
}

static void access_checks(void)
{
	errno = 0;
	CHECK("access of a missing file gives ENOENT", access("/tmp/none", F_OK) == -1 && errno == ENOENT);
	chmod(FILE_PATH, 0644);
	CHECK("root may read and write a 0644 file", access(FILE_PATH, R_OK | W_OK) == 0);
	errno = 0;
	CHECK("root may not execute a file with no x bit", access(FILE_PATH, X_OK) == -1 && errno == EACCES);
	chmod(FILE_PATH, 0744);
	CHECK("... and may once one x bit is set", access(FILE_PATH, X_OK) == 0);
	CHECK("directories are searchable", access("/tmp", X_OK) == 0);
	errno = 0;
	CHECK("W_OK in /boot gives EROFS", access("/boot/hello.txt", W_OK) == -1 && errno == EROFS);
	errno = 0;
	CHECK("a bad mode gives EINVAL", access(FILE_PATH, 0100) == -1 && errno == EINVAL);
}

static void places(void)
{
	struct stat status;

	CHECK("/tmp is a sticky world-writable directory",
	      stat("/tmp", &status) == 0 && S_ISDIR(status.st_mode) && (status.st_mode & 07777) == 01777);
	CHECK("/home/user belongs to uid 1000",
	      stat("/home/user", &status) == 0 && status.st_uid == 1000 && S_ISDIR(status.st_mode));
	CHECK("/root, /bin and /dev are directories",
	      stat("/root", &status) == 0 && S_ISDIR(status.st_mode) && stat("/bin", &status) == 0 &&
	      S_ISDIR(status.st_mode) && stat("/dev", &status) == 0 && S_ISDIR(status.st_mode));
	struct passwd *root = getpwnam("root");
	CHECK("getpwnam(root): uid 0, /root, /bin/sh", root && root->pw_uid == 0 &&
	      strcmp(root->pw_dir, "/root") == 0 && strcmp(root->pw_shell, "/bin/sh") == 0);
	struct passwd *user = getpwuid(1000);
	CHECK("getpwuid(1000) is user at /home/user",
	      user && strcmp(user->pw_name, "user") == 0 && strcmp(user->pw_dir, "/home/user") == 0);
	struct group *group = getgrgid(1000);
	CHECK("getgrgid(1000) is user", group && strcmp(group->gr_name, "user") == 0);
	int fd = open("/etc/group", O_WRONLY | O_APPEND);
	CHECK("/etc/group is writable", fd >= 0 && write(fd, "staff:x:50:\n", 12) == 12);
	close(fd);
	group = getgrnam("staff");
	CHECK("getgrnam finds a group appended to /etc/group", group && group->gr_gid == 50);
}

static void file_system_figures(void)
{
	struct statvfs root, boot, by_fd;
	int fd = open("/tmp", O_RDONLY);

	CHECK("statvfs of /tmp: 4 KiB blocks, some free, names up to 255",
	      statvfs("/tmp", &root) == 0 && root.f_bsize == 4096 && root.f_frsize == 4096 &&
	      root.f_blocks > 0 && root.f_bfree > 0 && root.f_bfree <= root.f_blocks &&
	      root.f_namemax == 255 && !(root.f_flag & ST_RDONLY));
	CHECK("fstatvfs agrees", fstatvfs(fd, &by_fd) == 0 && by_fd.f_blocks == root.f_blocks &&
	      by_fd.f_fsid == root.f_fsid);
	close(fd);
	int big = open("/tmp/t0m-big", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	static char block[8 * 4096];
	write(big, block, sizeof(block));
	close(big);
	CHECK("8 blocks written are 8 blocks fewer free",
	      statvfs("/tmp", &by_fd) == 0 && by_fd.f_bfree == root.f_bfree - 8);
	unlink("/tmp/t0m-big");
	CHECK("/boot is read-only, full, and another file system",
	      statvfs("/boot", &boot) == 0 && (boot.f_flag & ST_RDONLY) && boot.f_bfree == 0 &&
	      boot.f_blocks > 0 && boot.f_fsid != root.f_fsid);
	errno = 0;
	CHECK("statvfs of a missing path gives ENOENT", statvfs("/tmp/none", &boot) == -1 && errno == ENOENT);
}

void test_meta(void)
{
	modes_and_owners();
	times();
	access_checks();
	places();
	file_system_figures();
	CHECK_EQ("unlink " FILE_PATH, 0, unlink(FILE_PATH));
}
