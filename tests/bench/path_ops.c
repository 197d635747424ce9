/* path_ops.c - the path benchmarks through fs0: open + close and stat of a
 * file in fs0's memory file system, as a program makes them. */
#include <fcntl.h>
#include <stdint.h>
#include <sys/stat.h>
#include <unistd.h>
#include <l4/cycles.h>

#include "pbench.h"

#define PATH_FILE	"/path_bench.dat"
#define PATH_FILE_BYTES	100

static void bench_open_close(void)
{
	enum { ROUNDS = 200 };
	uint32_t bad = 0, start = l4_cycles();
	for (int i = 0; i < ROUNDS; i++) {
		int fd = open(PATH_FILE, O_RDONLY);
		bad += fd < 0 || close(fd) != 0;
	}
	uint32_t total = l4_cycles() - start;
	if (bad)
		pbench_fail("open_close");
	pbench_result("open_close", ROUNDS, total);
}

static void bench_stat(void)
{
	enum { ROUNDS = 200 };
	struct stat st;
	uint32_t bad = 0, start = l4_cycles();
	for (int i = 0; i < ROUNDS; i++)
		bad += stat(PATH_FILE, &st) != 0 || st.st_size != PATH_FILE_BYTES;
	uint32_t total = l4_cycles() - start;
	if (bad)
		pbench_fail("stat");
	pbench_result("stat", ROUNDS, total);
}

void bench_paths(void)
{
	static const char content[PATH_FILE_BYTES];
	int fd = open(PATH_FILE, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd < 0 || write(fd, content, sizeof(content)) != (ssize_t)sizeof(content) || close(fd))
		pbench_fail("create the file for open_close and stat");
	bench_open_close();
	bench_stat();
	if (unlink(PATH_FILE))
		pbench_fail("unlink after stat");
}
