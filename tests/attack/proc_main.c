/* proc_main.c - procattack: the process attack cases, TAP on the console; init's exit
 * status (QEMU's) is the number of failures. */
#include <sys/wait.h>
#include <unistd.h>

#include "procattack.h"

int run_in_child(int (*fn)(void))
{
	int status;
	pid_t child = fork();

	if (child == 0)
		_exit(fn());
	if (child < 0 || waitpid(child, &status, 0) != child) {
		printf("# fork or waitpid failed\n");
		return -1;
	}
	return status;
}

bool files_work(void)
{
	int ends[2];
	char byte = 0;
	bool through;

	if (pipe(ends) != 0)
		return false;
	through = write(ends[1], "x", 1) == 1 && read(ends[0], &byte, 1) == 1 && byte == 'x';
	close(ends[0]);
	close(ends[1]);
	return through;
}

/* mm0 is pid 1; the servers it starts before init take the pids after it. */
int first_server_pid(void)
{
	return 2;
}

int last_server_pid(void)
{
	return getpid() - 1;
}

int main(void)
{
	test_servers();
	test_sigpipe();
	test_crash();
	test_limits();
	test_threads();
	return tap_summary("procattack");
}
