/* echoargs.c - run by init through execve from /boot/bin: checks its arguments,
 * its environment and a descriptor it inherited, and exits 42 if all is right. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fs0.h"
#include "mm0test_rt.h"

static int environment_is(const char *const expected[])
{
	int i;

	for (i = 0; expected[i]; i++)
		if (!mm0c_environ[i] || strcmp(mm0c_environ[i], expected[i]) != 0)
			return 0;
	return mm0c_environ[i] == NULL;
}

int main(int argc, char **argv)
{
	static const char *const expected_env[] = { "LARCH=exec", "SECOND=2", NULL };
	uint32_t fs0_tid, size, len = 5;
	uintptr_t addr;
	char word[5];

	if (argc == 2 && strcmp(argv[1], "spawned") == 0)
		return 5;
	if (argc != 3 || strcmp(argv[0], "echoargs") != 0 || strcmp(argv[2], "two words") != 0)
		return 1;
	if (!environment_is(expected_env))
		return 2;
	if (mm_fs0_buffer(mm0c_server(), &fs0_tid, &addr, &size) != 0)
		return 3;
	/* argv[1] is "open,cloexec": the descriptor init opened before fork and exec
	 * is still open here, the one it opened with O_CLOEXEC is closed. */
	if (fs0_read(fs0_tid, atoi(argv[1]), word, &len) != 5 || memcmp(word, "hello", 5) != 0)
		return 4;
	if (!strchr(argv[1], ',') || fs0_close(fs0_tid, atoi(strchr(argv[1], ',') + 1)) != -EBADF)
		return 6;
	return 42;
}
