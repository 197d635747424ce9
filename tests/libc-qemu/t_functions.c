/* t_functions.c - the POSIX functions libposix adds to picolibc: getline
 * and getdelim, the stream locks and unlocked character functions,
 * FILENAME_MAX, mkdtemp, lstat, _setjmp/_longjmp and dlopen's failure. */
#include <dlfcn.h>
#include <errno.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "libctest.h"

#define LINES_PATH "/getline-input"

static int write_file(const char *path, const char *contents)
{
	FILE *stream = fopen(path, "w");

	if (!stream)
		return -1;
	fputs(contents, stream);
	return fclose(stream);
}

static void check_getline(void)
{
	static char long_line[1001];
	char *line = NULL;
	size_t capacity = 0;
	FILE *stream;

	memset(long_line, 'x', sizeof(long_line) - 1);
	if (write_file(LINES_PATH, "first\n\nthird:a:b") || !(stream = fopen(LINES_PATH, "r"))) {
		CHECK("getline's input file", 0);
		return;
	}
	CHECK_EQ("getline reads a line with its newline", 6, getline(&line, &capacity, stream));
	CHECK("getline's line is the file's", line && !strcmp(line, "first\n") && capacity >= 7);
	CHECK_EQ("getline reads an empty line", 1, getline(&line, &capacity, stream));
	CHECK_EQ("getdelim stops after the delimiter", 6, getdelim(&line, &capacity, ':', stream));
	CHECK("getdelim's record", !strcmp(line, "third:"));
	CHECK_EQ("getline reads a last line without a newline", 3, getline(&line, &capacity, stream));
	CHECK("that line is NUL-terminated", !strcmp(line, "a:b"));
	CHECK_EQ("getline at the end gives -1", -1, getline(&line, &capacity, stream));
	CHECK("getline at the end sets end-of-file", feof(stream));
	fclose(stream);
	free(line);

	line = NULL;
	capacity = 0;
	if (write_file(LINES_PATH, long_line) || !(stream = fopen(LINES_PATH, "r"))) {
		CHECK("getline's long input file", 0);
		return;
	}
	CHECK_EQ("getline grows its buffer for a 1000-byte line", 1000,
		 getline(&line, &capacity, stream));
	CHECK("the long line arrived whole", line && !strcmp(line, long_line) && capacity > 1000);
	fclose(stream);
	free(line);
	errno = 0;
	CHECK_EQ("getline without a buffer pointer gives -1", -1, getline(NULL, &capacity, stdin));
	CHECK_EQ("... and EINVAL", EINVAL, errno);
	unlink(LINES_PATH);
}

static void check_stream_locks(void)
{
	FILE *stream = fopen(LINES_PATH, "w+");

	CHECK("FILENAME_MAX holds fs0's longest path", FILENAME_MAX >= 256);
	if (!stream) {
		CHECK("fopen for the stream locks", 0);
		return;
	}
	flockfile(stream);
	CHECK_EQ("ftrylockfile by the holder succeeds (the lock is recursive)", 0, ftrylockfile(stream));
	CHECK_EQ("putc_unlocked writes", 'k', putc_unlocked('k', stream));
	funlockfile(stream);
	funlockfile(stream);
	rewind(stream);
	CHECK_EQ("getc_unlocked reads it back", 'k', getc_unlocked(stream));
	CHECK_EQ("getc_unlocked at the end gives EOF", EOF, getc_unlocked(stream));
	fclose(stream);
	unlink(LINES_PATH);
}

static void check_mkdtemp_lstat(void)
{
	char template[] = "/tmpdir-XXXXXX", bad[] = "/tmpdir-XXXX";
	struct stat status;
	char *made = mkdtemp(template);

	CHECK("mkdtemp makes a directory", made == template && strncmp(template, "/tmpdir-", 8) == 0 &&
	      strcmp(template + 8, "XXXXXX") != 0 && stat(template, &status) == 0 &&
	      S_ISDIR(status.st_mode));
	CHECK("lstat sees it as a directory too", lstat(template, &status) == 0 && S_ISDIR(status.st_mode));
	rmdir(template);
	errno = 0;
	CHECK("mkdtemp refuses a template without six X", mkdtemp(bad) == NULL && errno == EINVAL);
}

static jmp_buf jump_target;

static void jump_back(int value)
{
	_longjmp(jump_target, value);
}

static void check_jumps_and_dlopen(void)
{
	volatile int passes = 0;
	int value = _setjmp(jump_target);
	const char *error;

	passes++;
	if (value == 0)
		jump_back(7);
	CHECK("_longjmp returns 7 through _setjmp", value == 7 && passes == 2);

	CHECK("dlerror says nothing before a failure", dlerror() == NULL);
	CHECK("dlopen fails (programs are linked statically)", dlopen("libm.so", RTLD_NOW) == NULL);
	error = dlerror();
	CHECK("dlerror then says why", error && strstr(error, "not supported"));
	CHECK("dlerror clears the message once read", dlerror() == NULL);
	CHECK("dlsym fails too", dlsym(RTLD_DEFAULT, "printf") == NULL && dlerror() != NULL);
}

void test_functions(void)
{
	check_getline();
	check_stream_locks();
	check_mkdtemp_lstat();
	check_jumps_and_dlopen();
}
