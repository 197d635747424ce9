/* space.c - address spaces: creation with the KIP mapped, UTCB slots,
 * the physical memory a space may map, and teardown. */
#include "kip.h"
#include "kmem.h"
#include "mmu.h"
#include "mmu.h"
#include "space.h"

#define UTCBS_PER_PAGE	(PAGE_SIZE / L4_UTCB_SLOT_SIZE)
_Static_assert(32 % UTCBS_PER_PAGE == 0, "a UTCB page's slots share one bitmap word");

static uint32_t spaces_live;

struct space *space_create(int *err)
{
	struct space *s = kmem_alloc(NULL, 1, 1);
	uint32_t *pgd = s ? kmem_alloc(NULL, 2, 2) : NULL;
	if (!pgd) {
		if (s)
			kmem_free(NULL, s, 1);
		*err = -L4_ENOMEM;
		return NULL;
	}
	s->pgd = pgd;
	s->ttbr0 = virt_to_phys(pgd) | TTBR_WBWA_SHARED;
	s->quota_pages = DEFAULT_QUOTA_PAGES;
	s->used_pages = 3;
	spaces_live++;
	int r = mmu_map_page(s, L4_KIP_ADDR, kip_phys(), L4_PERM_READ);
	if (r) {
		space_destroy(s);
		*err = r;
		return NULL;
	}
	return s;
}

static bool utcb_slot_used(const struct space *s, uint32_t slot)
{
	return s->utcb_used[slot / 32] & (1u << (slot % 32));
}

/* A UTCB page is mapped exactly while one of its slots is used
 * (space_utcb_alloc maps it before taking a slot, space_utcb_free unmaps
 * it with its last one). */
static bool utcb_page_used(const struct space *s, uint32_t first_slot)
{
	for (uint32_t slot = first_slot; slot < first_slot + UTCBS_PER_PAGE; slot++)
		if (utcb_slot_used(s, slot))
			return true;
	return false;
}

static uint32_t utcb_page_va(uint32_t slot)
{
	return L4_UTCB_AREA + (slot / UTCBS_PER_PAGE) * PAGE_SIZE;
}

/* Only the pages of used slots are looked up: a bitmap word without a used
 * slot skips its pages at once (a space has a few threads in 255 pages). */
void space_destroy(struct space *s)
{
	for (uint32_t slot = 0; slot < UTCB_SLOTS; slot += UTCBS_PER_PAGE) {
		uint32_t pa;
		if (!s->utcb_used[slot / 32]) {
			slot |= 31u;
			slot -= UTCBS_PER_PAGE - 1;
			continue;
		}
		if (utcb_page_used(s, slot) && mmu_lookup(s, utcb_page_va(slot), L4_PERM_READ, &pa))
			kmem_free(s, phys_to_virt(pa), 1);
	}
	mmu_forget_space(s);
	mmu_free_tables(s);
	kmem_free(NULL, s->pgd, 2);
	kmem_free(NULL, s, 1);
	spaces_live--;
}

uint32_t space_count(void)
{
	return spaces_live;
}

static bool range_holds(const struct phys_range *r, uint32_t base, uint32_t size)
{
	return base >= r->base && size <= r->size && base - r->base <= r->size - size;
}

bool space_owns(struct space *s, uint32_t base, uint32_t size)
{
	/* Ranges are only ever added, so the index stays valid. */
	if (s->num_ranges && range_holds(&s->owned[s->last_range], base, size))
		return true;
	for (uint32_t i = 0; i < s->num_ranges; i++) {
		if (range_holds(&s->owned[i], base, size)) {
			s->last_range = i;
			return true;
		}
	}
	return false;
}

int space_grant(struct space *s, uint32_t base, uint32_t size)
{
	if (space_owns(s, base, size))
		return 0;
	if (s->num_ranges == SPACE_MAX_RANGES)
		return -L4_ENOMEM;
	s->owned[s->num_ranges].base = base;
	s->owned[s->num_ranges].size = size;
	s->num_ranges++;
	return 0;
}

struct l4_utcb *space_utcb_alloc(struct space *s, uint32_t *slot_out, int *err)
{
	uint32_t slot = *slot_out;
	if (slot == UTCB_ANY_SLOT) {
		slot = 0;
		while (slot < UTCB_SLOTS && utcb_slot_used(s, slot))
			slot++;
		if (slot == UTCB_SLOTS) {
			*err = -L4_ENOMEM;
			return NULL;
		}
	} else if (slot >= UTCB_SLOTS || utcb_slot_used(s, slot)) {
		*err = slot >= UTCB_SLOTS ? -L4_EINVAL : -L4_EBUSY;
		return NULL;
	}
	uint32_t va = utcb_page_va(slot), pa;
	if (!mmu_lookup(s, va, L4_PERM_READ, &pa)) {
		void *page = kmem_alloc(s, 1, 1);
		if (!page) {
			*err = -L4_ENOMEM;
			return NULL;
		}
		pa = virt_to_phys(page);
		int r = mmu_map_page(s, va, pa, L4_PERM_READ | L4_PERM_WRITE);
		if (r) {
			kmem_free(s, page, 1);
			*err = r;
			return NULL;
		}
	}
	s->utcb_used[slot / 32] |= 1u << (slot % 32);
	*slot_out = slot;
	char *utcb = (char *)phys_to_virt(pa & ~PAGE_MASK) + (slot % UTCBS_PER_PAGE) * L4_UTCB_SLOT_SIZE;
	memset(utcb, 0, L4_UTCB_SLOT_SIZE);
	return (struct l4_utcb *)utcb;
}

void space_utcb_free(struct space *s, uint32_t slot)
{
	s->utcb_used[slot / 32] &= ~(1u << (slot % 32));
	if (utcb_page_used(s, slot - slot % UTCBS_PER_PAGE))
		return;
	uint32_t va = utcb_page_va(slot), pa;
	if (mmu_lookup(s, va, L4_PERM_READ, &pa)) {
		mmu_unmap_page(s, va);
		kmem_free(s, phys_to_virt(pa & ~PAGE_MASK), 1);
	}
}
