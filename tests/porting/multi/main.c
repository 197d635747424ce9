/* main.c - wordstat FILE [TOP]: counts the lines and words of FILE and
 * reports the TOP (default 3) most frequent words. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "wordstat.h"

static int word_seen(const char *word, size_t length, void *context)
{
	struct text_counts *counts = context;

	counts->words++;
	counts->length_sum += (double)length;
	counts->length_square_sum += (double)length * (double)length;
	return tally_add(&counts->table, word, length);
}

static char *file_read(const char *path, size_t *length)
{
	FILE *file = fopen(path, "r");
	size_t capacity = 256, got;
	char *text = malloc(capacity);

	if (!file || !text) {
		if (file)
			fclose(file);
		free(text);
		return NULL;
	}
	*length = 0;
	while ((got = fread(text + *length, 1, capacity - *length, file)) > 0) {
		*length += got;
		if (*length == capacity) {
			char *grown = realloc(text, capacity *= 2);

			if (!grown)
				break;
			text = grown;
		}
	}
	fclose(file);
	return text;
}

int main(int argc, char **argv)
{
	struct text_counts counts = { 0 };
	size_t length;
	char *text;

	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: %s FILE [TOP]\n", argv[0]);
		return 2;
	}
	text = file_read(argv[1], &length);
	if (!text) {
		perror(argv[1]);
		return 1;
	}
	for (size_t i = 0; i < length; i++)
		counts.lines += text[i] == '\n';
	if (words_each(text, length, word_seen, &counts)) {
		fprintf(stderr, "%s: out of memory\n", argv[0]);
		return 1;
	}
	tally_sort(&counts.table);
	report_print(&counts, argc == 3 ? (unsigned)atoi(argv[2]) : 3);
	tally_free(&counts.table);
	free(text);
	return 0;
}
