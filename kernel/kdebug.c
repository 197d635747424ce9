/* kdebug.c - console output for everyone; power-off and the kernel's view
 * of its own protections for privileged spaces. */
#include "console.h"
#include "kmap.h"
#include "mmu.h"
#include "poweroff.h"
#include "space.h"
#include "syscall.h"

#define PUTS_MAX 4096u

_Static_assert(KMAP_READ == L4_KACCESS_READ && KMAP_WRITE == L4_KACCESS_WRITE &&
	       KMAP_EXEC == L4_KACCESS_EXEC, "kmap's access bits are the ABI's");

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

/* One address in each region: this function, this table, a kernel
 * variable, the stack this call runs on, and the caller's address. */
static int access_of(uint32_t region, uint32_t user_va)
{
	static const uint32_t read_only_probe = L4_KREGION_RODATA;
	uint32_t on_stack = 0;
	uint32_t va = region == L4_KREGION_TEXT ? (uint32_t)access_of :
		      region == L4_KREGION_RODATA ? (uint32_t)&read_only_probe :
		      region == L4_KREGION_DATA ? (uint32_t)&current :
		      region == L4_KREGION_STACK ? (uint32_t)&on_stack : user_va;
	if (region > L4_KREGION_USER || (region == L4_KREGION_USER && user_va >= L4_USER_TOP))
		return -L4_EINVAL;
	return (int)kmap_kernel_access(va);
}

void sys_kdebug(struct thread *caller)
{
	uint32_t op = caller->ctx.r[0];
	if (op == L4_KD_PUTS)
		set_result(caller, puts_user(caller, caller->ctx.r[1], caller->ctx.r[2]));
	else if (op > L4_KD_ACCESS)
		set_result(caller, -L4_EINVAL);
	else if (!caller->space->privileged)
		set_result(caller, -L4_EPERM);
	else if (op == L4_KD_POWEROFF)
		machine_poweroff((int)caller->ctx.r[1]);
	else
		set_result(caller, access_of(caller->ctx.r[1], caller->ctx.r[2]));
}
