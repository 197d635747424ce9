/* e2tools.c - scratch directories, e2fsprogs, seeded bytes, path lookup. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "e2tools.h"

#define COMMAND_MAX 4096

char *scratch_make(void)
{
	const char *base = getenv("TMPDIR");
	char pattern[1024];
	snprintf(pattern, sizeof(pattern), "%s/ext2test.XXXXXX", base && *base ? base : "/tmp");
	char *dir = mkdtemp(pattern);
	return dir ? strdup(dir) : NULL;
}

void scratch_remove(char *dir)
{
	if (dir)
		run_status("rm -rf '%s'", dir);
	free(dir);
}

static void format_command(char *command, const char *fmt, va_list ap)
{
	int used = snprintf(command, COMMAND_MAX, "PATH=\"$PATH:/sbin:/usr/sbin\"; ");
	vsnprintf(command + used, COMMAND_MAX - (size_t)used, fmt, ap);
}

static int exit_status(int raw)
{
	return raw != -1 && WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
}

int run_status(const char *fmt, ...)
{
	char command[COMMAND_MAX];
	va_list ap;
	va_start(ap, fmt);
	format_command(command, fmt, ap);
	va_end(ap);
	return exit_status(system(command));
}

char *run_output(int *status, size_t *len, const char *fmt, ...)
{
	char command[COMMAND_MAX];
	va_list ap;
	va_start(ap, fmt);
	format_command(command, fmt, ap);
	va_end(ap);
	FILE *pipe = popen(command, "r");
	if (!pipe)
		return NULL;
	size_t cap = 4096, used = 0;
	char *out = malloc(cap);
	size_t got;
	while (out && (got = fread(out + used, 1, cap - used - 1, pipe)) > 0) {
		used += got;
		if (cap - used < 2) {
			char *grown = realloc(out, cap * 2);
			if (!grown) {
				free(out);
				out = NULL;
				break;
			}
			out = grown;
			cap *= 2;
		}
	}
	*status = exit_status(pclose(pipe));
	if (out)
		out[used] = '\0';
	*len = used;
	return out;
}

int make_image(const char *image, unsigned block_size, const char *from, const char *size)
{
	if (from)
		return run_status("mke2fs -q -F -t ext2 -b %u -d '%s' '%s' %s >/dev/null",
				  block_size, from, image, size);
	return run_status("mke2fs -q -F -t ext2 -b %u '%s' %s >/dev/null", block_size, image, size);
}

int check_image(const char *image)
{
	return run_status("out=$(e2fsck -fn '%s' 2>&1); status=$?; "
			  "[ $status = 0 ] || printf '%%s\\n' \"$out\" >&2; exit $status", image);
}

uint64_t rng_next(uint64_t *state)
{
	uint64_t x = *state;
	x ^= x << 13;
	x ^= x >> 7;
	x ^= x << 17;
	*state = x;
	return x;
}

void rng_fill(uint64_t *state, void *buf, size_t len)
{
	uint8_t *bytes = buf;
	while (len >= 8) {
		uint64_t word = rng_next(state);
		memcpy(bytes, &word, 8);
		bytes += 8;
		len -= 8;
	}
	if (len) {
		uint64_t word = rng_next(state);
		memcpy(bytes, &word, len);
	}
}

int path_lookup(struct ext2_fs *fs, const char *path, uint32_t *ino)
{
	uint32_t cur = EXT2_ROOT_INO;
	while (*path) {
		while (*path == '/')
			path++;
		size_t len = strcspn(path, "/");
		if (!len)
			break;
		int err = ext2_lookup(fs, cur, path, len, &cur);
		if (err)
			return err;
		path += len;
	}
	*ino = cur;
	return 0;
}
