/* t_file_times.c - fs0 stamps files on the real-time clock libposix's time()
 * reads (mm0's boot time from the board's RTC), not on the count since boot. */
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include "test0.h"

#define FILE_PATH	"/tmp/t0times"
/* 2020-01-01 00:00:00 UTC. */
#define YEAR_2020	1577836800LL
/* The write and the reading of time() lie a few scheduling slices apart. */
#define SKEW_MAX_SEC	5LL

void test_file_times(void)
{
	struct stat status;
	time_t before = time(NULL);
	int fd = open(FILE_PATH, O_WRONLY | O_CREAT | O_TRUNC, 0600);

	CHECK("time(NULL) is after 2020", (long long)before >= YEAR_2020);
	CHECK("a new file is written", fd >= 0 && write(fd, "t", 1) == 1);
	CHECK("fstat of it succeeds", fstat(fd, &status) == 0);
	time_t after = time(NULL);
	CHECK("its st_mtime is within a few seconds of time(NULL)",
	      llabs((long long)status.st_mtime - (long long)after) <= SKEW_MAX_SEC &&
	      (long long)status.st_mtime >= (long long)before - SKEW_MAX_SEC);
	CHECK("its st_ctime and st_atime are on the same clock",
	      llabs((long long)status.st_ctime - (long long)after) <= SKEW_MAX_SEC &&
	      llabs((long long)status.st_atime - (long long)after) <= SKEW_MAX_SEC);
	close(fd);
	CHECK_EQ("unlink it", 0, unlink(FILE_PATH));
}
