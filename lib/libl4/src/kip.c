/* kip.c - finding boot modules by name and devices by kind in the KIP. */
#include <l4/kip.h>

const struct l4_kip_module *l4_kip_module(const char *name)
{
	const struct l4_kip *kip = l4_kip();
	for (uint32_t i = 0; i < kip->num_modules && i < L4_KIP_MAX_MODULES; i++) {
		const char *a = kip->modules[i].name, *b = name;
		uint32_t n = 0;
		while (n < L4_MODULE_NAME_LEN && *a && *a == *b) {
			a++;
			b++;
			n++;
		}
		if (n < L4_MODULE_NAME_LEN && *a == *b)
			return &kip->modules[i];
	}
	return 0;
}

const struct l4_kip_device *l4_kip_device(uint32_t kind)
{
	const struct l4_kip *kip = l4_kip();
	for (uint32_t i = 0; i < kip->num_devices && i < L4_KIP_MAX_DEVICES; i++)
		if (kip->devices[i].kind == kind)
			return &kip->devices[i];
	return 0;
}
