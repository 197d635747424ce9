/* tally.c - libtally's table: a growing array kept unsorted until asked. */
#include <stdlib.h>
#include <string.h>

#include "tally.h"

static struct tally_entry *entry_find(struct tally *table, const char *word, size_t length)
{
	for (size_t i = 0; i < table->used; i++) {
		struct tally_entry *entry = &table->entries[i];

		if (strlen(entry->word) == length && memcmp(entry->word, word, length) == 0)
			return entry;
	}
	return NULL;
}

int tally_add(struct tally *table, const char *word, size_t length)
{
	struct tally_entry *entry = entry_find(table, word, length);

	if (entry) {
		entry->count++;
		return 0;
	}
	if (table->used == table->capacity) {
		size_t capacity = table->capacity ? 2 * table->capacity : 16;
		struct tally_entry *grown = realloc(table->entries, capacity * sizeof(*grown));

		if (!grown)
			return -1;
		table->entries = grown;
		table->capacity = capacity;
	}
	entry = &table->entries[table->used];
	entry->word = malloc(length + 1);
	if (!entry->word)
		return -1;
	memcpy(entry->word, word, length);
	entry->word[length] = '\0';
	entry->count = 1;
	table->used++;
	return 0;
}

static int by_count_then_word(const void *left, const void *right)
{
	const struct tally_entry *a = left, *b = right;

	if (a->count != b->count)
		return a->count > b->count ? -1 : 1;
	return strcmp(a->word, b->word);
}

void tally_sort(struct tally *table)
{
	qsort(table->entries, table->used, sizeof(*table->entries), by_count_then_word);
}

void tally_free(struct tally *table)
{
	for (size_t i = 0; i < table->used; i++)
		free(table->entries[i].word);
	free(table->entries);
	table->entries = NULL;
	table->used = table->capacity = 0;
}
