/* space.h - address spaces: page table, ASID, privileges, quota, owned memory. */
#ifndef KERNEL_SPACE_H
#define KERNEL_SPACE_H

#include "kernel.h"
#include "mmu.h"

#define SPACE_MAX_RANGES	16
#define UTCB_SLOTS		((L4_UTCB_AREA_END - L4_UTCB_AREA) / L4_UTCB_SLOT_SIZE)
#define DEFAULT_QUOTA_PAGES	128
#define QUOTA_UNLIMITED		0xffffffffu

struct phys_range {
	uint32_t base;
	uint32_t size;
};

struct space {
	uint32_t *pgd;			/* 2048 first-level entries, 8 KiB aligned */
	uint32_t ttbr0;			/* TTBR0 while it runs: pgd's physical address, walk attributes */
	uint32_t table_blocks[TABLE_BLOCK_WORDS];	/* the 4 MiB blocks with tables */
	uint32_t asid;
	uint32_t asid_generation;
	bool privileged;
	/* Its threads answer as one server (L4_SC_SET_WORKER_POOL): a thread
	 * waiting for one of them takes the message of any of them. */
	bool worker_pool;
	uint32_t quota_pages;
	uint32_t used_pages;
	uint32_t threads;
	uint32_t utcb_used[(UTCB_SLOTS + 31) / 32];
	uint32_t num_ranges;
	struct phys_range owned[SPACE_MAX_RANGES];
	uint32_t last_range;	/* the range that answered space_owns last: maps come in runs */
};

struct space *space_create(int *err);
void space_destroy(struct space *s);
uint32_t space_count(void);
bool space_owns(struct space *s, uint32_t base, uint32_t size);
int space_grant(struct space *s, uint32_t base, uint32_t size);
/* Allocates UTCB slot *slot (or the lowest free one if *slot is
 * UTCB_ANY_SLOT) and its page if needed; returns its kernel alias. */
#define UTCB_ANY_SLOT	0xffffffffu
struct l4_utcb *space_utcb_alloc(struct space *s, uint32_t *slot, int *err);
void space_utcb_free(struct space *s, uint32_t slot);

#endif
