/* cat.c - a program in make run's /boot for the shell to run with
 * arguments: copies each named file (standard input without any) to
 * standard output; exits 1 when a file cannot be read. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

/* A read the console's Ctrl-C ended (EINTR) is made again: the SIGINT
 * sent with it ends cat unless cat ignores it, as on systems where the
 * signal comes first. */
static ssize_t read_some(int fd, char *buffer, size_t size)
{
	ssize_t got;

	do
		got = read(fd, buffer, size);
	while (got < 0 && errno == EINTR);
	return got;
}

static int copy(int fd)
{
	char buffer[512];
	ssize_t got;

	while ((got = read_some(fd, buffer, sizeof(buffer))) > 0) {
		if (write(STDOUT_FILENO, buffer, (size_t)got) != got)
			return -1;
	}
	return got < 0 ? -1 : 0;
}

int main(int argc, char *argv[])
{
	int status = 0;

	if (argc < 2)
		return copy(STDIN_FILENO) < 0 ? 1 : 0;
	for (int i = 1; i < argc; i++) {
		int fd = open(argv[i], O_RDONLY);

		if (fd < 0 || copy(fd) < 0) {
			perror(argv[i]);
			status = 1;
		}
		if (fd >= 0)
			close(fd);
	}
	return status;
}
