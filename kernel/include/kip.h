/* kip.h - the kernel interface page, read-only at L4_KIP_ADDR in every space. */
#ifndef KERNEL_KIP_H
#define KERNEL_KIP_H

#include "kernel.h"

void kip_init(void);
uint32_t kip_phys(void);
struct l4_kip *kip(void);
void kip_add_mem(uint32_t base, uint32_t size, uint32_t type);
void kip_add_device(const struct l4_kip_device *device);
void kip_add_module(const char *name, uint32_t phys, uint32_t size);

#endif
