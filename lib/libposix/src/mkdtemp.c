/* mkdtemp.c - mkdtemp: the template's trailing XXXXXX replaced until mkdir
 * makes a new directory (mode 0700). picolibc declares it but has none. */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SUFFIX_LENGTH	6
#define ATTEMPTS	1000

char *mkdtemp(char *template)
{
	static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	size_t length = template ? strlen(template) : 0;
	struct timespec now;
	uint32_t state;
	char *suffix;

	if (length < SUFFIX_LENGTH || strcmp(template + length - SUFFIX_LENGTH, "XXXXXX")) {
		errno = EINVAL;
		return NULL;
	}
	suffix = template + length - SUFFIX_LENGTH;
	clock_gettime(CLOCK_MONOTONIC, &now);
	state = (uint32_t)now.tv_nsec ^ (uint32_t)getpid() << 16 ^ (uint32_t)(uintptr_t)template;
	for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
		for (int i = 0; i < SUFFIX_LENGTH; i++) {
			state = state * 1664525u + 1013904223u;
			suffix[i] = letters[(state >> 24) % (sizeof(letters) - 1)];
		}
		if (mkdir(template, 0700) == 0)
			return template;
		if (errno != EEXIST)
			return NULL;
	}
	errno = EEXIST;
	return NULL;
}
