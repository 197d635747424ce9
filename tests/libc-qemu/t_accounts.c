/* t_accounts.c - getpwnam, getpwuid, getgrgid and friends over /etc/passwd
 * and /etc/group: fs0's own (root and user), then ones written here. */
#include <errno.h>
#include <grp.h>
#include <pwd.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "libctest.h"

static int write_file(const char *path, const char *contents)
{
	FILE *stream = fopen(path, "w");

	if (!stream)
		return -1;
	fputs(contents, stream);
	return fclose(stream);
}

static void check_users(void)
{
	struct passwd user, *found;
	char buffer[256], tiny[8];
	int entries = 0;

	found = getpwuid(0);
	CHECK("getpwuid(0) is root in fs0's /etc/passwd", found && strcmp(found->pw_name, "root") == 0);
	if (write_file("/etc/passwd", "root:x:0:0:The Root:/root:/boot/sh\n"
				      "broken line\n"
				      "guest:*:1000:100::/home/guest:/boot/sh\n")) {
		CHECK("/etc/passwd written", 0);
		return;
	}
	found = getpwuid(1000);
	CHECK("getpwuid(1000) is guest", found && !strcmp(found->pw_name, "guest") &&
	      found->pw_gid == 100 && !strcmp(found->pw_dir, "/home/guest") &&
	      !strcmp(found->pw_gecos, "") && !strcmp(found->pw_shell, "/boot/sh"));
	found = getpwnam("root");
	CHECK("getpwnam(root) has uid 0 and its fields", found && found->pw_uid == 0 &&
	      !strcmp(found->pw_gecos, "The Root") && !strcmp(found->pw_passwd, "x"));
	errno = 0;
	CHECK("getpwnam of an unknown name is NULL, errno untouched", getpwnam("nobody") == NULL &&
	      errno == 0);
	CHECK_EQ("getpwuid_r fills the caller's buffer", 0,
		 getpwuid_r(0, &user, buffer, sizeof(buffer), &found));
	CHECK("getpwuid_r's answer", found == &user && !strcmp(user.pw_name, "root"));
	CHECK_EQ("getpwnam_r with a small buffer gives ERANGE", ERANGE,
		 getpwnam_r("root", &user, tiny, sizeof(tiny), &found));
	setpwent();
	while (getpwent())
		entries++;
	endpwent();
	CHECK_EQ("getpwent lists the two valid entries", 2, entries);
	unlink("/etc/passwd");
}

static void check_groups(void)
{
	struct group group, *found;
	char buffer[256];

	if (write_file("/etc/group", "root:x:0:\nusers:x:100:guest,root\n")) {
		CHECK("/etc/group written", 0);
		return;
	}
	found = getgrgid(100);
	CHECK("getgrgid(100) is users with two members", found && !strcmp(found->gr_name, "users") &&
	      found->gr_mem[0] && !strcmp(found->gr_mem[0], "guest") && found->gr_mem[1] &&
	      !strcmp(found->gr_mem[1], "root") && !found->gr_mem[2]);
	found = getgrnam("root");
	CHECK("getgrnam(root): gid 0, no members", found && found->gr_gid == 0 && !found->gr_mem[0]);
	CHECK("getgrgid of an unknown gid is NULL", getgrgid(42) == NULL);
	CHECK("getgrgid_r into an odd buffer address", getgrgid_r(100, &group, buffer + 1,
	      sizeof(buffer) - 1, &found) == 0 && found == &group && !strcmp(group.gr_mem[1], "root"));
	unlink("/etc/group");
	rmdir("/etc");
}

void test_accounts(void)
{
	check_users();
	check_groups();
}
