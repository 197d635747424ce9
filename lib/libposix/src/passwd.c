/* passwd.c - the user database over /etc/passwd (name:password:uid:gid:
 * gecos:home:shell): getpwnam, getpwuid, their _r forms and getpwent. A
 * missing file means no users (the lookups answer "not found"). */
#include <errno.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>

#include "account_file.h"

#define PASSWD_PATH	"/etc/passwd"
#define PASSWD_FIELDS	7
#define RESULT_BUFFER	1024

/* Fills user from entry's fields, strings copied into buffer; ERANGE when
 * it is too small, 0 when the line is not a valid entry. */
static int passwd_fill(struct account_line *entry, struct passwd *user, char *buffer, size_t size,
		       bool *valid)
{
	unsigned long uid, gid;
	size_t used = 0;

	*valid = account_id(entry->field[2], &uid) && account_id(entry->field[3], &gid);
	if (!*valid)
		return 0;
	user->pw_uid = (uid_t)uid;
	user->pw_gid = (gid_t)gid;
	if (!(user->pw_name = account_copy(entry->field[0], buffer, size, &used)) ||
	    !(user->pw_passwd = account_copy(entry->field[1], buffer, size, &used)) ||
	    !(user->pw_gecos = account_copy(entry->field[4], buffer, size, &used)) ||
	    !(user->pw_dir = account_copy(entry->field[5], buffer, size, &used)) ||
	    !(user->pw_shell = account_copy(entry->field[6], buffer, size, &used)))
		return ERANGE;
	user->pw_comment = user->pw_gecos;
	return 0;
}

/* The first entry with this name (when name) or this uid. */
static int passwd_find(const char *name, uid_t uid, struct passwd *user, char *buffer, size_t size,
		       struct passwd **result)
{
	struct account_line entry = { 0 };
	FILE *stream = fopen(PASSWD_PATH, "r");
	int error = 0;
	bool valid;

	*result = NULL;
	if (!stream)
		return errno == ENOENT ? 0 : errno;
	while (!*result && !error && account_next(stream, &entry, PASSWD_FIELDS)) {
		if (name && strcmp(entry.field[0], name))
			continue;
		error = passwd_fill(&entry, user, buffer, size, &valid);
		if (!error && valid && (name || user->pw_uid == uid))
			*result = user;
	}
	free(entry.line);
	fclose(stream);
	return error;
}

int getpwnam_r(const char *name, struct passwd *user, char *buffer, size_t size,
	       struct passwd **result)
{
	return passwd_find(name, 0, user, buffer, size, result);
}

int getpwuid_r(uid_t uid, struct passwd *user, char *buffer, size_t size, struct passwd **result)
{
	return passwd_find(NULL, uid, user, buffer, size, result);
}

static struct passwd shared_user;
static char shared_buffer[RESULT_BUFFER];

static struct passwd *shared_answer(int error, struct passwd *result)
{
	if (error)
		errno = error;
	return result;
}

struct passwd *getpwnam(const char *name)
{
	struct passwd *result;

	return shared_answer(getpwnam_r(name, &shared_user, shared_buffer, sizeof(shared_buffer),
					&result), result);
}

struct passwd *getpwuid(uid_t uid)
{
	struct passwd *result;

	return shared_answer(getpwuid_r(uid, &shared_user, shared_buffer, sizeof(shared_buffer),
					&result), result);
}

static FILE *enumeration;
static struct account_line enumeration_line;

void setpwent(void)
{
	if (enumeration)
		rewind(enumeration);
}

void endpwent(void)
{
	if (enumeration)
		fclose(enumeration);
	enumeration = NULL;
}

struct passwd *getpwent(void)
{
	bool valid = false;
	int error = 0;

	if (!enumeration && !(enumeration = fopen(PASSWD_PATH, "r")))
		return NULL;
	while (!valid && !error && account_next(enumeration, &enumeration_line, PASSWD_FIELDS))
		error = passwd_fill(&enumeration_line, &shared_user, shared_buffer,
				    sizeof(shared_buffer), &valid);
	return shared_answer(error, valid && !error ? &shared_user : NULL);
}
