/* reexec.c - l4run.test: argv[0] names the program's file, so execv of it
 * runs the program again (the second time with the argument "again"). */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char *again[] = { argv[0], "again", NULL };

	if (argc > 1 && strcmp(argv[1], "again") == 0) {
		printf("second run as %s\n", argv[0]);
		return 0;
	}
	printf("first run as %s\n", argv[0]);
	execv(argv[0], again);
	perror("reexec: execv");
	return 1;
}
