/* reboot.c - reboot(RB_POWER_OFF) through mm.power_off (docs/libposix.md). */
#include <errno.h>
#include <sys/reboot.h>

#include "internal.h"
#include "mm0.h"

int reboot(int howto)
{
	if (howto != RB_POWER_OFF)
		return posix_error(EINVAL);
	return (int)posix_result(mm_power_off(posix_mm0()));
}
