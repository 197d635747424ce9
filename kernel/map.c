/* map.c - the map, unmap and protect system calls (privileged spaces only).
 * map: r0 space (any thread of it), r1 phys, r2 virt, r3 size, r4 perms.
 * unmap: r0 space, r1 virt, r2 size. protect: r0 space, r1 virt, r2 size,
 * r3 perms. Ranges are page-aligned and below the UTCB area, and map
 * refuses page 0; r1 returns the number of pages done. */
#include "mmu.h"
#include "space.h"
#include "syscall.h"

#define PERMS_RWX	(L4_PERM_READ | L4_PERM_WRITE | L4_PERM_EXEC)

static bool aligned(uint32_t v)
{
	return !(v & PAGE_MASK);
}

/* Validates the common arguments; returns the target space or sets an error. */
static struct space *range_target(struct thread *caller, uint32_t virt, uint32_t size)
{
	struct thread *target = thread_lookup(caller->ctx.r[0]);
	caller->ctx.r[1] = 0;
	if (!caller->space->privileged) {
		set_result(caller, -L4_EPERM);
		return NULL;
	}
	if (!target) {
		set_result(caller, -L4_ENOTHREAD);
		return NULL;
	}
	if (!aligned(virt) || !aligned(size) || size == 0 || virt >= L4_UTCB_AREA ||
	    size > L4_UTCB_AREA - virt) {
		set_result(caller, -L4_EINVAL);
		return NULL;
	}
	return target->space;
}

static bool perms_valid(uint32_t perms)
{
	return (perms & PERMS_RWX) && !(perms & ~(PERMS_RWX | L4_PERM_DEVICE));
}

void sys_map(struct thread *caller)
{
	uint32_t phys = caller->ctx.r[1], virt = caller->ctx.r[2];
	uint32_t size = caller->ctx.r[3], perms = caller->ctx.r[4];
	struct space *s = range_target(caller, virt, size);
	if (!s)
		return;
	if (!aligned(phys) || !perms_valid(perms)) {
		set_result(caller, -L4_EINVAL);
		return;
	}
	/* Page 0 stays unmapped in every space, so a NULL dereference faults. */
	if (__builtin_expect(virt == 0, 0)) {
		set_result(caller, -L4_EINVAL);
		return;
	}
	if (!space_owns(caller->space, phys, size)) {
		set_result(caller, -L4_EPERM);
		return;
	}
	uint32_t done = 0;
	int result = 0;
	for (; done < size / PAGE_SIZE; done++) {
		result = mmu_map_page(s, virt + done * PAGE_SIZE, phys + done * PAGE_SIZE, perms);
		if (result)
			break;
	}
	/* Code written through another mapping must reach instruction fetch. */
	if ((perms & L4_PERM_EXEC) && done && phys_in_ram(phys, done * PAGE_SIZE))
		mmu_sync_icache(phys_to_virt(phys), done * PAGE_SIZE);
	caller->ctx.r[1] = done;
	set_result(caller, result);
}

/* r1 returns the pages there were; a range with holes is -L4_EPARTIAL. */
static void range_change(struct thread *caller, struct space *s, uint32_t virt, uint32_t size,
			 bool unmap, uint32_t perms)
{
	uint32_t done = mmu_change_range(s, virt, virt + size, unmap, perms);
	caller->ctx.r[1] = done;
	set_result(caller, done == size / PAGE_SIZE ? 0 : -L4_EPARTIAL);
}

void sys_unmap(struct thread *caller)
{
	uint32_t virt = caller->ctx.r[1], size = caller->ctx.r[2];
	struct space *s = range_target(caller, virt, size);
	if (s)
		range_change(caller, s, virt, size, true, 0);
}

void sys_protect(struct thread *caller)
{
	uint32_t virt = caller->ctx.r[1], size = caller->ctx.r[2], perms = caller->ctx.r[3];
	struct space *s = range_target(caller, virt, size);
	if (!s)
		return;
	if (!(perms & PERMS_RWX) || (perms & ~PERMS_RWX)) {
		set_result(caller, -L4_EINVAL);
		return;
	}
	range_change(caller, s, virt, size, false, perms);
}
