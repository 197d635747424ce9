/* klock.c - the big kernel lock as a ticket lock: fair, so a processor that
 * waits is served in arrival order. The word's low half is the ticket being
 * served, the high half the next ticket to hand out. */
#include "cpu.h"
#include "klock.h"

static union {
	uint32_t word;
	struct {
		volatile uint16_t serving;
		uint16_t next;
	};
} big_lock;

void kernel_lock(void)
{
	uint32_t old, taken, failed;

	asm volatile("1:	ldrex	%0, [%3]\n"
		     "	add	%1, %0, #0x10000\n"
		     "	strex	%2, %1, [%3]\n"
		     "	teq	%2, #0\n"
		     "	bne	1b"
		     : "=&r"(old), "=&r"(taken), "=&r"(failed) : "r"(&big_lock.word) : "cc", "memory");
	uint16_t ticket = (uint16_t)(old >> 16);
	/* kernel_unlock's sev ends the wfe; a release before the wfe left the
	 * event register set, so the wfe returns at once. */
	while (big_lock.serving != ticket)
		asm volatile("wfe" ::: "memory");
	asm volatile("dmb ish" ::: "memory");
}

void kernel_unlock(void)
{
	asm volatile("dmb ish" ::: "memory");
	big_lock.serving = big_lock.serving + 1;
	asm volatile("dsb ish\n\tsev" ::: "memory");
}
