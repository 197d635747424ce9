/* What spawn and exec derive from an ELF image (the format itself is l4/elf.h). */
#ifndef MM0_ELF_H
#define MM0_ELF_H

#include <stdint.h>

#include <l4/elf.h>

#include "mm0_local.h"

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
