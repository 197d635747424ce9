/* pinned.c - starting a thread on a chosen processor: created suspended,
 * moved there by the schedule call, then started. */
#include "smptest.h"

#define PINNED_STACK_WORDS	512
#define MAX_PINNED		48

static uint64_t stacks[MAX_PINNED][PINNED_STACK_WORDS / 2];
static uint32_t stacks_used;

l4_tid_t spawn_on(uint32_t cpu, void (*entry)(uint32_t), uint32_t arg, uint32_t prio)
{
	l4_tid_t tid;
	if (stacks_used == MAX_PINNED || l4_thread_create(root_tid, root_tid, prio, &tid))
		return L4_NILTHREAD;
	if (l4_set_processor(tid, cpu)) {
		l4_thread_destroy(tid);
		return L4_NILTHREAD;
	}
	uint32_t *mr = l4_utcb()->mr;
	for (int i = 0; i < L4_EXREG_WORDS; i++)
		mr[i] = 0;
	mr[L4_EXREG_R0] = arg;
	uint32_t sp = (uint32_t)&stacks[stacks_used++][PINNED_STACK_WORDS / 2];
	if (l4_exchange_registers(tid, L4_EXREG_SET_PC | L4_EXREG_SET_SP | L4_EXREG_SET_GPRS |
				  L4_EXREG_RESUME, (uint32_t)entry, sp)) {
		l4_thread_destroy(tid);
		return L4_NILTHREAD;
	}
	return tid;
}
