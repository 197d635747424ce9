/* kmap.h - the kernel half of the address space: RAM, the kernel image's
 * protections, and the board's devices. */
#ifndef KERNEL_KMAP_H
#define KERNEL_KMAP_H

#include "kernel.h"

/* Maps the board's early UART, so that the kernel can report before (and
 * about) the device tree. */
void kmap_early_console(void);
/* Maps the RAM and devices of plat (the device tree): RAM linearly, the
 * kernel's text and read-only data read-only, everything else
 * execute-never; devices uncached and execute-never. */
void kmap_init(void);

/* What the kernel's own mapping of va permits it (KMAP_*), for self-tests. */
#define KMAP_READ	(1u << 0)
#define KMAP_WRITE	(1u << 1)
#define KMAP_EXEC	(1u << 2)
uint32_t kmap_kernel_access(uint32_t va);

#endif
