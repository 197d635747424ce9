/* boot.h - the boot module table (written by tools/mkimage) and root start. */
#ifndef KERNEL_BOOT_H
#define KERNEL_BOOT_H

#include "kernel.h"

struct space;

struct boot_module {
	char name[L4_MODULE_NAME_LEN];
	uint32_t start;		/* kernel virtual addresses of the ELF file */
	uint32_t end;
};

struct boot_module_table {
	uint32_t count;
	struct boot_module modules[];
};

/* Lays out memory, builds the KIP, loads the first module as the root task
 * and enters it; with no modules, reports that and powers off. */
void boot_start_root(void) __attribute__((noreturn));

/* Loads an ELF executable into fresh memory at load_phys and maps it into
 * s; returns the end of the memory used, or 0 with *err set. */
uint32_t elf_load(struct space *s, const uint8_t *file, uint32_t size, uint32_t load_phys,
		  uint32_t *entry, int *err);

#endif
