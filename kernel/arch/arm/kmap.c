/* kmap.c - the kernel half of the boot table (TTBR1): every byte of RAM the
 * device tree names at PA + KERNEL_VOFFSET, execute-never except the
 * kernel's text, which with the read-only data is read-only; the devices at
 * PA + DEVICE_VOFFSET. One second-level table covers the megabyte where
 * the text, the read-only data and the data meet. */
#include "cp15.h"
#include "kmap.h"
#include "mmu.h"
#include "plat.h"
#include "printk.h"

#define SECTION_SIZE	0x100000u
#define SECTION_MASK	(SECTION_SIZE - 1)
#define L1_TYPE_MASK	0x3u
#define L1_PAGE_TABLE	0x1u
#define L1_SECTION	0x2u
#define SECT_PXN	(1u << 0)
#define SECT_B		(1u << 2)
#define SECT_C		(1u << 3)
#define SECT_XN		(1u << 4)
#define SECT_AP_KERNEL	(1u << 10)	/* AP[1:0] = 01: PL1 only */
#define SECT_TEX0	(1u << 12)
#define SECT_AP2	(1u << 15)	/* with AP 01: read-only at PL1 */
#define SECT_S		(1u << 16)
#define TABLE_PXN	(1u << 2)
#define PAGE_XN		(1u << 0)
#define PAGE_SMALL	(1u << 1)
#define PAGE_B		(1u << 2)
#define PAGE_C		(1u << 3)
#define PAGE_AP_KERNEL	(1u << 4)
#define PAGE_TEX0	(1u << 6)
#define PAGE_AP2	(1u << 9)
#define PAGE_S		(1u << 10)
#define PAR_FAULT	(1u << 0)

#define SECTION_RAM	(L1_SECTION | SECT_TEX0 | SECT_C | SECT_B | SECT_S | SECT_AP_KERNEL | SECT_XN)
#define SECTION_TEXT	(L1_SECTION | SECT_TEX0 | SECT_C | SECT_B | SECT_S | SECT_AP_KERNEL | SECT_AP2)
#define SECTION_RODATA	(SECTION_TEXT | SECT_XN)
#define SECTION_DEVICE	(L1_SECTION | SECT_B | SECT_XN | SECT_AP_KERNEL)
#define PAGE_RAM	(PAGE_SMALL | PAGE_TEX0 | PAGE_C | PAGE_B | PAGE_S | PAGE_AP_KERNEL | PAGE_XN)
#define PAGE_TEXT	(PAGE_SMALL | PAGE_TEX0 | PAGE_C | PAGE_B | PAGE_S | PAGE_AP_KERNEL | PAGE_AP2)
#define PAGE_RODATA	(PAGE_TEXT | PAGE_XN)
/* RAM must end below the device window to be mapped. */
#define LINEAR_PHYS_END	(DEVICE_VOFFSET - KERNEL_VOFFSET)

extern uint32_t kernel_pgd[4096];
extern char __kernel_start[], __text_end[], __rodata_end[], __kernel_end[];
static uint32_t kernel_text_table[256] __attribute__((aligned(1024)));

uint32_t ram_base, ram_size;

static void map_sections(uint32_t va, uint32_t pa, uint32_t size, uint32_t attributes)
{
	for (uint32_t done = 0; done < size; done += SECTION_SIZE)
		kernel_pgd[(va + done) >> 20] = ((pa + done) & ~SECTION_MASK) | attributes;
	mmu_clean_to_pou(&kernel_pgd[va >> 20], (size >> 20) * 4);
}

static void flush_kernel_tlb(void)
{
	write_tlbiall(0);
	write_bpiall(0);
	dsb();
	isb();
}

void kmap_early_console(void)
{
	map_sections(PLAT_EARLY_UART_PHYS + DEVICE_VOFFSET, PLAT_EARLY_UART_PHYS, SECTION_SIZE,
		     SECTION_DEVICE);
	flush_kernel_tlb();
}

/* Section or page attributes for the kernel's linear map at va. */
static uint32_t section_kind(uint32_t va)
{
	if (va < (uint32_t)__kernel_start || va >= (uint32_t)__rodata_end)
		return SECTION_RAM;
	return va < (uint32_t)__text_end ? SECTION_TEXT : SECTION_RODATA;
}

static uint32_t page_kind(uint32_t va)
{
	uint32_t kind = section_kind(va);
	return kind == SECTION_TEXT ? PAGE_TEXT : kind == SECTION_RODATA ? PAGE_RODATA : PAGE_RAM;
}

/* A megabyte whose pages differ, page by page; the image is small enough
 * that only one megabyte holds the boundaries. */
static void map_pages(uint32_t va)
{
	static bool table_used;
	if (table_used)
		panic("kernel image: text and read-only data span more than one megabyte boundary");
	table_used = true;
	for (uint32_t i = 0; i < 256; i++) {
		uint32_t page_va = va + i * PAGE_SIZE;
		kernel_text_table[i] = virt_to_phys((void *)page_va) | page_kind(page_va);
	}
	mmu_clean_to_pou(kernel_text_table, sizeof(kernel_text_table));
	kernel_pgd[va >> 20] = virt_to_phys(kernel_text_table) | L1_PAGE_TABLE;
	mmu_clean_to_pou(&kernel_pgd[va >> 20], 4);
}

/* RAM from the tree, trimmed to whole megabytes below the device window. */
static void take_ram(void)
{
	uint64_t end = (uint64_t)plat.ram_base + plat.ram_size;
	uint32_t first = (plat.ram_base + SECTION_MASK) & ~SECTION_MASK;
	uint32_t last = end > LINEAR_PHYS_END ? LINEAR_PHYS_END : (uint32_t)end & ~SECTION_MASK;
	if (first >= last || virt_to_phys(__kernel_start) < first || virt_to_phys(__kernel_end) > last)
		panic("device tree: RAM 0x%x + 0x%x does not hold the kernel at 0x%x",
		      (unsigned)plat.ram_base, (unsigned)plat.ram_size,
		      (unsigned)virt_to_phys(__kernel_start));
	if (end > last)
		printk("kernel: RAM above 0x%x is beyond the kernel's linear map and not used\n",
		       (unsigned)last);
	ram_base = first;
	ram_size = last - first;
}

void kmap_init(void)
{
	take_ram();
	for (uint32_t pa = ram_base; pa < ram_base + ram_size; pa += SECTION_SIZE) {
		uint32_t va = (uint32_t)phys_to_virt(pa), kind = section_kind(va);
		if (section_kind(va + SECTION_SIZE - PAGE_SIZE) != kind)
			map_pages(va);
		else
			map_sections(va, pa, SECTION_SIZE, kind);
	}
	map_sections(plat.gic_dist + DEVICE_VOFFSET, plat.gic_dist, SECTION_SIZE, SECTION_DEVICE);
	map_sections(plat.gic_cpu + DEVICE_VOFFSET, plat.gic_cpu, SECTION_SIZE, SECTION_DEVICE);
	map_sections(plat.uart->base + DEVICE_VOFFSET, plat.uart->base, SECTION_SIZE, SECTION_DEVICE);
	flush_kernel_tlb();
	console_use_tree_uart();
}

/* Execute permission at PL1 from the descriptors: no address translation
 * operation answers it. User addresses go through the active space's table. */
static bool kernel_may_execute(uint32_t va)
{
	const uint32_t *l1 = va >= L4_USER_TOP ? kernel_pgd
					       : phys_to_virt(read_ttbr0() & ~0x1fffu);
	uint32_t entry = l1[va >> 20];
	if ((entry & L1_TYPE_MASK) == L1_SECTION)
		return !(entry & (SECT_XN | SECT_PXN));
	if ((entry & L1_TYPE_MASK) != L1_PAGE_TABLE || (entry & TABLE_PXN))
		return false;
	const uint32_t *l2 = phys_to_virt(entry & ~0x3ffu);
	uint32_t page = l2[(va >> 12) & 0xff];
	return (page & PAGE_SMALL) && !(page & PAGE_XN);
}

uint32_t kmap_kernel_access(uint32_t va)
{
	uint32_t access = 0;
	write_ats1cpr(va);
	isb();
	if (!(read_par() & PAR_FAULT))
		access |= KMAP_READ;
	write_ats1cpw(va);
	isb();
	if (!(read_par() & PAR_FAULT))
		access |= KMAP_WRITE;
	if ((access & KMAP_READ) && kernel_may_execute(va))
		access |= KMAP_EXEC;
	return access;
}
