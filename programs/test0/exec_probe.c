/* exec_probe.c - the program test0 runs with execve from its boot file
 * system: it checks the arguments, environment and descriptor it was given
 * (and, with a fifth argument, that this descriptor was closed by exec) and
 * exits with 40 when all is right, 40 + a bit per thing that was not. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	int wrong = 0, fd;
	char text[8] = { 0 };
	struct stat status;

	if ((argc != 4 && argc != 5) || strcmp(argv[1], "one") != 0 ||
	    strcmp(argv[2], "two words") != 0)
		wrong |= 1;
	if (!getenv("PROBE_COLOUR") || strcmp(getenv("PROBE_COLOUR"), "blue") != 0 ||
	    getenv("TEST0_COLOUR"))
		wrong |= 2;
	fd = argc > 3 ? atoi(argv[3]) : -1;
	if (pread(fd, text, 7, 0) != 7 || strcmp(text, "kept fd") != 0)
		wrong |= 4;
	if (argc > 4 && fstat(atoi(argv[4]), &status) == 0)
		wrong |= 8;
	return 40 + wrong;
}
