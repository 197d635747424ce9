/* trace_files.c - l4run-trace.test: writes a file in /tmp, reads it back and
 * opens a missing one, so that --trace shows each request decoded. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static const char text[] = "traced bytes\n";

int main(void)
{
	char buffer[64];
	int fd = open("/tmp/traced.txt", O_CREAT | O_WRONLY | O_TRUNC, 0644);

	if (fd < 0 || write(fd, text, sizeof(text) - 1) != (ssize_t)(sizeof(text) - 1) || close(fd) != 0)
		return 1;
	fd = open("/tmp/traced.txt", O_RDONLY);
	if (fd < 0)
		return 2;
	ssize_t got = read(fd, buffer, sizeof(buffer));
	if (got != (ssize_t)(sizeof(text) - 1) || memcmp(buffer, text, (size_t)got) != 0 ||
	    read(fd, buffer, sizeof(buffer)) != 0 || close(fd) != 0)
		return 3;
	if (open("/tmp/missing", O_RDONLY) != -1 || errno != ENOENT)
		return 4;
	printf("pid %d\n", (int)getpid());
	return 0;
}
