/* account_file.c - the line reader and field helpers of account_file.h. */
#include <stdlib.h>
#include <string.h>

#include "account_file.h"

bool account_next(FILE *stream, struct account_line *entry, int min_fields)
{
	ssize_t length;

	while ((length = getline(&entry->line, &entry->capacity, stream)) >= 0) {
		char *cursor = entry->line;

		if (length && entry->line[length - 1] == '\n')
			entry->line[length - 1] = '\0';
		entry->count = 0;
		for (;;) {
			char *colon = strchr(cursor, ':');

			if (entry->count < ACCOUNT_FIELDS_MAX)
				entry->field[entry->count] = cursor;
			entry->count++;
			if (!colon)
				break;
			*colon = '\0';
			cursor = colon + 1;
		}
		if (entry->count >= min_fields && entry->count <= ACCOUNT_FIELDS_MAX)
			return true;
	}
	return false;
}

bool account_id(const char *field, unsigned long *id)
{
	char *end;

	if (*field < '0' || *field > '9')
		return false;
	*id = strtoul(field, &end, 10);
	return *end == '\0';
}

char *account_copy(const char *text, char *buffer, size_t size, size_t *used)
{
	size_t length = strlen(text) + 1;
	char *copy = buffer + *used;

	if (length > size - *used)
		return NULL;
	memcpy(copy, text, length);
	*used += length;
	return copy;
}
