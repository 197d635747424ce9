/* device.c - the bytes of /dev/null, /dev/zero, /dev/random and
 * /dev/urandom (one generator: random.c, which never blocks once seeded, as
 * Linux's after boot). */
#include <string.h>
#include "device.h"
#include "random.h"
#include "vnode.h"

long device_read(struct fs0_vnode *vnode, void *buf, size_t len)
{
	switch (vnode->device) {
	case FS0_DEV_NULL:
		return 0;
	case FS0_DEV_ZERO:
		memset(buf, 0, len);
		return (long)len;
	case FS0_DEV_RANDOM:
	case FS0_DEV_URANDOM:
		random_fill(buf, len);
		return (long)len;
	default:
		return -FS0_ENXIO;
	}
}

/* Bytes written to the random devices are mixed in, as Linux does (without
 * crediting them as entropy). */
long device_write(struct fs0_vnode *vnode, const void *buf, size_t len)
{
	switch (vnode->device) {
	case FS0_DEV_NULL:
	case FS0_DEV_ZERO:
		return (long)len;
	case FS0_DEV_RANDOM:
	case FS0_DEV_URANDOM:
		if (len)
			random_stir(buf, len);
		return (long)len;
	default:
		return -FS0_ENXIO;
	}
}

int device_is_terminal(const struct fs0_vnode *vnode)
{
	return vnode->device == FS0_DEV_CONSOLE || vnode->device == FS0_DEV_TTY;
}
