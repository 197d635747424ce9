/* kdebug.c - console output for everyone, power-off for privileged spaces. */
#include "console.h"
#include "mmu.h"
#include "poweroff.h"
#include "space.h"
#include "syscall.h"

#define PUTS_MAX 4096u

/* Validates the whole string first, so output is all or nothing. */
static int puts_user(struct thread *caller, uint32_t va, uint32_t len)
{
	uint32_t pa;
	if (len > PUTS_MAX || va >= L4_USER_TOP || len > L4_USER_TOP - va)
		return -L4_EINVAL;
	for (uint32_t page = va & ~PAGE_MASK; page < va + len; page += PAGE_SIZE)
		if (!mmu_lookup(caller->space, page, L4_PERM_READ, &pa) || !phys_in_ram(pa, PAGE_SIZE))
			return -L4_EFAULT;
	for (uint32_t i = 0; i < len; i++) {
		mmu_lookup(caller->space, va + i, L4_PERM_READ, &pa);
		console_putc(*(const char *)phys_to_virt(pa));
	}
	return 0;
}

void sys_kdebug(struct thread *caller)
{
	uint32_t op = caller->ctx.r[0];
	if (op == L4_KD_PUTS)
		set_result(caller, puts_user(caller, caller->ctx.r[1], caller->ctx.r[2]));
	else if (op == L4_KD_POWEROFF && caller->space->privileged)
		machine_poweroff((int)caller->ctx.r[1]);
	else
		set_result(caller, op == L4_KD_POWEROFF ? -L4_EPERM : -L4_EINVAL);
}
