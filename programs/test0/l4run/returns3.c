/* returns3.c - l4run.test: prints its arguments, writes and reads back a
 * file, and returns 3, which l4run must pass on as its own status. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char text[8] = { 0 };
	int fd = open("/note", O_RDWR | O_CREAT, 0644);

	write(fd, "stored", 6);
	pread(fd, text, sizeof(text) - 1, 0);
	printf("hello: %d argument(s):", argc - 1);
	for (int i = 1; i < argc; i++)
		printf(" [%s]", argv[i]);
	printf("; the file says %s\n", text);
	return strcmp(text, "stored") == 0 ? 3 : 1;
}
