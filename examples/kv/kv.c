/* kv.c - the kv server's handlers: a sorted table of keys and values. */
#include <errno.h>
#include <string.h>

#include "kv_server.h"

#define KV_SLOTS 16

struct entry {
	char key[KV_KEY_MAX + 1];
	char value[KV_VALUE_MAX + 1];
};

static struct entry table[KV_SLOTS];	/* sorted by key */
static unsigned used;

/* Where key is, or where it would go: sets *found. */
static unsigned position(const char *key, int *found)
{
	unsigned i = 0;

	while (i < used && strcmp(table[i].key, key) < 0)
		i++;
	*found = i < used && strcmp(table[i].key, key) == 0;
	return i;
}

int kv_handle_put(struct idlrt_request *idl_rq, const char *key, const char *value)
{
	int found;
	unsigned i = position(key, &found);

	(void)idl_rq;
	if (key[0] == '\0')
		return -EINVAL;
	if (!found) {
		if (used == KV_SLOTS)
			return -ENOSPC;
		memmove(&table[i + 1], &table[i], (used - i) * sizeof(table[0]));
		used++;
		strcpy(table[i].key, key);
	}
	strcpy(table[i].value, value);
	return 0;
}

int kv_handle_get(struct idlrt_request *idl_rq, const char *key, char *value)
{
	int found;
	unsigned i = position(key, &found);

	(void)idl_rq;
	if (!found)
		return -ENOENT;
	strcpy(value, table[i].value);
	return 0;
}

int kv_handle_remove(struct idlrt_request *idl_rq, const char *key)
{
	int found;
	unsigned i = position(key, &found);

	(void)idl_rq;
	if (!found)
		return -ENOENT;
	used--;
	memmove(&table[i], &table[i + 1], (used - i) * sizeof(table[0]));
	return 0;
}

int kv_handle_list(struct idlrt_request *idl_rq, uint32_t index, struct kv_listing *found)
{
	(void)idl_rq;
	if (index >= used)
		return -ENOENT;
	strcpy(found->key, table[index].key);
	found->value_length = (uint32_t)strlen(table[index].value);
	return (int)used;
}
