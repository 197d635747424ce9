/* account_file.h - reading /etc/passwd and /etc/group: lines of fields
 * separated by ':', shared by passwd.c and group.c. */
#ifndef LIBPOSIX_ACCOUNT_FILE_H
#define LIBPOSIX_ACCOUNT_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#define ACCOUNT_FIELDS_MAX 7

/* One line cut at its ':'s (and the newline dropped): fields point into line. */
struct account_line {
	char *line;
	size_t capacity;
	char *field[ACCOUNT_FIELDS_MAX];
	int count;
};

/* Reads the next line of stream into entry; false at the end. Lines with
 * fewer than min_fields fields are skipped. */
bool account_next(FILE *stream, struct account_line *entry, int min_fields);

/* Reads a decimal id; false unless the whole field is one. */
bool account_id(const char *field, unsigned long *id);

/* Copies text into the caller's buffer at *used; NULL when it does not fit. */
char *account_copy(const char *text, char *buffer, size_t size, size_t *used);

#endif
