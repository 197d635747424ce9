/* mmu.c - short-descriptor page tables. The kernel half (TTBR1) is the boot
 * table (kmap.c); each space has an 8 KiB first-level table for user memory
 * (TTBR0, TTBCR.N = 1) whose second-level tables come four to a page, one
 * page per 4 MiB. User entries are non-global and ASID-tagged, and their
 * first-level entries carry PXN: the kernel never runs user code.
 * TLB and predictor maintenance uses the inner-shareable forms with a
 * DSB ISH, so a change returns only when no processor can use the old
 * translation (with one processor they cost what the local forms do). */
#include "cp15.h"
#include "kmem.h"
#include "mmu.h"
#include "smp.h"
#include "space.h"

#define L1_PAGE_TABLE	0x1u
#define L1_PXN		0x4u
#define L1_TYPE_MASK	0x3u
#define L2_SMALL_PAGE	0x2u
#define L2_XN		0x1u
#define L2_B		0x4u
#define L2_C		0x8u
#define L2_AP_USER_RW	0x30u
#define L2_AP_USER_RO	0x220u	/* AP2 | AP1: read-only at PL0 and PL1 */
#define L2_AP_MASK	0x230u
#define L2_TEX0		0x40u
#define L2_S		0x400u
#define L2_NG		0x800u
#define L2_NORMAL	(L2_TEX0 | L2_C | L2_B | L2_S)	/* write-back write-allocate */
#define L2_DEVICE	(L2_B | L2_XN)			/* shareable device */
#define CACHE_LINE	64u
#define MAX_ASID	255u

uint32_t kernel_pgd[4096] __attribute__((aligned(16384), section(".bss.pgd")));
/* TTBR0 while no space is active: translates nothing. */
static uint32_t empty_pgd[USER_PGD_ENTRIES] __attribute__((aligned(8192), section(".bss.pgd")));

static uint32_t asid_generation = 1;	/* a new space's 0 is never current */
static uint32_t next_asid = 1;		/* ASID 0 is reserved for switching */
static uint32_t tables_live;

void mmu_clean_to_pou(const void *start, uint32_t size)
{
	uint32_t line = (uint32_t)start & ~(CACHE_LINE - 1);
	for (; line < (uint32_t)start + size; line += CACHE_LINE)
		write_dccmvau(line);
	dsb();
}

void mmu_init(void)
{
	/* Lower half of the boot table held the identity map; it goes away
	 * with TTBCR.N = 1, and its global TLB entries with the TLBIALL. */
	write_contextidr(0);
	isb();
	write_ttbr0(virt_to_phys(empty_pgd) | TTBR_WBWA_SHARED);
	write_ttbcr(1);
	isb();
	write_tlbiall(0);
	write_bpiall(0);
	dsb();
	isb();
	this_cpu()->asid_generation = asid_generation;
}

static uint32_t *pte_find(struct space *s, uint32_t va, bool alloc, int *err)
{
	uint32_t index = va >> 20;
	uint32_t entry = s->pgd[index];
	if ((entry & L1_TYPE_MASK) != L1_PAGE_TABLE) {
		if (!alloc)
			return NULL;
		uint32_t *tables = kmem_alloc(s, 1, 1);
		if (!tables) {
			*err = -L4_ENOMEM;
			return NULL;
		}
		mmu_clean_to_pou(tables, PAGE_SIZE);
		uint32_t first = index & ~3u;
		for (uint32_t i = 0; i < 4; i++)
			s->pgd[first + i] = (virt_to_phys(tables) + i * 1024) | L1_PAGE_TABLE | L1_PXN;
		mmu_clean_to_pou(&s->pgd[first], 16);
		isb();
		s->table_blocks[index / 128] |= 1u << (index / 4 % 32);
		tables_live++;
		entry = s->pgd[index];
	}
	uint32_t *table = phys_to_virt(entry & ~0x3ffu);
	return &table[(va >> 12) & 0xff];
}

/* Drops s's TLB entries for va (or for all of s: va ANY_VA) on every
 * processor. A space of an older ASID generation may still run on another
 * processor under its old ASID, which a newer space may share by now:
 * only a flush of everything reaches it safely. With one processor such a
 * space runs nowhere and has no entries left. */
#define ANY_VA	1u
static void flush_space_tlb(struct space *s, uint32_t va)
{
	if (s->asid_generation == asid_generation) {
		if (va == ANY_VA)
			write_tlbiasidis(s->asid);
		else
			write_tlbimvais((va & ~PAGE_MASK) | s->asid);
	} else if (smp_active()) {
		write_tlbiallis(0);
	} else {
		return;
	}
	write_bpiallis(0);
	dsb_ish();
}

/* Writes a PTE the way the ARM ARM asks: clean it for the table walker and,
 * if a valid entry is replaced, invalidate its TLB entry for this ASID. */
static void pte_write(struct space *s, uint32_t *pte, uint32_t value, uint32_t va)
{
	uint32_t old = *pte;
	*pte = value;
	mmu_clean_to_pou(pte, 4);
	if (old & L2_SMALL_PAGE)
		flush_space_tlb(s, va);
	isb();
}

static uint32_t pte_attributes(uint32_t perms)
{
	uint32_t pte = L2_SMALL_PAGE | L2_NG;
	pte |= (perms & L4_PERM_DEVICE) ? L2_DEVICE : L2_NORMAL;
	pte |= (perms & L4_PERM_WRITE) ? L2_AP_USER_RW : L2_AP_USER_RO;
	if (!(perms & L4_PERM_EXEC))
		pte |= L2_XN;
	return pte;
}

int mmu_map_page(struct space *s, uint32_t va, uint32_t pa, uint32_t perms)
{
	int err = 0;
	uint32_t *pte = pte_find(s, va, true, &err);
	if (!pte)
		return err;
	pte_write(s, pte, (pa & ~PAGE_MASK) | pte_attributes(perms), va);
	return 0;
}

bool mmu_unmap_page(struct space *s, uint32_t va)
{
	uint32_t *pte = pte_find(s, va, false, NULL);
	if (!pte || !(*pte & L2_SMALL_PAGE))
		return false;
	pte_write(s, pte, 0, va);
	return true;
}

static uint32_t pte_protected(uint32_t pte, uint32_t perms)
{
	uint32_t value = pte & ~(L2_AP_MASK | L2_XN);
	if (value & L2_C)
		value |= (perms & L4_PERM_EXEC) ? 0 : L2_XN;
	else
		value |= L2_XN;	/* device memory is never executable */
	return value | ((perms & L4_PERM_WRITE) ? L2_AP_USER_RW : L2_AP_USER_RO);
}

/* One pass per second-level table: its entries are rewritten together and
 * cleaned for the walker a cache line at a time, then one TLBIASID drops
 * the space's stale entries (fork protects whole areas, munmap removes
 * whole regions: a TLBIMVA per page cost more than the refills). */
uint32_t mmu_change_range(struct space *s, uint32_t va, uint32_t end, bool unmap, uint32_t perms)
{
	uint32_t done = 0;
	while (va < end) {
		uint32_t stop = ((va >> 20) + 1) << 20;
		uint32_t entry = s->pgd[va >> 20];
		if (stop > end)
			stop = end;
		if ((entry & L1_TYPE_MASK) == L1_PAGE_TABLE) {
			uint32_t *first = (uint32_t *)phys_to_virt(entry & ~0x3ffu) + ((va >> 12) & 0xff);
			uint32_t *last = first + ((stop - va) >> 12), changed = 0;
			for (uint32_t *pte = first; pte < last; pte++) {
				if (!(*pte & L2_SMALL_PAGE))
					continue;
				*pte = unmap ? 0 : pte_protected(*pte, perms);
				changed++;
			}
			if (changed)
				mmu_clean_to_pou(first, (uint32_t)(last - first) * sizeof(*first));
			done += changed;
		}
		va = stop;
	}
	if (done)
		flush_space_tlb(s, ANY_VA);
	isb();
	return done;
}

bool mmu_lookup(struct space *s, uint32_t va, uint32_t perms, uint32_t *pa)
{
	if (va >= L4_USER_TOP)
		return false;
	uint32_t *pte = pte_find(s, va, false, NULL);
	if (!pte || !(*pte & L2_SMALL_PAGE))
		return false;
	if ((perms & L4_PERM_WRITE) && (*pte & L2_AP_MASK) != L2_AP_USER_RW)
		return false;
	if ((perms & L4_PERM_EXEC) && (*pte & L2_XN))
		return false;
	*pa = (*pte & ~PAGE_MASK) | (va & PAGE_MASK);
	return true;
}

/* Only the 4 MiB blocks whose bit pte_find set are looked at. */
void mmu_free_tables(struct space *s)
{
	for (uint32_t w = 0; w < TABLE_BLOCK_WORDS; w++) {
		while (s->table_blocks[w]) {
			uint32_t bit = 31 - __builtin_clz(s->table_blocks[w]);
			uint32_t index = (w * 32 + bit) * 4;
			s->table_blocks[w] &= ~(1u << bit);
			kmem_free(s, phys_to_virt(s->pgd[index] & ~PAGE_MASK), 1);
			tables_live--;
		}
	}
}

uint32_t mmu_table_count(void)
{
	return tables_live;
}

/* ASIDs come from a generation counter: when they run out, a new generation
 * starts with one TLBIALLIS and every space takes a fresh ASID when next
 * run. Other processors may still run a space of the old generation and
 * refill their TLBs under its ASID meanwhile, so each processor also keeps
 * the generation its own TLB is clean for and flushes it again on its next
 * switch after a rollover elsewhere. */
static void asid_assign(struct space *s)
{
	if (next_asid > MAX_ASID) {
		asid_generation++;
		next_asid = 1;
		write_tlbiallis(0);
		dsb_ish();
		isb();
		this_cpu()->asid_generation = asid_generation;
	}
	s->asid = next_asid++;
	s->asid_generation = asid_generation;
}

static inline __attribute__((always_inline)) void load_space(struct cpu *c, struct space *s)
{
	/* Through the reserved ASID so no walk mixes the old table and new ASID. */
	write_contextidr(0);
	isb();
	write_ttbr0(s->ttbr0);
	isb();
	write_contextidr(s->asid);
	write_bpiall(0);
	isb();
	c->active_space = s;
}

/* Out of line and reached by a tail call: the usual switch only compares
 * the space's generation with the processor's. */
static void __attribute__((noinline)) activate_after_rollover(struct cpu *c, struct space *s)
{
	if (s->asid_generation != asid_generation)
		asid_assign(s);
	if (c->asid_generation != asid_generation) {
		write_contextidr(0);
		isb();
		write_tlbiall(0);
		dsb();
		c->asid_generation = asid_generation;
	}
	load_space(c, s);
}

void mmu_switch(struct space *s)
{
	if (s != this_cpu()->active_space)
		mmu_activate(s);
}

void mmu_activate(struct space *s)
{
	struct cpu *c = this_cpu();
	if (s->asid_generation != c->asid_generation) {
		activate_after_rollover(c, s);
		return;
	}
	load_space(c, s);
}

void mmu_deactivate(void)
{
	write_contextidr(0);
	isb();
	write_ttbr0(virt_to_phys(empty_pgd) | TTBR_WBWA_SHARED);
	isb();
	this_cpu()->active_space = NULL;
}

/* No thread of s runs anywhere (smp_stop); an idle processor has dropped
 * its space (sched.c), and one that waits to drop a stopped thread's entry
 * must not take a new space at s's address for s. */
void mmu_forget_space(struct space *s)
{
	if (s->asid_generation == asid_generation) {
		write_tlbiasidis(s->asid);
		dsb_ish();
		isb();
	}
	for (uint32_t id = 0; id < cpu_count; id++)
		if (cpu_by_id(id) != this_cpu() && cpu_by_id(id)->active_space == s)
			cpu_by_id(id)->active_space = NULL;
	if (this_cpu()->active_space == s)
		mmu_deactivate();
}

void mmu_sync_icache(const void *start, uint32_t size)
{
	mmu_clean_to_pou(start, size);
	write_icialluis(0);
	write_bpiallis(0);
	dsb_ish();
	isb();
}
