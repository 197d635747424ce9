/* buf.c - growable text and string lists; allocation that cannot fail. */
#include <stdlib.h>
#include <string.h>

#include "buf.h"

void *sh_realloc(void *old, size_t size)
{
	void *memory = realloc(old, size ? size : 1);

	if (!memory)
		abort();
	return memory;
}

void *sh_alloc(size_t size)
{
	return sh_realloc(NULL, size);
}

char *sh_strndup(const char *text, size_t len)
{
	char *copy = sh_alloc(len + 1);

	memcpy(copy, text, len);
	copy[len] = '\0';
	return copy;
}

char *sh_strdup(const char *text)
{
	return sh_strndup(text, strlen(text));
}

void sh_text_add(struct sh_text *buffer, const char *text, size_t len)
{
	if (buffer->len + len + 1 > buffer->capacity) {
		buffer->capacity = (buffer->len + len + 1) * 2;
		buffer->text = sh_realloc(buffer->text, buffer->capacity);
	}
	memcpy(buffer->text + buffer->len, text, len);
	buffer->len += len;
	buffer->text[buffer->len] = '\0';
}

void sh_text_add_char(struct sh_text *buffer, char c)
{
	sh_text_add(buffer, &c, 1);
}

char *sh_text_take(struct sh_text *buffer)
{
	char *text = buffer->text ? buffer->text : sh_strdup("");

	buffer->text = NULL;
	buffer->len = buffer->capacity = 0;
	return text;
}

void sh_text_free(struct sh_text *buffer)
{
	free(buffer->text);
	buffer->text = NULL;
	buffer->len = buffer->capacity = 0;
}

void sh_list_add(struct sh_list *list, char *item)
{
	if (list->count + 2 > list->capacity) {
		list->capacity = (list->count + 2) * 2;
		list->items = sh_realloc(list->items, list->capacity * sizeof(*list->items));
	}
	list->items[list->count++] = item;
	list->items[list->count] = NULL;
}

char **sh_list_items(struct sh_list *list)
{
	if (!list->items) {
		list->capacity = 1;
		list->items = sh_alloc(sizeof(*list->items));
		list->items[0] = NULL;
	}
	return list->items;
}

void sh_list_free(struct sh_list *list)
{
	for (size_t i = 0; i < list->count; i++)
		free(list->items[i]);
	free(list->items);
	list->items = NULL;
	list->count = list->capacity = 0;
}
