/* file_ops.c - the file benchmarks through fs0: a 1-byte pipe ping-pong
 * between two processes, and reads and writes of a file in fs0's memory
 * file system, each through libposix's calls as a program makes them. */
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>
#include <l4/cycles.h>

#include "io_all.h"
#include "pbench.h"

#define SMALL		4096u
#define MIB		(1u << 20)
/* A 1 MiB op moves the whole of a 1 MiB file. */
#define FILE_BYTES	MIB
#define FILE_PATH	"/bench.dat"

/* Parent to child and back: one op is one byte each way. */
static void bench_pipe_rtt(void)
{
	enum { ROUNDS = 200 };
	int down[2], up[2];
	char byte = 'x';

	if (pipe(down) || pipe(up))
		pbench_fail("pipe");
	pid_t child = fork();
	if (child < 0)
		pbench_fail("fork for pipe_rtt");
	if (child == 0) {
		for (int i = 0; i <= ROUNDS; i++)
			if (read(down[0], &byte, 1) != 1 || write(up[1], &byte, 1) != 1)
				_exit(1);
		_exit(0);
	}
	/* One untimed round, so the child already waits in its read. */
	if (write(down[1], &byte, 1) != 1 || read(up[0], &byte, 1) != 1)
		pbench_fail("pipe_rtt first round");
	uint32_t bad = 0, start = l4_cycles();
	for (int i = 0; i < ROUNDS; i++)
		bad += write(down[1], &byte, 1) != 1 || read(up[0], &byte, 1) != 1;
	uint32_t total = l4_cycles() - start;
	int status;
	if (bad || waitpid(child, &status, 0) != child || status != 0)
		pbench_fail("pipe_rtt");
	if (close(down[0]) || close(down[1]) || close(up[0]) || close(up[1]))
		pbench_fail("close of the pipes");
	pbench_result("pipe_rtt", ROUNDS, total);
}

/* Times rounds of moving `bytes` through the file, length at a time from offset 0. */
static uint32_t time_transfers(int fd, uint8_t *data, size_t length, size_t bytes, int rounds,
			       int writing)
{
	uint32_t bad = 0, start = l4_cycles();
	for (int i = 0; i < rounds; i++)
		for (size_t moved = 0; moved < bytes; moved += length)
			bad += (writing ? write_all(fd, data, length) : read_all(fd, data, length)) != 0;
	uint32_t total = l4_cycles() - start;
	if (bad)
		pbench_fail(writing ? "pwrite" : "pread");
	return total;
}

static void bench_read_write(void)
{
	enum { SMALL_ROUNDS = 100, BIG_ROUNDS = 4 };
	uint8_t *data = malloc(FILE_BYTES);
	if (!data)
		pbench_fail("malloc");
	for (size_t i = 0; i < FILE_BYTES; i++)
		data[i] = (uint8_t)(i * 7);
	int fd = open(FILE_PATH, O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		pbench_fail("open");
	/* The first write gives the file its pages; the timed ones overwrite. */
	if (write_all(fd, data, FILE_BYTES))
		pbench_fail("first write");
	pbench_result("write_1m", BIG_ROUNDS,
		      time_transfers(fd, data, FILE_BYTES, MIB, BIG_ROUNDS, 1));
	pbench_result("read_4k", SMALL_ROUNDS,
		      time_transfers(fd, data, SMALL, SMALL, SMALL_ROUNDS, 0));
	pbench_result("read_1m", BIG_ROUNDS,
		      time_transfers(fd, data, FILE_BYTES, MIB, BIG_ROUNDS, 0));
	for (size_t i = 0; i < FILE_BYTES; i++)
		if (data[i] != (uint8_t)(i * 7))
			pbench_fail("read back what was written");
	if (close(fd) || unlink(FILE_PATH))
		pbench_fail("close and unlink");
	free(data);
}

void bench_files(void)
{
	bench_pipe_rtt();
	bench_read_write();
}
