/* file_churn.h - the file loop fs0load.c and fs0disk.c run on each
 * processor at once: each round writes a record naming the processor and
 * the round, reads it back through a second open, stats it, closes both and
 * removes the file. */
#ifndef SMP_FILE_CHURN_H
#define SMP_FILE_CHURN_H

#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define FILE_CHURN_RECORD_MAX	512

/* 0, or the failing round + 1 (record_len at most FILE_CHURN_RECORD_MAX). */
static inline int churn_file(const char *path, int processor, int rounds, size_t record_len)
{
	char record[FILE_CHURN_RECORD_MAX], back[FILE_CHURN_RECORD_MAX];
	struct stat info;

	for (int round = 0; round < rounds; round++) {
		memset(record, 'a' + processor, record_len);
		snprintf(record, record_len, "%d:%d:", processor, round);
		int out = open(path, O_CREAT | O_TRUNC | O_WRONLY, 0644);
		if (out < 0 || write(out, record, record_len) != (ssize_t)record_len)
			return round + 1;
		int in = open(path, O_RDONLY);
		if (in < 0 || read(in, back, record_len) != (ssize_t)record_len ||
		    memcmp(back, record, record_len) != 0)
			return round + 1;
		if (fstat(in, &info) != 0 || info.st_size != (off_t)record_len)
			return round + 1;
		if (close(in) != 0 || close(out) != 0 || unlink(path) != 0)
			return round + 1;
	}
	return 0;
}

#endif
