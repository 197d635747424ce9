/* t_faults.c - a thread touching what it must not (kernel memory, the KIP,
 * its read-only image, privileged registers, the emulator's semihosting
 * trap) stops with a fault or exception message to its pager, exact about
 * what it did, and nobody else notices. */
#include "attack.h"

#define KERNEL_VA	0xc0000000u
#define BAD_SYSCALL	99u

static void read_kernel(uint32_t unused)
{
	(void)unused;
	(void)*(volatile uint32_t *)KERNEL_VA;
	block_forever();
}

static void write_kernel(uint32_t unused)
{
	(void)unused;
	*(volatile uint32_t *)(KERNEL_VA + 0x1000u) = 0xdeadu;
	block_forever();
}

static void jump_kernel(uint32_t unused)
{
	(void)unused;
	((void (*)(void))KERNEL_VA)();
	block_forever();
}

static void write_kip(uint32_t unused)
{
	(void)unused;
	*(volatile uint32_t *)L4_KIP_ADDR = 0;
	block_forever();
}

static void write_image(uint32_t unused)
{
	(void)unused;
	*(volatile uint32_t *)(uintptr_t)&root_tid = 0;
	block_forever();
}

static void read_sctlr(uint32_t unused)
{
	(void)unused;
	uint32_t value;
	__asm__ volatile("mrc p15, 0, %0, c1, c0, 0" : "=r"(value));
	block_forever();
}

static void undefined(uint32_t unused)
{
	(void)unused;
	__asm__ volatile(".word 0xe7f000f0");	/* udf #0 */
	block_forever();
}

/* Recurses until the stack leaves its page (long before the depth limit). */
static uint32_t deep(uint32_t depth)
{
	volatile uint32_t frame[64];
	frame[0] = depth;
	return depth == UINT32_MAX ? 0 : deep(depth + 1) + frame[0];
}

static void overflow(uint32_t unused)
{
	(void)unused;
	deep(0);
	block_forever();
}

/* QEMU's semihosting exit (SYS_EXIT_EXTENDED, status 3) from user mode must
 * be an ordinary system call, not a way out of the machine; so must an
 * unknown call number. */
static void escape(uint32_t unused)
{
	(void)unused;
	static const uint32_t block[2] = { 0x20026u, 3u };
	register uint32_t r0 __asm__("r0") = 0x20u;
	register uint32_t r1 __asm__("r1") = (uint32_t)block;
	register uint32_t r7 __asm__("r7") = BAD_SYSCALL;
	__asm__ volatile("svc 0x123456" : "+r"(r0) : "r"(r1), "r"(r7) : "memory");
	uint32_t results[2] = { r0, (uint32_t)l4_syscall(BAD_SYSCALL, 0, 0, 0, 0, 0, 0) };
	send_results(results, 2);
}

struct fault_case {
	const char *name;
	void (*entry)(uint32_t);
	uint32_t label;
	uint32_t low, high;	/* MR1 (fault address or exception kind) in [low, high] */
	uint32_t access;	/* MR2 of a fault; 0 for exceptions */
};

static void check_fault(const struct fault_case *c, l4_tid_t victim)
{
	uint32_t *mr = l4_utcb()->mr;
	l4_tid_t t = spawn_in_new_space_perms(c->entry, 0, root_tid, IMAGE_RX);
	l4_tid_t from = 0;
	int r = l4_receive(t, WAIT, &from);
	bool ok = r == 0 && from == t && L4_TAG_LABEL(mr[0]) == c->label && mr[1] >= c->low &&
		mr[1] <= c->high && (c->access == 0 || mr[2] == c->access);
	check_true(c->name, ok, r ? (uint32_t)r : mr[1]);
	l4_thread_destroy(t);
	check_true("  ... and the victim is unharmed", victim_intact(victim, 0xfa017u), 0);
}

void attack_faults(void)
{
	static const struct fault_case cases[] = {
		{ "fault: reading kernel memory faults to the pager", read_kernel,
		  L4_LABEL_PAGEFAULT, KERNEL_VA, KERNEL_VA, L4_PERM_READ },
		{ "fault: writing kernel memory faults to the pager", write_kernel,
		  L4_LABEL_PAGEFAULT, KERNEL_VA + 0x1000u, KERNEL_VA + 0x1000u, L4_PERM_WRITE },
		{ "fault: jumping into kernel memory faults to the pager", jump_kernel,
		  L4_LABEL_PAGEFAULT, KERNEL_VA, KERNEL_VA, L4_PERM_EXEC },
		{ "fault: writing the KIP faults", write_kip,
		  L4_LABEL_PAGEFAULT, L4_KIP_ADDR, L4_KIP_ADDR, L4_PERM_WRITE },
		{ "fault: writing a read-only image faults", write_image,
		  L4_LABEL_PAGEFAULT, (uint32_t)&root_tid, (uint32_t)&root_tid, L4_PERM_WRITE },
		{ "fault: reading SCTLR in user mode is undefined", read_sctlr,
		  L4_LABEL_EXCEPTION, L4_EXC_UNDEFINED, L4_EXC_UNDEFINED, 0 },
		{ "fault: an undefined instruction", undefined,
		  L4_LABEL_EXCEPTION, L4_EXC_UNDEFINED, L4_EXC_UNDEFINED, 0 },
		{ "fault: a stack overflow faults just below the stack page", overflow,
		  L4_LABEL_PAGEFAULT, STACK_VA - L4_PAGE_SIZE, STACK_VA - 1, L4_PERM_WRITE },
	};
	struct l4_kstats before;
	l4_kstats(&before);
	l4_tid_t victim = victim_start(0xfa017u);
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		check_fault(&cases[i], victim);
	uint32_t results[2];
	l4_tid_t t = spawn_in_new_space_perms(escape, 0, root_tid, IMAGE_RX);
	check_true("escape: the thread is still here after the semihosting trap",
		   attacker_results(t, results, 2), 0);
	check_eq("escape: the trap was an unknown system call", (int32_t)results[0], -L4_ENOSYS);
	check_eq("escape: an unknown system call", (int32_t)results[1], -L4_ENOSYS);
	l4_thread_destroy(t);
	l4_thread_destroy(victim);
	check_kstats_equal("fault: every faulting thread's kernel memory returned", &before);
}
