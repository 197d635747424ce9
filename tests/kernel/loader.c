/* loader.c - starts a boot module by name: reads its ELF file through a
 * window onto the module's memory, copies each segment into fresh pages
 * and maps them into a new space. */
#include <l4/elf.h>

#include "ktest.h"

#define FILE_WINDOW	0x60000000u
#define PAGE_WINDOW	0x5ff00000u
static void copy_bytes(uint8_t *dst, const uint8_t *src, uint32_t n)
{
	while (n--)
		*dst++ = *src++;
}

/* One page of the segment: zero-filled, with the file bytes that fall in it. */
static int load_page(l4_tid_t space, const uint8_t *file, const struct elf_segment *seg,
		     uint32_t va)
{
	uint32_t page = phys_page();
	if (!page || l4_map(root_tid, page, PAGE_WINDOW, L4_PAGE_SIZE,
			    L4_PERM_READ | L4_PERM_WRITE, 0))
		return -1;
	uint8_t *dst = (uint8_t *)PAGE_WINDOW;
	for (uint32_t i = 0; i < L4_PAGE_SIZE; i++)
		dst[i] = 0;
	uint32_t file_start = seg->vaddr, file_end = seg->vaddr + seg->filesz;
	uint32_t from = va > file_start ? va : file_start;
	uint32_t to = va + L4_PAGE_SIZE < file_end ? va + L4_PAGE_SIZE : file_end;
	if (from < to)
		copy_bytes(dst + (from - va), file + seg->offset + (from - seg->vaddr), to - from);
	uint32_t perms = L4_PERM_READ | ((seg->flags & PF_W) ? L4_PERM_WRITE : 0) |
			 ((seg->flags & PF_X) ? L4_PERM_EXEC : 0);
	l4_unmap(root_tid, PAGE_WINDOW, L4_PAGE_SIZE, 0);
	return l4_map(space, page, va, L4_PAGE_SIZE, perms, 0);
}

l4_tid_t start_module(const char *name, l4_tid_t pager)
{
	const struct l4_kip_module *m = l4_kip_module(name);
	if (!m || (m->phys & (L4_PAGE_SIZE - 1)) || m->size < sizeof(struct elf_header))
		return L4_NILTHREAD;
	uint32_t window = (m->size + L4_PAGE_SIZE - 1) & ~(L4_PAGE_SIZE - 1);
	if (l4_map(root_tid, m->phys, FILE_WINDOW, window, L4_PERM_READ, 0))
		return L4_NILTHREAD;
	const uint8_t *file = (const uint8_t *)FILE_WINDOW;
	const struct elf_header *eh = (const struct elf_header *)file;
	l4_tid_t tid = L4_NILTHREAD;
	bool ok = elf_header_valid(eh, m->size) && l4_thread_create(L4_NILTHREAD, pager, 100, &tid) == 0;
	const struct elf_segment *seg = (const struct elf_segment *)(file + eh->phoff);
	for (uint32_t i = 0; ok && i < eh->phnum; i++) {
		if (seg[i].type != PT_LOAD || seg[i].offset + seg[i].filesz > m->size)
			continue;
		uint32_t end = seg[i].vaddr + seg[i].memsz;
		for (uint32_t va = seg[i].vaddr & ~(L4_PAGE_SIZE - 1); ok && va < end; va += L4_PAGE_SIZE)
			ok = load_page(tid, file, &seg[i], va) == 0;
	}
	uint32_t entry = eh->entry;
	l4_unmap(root_tid, FILE_WINDOW, window, 0);
	if (ok)
		ok = l4_exchange_registers(tid, L4_EXREG_SET_PC | L4_EXREG_RESUME, entry, 0) == 0;
	if (!ok && tid) {
		l4_thread_destroy(tid);
		tid = L4_NILTHREAD;
	}
	return tid;
}

void test_modules(void)
{
	uint32_t w[5];
	check_true("modules: start by name fails for an unknown name",
		   start_module("nosuch", root_tid) == L4_NILTHREAD, 0);
	l4_tid_t hello = start_module("hello", root_tid);
	check_true("modules: hello started by name", hello != L4_NILTHREAD, hello);
	int r = wait_report(hello, w);
	check_true("modules: hello reported", r == 0 && L4_TAG_LABEL(w[0]) == 12 && w[1] == 0x4e110,
		   w[1]);
	check_eq("modules: hello may not power off", (int32_t)w[2], -L4_EPERM);
	/* Its destroy of itself reaches its pager (docs/kernel-abi.md), which ends it. */
	r = wait_report(hello, w);
	check_true("modules: hello's end reaches the root as an L4_EXC_DESTROY exception",
		   r == 0 && w[0] == L4_TAG(L4_LABEL_EXCEPTION, L4_FAULT_WORDS) &&
		   w[1] == L4_EXC_DESTROY, w[1]);
	l4_thread_destroy(hello);
	check_eq("modules: hello's thread ended with main", l4_thread_resume(hello), -L4_ENOTHREAD);
}
