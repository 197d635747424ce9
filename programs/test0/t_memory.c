/* t_memory.c - mmap, munmap and mprotect: shared anonymous memory across
 * fork, a mapping at a file offset, holes punched by munmap, and the heap. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test0.h"

#define PAGE 4096

static int touch_word(void *address)
{
	*(volatile uint32_t *)address = 0xdead;
	return 0;
}

/* The wait status of a child that writes one word at address. */
static int child_touch_status(void *address)
{
	return run_in_child(touch_word, address);
}

static int killed_by_segv(int status)
{
	return status != -1 && WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV;
}

static int shared_writer(void *arg)
{
	volatile uint32_t *words = arg;

	words[1] = words[0] + 1;
	return 0;
}

static void shared_anonymous(void)
{
	volatile uint32_t *words = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE,
					MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	volatile uint32_t *private_words = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
						MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (words == MAP_FAILED || private_words == MAP_FAILED) {
		CHECK("mmap of anonymous memory", 0);
		return;
	}
	words[0] = 100;
	run_in_child(shared_writer, (void *)words);
	CHECK_EQ("MAP_SHARED|MAP_ANONYMOUS: a child's write reaches the parent", 101, words[1]);
	words[0] = 200;
	run_in_child(shared_writer, (void *)words);
	CHECK_EQ("... and a second child sees the parent's later write", 201, words[1]);
	private_words[0] = 7;
	run_in_child(shared_writer, (void *)private_words);
	CHECK_EQ("MAP_PRIVATE: a child's write stays in the child", 0, private_words[1]);
	munmap((void *)words, 2 * PAGE);
	munmap((void *)private_words, PAGE);
}

static void file_offset(void)
{
	int fd = open("/boot/init", O_RDONLY);
	const uint8_t *whole, *second;

	CHECK("open a boot module", fd >= 0);
	if (fd < 0)
		return;
	whole = mmap(NULL, 2 * PAGE, PROT_READ, MAP_PRIVATE, fd, 0);
	second = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, PAGE);
	CHECK("mmap a file at offset 0 and at offset 4096",
	      whole != MAP_FAILED && second != MAP_FAILED);
	if (whole != MAP_FAILED && second != MAP_FAILED) {
		CHECK("the file starts with the ELF magic", memcmp(whole, "\177ELF", 4) == 0);
		CHECK("offset 4096 maps the file's second page", memcmp(whole + PAGE, second, PAGE) == 0);
		CHECK("... not its first", memcmp(whole, second, PAGE) != 0);
	}
	if (whole != MAP_FAILED)
		munmap((void *)whole, 2 * PAGE);
	if (second != MAP_FAILED)
		munmap((void *)second, PAGE);
	errno = 0;
	CHECK("an unaligned file offset is refused with EINVAL",
	      mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE, fd, 100) == MAP_FAILED && errno == EINVAL);
	CHECK_EQ("close the module", 0, close(fd));
}

static void unmap_ranges(void)
{
	uint8_t *region = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (region == MAP_FAILED) {
		CHECK("mmap four pages", 0);
		return;
	}
	for (int i = 0; i < 4; i++)
		region[i * PAGE] = (uint8_t)(i + 1);
	CHECK_EQ("munmap of the middle of a region", 0, munmap(region + PAGE, PAGE));
	CHECK("the unmapped middle page faults", killed_by_segv(child_touch_status(region + PAGE)));
	CHECK("the pages around it keep their data",
	      region[0] == 1 && region[2 * PAGE] == 3 && region[3 * PAGE] == 4);
	CHECK_EQ("munmap of the first page only", 0, munmap(region, PAGE));
	CHECK("the first page faults now", killed_by_segv(child_touch_status(region)));
	CHECK_EQ("the rest is still there", 3, region[2 * PAGE]);
	CHECK_EQ("munmap of a range with nothing mapped succeeds", 0, munmap(region, 2 * PAGE));
	CHECK_EQ("munmap of what is left", 0, munmap(region + 2 * PAGE, 2 * PAGE));
	errno = 0;
	CHECK("munmap of an unaligned address fails with EINVAL",
	      munmap(region + 1, PAGE) == -1 && errno == EINVAL);
}

static void protect(void)
{
	uint32_t *page = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (page == MAP_FAILED) {
		CHECK("mmap one page", 0);
		return;
	}
	page[0] = 5;
	CHECK_EQ("mprotect to read-only", 0, mprotect(page, PAGE, PROT_READ));
	CHECK("a write to a read-only page faults", killed_by_segv(child_touch_status(page)));
	CHECK_EQ("reading it still works", 5, page[0]);
	CHECK_EQ("mlock prefaults the page", 0, mlock(page, PAGE));
	munmap(page, PAGE);
}

static void heap(void)
{
	size_t big = 3u << 20;
	uint8_t *block = malloc(big);

	CHECK("malloc of 3 MiB grows the heap beyond its first MiB", block != NULL);
	if (block) {
		memset(block, 0x5a, big);
		CHECK("all of it is usable", block[0] == 0x5a && block[big - 1] == 0x5a);
		free(block);
	}
	CHECK_EQ("sysconf(_SC_PAGESIZE)", PAGE, sysconf(_SC_PAGESIZE));
}

/* Maps, writes and unmaps in the ways above, without printing. */
static void map_unmap_cycle(int module_fd)
{
	uint8_t *region = mmap(NULL, 4 * PAGE, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	uint8_t *shared = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	const uint8_t *file = mmap(NULL, 2 * PAGE, PROT_READ, MAP_PRIVATE, module_fd, PAGE);

	if (region != MAP_FAILED) {
		for (int i = 0; i < 4; i++)
			region[i * PAGE] = (uint8_t)i;
		munmap(region + PAGE, PAGE);
		munmap(region, PAGE);
		munmap(region, 4 * PAGE);
	}
	if (shared != MAP_FAILED) {
		shared[0] = 1;
		munmap(shared, PAGE);
	}
	if (file != MAP_FAILED) {
		(void)*(volatile const uint8_t *)file;
		munmap((void *)file, 2 * PAGE);
	}
}

/* In a child that prints nothing: pages not back after the second cycle
 * (the first one touches the child's own stack and data for good). */
static int pages_lost_by_munmap(void *arg)
{
	int fd = open("/boot/init", O_RDONLY);
	long before, lost;

	(void)arg;
	map_unmap_cycle(fd);
	before = sysconf(_SC_AVPHYS_PAGES);
	map_unmap_cycle(fd);
	lost = before - sysconf(_SC_AVPHYS_PAGES);
	return lost < 0 ? 254 : lost > 253 ? 253 : (int)lost;
}

void test_memory(void)
{
	int status;

	shared_anonymous();
	file_offset();
	unmap_ranges();
	protect();
	status = run_in_child(pages_lost_by_munmap, NULL);
	CHECK_EQ("munmap gives back every page that mmap took", 0,
		 status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	heap();
}
