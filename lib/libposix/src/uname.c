/* uname.c - the system's names: "Larch", the package's version, the kernel's
 * own version line (from the KIP), the host name and the machine as Linux
 * names a 32-bit ARMv7 little-endian one. */
#include <string.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <l4/kip.h>

#include "internal.h"

#define SYSTEM_NAME	"Larch"
#define MACHINE_NAME	"armv7l"
/* Linux's answer when no domain is set. */
#define NO_DOMAIN	"(none)"

static void field_set(char field[_UTSNAME_LENGTH], const char *text)
{
	strncpy(field, text, _UTSNAME_LENGTH - 1);
	field[_UTSNAME_LENGTH - 1] = '\0';
}

int uname(struct utsname *name)
{
	struct utsname answer;
	const struct l4_kip *kip = l4_kip();

	memset(&answer, 0, sizeof(answer));
	field_set(answer.sysname, SYSTEM_NAME);
	if (gethostname(answer.nodename, sizeof(answer.nodename)) < 0)
		return -1;
	field_set(answer.release, LARCH_VERSION);
	memcpy(answer.version, kip->kernel_version,
	       strnlen(kip->kernel_version, sizeof(kip->kernel_version)));
	field_set(answer.machine, MACHINE_NAME);
	field_set(answer.domainname, NO_DOMAIN);
	return posix_copy(name, &answer, sizeof(answer)) ? posix_error(EFAULT) : 0;
}
