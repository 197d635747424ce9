/* elf.c - loads the root task's ELF executable (ARM, 32-bit, static). */
#include "boot.h"
#include "l4/elf.h"
#include "mmu.h"

static bool segment_valid(const struct elf_segment *ph, uint32_t size)
{
	return ph->filesz <= ph->memsz && ph->offset <= size && ph->filesz <= size - ph->offset &&
	       ph->vaddr >= PAGE_SIZE && ph->vaddr < L4_UTCB_AREA &&
	       ph->memsz <= L4_UTCB_AREA - ph->vaddr;
}

uint32_t elf_load(struct space *s, const uint8_t *file, uint32_t size, uint32_t load_phys,
		  uint32_t *entry, int *err)
{
	const struct elf_header *eh = (const void *)file;
	*err = -L4_EINVAL;
	if (!elf_header_valid(eh, size))
		return 0;
	const struct elf_segment *ph = (const void *)(file + eh->phoff);
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
