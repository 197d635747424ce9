/* t_misc.c - the small calls portable programs link against: uname, sessions
 * and process groups, ftok, sysconf and pathconf, sigaction's mask, POSIX shm
 * names without a slash, and the string-to-number edge cases. */
#include <errno.h>
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "test0.h"

static void uname_names_the_system(void)
{
	struct utsname names;
	char host[64];

	memset(&names, 'x', sizeof(names));
	CHECK_EQ("uname succeeds", 0, uname(&names));
	CHECK("sysname is Larch", strcmp(names.sysname, "Larch") == 0);
	CHECK("release is the package's version", strcmp(names.release, PACKAGE_VERSION) == 0);
	CHECK("machine is armv7l", strcmp(names.machine, "armv7l") == 0);
	CHECK("nodename is gethostname's",
	      gethostname(host, sizeof(host)) == 0 && strcmp(names.nodename, host) == 0);
	CHECK("version names the kernel", strncmp(names.version, "Larch ", 6) == 0);
	errno = 0;
	CHECK("uname into a bad pointer is EFAULT", uname((struct utsname *)8) == -1 && errno == EFAULT);
}

void test_misc(void)
{
	uname_names_the_system();
}
