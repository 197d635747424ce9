/* elf.c - loads the root task's ELF executable (ARM, 32-bit, static). */
#include "boot.h"
#include "mmu.h"

#define PT_LOAD		1u
#define PF_X		1u
#define PF_W		2u
#define PF_R		4u
#define EM_ARM		40u
#define ET_EXEC		2u

struct elf32_ehdr {
	uint8_t ident[16];
	uint16_t type, machine;
	uint32_t version, entry, phoff, shoff, flags;
	uint16_t ehsize, phentsize, phnum, shentsize, shnum, shstrndx;
};

struct elf32_phdr {
	uint32_t type, offset, vaddr, paddr, filesz, memsz, flags, align;
};

static bool header_valid(const struct elf32_ehdr *eh, uint32_t size)
{
	return size >= sizeof(*eh) && eh->ident[0] == 0x7f && eh->ident[1] == 'E' &&
	       eh->ident[2] == 'L' && eh->ident[3] == 'F' && eh->ident[4] == 1 &&
	       eh->ident[5] == 1 && eh->machine == EM_ARM && eh->type == ET_EXEC &&
	       eh->phentsize == sizeof(struct elf32_phdr) && eh->phoff < size &&
	       eh->phnum <= (size - eh->phoff) / sizeof(struct elf32_phdr);
}

static bool segment_valid(const struct elf32_phdr *ph, uint32_t size)
{
	return ph->filesz <= ph->memsz && ph->offset <= size && ph->filesz <= size - ph->offset &&
	       ph->vaddr >= PAGE_SIZE && ph->vaddr < L4_UTCB_AREA &&
	       ph->memsz <= L4_UTCB_AREA - ph->vaddr;
}

uint32_t elf_load(struct space *s, const uint8_t *file, uint32_t size, uint32_t load_phys,
		  uint32_t *entry, int *err)
{
	const struct elf32_ehdr *eh = (const void *)file;
	*err = -L4_EINVAL;
	if (!header_valid(eh, size))
		return 0;
	const struct elf32_phdr *ph = (const void *)(file + eh->phoff);
	uint32_t lo = L4_UTCB_AREA, hi = 0;
	for (unsigned i = 0; i < eh->phnum; i++) {
		if (ph[i].type != PT_LOAD || ph[i].memsz == 0)
			continue;
		if (!segment_valid(&ph[i], size))
			return 0;
		if ((ph[i].vaddr & ~PAGE_MASK) < lo)
			lo = ph[i].vaddr & ~PAGE_MASK;
		uint32_t end = (ph[i].vaddr + ph[i].memsz + PAGE_MASK) & ~PAGE_MASK;
		if (end > hi)
			hi = end;
	}
	if (hi <= lo || !phys_in_ram(load_phys, hi - lo)) {
		*err = -L4_ENOMEM;
		return 0;
	}
	uint8_t *image = phys_to_virt(load_phys);
	memset(image, 0, hi - lo);
	for (unsigned i = 0; i < eh->phnum; i++) {
		if (ph[i].type != PT_LOAD || ph[i].memsz == 0)
			continue;
		memcpy(image + (ph[i].vaddr - lo), file + ph[i].offset, ph[i].filesz);
		uint32_t perms = ((ph[i].flags & PF_R) ? L4_PERM_READ : 0) |
				 ((ph[i].flags & PF_W) ? L4_PERM_WRITE : 0) |
				 ((ph[i].flags & PF_X) ? L4_PERM_EXEC : 0);
		uint32_t end = ph[i].vaddr + ph[i].memsz;
		for (uint32_t va = ph[i].vaddr & ~PAGE_MASK; va < end; va += PAGE_SIZE) {
			*err = mmu_map_page(s, va, load_phys + (va - lo), perms | L4_PERM_READ);
			if (*err)
				return 0;
		}
	}
	mmu_sync_icache(image, hi - lo);
	*entry = eh->entry;
	*err = 0;
	return load_phys + (hi - lo);
}
