/* t_msync.c - msync of a MAP_SHARED file mapping: read() sees the
 * mapping's writes after msync and before munmap, the mapping sees a
 * write() after msync(MS_INVALIDATE), and msync's errors. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "test0.h"

#define PAGE	4096

static int fails_with(int result, int error)
{
	return result == -1 && errno == error;
}

static int byte_at(int fd, off_t offset)
{
	unsigned char byte;

	return pread(fd, &byte, 1, offset) == 1 ? byte : -1;
}

void test_msync(void)
{
	int fd = open("/t0msync", O_RDWR | O_CREAT | O_TRUNC, 0644);
	static char pages[2 * PAGE];
	volatile char *map;

	memset(pages, 'a', sizeof(pages));
	write(fd, pages, sizeof(pages));
	map = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK("a MAP_SHARED mapping of a file", map != MAP_FAILED);
	if (map == MAP_FAILED) {
		close(fd);
		unlink("/t0msync");
		return;
	}
	map[10] = 'M';
	map[PAGE + 5] = 'N';
	CHECK_EQ("msync(MS_SYNC) of the written mapping", 0, msync((void *)map, 2 * PAGE, MS_SYNC));
	CHECK("... read() sees both writes before munmap",
	      byte_at(fd, 10) == 'M' && byte_at(fd, PAGE + 5) == 'N');
	pwrite(fd, "W", 1, 20);
	CHECK_EQ("msync(MS_INVALIDATE) after a write()", 0,
		 msync((void *)map, 2 * PAGE, MS_INVALIDATE));
	CHECK("... the mapping sees the write and keeps its own",
	      map[20] == 'W' && map[10] == 'M' && map[PAGE + 5] == 'N');
	errno = 0;
	CHECK("msync of an address inside a page gives EINVAL",
	      fails_with(msync((void *)(map + 1), PAGE, MS_SYNC), EINVAL));
	errno = 0;
	CHECK("msync with MS_SYNC and MS_ASYNC gives EINVAL",
	      fails_with(msync((void *)map, PAGE, MS_SYNC | MS_ASYNC), EINVAL));
	errno = 0;
	CHECK("msync with an unknown flag gives EINVAL",
	      fails_with(msync((void *)map, PAGE, 0x100), EINVAL));
	munmap((void *)map, 2 * PAGE);
	errno = 0;
	CHECK("msync of an unmapped range gives ENOMEM",
	      fails_with(msync((void *)map, PAGE, MS_SYNC), ENOMEM));
	close(fd);
	unlink("/t0msync");
}
