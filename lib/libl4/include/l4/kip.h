/* kip.h - the kernel interface page and the boot modules and devices listed in it. */
#ifndef L4_KIP_H
#define L4_KIP_H

#include <l4/abi.h>

static inline const struct l4_kip *l4_kip(void)
{
	return (const struct l4_kip *)L4_KIP_ADDR;
}

/* How many processors the kernel runs on (numbered from 0). */
static inline uint32_t l4_num_processors(void)
{
	return l4_kip()->num_processors;
}

/* The boot module with this name, or NULL. */
const struct l4_kip_module *l4_kip_module(const char *name);
/* The first device of this kind (enum l4_device_kind) the kernel found, or NULL. */
const struct l4_kip_device *l4_kip_device(uint32_t kind);

#endif
