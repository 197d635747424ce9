/* buf.h - growable text and string lists, and allocation that ends the
 * shell when memory runs out (as other shells do: nothing sensible is left
 * to run). */
#ifndef SH_BUF_H
#define SH_BUF_H

#include <stddef.h>

void *sh_alloc(size_t size);
void *sh_realloc(void *old, size_t size);
char *sh_strndup(const char *text, size_t len);
char *sh_strdup(const char *text);

/* Text that grows; text is always NUL-terminated (NULL before the first add). */
struct sh_text {
	char *text;
	size_t len, capacity;
};

void sh_text_add(struct sh_text *buffer, const char *text, size_t len);
void sh_text_add_char(struct sh_text *buffer, char c);
/* Hands over the text (an empty string if nothing was added) and resets. */
char *sh_text_take(struct sh_text *buffer);
void sh_text_free(struct sh_text *buffer);

/* A NULL-terminated list of malloc'd strings, as argv is. */
struct sh_list {
	char **items;
	size_t count, capacity;
};

/* Takes over item (malloc'd). */
void sh_list_add(struct sh_list *list, char *item);
/* The items, NULL-terminated even when empty. */
char **sh_list_items(struct sh_list *list);
void sh_list_free(struct sh_list *list);

#endif
