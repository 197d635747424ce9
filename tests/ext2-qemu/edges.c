/* edges.c - the ext2 disk at its edges, one per argument, run by the
 * edges.test cases:
 *   full     on a small disk, /first is written, then /filler until write
 *            fails: ENOSPC, and /first still reads back whole;
 *   fsync    writes /durable, fsyncs it and /, says "fsynced" and waits
 *            to be killed (QEMU stops: the power is cut);
 *   refused  the disk was refused: / is in RAM (fs0's page-sized blocks),
 *            and files can still be made and read. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include "tap.h"

#define FIRST_BYTES	20000u
#define CHUNK		4096u
#define RAM_BLOCK	4096u

static unsigned char chunk[CHUNK];

static unsigned char first_byte(unsigned offset)
{
	return (unsigned char)(offset % 251u);
}

static void full(void)
{
	int fd = open("/first", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	unsigned put = 0;
	for (unsigned at = 0; fd >= 0 && at < FIRST_BYTES; at++) {
		unsigned char byte = first_byte(at);
		put += write(fd, &byte, 1) == 1;
	}
	CHECK_EQ("/first written", FIRST_BYTES, put);
	CHECK_EQ("/first closed", 0, close(fd));
	fd = open("/filler", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	memset(chunk, 0xa5, sizeof(chunk));
	ssize_t got;
	unsigned long long filled = 0;
	while ((got = write(fd, chunk, sizeof(chunk))) > 0)
		filled += (unsigned long long)got;
	int error = errno;
	CHECK_EQ("the full disk says ENOSPC", ENOSPC, error);
	check("the filler took some room", filled > 0, (long)(filled >> 10));
	close(fd);
	fd = open("/first", O_RDONLY);
	unsigned bad = 0, at = 0;
	while ((got = read(fd, chunk, sizeof(chunk))) > 0)
		for (ssize_t i = 0; i < got; i++, at++)
			bad += chunk[i] != first_byte(at);
	close(fd);
	CHECK_EQ("/first read back whole", FIRST_BYTES, at);
	CHECK_EQ("/first as written", 0, bad);
	CHECK_EQ("removing the filler", 0, unlink("/filler"));
}

static void durable(void)
{
	static const char text[] = "written, then fsynced\n";
	int fd = open("/durable", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	CHECK_EQ("/durable written", (long)sizeof(text) - 1, write(fd, text, sizeof(text) - 1));
	CHECK_EQ("fsync", 0, fsync(fd));
	/* Its name is in the directory: that is fsynced too, as POSIX asks. */
	int dir = open("/", O_RDONLY);
	CHECK_EQ("fsync of /", 0, fsync(dir));
	printf("fsynced\n");
	fflush(stdout);
	for (;;)
		pause();
}

static void refused(void)
{
	struct statvfs figures;
	CHECK_EQ("statvfs /", 0, statvfs("/", &figures));
	CHECK_EQ("/ is the RAM file system", RAM_BLOCK, figures.f_bsize);
	int fd = open("/tmp/still", O_RDWR | O_CREAT | O_TRUNC, 0644);
	CHECK_EQ("a file on /tmp", 5, write(fd, "works", 5));
	char back[5];
	CHECK_EQ("read back", 5, pread(fd, back, 5, 0));
	CHECK_EQ("as written", 0, memcmp(back, "works", 5));
	close(fd);
}

int main(int argc, char **argv)
{
	const char *mode = argc > 1 ? argv[1] : "";
	if (!strcmp(mode, "full"))
		full();
	else if (!strcmp(mode, "fsync"))
		durable();
	else if (!strcmp(mode, "refused"))
		refused();
	else
		check_report(0, "a known mode", "%s", mode);
	return tap_summary("edges");
}
