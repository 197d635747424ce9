/* memory.c - mmap and friends on mm0, and the heap break that malloc uses. */
#include <stdint.h>
#include <sys/mman.h>
#include <unistd.h>

#include "internal.h"
#include "mm0.h"

#define PAGE_MASK	(MM0_PAGE_SIZE - 1)

/* <sys/mman.h>'s numbers go to mm0 unchanged. */
_Static_assert(PROT_NONE == MM0_PROT_NONE && PROT_READ == MM0_PROT_READ &&
	       PROT_WRITE == MM0_PROT_WRITE && PROT_EXEC == MM0_PROT_EXEC, "prot bits");
_Static_assert(MAP_SHARED == MM0_MAP_SHARED && MAP_PRIVATE == MM0_MAP_PRIVATE &&
	       MAP_FIXED == MM0_MAP_FIXED && MAP_ANONYMOUS == MM0_MAP_ANONYMOUS, "map flags");
_Static_assert(MS_ASYNC == MM0_MS_ASYNC && MS_INVALIDATE == MM0_MS_INVALIDATE &&
	       MS_SYNC == MM0_MS_SYNC, "msync flags");

void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset)
{
	long answer;

	if (offset < 0 || (uint64_t)offset > UINT32_MAX || (offset & PAGE_MASK))
		return (void *)(intptr_t)posix_error(EINVAL);
	if (flags & MAP_ANONYMOUS)
		answer = mm_mmap_anon(posix_mm0(), (uintptr_t)addr, length, prot, flags);
	else
		answer = mm_mmap(posix_mm0(), (uintptr_t)addr, length, prot, flags, fd,
				 (uint32_t)offset);
	if (answer < 0 && answer > -4096)
		return (void *)(intptr_t)posix_error((int)-answer);
	return (void *)(uintptr_t)answer;
}

int munmap(void *addr, size_t length)
{
	return (int)posix_result(mm_munmap(posix_mm0(), (uintptr_t)addr, length));
}

int mprotect(void *addr, size_t length, int prot)
{
	return (int)posix_result(mm_mprotect(posix_mm0(), (uintptr_t)addr, length, prot));
}

/* mm0 writes dirty MAP_SHARED file pages in the range to fs0 and re-reads
 * clean ones; the MS_* flags have its (Linux's) numbers. */
int msync(void *addr, size_t length, int flags)
{
	return (int)posix_result(mm_msync(posix_mm0(), (uintptr_t)addr, length, flags));
}

/* mm0 keeps every page resident, so mlock only faults the pages in now. */
int mlock(const void *addr, size_t length)
{
	uintptr_t page = (uintptr_t)addr & ~(uintptr_t)PAGE_MASK;
	uintptr_t end = (uintptr_t)addr + length;

	if (end < (uintptr_t)addr)
		return posix_error(ENOMEM);
	for (; page < end; page += MM0_PAGE_SIZE)
		(void)*(volatile const char *)page;
	return 0;
}

int munlock(const void *addr, size_t length)
{
	if ((uintptr_t)addr + length < (uintptr_t)addr)
		return posix_error(ENOMEM);
	return 0;
}

int mlockall(int flags)
{
	if (!flags || (flags & ~(MCL_CURRENT | MCL_FUTURE)))
		return posix_error(EINVAL);
	return 0;
}

int munlockall(void)
{
	return 0;
}

/* The break starts at posix.ld's __heap_start. mm0 maps the heap's first
 * MiB with the program and keeps its end (mm.brk): the heap is one area that
 * mm0 grows and shrinks at that end, by pages; the break is where in it
 * malloc has got to. Growth stops where mm0 says ENOMEM: at RLIMIT_DATA, at a
 * mapping above the heap, or when the commit has no room (docs/mm0.md). */
extern char __heap_start[];
static uintptr_t heap_break, heap_end;

void *sbrk(ptrdiff_t increment)
{
	uintptr_t old_break, new_break, new_end;
	long answer;

	if (!heap_break) {
		answer = mm_brk(posix_mm0(), 0);
		if (answer < 0)
			return (void *)(intptr_t)posix_error((int)-answer);
		heap_break = (uintptr_t)__heap_start;
		heap_end = (uintptr_t)answer;
	}
	old_break = heap_break;
	if (increment < 0 ? (uintptr_t)-increment > old_break - (uintptr_t)__heap_start
			  : (uintptr_t)increment > UINTPTR_MAX - old_break)
		return (void *)(intptr_t)posix_error(ENOMEM);
	new_break = old_break + (uintptr_t)increment;
	new_end = (new_break + PAGE_MASK) & ~(uintptr_t)PAGE_MASK;
	if (new_end != heap_end && (increment > 0 ? new_end > heap_end : new_end < heap_end)) {
		answer = mm_brk(posix_mm0(), new_end);
		if (answer < 0)
			return (void *)(intptr_t)posix_error((int)-answer);
		heap_end = (uintptr_t)answer;
	}
	heap_break = new_break;
	return (void *)old_break;
}
