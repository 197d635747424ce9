/* The parts of a 32-bit ARM ELF executable that spawn and exec read. */
#ifndef MM0_ELF_H
#define MM0_ELF_H

#include <stdint.h>

#include "mm0_local.h"

#define ELF_MACHINE_ARM	40u
#define ELF_TYPE_EXEC	2u
#define PT_LOAD		1u
#define PF_X		1u
#define PF_W		2u
#define PF_R		4u

struct elf_header {
	uint8_t ident[16];
	uint16_t type, machine;
	uint32_t version, entry, phoff, shoff, flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf_segment {
	uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

static inline uint32_t page_up(uint32_t value)
{
	return (value + MM0_PAGE_MASK) & ~MM0_PAGE_MASK;
}

static inline const struct elf_segment *segments_of(const uint8_t *image, uint32_t *count)
{
	const struct elf_header *eh = (const struct elf_header *)image;

	*count = eh->phnum;
	return (const struct elf_segment *)(image + eh->phoff);
}

static inline int elf_prot(uint32_t elf_flags)
{
	return ((elf_flags & PF_R) ? MM0_PROT_READ : 0) | ((elf_flags & PF_W) ? MM0_PROT_WRITE : 0) |
	       ((elf_flags & PF_X) ? MM0_PROT_EXEC : 0);
}

#endif
