/* fs0load.c - fs0 on four processors (fs0load.test): processes pinned to
 * different processors use fs0 at once, each through the worker of its own
 * processor, and every answer is checked: files opened, written, read back,
 * stated, closed and removed by four processes together (file_churn.h); a
 * pipe whose reader waits on one processor and whose writer, on another,
 * completes the read; a record lock one processor holds, waited for on
 * another and granted at its release. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "file_churn.h"
#include "pin.h"
#include "tap.h"

#define PROCESSORS	4
#define FILE_ROUNDS	200
#define PIPE_ROUNDS	500
#define RECORD		64
#define LOCK_HOLD_US	20000

/* The file loop (file_churn.h) on a file of the processor's own in /tmp. */
static int churn_files(int processor)
{
	char path[32];

	snprintf(path, sizeof(path), "/tmp/fs0load.%d", processor);
	return churn_file(path, processor, FILE_ROUNDS, RECORD);
}

/* Runs body(argument) in a child pinned to processor; its pid. */
static pid_t on_processor(int processor, int (*body)(int), int argument)
{
	pid_t child = fork();

	if (child == 0)
		_exit(!pin_to(processor) ? 100 : body(argument));
	return child;
}

static int exit_status_of(pid_t child)
{
	int status;

	if (waitpid(child, &status, 0) != child)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void files_on_four_processors(void)
{
	pid_t children[PROCESSORS];

	for (int i = 0; i < PROCESSORS; i++)
		children[i] = on_processor(i, churn_files, i);
	for (int i = 0; i < PROCESSORS; i++) {
		char name[64];
		snprintf(name, sizeof(name), "files: the process on processor %d", i);
		CHECK_EQ(name, 0, exit_status_of(children[i]));
	}
}

static int there[2], back[2];

/* The far end of the ping-pong: each byte that comes is sent back plus one. */
static int echo_plus_one(int unused)
{
	(void)unused;
	for (int round = 0; round < PIPE_ROUNDS; round++) {
		unsigned char byte;
		if (read(there[0], &byte, 1) != 1)
			return 1;
		byte++;
		if (write(back[1], &byte, 1) != 1)
			return 2;
	}
	return 0;
}

/* The reader on processor 1 waits in read for each byte (its request taken
 * by the worker there), the writer on processor 2 completes it from the
 * worker of its own. */
static void pipe_between_processors(void)
{
	CHECK_EQ("pipe: made", 0, pipe(there) | pipe(back));
	pid_t echo = on_processor(2, echo_plus_one, 0);
	int mismatches = 0, failures = 0;

	CHECK("pipe: pinned to processor 1", pin_to(1));
	for (int round = 0; round < PIPE_ROUNDS; round++) {
		unsigned char byte = (unsigned char)round, answer = 0;
		if (write(there[1], &byte, 1) != 1 || read(back[0], &answer, 1) != 1)
			failures++;
		else if (answer != (unsigned char)(byte + 1))
			mismatches++;
	}
	CHECK_EQ("pipe: every round trip went through", 0, failures);
	CHECK_EQ("pipe: every byte came back plus one", 0, mismatches);
	CHECK_EQ("pipe: the echo on processor 2 finished", 0, exit_status_of(echo));
	close(there[0]), close(there[1]), close(back[0]), close(back[1]);
}

static const char lock_path[] = "/tmp/fs0load.lock";
static int held[2], released[2];

static int lock_whole_file(int fd, short type, int command)
{
	struct flock lock = { .l_type = type, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0 };

	return fcntl(fd, command, &lock);
}

/* On processor 3: takes the lock, says so, and keeps it until told. */
static int hold_then_release(int unused)
{
	(void)unused;
	char byte = 'h';
	int fd = open(lock_path, O_RDWR);

	if (fd < 0 || lock_whole_file(fd, F_WRLCK, F_SETLK) != 0)
		return 1;
	if (write(held[1], &byte, 1) != 1 || read(released[0], &byte, 1) != 1)
		return 2;
	/* Time for the waiter's F_SETLKW to reach fs0 and wait there. */
	usleep(LOCK_HOLD_US);
	return lock_whole_file(fd, F_UNLCK, F_SETLK) != 0 ? 3 : 0;
}

/* On processor 0, waiting for the lock the holder on processor 3 has: the
 * release there answers the wait here. */
static int wait_for_the_lock(int unused)
{
	(void)unused;
	char byte;
	int fd = open(lock_path, O_RDWR);

	if (fd < 0 || read(held[0], &byte, 1) != 1)
		return 1;
	if (lock_whole_file(fd, F_WRLCK, F_SETLK) == 0 || (errno != EAGAIN && errno != EACCES))
		return 2;
	if (write(released[1], &byte, 1) != 1)
		return 3;
	if (lock_whole_file(fd, F_WRLCK, F_SETLKW) != 0)
		return 4;
	return lock_whole_file(fd, F_UNLCK, F_SETLK) != 0 ? 5 : 0;
}

static void lock_between_processors(void)
{
	int fd = open(lock_path, O_CREAT | O_RDWR, 0644);

	CHECK("locks: file made", fd >= 0);
	CHECK_EQ("locks: pipes made", 0, pipe(held) | pipe(released));
	pid_t holder = on_processor(3, hold_then_release, 0);
	pid_t waiter = on_processor(0, wait_for_the_lock, 0);

	CHECK_EQ("locks: the holder on processor 3 released", 0, exit_status_of(holder));
	CHECK_EQ("locks: the waiter on processor 0 got the lock", 0, exit_status_of(waiter));
	CHECK_EQ("locks: file removed", 0, close(fd) | unlink(lock_path));
}

int main(void)
{
	CHECK_EQ("four processors", PROCESSORS, sysconf(_SC_NPROCESSORS_ONLN));
	files_on_four_processors();
	pipe_between_processors();
	lock_between_processors();
	return tap_summary("fs0load");
}
