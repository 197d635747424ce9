/* t_devices.c - the device nodes in /dev: null swallows and ends at once,
 * zero reads zeros, random and urandom give fresh, balanced bytes; all
 * character devices that are not terminals. getentropy and arc4random over
 * them, with Linux's errors, and a fork child that draws other numbers. */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test0.h"

#define RANDOM_BYTES	8192

static unsigned char random_bytes[RANDOM_BYTES];

static void null_and_zero(void)
{
	struct stat status;
	unsigned char bytes[100];
	int null = open("/dev/null", O_RDWR), zero = open("/dev/zero", O_RDONLY), all_zero = 1;

	CHECK("/dev/null is a character device",
	      stat("/dev/null", &status) == 0 && S_ISCHR(status.st_mode));
	CHECK_EQ("a write to /dev/null takes every byte", 5, write(null, "gone!", 5));
	CHECK_EQ("a read of /dev/null is at its end", 0, read(null, bytes, sizeof(bytes)));
	errno = 0;
	CHECK("/dev/null is not a terminal (ENOTTY)", isatty(null) == 0 && errno == ENOTTY);
	memset(bytes, 0xa5, sizeof(bytes));
	CHECK_EQ("a read of /dev/zero fills the buffer", 100, read(zero, bytes, sizeof(bytes)));
	for (size_t i = 0; i < sizeof(bytes); i++)
		all_zero &= bytes[i] == 0;
	CHECK("... with zeros", all_zero);
	CHECK("O_TRUNC on /dev/null is accepted, as a shell's > does",
	      close(open("/dev/null", O_WRONLY | O_TRUNC)) == 0);
	close(null);
	close(zero);
}

static unsigned ones_in(const unsigned char *bytes, size_t length)
{
	unsigned ones = 0;

	for (size_t i = 0; i < length; i++)
		ones += (unsigned)__builtin_popcount(bytes[i]);
	return ones;
}

static void random_devices(void)
{
	unsigned char first[32], second[32];
	int urandom = open("/dev/urandom", O_RDWR), random = open("/dev/random", O_RDONLY);
	unsigned ones;

	CHECK("two reads of /dev/urandom differ",
	      read(urandom, first, sizeof(first)) == 32 && read(urandom, second, sizeof(second)) == 32 &&
		      memcmp(first, second, sizeof(first)) != 0);
	CHECK("/dev/random gives bytes without waiting",
	      read(random, second, sizeof(second)) == 32 && memcmp(first, second, sizeof(first)) != 0);
	CHECK_EQ("a large read gives every byte asked", RANDOM_BYTES,
		 read(urandom, random_bytes, sizeof(random_bytes)));
	ones = ones_in(random_bytes, sizeof(random_bytes));
	CHECK("... about half of its bits set (within 2%)",
	      ones > RANDOM_BYTES * 8 * 48 / 100 && ones < RANDOM_BYTES * 8 * 52 / 100);
	CHECK_EQ("a write to /dev/urandom is taken", 4, write(urandom, "seed", 4));
	close(urandom);
	close(random);
}

static void device_directory(void)
{
	const char *names[] = { "null", "zero", "random", "urandom", "console", "tty" };
	DIR *dev = opendir("/dev");
	struct dirent *entry;
	unsigned found = 0, character = 0;

	while (dev && (entry = readdir(dev)))
		for (unsigned i = 0; i < sizeof(names) / sizeof(names[0]); i++)
			if (strcmp(entry->d_name, names[i]) == 0) {
				found |= 1u << i;
				character += entry->d_type == DT_CHR;
			}
	if (dev)
		closedir(dev);
	CHECK("/dev lists null, zero, random, urandom, console and tty as character devices",
	      found == 0x3f && character == 6);
}

static void entropy_calls(void)
{
	unsigned char bytes[257] = { 0 }, other[16] = { 0 };
	unsigned seen = 0, in_range = 1;
	uint32_t first, child_value = 0;
	int ends[2];
	pid_t child;

	CHECK("getentropy of 256 bytes", getentropy(bytes, 256) == 0 && ones_in(bytes, 256) > 0);
	errno = 0;
	CHECK("getentropy of 257 bytes gives EIO", getentropy(bytes, 257) == -1 && errno == EIO);
	errno = 0;
	CHECK("getentropy into an unmapped page gives EFAULT",
	      getentropy((void *)16, 8) == -1 && errno == EFAULT);
	first = arc4random();
	CHECK("two arc4random values differ", first != arc4random());
	arc4random_buf(other, sizeof(other));
	CHECK("arc4random_buf fills the buffer", ones_in(other, sizeof(other)) > 0);
	for (int i = 0; i < 1000; i++) {
		uint32_t value = arc4random_uniform(10);

		in_range &= value < 10;
		seen |= 1u << (value % 10);
	}
	CHECK("arc4random_uniform(10) stays below 10 and gives every value", in_range && seen == 0x3ff);
	pipe(ends);
	child = fork();
	if (child == 0) {
		uint32_t value = arc4random();

		write(ends[1], &value, sizeof(value));
		_exit(0);
	}
	first = arc4random();
	waitpid(child, NULL, 0);
	read(ends[0], &child_value, sizeof(child_value));
	close(ends[0]);
	close(ends[1]);
	CHECK("a fork child's arc4random is not its parent's", child > 0 && first != child_value);
}

void test_devices(void)
{
	null_and_zero();
	random_devices();
	device_directory();
	entropy_calls();
}
