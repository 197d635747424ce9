/* elf.h - the parts of a 32-bit little-endian ARM ELF executable that a
 * loader reads: one copy for the kernel, mm0 and the test loaders. Plain C
 * (stdint only), so host-built code includes it too. */
#ifndef L4_ELF_H
#define L4_ELF_H

#include <stdbool.h>
#include <stdint.h>

#define ELF_CLASS_32		1u	/* ident[4] */
#define ELF_DATA_LSB		1u	/* ident[5]: little-endian */
#define ELF_TYPE_EXEC		2u
#define ELF_MACHINE_ARM		40u
#define PT_LOAD			1u
#define PF_X			1u
#define PF_W			2u
#define PF_R			4u

struct elf_header {
	uint8_t ident[16];
	uint16_t type, machine;
	uint32_t version, entry, phoff, shoff, flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf_segment {
	uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

/* True for a 32-bit little-endian ARM executable whose program headers
 * have our layout and lie inside the size bytes of the file. */
static inline bool elf_header_valid(const struct elf_header *eh, uint32_t size)
{
	return size >= sizeof(*eh) && eh->ident[0] == 0x7f && eh->ident[1] == 'E' &&
	       eh->ident[2] == 'L' && eh->ident[3] == 'F' && eh->ident[4] == ELF_CLASS_32 &&
	       eh->ident[5] == ELF_DATA_LSB && eh->machine == ELF_MACHINE_ARM &&
	       eh->type == ELF_TYPE_EXEC && eh->phentsize == sizeof(struct elf_segment) &&
	       eh->phoff < size && eh->phnum <= (size - eh->phoff) / sizeof(struct elf_segment);
}

#endif
