/* kill_self.c - l4run.test: sends itself the signal its argument names;
 * l4run must report the death as 128 + the signal, with a line. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int signal_number = argc > 1 ? atoi(argv[1]) : SIGKILL;

	printf("sending myself signal %d\n", signal_number);
	kill(getpid(), signal_number);
	printf("still alive after signal %d\n", signal_number);
	return 0;
}
