/* group.c - the group database over /etc/group (name:password:gid:
 * member,member...): getgrnam, getgrgid, their _r forms and getgrent. A
 * missing file means no groups. */
#include <errno.h>
#include <grp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "account_file.h"

#define GROUP_PATH	"/etc/group"
#define GROUP_FIELDS	4
#define RESULT_BUFFER	1024

/* Fills group from entry: the member list (NULL-terminated pointers,
 * aligned) first in buffer, then the strings; ERANGE when it is too small. */
static int group_fill(struct account_line *entry, struct group *group, char *buffer, size_t size,
		      bool *valid)
{
	size_t members, used, align = (uintptr_t)buffer % sizeof(char *);
	unsigned long gid;
	char *list = entry->field[3], *member;

	*valid = account_id(entry->field[2], &gid);
	if (!*valid)
		return 0;
	group->gr_gid = (gid_t)gid;
	members = *list ? 1 : 0;
	for (const char *comma = strchr(list, ','); comma; comma = strchr(comma + 1, ','))
		members++;
	used = (align ? sizeof(char *) - align : 0) + (members + 1) * sizeof(char *);
	if (used > size)
		return ERANGE;
	group->gr_mem = (char **)(buffer + used - (members + 1) * sizeof(char *));
	if (!(group->gr_name = account_copy(entry->field[0], buffer, size, &used)) ||
	    !(group->gr_passwd = account_copy(entry->field[1], buffer, size, &used)))
		return ERANGE;
	members = 0;
	for (char *next = *list ? list : NULL; next; next = member) {
		member = strchr(next, ',');
		if (member)
			*member++ = '\0';
		if (!(group->gr_mem[members++] = account_copy(next, buffer, size, &used)))
			return ERANGE;
	}
	group->gr_mem[members] = NULL;
	return 0;
}

/* The first entry with this name (when name) or this gid. */
static int group_find(const char *name, gid_t gid, struct group *group, char *buffer, size_t size,
		      struct group **result)
{
	struct account_line entry = { 0 };
	FILE *stream = fopen(GROUP_PATH, "r");
	int error = 0;
	bool valid;

	*result = NULL;
	if (!stream)
		return errno == ENOENT ? 0 : errno;
	while (!*result && !error && account_next(stream, &entry, GROUP_FIELDS)) {
		if (name && strcmp(entry.field[0], name))
			continue;
		error = group_fill(&entry, group, buffer, size, &valid);
		if (!error && valid && (name || group->gr_gid == gid))
			*result = group;
	}
	free(entry.line);
	fclose(stream);
	return error;
}

int getgrnam_r(const char *name, struct group *group, char *buffer, size_t size,
	       struct group **result)
{
	return group_find(name, 0, group, buffer, size, result);
}

int getgrgid_r(gid_t gid, struct group *group, char *buffer, size_t size, struct group **result)
{
	return group_find(NULL, gid, group, buffer, size, result);
}

static struct group shared_group;
static char shared_buffer[RESULT_BUFFER];

static struct group *shared_answer(int error, struct group *result)
{
	if (error)
		errno = error;
	return result;
}

struct group *getgrnam(const char *name)
{
	struct group *result;

	return shared_answer(getgrnam_r(name, &shared_group, shared_buffer, sizeof(shared_buffer),
					&result), result);
}

struct group *getgrgid(gid_t gid)
{
	struct group *result;

	return shared_answer(getgrgid_r(gid, &shared_group, shared_buffer, sizeof(shared_buffer),
					&result), result);
}

static FILE *enumeration;
static struct account_line enumeration_line;

void setgrent(void)
{
	if (enumeration)
		rewind(enumeration);
}

void endgrent(void)
{
	if (enumeration)
		fclose(enumeration);
	enumeration = NULL;
}

struct group *getgrent(void)
{
	bool valid = false;
	int error = 0;

	if (!enumeration && !(enumeration = fopen(GROUP_PATH, "r")))
		return NULL;
	while (!valid && !error && account_next(enumeration, &enumeration_line, GROUP_FIELDS))
		error = group_fill(&enumeration_line, &shared_group, shared_buffer,
				   sizeof(shared_buffer), &valid);
	return shared_answer(error, valid && !error ? &shared_group : NULL);
}
