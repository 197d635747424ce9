/* mmu.h - short-descriptor page tables: the kernel map and user page tables. */
#ifndef KERNEL_MMU_H
#define KERNEL_MMU_H

#include "kernel.h"

struct space;

#define USER_PGD_ENTRIES	2048	/* TTBCR.N = 1: TTBR0 covers 2 GiB */
/* One bit per 4 MiB block (a page of four second-level tables). */
#define TABLE_BLOCK_WORDS	(USER_PGD_ENTRIES / 4 / 32)
/* TTBR0/TTBR1 walk attributes: write-back write-allocate, shareable. */
#define TTBR_WBWA_SHARED	0x4au

void mmu_init(void);
/* Installs a user page; fails only when no memory for a second-level table. */
int mmu_map_page(struct space *s, uint32_t va, uint32_t pa, uint32_t perms);
/* Removes a page; returns true if one was mapped. */
bool mmu_unmap_page(struct space *s, uint32_t va);
/* Unmaps (unmap) or gives perms to every mapped page of [va, end);
 * returns how many pages there were. */
uint32_t mmu_change_range(struct space *s, uint32_t va, uint32_t end, bool unmap, uint32_t perms);
/* Translates a user address; false unless mapped with at least `perms`. */
bool mmu_lookup(struct space *s, uint32_t va, uint32_t perms, uint32_t *pa);
void mmu_free_tables(struct space *s);
uint32_t mmu_table_count(void);
void mmu_switch(struct space *s);
/* mmu_switch for a caller that knows s is not the active space. */
void mmu_activate(struct space *s);
/* This processor stops using any space's table (TTBR0: an empty one). */
void mmu_deactivate(void);
/* Drops a dying space's TLB entries and stops using its table. */
void mmu_forget_space(struct space *s);
/* Cleans what the CPU wrote to the point where the table walker and
 * instruction fetch see it. */
void mmu_clean_to_pou(const void *start, uint32_t size);
/* Makes code written through the kernel map visible to instruction fetch. */
void mmu_sync_icache(const void *start, uint32_t size);

#endif
