/* greet NAME...: greets its arguments, counts them in a child process when
 * configure found fork and <sys/wait.h>, and maps a page when it found mmap. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>

#ifdef HAVE_SYS_MMAN_H
#include <sys/mman.h>
#endif
#ifdef HAVE_SYS_WAIT_H
#include <sys/wait.h>
#endif
#include <unistd.h>

#include "count.h"

/* The child's exit status carries the letter count back. */
static int letters_in_child(char *const words[], int count)
{
#if defined(HAVE_FORK) && defined(HAVE_SYS_WAIT_H)
	int status;
	pid_t child = fork();

	if (child < 0)
		return -1;
	if (child == 0)
		_exit((int)count_letters(words, count) & 0xff);
	if (waitpid(child, &status, 0) != child || !WIFEXITED(status))
		return -1;
	return WEXITSTATUS(status);
#else
	return (int)count_letters(words, count);
#endif
}

static const char *page_mapped(void)
{
#if defined(HAVE_MMAP) && defined(HAVE_SYS_MMAN_H)
	char *page = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (page == MAP_FAILED)
		return "failed";
	page[0] = 'y';
	munmap(page, 4096);
	return "yes";
#else
	return "not configured";
#endif
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		printf("Hello, %s!\n", argv[i]);
	printf("%s: %d words, %d letters (counted by a child), length rms %.4f\n",
	       PACKAGE_STRING, argc - 1, letters_in_child(argv + 1, argc - 1),
	       count_length_rms(argv + 1, argc - 1));
	printf("a page mapped: %s\n", page_mapped());
	return argc > 1 ? 0 : 1;
}
