/* readback.c - run by readback.test on a disk the host made with
 * mke2fs -d: /manifest lists what the host put under /data, one line each
 * ("d PATH", "l TARGET PATH", "f CKSUM SIZE PATH" with POSIX cksum's CRC),
 * and the program checks that every entry reads back exactly, and that a
 * walk of /data finds as many entries as the manifest names. */
#include <dirent.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cksum.h"
#include "tap.h"

#define CHUNK		65536u
#define LINE_MAX_BYTES	512u

static unsigned char chunk[CHUNK];
static unsigned failures_shown;

/* Only the first few failures of each kind are spelled out. */
static void fail_line(const char *what, const char *path)
{
	if (failures_shown++ < 10)
		check_report(0, what, "%s", path);
}

/* What a file that did not match gave: the last read's result, the size,
 * the CRC worked out during the reads and again now over the last chunk
 * (a small file's bytes), and that chunk's first bytes in hex. */
static void describe_read(const char *path, ssize_t got, uint64_t size, uint32_t crc_during,
			  uint32_t want_crc, uint64_t want_size)
{
	char shown[3 * 16 + 1] = "";
	size_t n = size < 16 ? (size_t)size : 16;
	for (size_t i = 0; i < n; i++)
		snprintf(shown + 3 * i, 4, " %02x", chunk[i]);
	if (failures_shown < 10)
		printf("# %s: last read %ld, %llu bytes, crc %lu, over the last chunk again %lu, "
		       "bytes%s; wanted %llu bytes, crc %lu\n",
		       path, (long)got, (unsigned long long)size, (unsigned long)crc_during,
		       size <= CHUNK ? (unsigned long)crc_end(crc_add(0, chunk, (size_t)size), size) : 0ul,
		       shown, (unsigned long long)want_size, (unsigned long)want_crc);
}

static int file_matches(const char *path, uint32_t want_crc, uint64_t want_size)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	uint32_t crc = 0;
	uint64_t size = 0;
	ssize_t got;
	while ((got = read(fd, chunk, sizeof(chunk))) > 0) {
		crc = crc_add(crc, chunk, (size_t)got);
		size += (uint64_t)got;
	}
	close(fd);
	if (got == 0 && size == want_size && crc_end(crc, size) == want_crc)
		return 1;
	describe_read(path, got, size, crc_end(crc, size), want_crc, want_size);
	return 0;
}

static int entry_matches(char *line, unsigned *entries)
{
	char kind = line[0], path[LINE_MAX_BYTES], target[LINE_MAX_BYTES];
	struct stat status;
	(*entries)++;
	if (kind == 'd')
		return sscanf(line, "d %511s", path) == 1 && lstat(path, &status) == 0 &&
		       S_ISDIR(status.st_mode);
	if (kind == 'l') {
		char link[LINE_MAX_BYTES];
		if (sscanf(line, "l %511s %511s", target, path) != 2)
			return 0;
		ssize_t len = readlink(path, link, sizeof(link) - 1);
		return len >= 0 && (link[len] = '\0', strcmp(link, target) == 0);
	}
	unsigned long crc;
	unsigned long long size;
	return sscanf(line, "f %lu %llu %511s", &crc, &size, path) == 3 &&
	       file_matches(path, (uint32_t)crc, size);
}

/* Entries below dir, "." and ".." aside. */
static unsigned walk(const char *dir)
{
	DIR *stream = opendir(dir);
	if (!stream)
		return 0;
	unsigned count = 0;
	struct dirent *entry;
	while ((entry = readdir(stream))) {
		if (!strcmp(entry->d_name, ".") || !strcmp(entry->d_name, ".."))
			continue;
		count++;
		char path[LINE_MAX_BYTES];
		struct stat status;
		snprintf(path, sizeof(path), "%s/%s", dir, entry->d_name);
		if (lstat(path, &status) == 0 && S_ISDIR(status.st_mode))
			count += walk(path);
	}
	closedir(stream);
	return count;
}

int main(void)
{
	static char line[LINE_MAX_BYTES];
	crc_init();
	FILE *manifest = fopen("/manifest", "r");
	if (!check("the host's manifest is on the disk", manifest != NULL, 0))
		return tap_summary("readback");
	unsigned entries = 0, bad = 0;
	while (fgets(line, sizeof(line), manifest)) {
		line[strcspn(line, "\n")] = '\0';
		if (!entry_matches(line, &entries)) {
			bad++;
			fail_line("entry as the host made it", line);
		}
	}
	fclose(manifest);
	check("the manifest names entries", entries > 5000, entries);
	CHECK_EQ("every entry as the host made it", 0, bad);
	/* The manifest names /data itself too. */
	CHECK_EQ("the walk finds what the manifest names", entries - 1, walk("/data"));
	return tap_summary("readback");
}
