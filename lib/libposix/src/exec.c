/* exec.c - execve and the exec family: the path and the argument and
 * environment strings go to mm0 as execve's bulk parameters (mm0 reads the
 * program from fs0 and replaces this process's image); execvp searches
 * PATH. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "fs0.h"
#include "internal.h"
#include "mm0.h"

extern char **environ;

/* Where PATH is unset, as POSIX shells default. */
#define DEFAULT_PATH	"/bin:/boot"

/* Appends count strings of vector after *used bytes of strings, each with its NUL. */
static int pack_strings(char strings[MM0_EXEC_ARGS_MAX], uint32_t *used, char *const vector[],
			uint32_t *count)
{
	for (*count = 0; vector && vector[*count]; (*count)++) {
		size_t length = strlen(vector[*count]) + 1;

		if (length > MM0_EXEC_ARGS_MAX - *used)
			return -E2BIG;
		memcpy(strings + *used, vector[*count], length);
		*used += (uint32_t)length;
	}
	return 0;
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	char strings[MM0_EXEC_ARGS_MAX];
	uint32_t used = 0, argc, envc;
	int err;

	if (!path)
		return posix_error(EFAULT);
	if (!*path)
		return posix_error(ENOENT);
	if (strnlen(path, MM0_EXEC_PATH_MAX + 1) > MM0_EXEC_PATH_MAX)
		return posix_error(ENAMETOOLONG);
	err = pack_strings(strings, &used, argv, &argc);
	if (!err)
		err = pack_strings(strings, &used, envp, &envc);
	if (err < 0)
		return posix_error(-err);
	posix_console_flush();
	return (int)posix_result(mm_execve(posix_mm0(), path, strings, used, argc, envc));
}

int execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

/* A name with a slash is a path; otherwise each PATH entry is tried in
 * turn. ENOENT and ENOTDIR move on; EACCES is kept for the end in case a
 * later entry works; anything else stops the search. */
int execvpe(const char *file, char *const argv[], char *const envp[])
{
	const char *search, *entry, *end;
	char candidate[FS0_PATH_MAX];
	int saw_access_error = 0;

	if (!file)
		return posix_error(EFAULT);
	if (!*file)
		return posix_error(ENOENT);
	if (strchr(file, '/'))
		return execve(file, argv, envp);
	search = getenv("PATH");
	if (!search)
		search = DEFAULT_PATH;
	for (entry = search; ; entry = end + 1) {
		size_t directory_length;

		end = strchr(entry, ':');
		if (!end)
			end = entry + strlen(entry);
		directory_length = (size_t)(end - entry);
		if (directory_length + 1 + strlen(file) < sizeof(candidate)) {
			memcpy(candidate, entry, directory_length);
			if (directory_length == 0)
				candidate[directory_length++] = '.';
			candidate[directory_length] = '/';
			strcpy(candidate + directory_length + 1, file);
			execve(candidate, argv, envp);
			if (errno == EACCES)
				saw_access_error = 1;
			else if (errno != ENOENT && errno != ENOTDIR)
				return -1;
		}
		if (!*end)
			break;
	}
	return posix_error(saw_access_error ? EACCES : ENOENT);
}

int execvp(const char *file, char *const argv[])
{
	return execvpe(file, argv, environ);
}

/* The execl family: the variable arguments, up to the NULL, as a vector
 * on the stack. */
#define EXECL_MAX_ARGS	128

static int collect(const char *first, va_list *args, char *vector[EXECL_MAX_ARGS + 1])
{
	int count = 0;

	for (const char *arg = first; arg; arg = va_arg(*args, const char *)) {
		if (count == EXECL_MAX_ARGS)
			return -E2BIG;
		vector[count++] = (char *)arg;
	}
	vector[count] = NULL;
	return 0;
}

int execl(const char *path, const char *arg, ...)
{
	char *vector[EXECL_MAX_ARGS + 1];
	va_list args;
	int err;

	va_start(args, arg);
	err = collect(arg, &args, vector);
	va_end(args);
	return err ? posix_error(-err) : execve(path, vector, environ);
}

int execlp(const char *file, const char *arg, ...)
{
	char *vector[EXECL_MAX_ARGS + 1];
	va_list args;
	int err;

	va_start(args, arg);
	err = collect(arg, &args, vector);
	va_end(args);
	return err ? posix_error(-err) : execvp(file, vector);
}

/* execle: the environment follows the NULL that ends the arguments. */
int execle(const char *path, const char *arg, ...)
{
	char *vector[EXECL_MAX_ARGS + 1], **envp;
	va_list args;
	int err;

	va_start(args, arg);
	err = collect(arg, &args, vector);
	envp = err ? NULL : va_arg(args, char **);
	va_end(args);
	return err ? posix_error(-err) : execve(path, vector, envp);
}
