/* devices.c - the QEMU virt devices handed to the root task: PL011, PL031,
 * fw_cfg, PL061 and the virtio-mmio transports (never the GIC). */
#include "plat.h"

const struct plat_device_range plat_user_devices[] = {
	{ 0x09000000u, 0x00040000u },
	{ 0x0a000000u, 0x00004000u },
};
const unsigned plat_user_device_count = sizeof(plat_user_devices) / sizeof(plat_user_devices[0]);
