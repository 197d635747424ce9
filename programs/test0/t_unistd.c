/* t_unistd.c - the smaller calls portable programs expect: user ids,
 * umask, gettimeofday, fsync, truncate, realpath, link,
 * gethostname, ttyname, and telldir/seekdir. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "test0.h"

static void ids_and_masks(void)
{
	struct stat status;
	mode_t old;
	int fd;

	CHECK("one user: getuid, geteuid, getgid and getegid are 0",
	      getuid() == 0 && geteuid() == 0 && getgid() == 0 && getegid() == 0);
	old = umask(027);
	CHECK_EQ("umask starts at 022 and returns the old mask", 022, old);
	fd = open("/t0u/masked", O_WRONLY | O_CREAT, 0666);
	CHECK("a file created with 0666 under umask 027 has mode 0640",
	      fd >= 0 && fstat(fd, &status) == 0 && (status.st_mode & 0777) == 0640);
	close(fd);
	umask(old);
}

static void clock_and_files(void)
{
	struct timeval now = { 0, -1 };
	struct stat status;
	char name[16], resolved[64];
	int fd = open("/t0u/data", O_RDWR | O_CREAT, 0644);

	CHECK("gettimeofday gives microseconds in range",
	      gettimeofday(&now, NULL) == 0 && now.tv_usec >= 0 && now.tv_usec < 1000000);
	write(fd, "0123456789", 10);
	CHECK_EQ("fsync of a file", 0, fsync(fd));
	close(fd);
	errno = 0;
	CHECK("fsync of a closed descriptor gives EBADF", fsync(fd) == -1 && errno == EBADF);
	CHECK_EQ("truncate by path", 0, truncate("/t0u/data", 4));
	CHECK("... leaves 4 bytes", stat("/t0u/data", &status) == 0 && status.st_size == 4);
	CHECK("realpath drops . and .. components",
	      realpath("/t0u/../t0u/./data", resolved) && strcmp(resolved, "/t0u/data") == 0);
	chdir("/t0u");
	CHECK("realpath of a relative path starts at the working directory",
	      realpath("data", resolved) && strcmp(resolved, "/t0u/data") == 0);
	chdir("/");
	errno = 0;
	CHECK("realpath of a missing file gives ENOENT",
	      realpath("/t0u/none", resolved) == NULL && errno == ENOENT);
	errno = 0;
	CHECK("link makes a second name (t_links.c checks links in depth)",
	      link("/t0u/data", "/t0u/other") == 0 && unlink("/t0u/other") == 0);
	CHECK("gethostname says larch",
	      gethostname(name, sizeof(name)) == 0 && strcmp(name, "larch") == 0);
	CHECK("ttyname of the console", ttyname(1) && strcmp(ttyname(1), "/dev/console") == 0);
	fd = open("/t0u/data", O_RDONLY);
	errno = 0;
	CHECK("ttyname of a file is NULL with ENOTTY", ttyname(fd) == NULL && errno == ENOTTY);
	close(fd);
}

static void directory_positions(void)
{
	DIR *listing = opendir("/t0u");
	struct dirent *entry;
	char second[32] = "";
	long mark;

	if (!listing) {
		CHECK("opendir /t0u", 0);
		return;
	}
	readdir(listing);
	mark = telldir(listing);
	entry = readdir(listing);
	if (entry)
		strncpy(second, entry->d_name, sizeof(second) - 1);
	readdir(listing);
	seekdir(listing, mark);
	entry = readdir(listing);
	CHECK("seekdir to a telldir mark reads the same entry again",
	      entry && second[0] && strcmp(entry->d_name, second) == 0);
	closedir(listing);
}

void test_unistd(void)
{
	CHECK_EQ("mkdir /t0u", 0, mkdir("/t0u", 0755));
	ids_and_masks();
	clock_and_files();
	directory_positions();
	unlink("/t0u/masked");
	unlink("/t0u/data");
	CHECK_EQ("rmdir /t0u", 0, rmdir("/t0u"));
}
