/* cat_file.c - l4run.test: copies the file named by its argument (one
 * that l4run --add put in /boot) to standard output. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char buffer[256];
	ssize_t count;
	int fd = open(argc > 1 ? argv[1] : "", O_RDONLY);

	if (fd < 0) {
		perror("cat_file: open");
		return 1;
	}
	while ((count = read(fd, buffer, sizeof(buffer))) > 0)
		write(STDOUT_FILENO, buffer, (size_t)count);
	return close(fd) == 0 && count == 0 ? 0 : 2;
}
