/* t_memory.c - anonymous and file-offset mappings, munmap of a middle,
 * mprotect, copy-on-write both ways, and running out of memory. */
#include <errno.h>
#include <string.h>

#include <l4/syscalls.h>

#include "scenarios.h"

#define PAGE		4096u
#define ANON_PRIVATE	(MM0_MAP_PRIVATE | MM0_MAP_ANONYMOUS)
#define ANON_SHARED	(MM0_MAP_SHARED | MM0_MAP_ANONYMOUS)
#define RW		(MM0_PROT_READ | MM0_PROT_WRITE)

static int map(uint32_t length, int prot, int flags)
{
	return mm_mmap(mm0c_server(), 0, length, prot, flags, -1, 0);
}

static int touch(void *addr)
{
	*(volatile uint8_t *)addr = 1;
	return 0;
}

static void test_anon(void)
{
	int addr = map(4 * PAGE, RW, ANON_PRIVATE);
	uint8_t *bytes = (uint8_t *)addr;
	bool zero = true;

	if (!check("mmap: anonymous private memory", addr > 0, addr))
		return;
	for (uint32_t i = 0; i < 4 * PAGE; i++)
		zero = zero && bytes[i] == 0;
	memset(bytes, 0x5a, 4 * PAGE);
	check("mmap: pages start zeroed and keep what is written", zero && bytes[3 * PAGE] == 0x5a,
	      bytes[3 * PAGE]);
	check("munmap: the whole region", mm_munmap(mm0c_server(), addr, 4 * PAGE) == 0, 0);
}

static void test_munmap_middle(void)
{
	int addr = map(3 * PAGE, RW, ANON_PRIVATE), status;
	uint8_t *bytes = (uint8_t *)addr;

	if (!check("mmap: three pages", addr > 0, addr))
		return;
	bytes[0] = 1;
	bytes[PAGE] = 2;
	bytes[2 * PAGE] = 3;
	check("munmap: the middle page of three",
	      mm_munmap(mm0c_server(), addr + PAGE, PAGE) == 0, 0);
	check("munmap: the pages either side keep their contents",
	      bytes[0] == 1 && bytes[2 * PAGE] == 3, bytes[2 * PAGE]);
	status = run_child(touch, bytes + PAGE);
	check("munmap: the middle page is gone (SIGSEGV on touch)",
	      !MM0_WIFEXITED(status) && MM0_WTERMSIG(status) == MM0_SIGSEGV, status);
	mm_munmap(mm0c_server(), addr, 3 * PAGE);
}

static void test_mprotect(void)
{
	int addr = map(PAGE, RW, ANON_PRIVATE), status;

	if (!check("mmap: one page for mprotect", addr > 0, addr))
		return;
	*(uint8_t *)addr = 9;
	check("mprotect: read-only", mm_mprotect(mm0c_server(), addr, PAGE, MM0_PROT_READ) == 0, 0);
	status = run_child(touch, (void *)addr);
	check("mprotect: a write to a read-only page is SIGSEGV",
	      !MM0_WIFEXITED(status) && MM0_WTERMSIG(status) == MM0_SIGSEGV, status);
	check("mprotect: the page still reads", *(volatile uint8_t *)addr == 9, 0);
	mm_munmap(mm0c_server(), addr, PAGE);
}

static void test_file_offset(void)
{
	int fd = mm_open_module(mm0c_server(), "init");
	int whole, second;

	if (!check("open_module: init's own file", fd >= 0, fd))
		return;
	whole = mm_mmap(mm0c_server(), 0, 2 * PAGE, MM0_PROT_READ, MM0_MAP_PRIVATE, fd, 0);
	second = mm_mmap(mm0c_server(), 0, PAGE, MM0_PROT_READ, MM0_MAP_PRIVATE, fd, PAGE);
	if (check("mmap: a file at offsets 0 and 4096", whole > 0 && second > 0, second)) {
		check("mmap: offset 0 starts with the ELF magic",
		      memcmp((void *)whole, "\177ELF", 4) == 0, 0);
		check("mmap: offset 4096 shows the file's second page",
		      memcmp((void *)second, (uint8_t *)whole + PAGE, PAGE) == 0, 0);
	}
	check("mmap: a bad offset is refused",
	      mm_mmap(mm0c_server(), 0, PAGE, MM0_PROT_READ, MM0_MAP_PRIVATE, fd, 100) == -EINVAL, 0);
	mm_munmap(mm0c_server(), whole, 2 * PAGE);
	mm_munmap(mm0c_server(), second, PAGE);
	check("close: the descriptor", mm_close(mm0c_server(), fd) == 0, 0);
	check("mmap: a closed descriptor is -EBADF",
	      mm_mmap(mm0c_server(), 0, PAGE, MM0_PROT_READ, MM0_MAP_PRIVATE, fd, 0) == -EBADF, 0);
}

/* The private page is 'P' before the fork; flag[0] orders the two sides. */
static volatile uint8_t *private_page, *flag;

static int cow_child(void *arg)
{
	int bad = 0;

	(void)arg;
	bad |= private_page[0] != 'P';
	private_page[0] = 'C';		/* must not reach the parent */
	flag[0] = 1;
	while (flag[0] != 2)
		l4_yield();
	bad |= private_page[0] != 'C' || private_page[1] != 'P';	/* parent's write stays there */
	return bad;
}

static void test_cow(void)
{
	int priv = map(PAGE, RW, ANON_PRIVATE), shared = map(PAGE, RW, ANON_SHARED);
	int status, pid;

	if (!check("mmap: pages for copy-on-write", priv > 0 && shared > 0, priv))
		return;
	private_page = (uint8_t *)priv;
	flag = (uint8_t *)shared;
	private_page[0] = private_page[1] = 'P';
	pid = mm0c_fork();
	if (pid == 0)
		mm0c_thread_exit(cow_child(NULL));
	while (flag[0] != 1)
		l4_yield();
	check("fork: the child's write is not seen by the parent", private_page[0] == 'P',
	      private_page[0]);
	private_page[1] = 'Q';
	flag[0] = 2;
	pid = mm0c_waitpid(pid, &status);
	check("fork: the parent's write is not seen by the child",
	      pid > 0 && MM0_WIFEXITED(status) && MM0_WEXITSTATUS(status) == 0, status);
	mm_munmap(mm0c_server(), priv, PAGE);
	mm_munmap(mm0c_server(), shared, PAGE);
}

/* More pages than there is RAM: the commit refuses the mapping up front
 * (docs/mm0.md, "Memory accounting"), so no fault can find no page later. */
static int eat_memory(void *arg)
{
	uint32_t length = 0x10000000u;	/* 256 MiB, more than the machine has */
	int addr = map(length, RW, ANON_PRIVATE);

	(void)arg;
	if (addr == -ENOMEM)
		return 2;
	if (addr < 0)
		return 4;
	for (uint32_t offset = 0; offset < length; offset += PAGE)
		((volatile uint8_t *)addr)[offset] = 1;
	return 3;
}

static void test_out_of_memory(void)
{
	int status = run_child(eat_memory, NULL);

	check("memory: a private mapping larger than RAM is refused with -ENOMEM",
	      MM0_WIFEXITED(status) && MM0_WEXITSTATUS(status) == 2, status);
	int huge = map(0x7fe00000u, RW, ANON_PRIVATE);	/* more than the free address space */

	check("memory: an mmap larger than the free address space is -ENOMEM", huge == -ENOMEM,
	      huge);
	if (huge > 0)
		mm_munmap(mm0c_server(), huge, 0x7fe00000u);
	check("memory: mm0 still answers after running out", mm_getpid(mm0c_server()) > 1, 0);
}

void test_memory(void)
{
	test_anon();
	test_munmap_middle();
	test_mprotect();
	test_file_offset();
	test_cow();
	test_out_of_memory();
}
