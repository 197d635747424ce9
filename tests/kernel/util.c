/* util.c - thread, memory and messaging helpers for the kernel tests. */
#include "ktest.h"

#define STACK_WORDS	512
#define MAX_STACKS	48
#define OTHER_STACK_VA	0x40000000u

extern char __image_start[];
static uint64_t stacks[MAX_STACKS][STACK_WORDS / 2];
static uint32_t stacks_used;
static uint32_t phys_next, phys_end;

/* The entry gets its argument in r0 through exchange_registers. */
static int start_thread(l4_tid_t tid, void (*entry)(uint32_t), uint32_t arg, uint32_t sp)
{
	uint32_t *mr = l4_utcb()->mr;
	for (int i = 0; i < L4_EXREG_WORDS; i++)
		mr[i] = 0;
	mr[L4_EXREG_R0] = arg;
	return l4_exchange_registers(tid, L4_EXREG_SET_PC | L4_EXREG_SET_SP | L4_EXREG_SET_GPRS |
				     L4_EXREG_RESUME, (uint32_t)entry, sp);
}

l4_tid_t spawn(void (*entry)(uint32_t), uint32_t arg, uint32_t prio, l4_tid_t pager)
{
	l4_tid_t tid;
	if (stacks_used == MAX_STACKS || l4_thread_create(root_tid, pager, prio, &tid))
		return L4_NILTHREAD;
	uint32_t sp = (uint32_t)&stacks[stacks_used++][STACK_WORDS / 2];
	return start_thread(tid, entry, arg, sp) ? L4_NILTHREAD : tid;
}

l4_tid_t spawn_in_space_of(l4_tid_t space_of, void (*entry)(uint32_t), uint32_t arg, l4_tid_t pager)
{
	l4_tid_t tid;
	if (stacks_used == MAX_STACKS || l4_thread_create(space_of, pager, 100, &tid))
		return L4_NILTHREAD;
	uint32_t sp = (uint32_t)&stacks[stacks_used++][STACK_WORDS / 2];
	return start_thread(tid, entry, arg, sp) ? L4_NILTHREAD : tid;
}

uint32_t phys_page(void)
{
	if (!phys_end) {
		const struct l4_kip *kip = l4_kip();
		for (uint32_t i = 0; i < kip->num_mem; i++)
			if (kip->mem[i].type == L4_MEM_CONVENTIONAL) {
				phys_next = kip->mem[i].base;
				phys_end = kip->mem[i].base + kip->mem[i].size;
			}
	}
	if (phys_next >= phys_end)
		return 0;
	phys_next += L4_PAGE_SIZE;
	return phys_next - L4_PAGE_SIZE;
}

static bool root_image(uint32_t *base, uint32_t *size)
{
	const struct l4_kip *kip = l4_kip();
	for (uint32_t i = 0; i < kip->num_mem; i++)
		if (kip->mem[i].type == L4_MEM_ROOT_IMAGE) {
			*base = kip->mem[i].base;
			*size = kip->mem[i].size;
			return true;
		}
	return false;
}

l4_tid_t spawn_in_new_space(void (*entry)(uint32_t), uint32_t arg, l4_tid_t pager)
{
	return spawn_in_new_space_perms(entry, arg, pager,
					L4_PERM_READ | L4_PERM_WRITE | L4_PERM_EXEC);
}

l4_tid_t spawn_in_new_space_perms(void (*entry)(uint32_t), uint32_t arg, l4_tid_t pager,
				  uint32_t image_perms)
{
	uint32_t base, size, stack = phys_page();
	l4_tid_t tid;
	if (!root_image(&base, &size) || !stack ||
	    l4_thread_create(L4_NILTHREAD, pager, 100, &tid))
		return L4_NILTHREAD;
	if (l4_map(tid, base, (uint32_t)__image_start, size, image_perms, 0) ||
	    l4_map(tid, stack, OTHER_STACK_VA, L4_PAGE_SIZE, L4_PERM_READ | L4_PERM_WRITE, 0) ||
	    start_thread(tid, entry, arg, OTHER_STACK_VA + L4_PAGE_SIZE)) {
		l4_thread_destroy(tid);
		return L4_NILTHREAD;
	}
	return tid;
}

void report(uint32_t label, uint32_t a, uint32_t b, uint32_t c, uint32_t d)
{
	uint32_t *mr = l4_utcb()->mr;
	mr[0] = L4_TAG(label, 4);
	mr[1] = a;
	mr[2] = b;
	mr[3] = c;
	mr[4] = d;
	l4_send(root_tid, L4_TIMEOUTS(L4_TIMEOUT_NEVER, L4_TIMEOUT_NEVER));
}

int wait_report(l4_tid_t from, uint32_t words[5])
{
	int r = l4_receive(from, WAIT, 0);
	for (int i = 0; i < 5; i++)
		words[i] = r ? 0 : l4_utcb()->mr[i];
	return r;
}

void sleep_ms(uint32_t ms)
{
	l4_receive(l4_myself(), L4_TIMEOUTS(L4_TIMEOUT_ZERO, ms), 0);
}

void block_forever(void)
{
	for (;;)
		l4_receive(l4_myself(), L4_TIMEOUTS_NEVER, 0);
}
