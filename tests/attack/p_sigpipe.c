/* p_sigpipe.c - a write to a pipe with no reader: SIGPIPE ends the writer by default;
 * ignored or caught, the write fails with EPIPE. */
#include <errno.h>
#include <sys/wait.h>
#include <unistd.h>

#include "procattack.h"

static volatile sig_atomic_t sigpipes;

static void count_sigpipe(int signo)
{
	(void)signo;
	sigpipes++;
}

/* -1 with errno for a write into a pipe whose read end is closed. */
static ssize_t write_to_no_reader(void)
{
	int ends[2];
	ssize_t written;

	if (pipe(ends) != 0)
		return -2;
	close(ends[0]);
	written = write(ends[1], "x", 1);
	close(ends[1]);
	return written;
}

static int writer_child(void)
{
	write_to_no_reader();
	return 0;
}

void test_sigpipe(void)
{
	int status = run_in_child(writer_child);
	ssize_t written;

	check_report(status >= 0 && WIFSIGNALED(status) && WTERMSIG(status) == SIGPIPE,
		     "a write with no reader kills the writer with SIGPIPE", "status 0x%x", status);
	signal(SIGPIPE, SIG_IGN);
	errno = 0;
	written = write_to_no_reader();
	check_report(written == -1 && errno == EPIPE, "SIGPIPE ignored: the write fails with EPIPE",
		     "%d, errno %d", (int)written, errno);
	signal(SIGPIPE, count_sigpipe);
	errno = 0;
	written = write_to_no_reader();
	check_report(written == -1 && errno == EPIPE && sigpipes == 1,
		     "SIGPIPE caught: the handler runs once and the write fails with EPIPE",
		     "%d, errno %d, %d signals", (int)written, errno, (int)sigpipes);
	signal(SIGPIPE, SIG_DFL);
}
