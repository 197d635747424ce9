/* tally.h - libtally: a table of words and how often each was seen. */
#ifndef TALLY_H
#define TALLY_H

#include <stddef.h>

struct tally_entry {
	char *word;
	unsigned count;
};

struct tally {
	struct tally_entry *entries;
	size_t used, capacity;
};

/* Adds one sighting of word (length bytes); 0, or -1 when memory runs out. */
int tally_add(struct tally *table, const char *word, size_t length);
/* Sorts the entries, most frequent first, equal counts alphabetically. */
void tally_sort(struct tally *table);
void tally_free(struct tally *table);

/* Calls seen(word, length, context) for each word of text (letters and
 * apostrophes, folded to lower case in place); stops at the first non-zero
 * answer and returns it. */
int words_each(char *text, size_t length, int (*seen)(const char *, size_t, void *),
	       void *context);

#endif
