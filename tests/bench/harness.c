/* harness.c - result lines, failures, and the threads and spaces that the
 * benchmarks run in. */
#include <l4/kip.h>
#include "harness.h"

#define STACK_BYTES	4096
#define MAX_STACKS	8
#define OTHER_STACK_VA	0x40000000u

l4_tid_t bench_root;
extern char __image_start[];
static uint64_t stacks[MAX_STACKS][STACK_BYTES / 8];
static uint32_t stacks_used;
static uint32_t phys_next, phys_end;

void bench_out(const char *text)
{
	uint32_t length = 0;
	while (text[length])
		length++;
	l4_kdebug_puts(text, length);
}

static void out_dec(uint32_t value)
{
	char digits[12];
	int i = sizeof(digits) - 1;
	digits[i] = '\0';
	do {
		digits[--i] = (char)('0' + value % 10);
		value /= 10;
	} while (value);
	bench_out(&digits[i]);
}

void bench_result(const char *name, uint32_t ops, uint32_t total)
{
	bench_out("RESULT ");
	bench_out(name);
	bench_out(" ");
	out_dec((uint32_t)(((uint64_t)total + ops / 2) / ops));
	bench_out(" ");
	out_dec(ops);
	bench_out(" ");
	out_dec(total);
	bench_out("\n");
}

void bench_fail(const char *what, int err)
{
	bench_out("bench: FAIL ");
	bench_out(what);
	bench_out(": ");
	if (err < 0) {
		bench_out("-");
		err = -err;
	}
	out_dec((uint32_t)err);
	bench_out("\n");
	l4_exit(1);
}

void bench_block_forever(void)
{
	for (;;)
		l4_receive(l4_myself(), L4_TIMEOUTS_NEVER, 0);
}

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

l4_tid_t bench_thread(void (*entry)(uint32_t), uint32_t arg, uint32_t prio)
{
	l4_tid_t tid;
	if (stacks_used == MAX_STACKS)
		bench_fail("out of thread stacks", MAX_STACKS);
	int err = l4_thread_create(bench_root, bench_root, prio, &tid);
	if (err)
		bench_fail("thread create", err);
	uint32_t sp = (uint32_t)&stacks[stacks_used++][STACK_BYTES / 8];
	err = start_thread(tid, entry, arg, sp);
	if (err)
		bench_fail("thread start", err);
	return tid;
}

/* Pages come from the top conventional RAM range that the KIP lists. */
static uint32_t phys_page(void)
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
		bench_fail("out of physical pages", 0);
	phys_next += L4_PAGE_SIZE;
	return phys_next - L4_PAGE_SIZE;
}

static const struct l4_kip_mem *root_image(void)
{
	const struct l4_kip *kip = l4_kip();
	for (uint32_t i = 0; i < kip->num_mem; i++)
		if (kip->mem[i].type == L4_MEM_ROOT_IMAGE)
			return &kip->mem[i];
	bench_fail("no root image in the KIP", 0);
}

l4_tid_t bench_thread_in_new_space(void (*entry)(uint32_t), uint32_t arg)
{
	const struct l4_kip_mem *image = root_image();
	uint32_t rwx = L4_PERM_READ | L4_PERM_WRITE | L4_PERM_EXEC;
	l4_tid_t tid;
	int err = l4_thread_create(L4_NILTHREAD, bench_root, BENCH_PRIO, &tid);
	if (err)
		bench_fail("thread create in a new space", err);
	err = l4_map(tid, image->base, (uint32_t)__image_start, image->size, rwx, 0);
	if (!err)
		err = l4_map(tid, phys_page(), OTHER_STACK_VA, L4_PAGE_SIZE,
			     L4_PERM_READ | L4_PERM_WRITE, 0);
	if (!err)
		err = start_thread(tid, entry, arg, OTHER_STACK_VA + L4_PAGE_SIZE);
	if (err)
		bench_fail("new space set-up", err);
	return tid;
}
