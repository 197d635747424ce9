/* fs0disk.c - fs0's workers with a disk (fs0disk.test, run with tools/l4run
 * --cpus 4 --disk on an empty ext2 image): fs0 names a worker thread of its
 * own for every processor, the first thread for processor 0, and a thread's
 * calls go to the worker of its processor; then four processes pinned to
 * processors 0-3 at once create, write, read back, stat and remove files on
 * the disk (requests a worker passes to the first thread) and run bytes
 * through a pipe (requests the worker answers itself), every answer checked. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "internal.h"
#include "file_churn.h"
#include "pin.h"
#include "tap.h"

#define PROCESSORS	4
#define FILE_ROUNDS	40
#define PIPE_ROUNDS	200
#define RECORD		300

/* The parent visits each processor and asks whom its calls go to there. */
static void a_worker_per_processor(void)
{
	l4_tid_t server_on[PROCESSORS];
	const struct fs0_channel *channel = NULL;

	for (int p = 0; p < PROCESSORS; p++) {
		CHECK("pinned to the processor", pin_to(p));
		channel = fs0_channel();
		CHECK("fs0 is reachable", channel != NULL);
		if (!channel)
			return;
		server_on[p] = channel->server;
	}
	CHECK("processor 0's calls go to fs0's first thread", server_on[0] == channel->first_server);
	for (int p = 1; p < PROCESSORS; p++) {
		char name[80];
		int distinct = server_on[p] != channel->first_server;

		for (int q = 1; q < p; q++)
			distinct &= server_on[p] != server_on[q];
		snprintf(name, sizeof(name), "processor %d's calls go to a worker of its own", p);
		CHECK(name, distinct);
	}
	CHECK("back on processor 0", pin_to(0));
}

/* The file loop (file_churn.h) on a disk file of the processor's own. */
static int churn_disk_files(int processor)
{
	char path[32];

	snprintf(path, sizeof(path), "/fs0disk.%d", processor);
	return churn_file(path, processor, FILE_ROUNDS, RECORD);
}

/* Bytes through a pipe of the process's own: 0, or the failing round + 1. */
static int churn_pipe(int processor)
{
	int ends[2];

	if (pipe(ends) != 0)
		return 1;
	for (int round = 0; round < PIPE_ROUNDS; round++) {
		unsigned char byte = (unsigned char)(round + processor), back = 0;
		if (write(ends[1], &byte, 1) != 1 || read(ends[0], &back, 1) != 1 || back != byte)
			return round + 1;
	}
	return close(ends[0]) == 0 && close(ends[1]) == 0 ? 0 : PIPE_ROUNDS + 1;
}

/* The exit status: 1 if not pinned, bit 1 the files, bit 2 the pipe. */
static int on_disk_and_pipe(int processor)
{
	if (!pin_to(processor))
		return 1;
	return (churn_disk_files(processor) != 0) << 1 | (churn_pipe(processor) != 0) << 2;
}

static void four_processes_at_once(void)
{
	pid_t children[PROCESSORS];

	for (int p = 0; p < PROCESSORS; p++) {
		children[p] = fork();
		if (children[p] == 0)
			_exit(on_disk_and_pipe(p));
	}
	for (int p = 0; p < PROCESSORS; p++) {
		char name[80];
		int status = -1;

		if (children[p] < 0 || waitpid(children[p], &status, 0) != children[p])
			status = -1;
		snprintf(name, sizeof(name), "the process on processor %d: disk files and a pipe", p);
		CHECK_EQ(name, 0, WIFEXITED(status) ? WEXITSTATUS(status) : 128);
	}
}

int main(void)
{
	CHECK_EQ("runs on four processors", PROCESSORS, (int)sysconf(_SC_NPROCESSORS_ONLN));
	a_worker_per_processor();
	four_processes_at_once();
	return tap_summary("fs0disk");
}
