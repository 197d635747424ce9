/* t_posix_shm.c - POSIX shared memory: shm_open creates an object by name,
 * ftruncate sizes it, a child finds it by name and its writes through
 * MAP_SHARED reach the parent's mapping; shm_unlink removes the name; bad
 * names and flags are refused; no memory is lost. */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test0.h"

#define OBJECT		"/test0-object"
#define OBJECT_SIZE	8192

static int child_writes_by_name(void *arg)
{
	int fd = shm_open(OBJECT, O_RDWR, 0);
	volatile uint32_t *words;

	(void)arg;
	if (fd < 0)
		return 1;
	words = mmap(NULL, OBJECT_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (words == MAP_FAILED)
		return 2;
	words[1] = words[0] + 1;
	words[OBJECT_SIZE / 4 - 1] = 0xabcd;
	return munmap((void *)words, OBJECT_SIZE) == 0 ? 0 : 3;
}

static int exit_code(int status)
{
	return status != -1 && WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* One silent round: create, size, map, write, unmap, close, unlink. */
static void object_cycle(void)
{
	int fd = shm_open("/test0-cycle", O_RDWR | O_CREAT | O_TRUNC, 0600);
	volatile uint32_t *words;

	ftruncate(fd, OBJECT_SIZE);
	words = mmap(NULL, OBJECT_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	if (words != MAP_FAILED) {
		words[0] = 1;
		words[OBJECT_SIZE / 4 - 1] = 2;
		munmap((void *)words, OBJECT_SIZE);
	}
	close(fd);
	shm_unlink("/test0-cycle");
}

/* In a child that prints nothing: pages not back after the second round
 * (the first one touches the child's own stack and data for good). */
static int pages_lost_by_objects(void *arg)
{
	long before, lost;

	(void)arg;
	object_cycle();
	before = sysconf(_SC_AVPHYS_PAGES);
	object_cycle();
	lost = free_pages_settle(before);
	return lost < 0 ? 254 : lost > 253 ? 253 : (int)lost;
}

void test_posix_shm(void)
{
	volatile uint32_t *words = MAP_FAILED;
	int fd;

	shm_unlink(OBJECT);
	fd = shm_open(OBJECT, O_RDWR | O_CREAT | O_EXCL, 0600);
	CHECK("shm_open(O_CREAT|O_EXCL) creates an object", fd >= 0);
	CHECK_EQ("ftruncate sizes it", 0, ftruncate(fd, OBJECT_SIZE));
	if (fd >= 0)
		words = mmap(NULL, OBJECT_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	CHECK("mmap(MAP_SHARED) of it", words != MAP_FAILED);
	if (words != MAP_FAILED) {
		words[0] = 41;
		CHECK_EQ("a child opens it by name and writes through its own mapping", 0,
			 exit_code(run_in_child(child_writes_by_name, NULL)));
		CHECK_EQ("... the parent's mapping sees the write on the first page", 42, words[1]);
		CHECK_EQ("... and on the last", 0xabcd, words[OBJECT_SIZE / 4 - 1]);
		munmap((void *)words, OBJECT_SIZE);
	}
	close(fd);
	errno = 0;
	CHECK("shm_open(O_CREAT|O_EXCL) of an existing name gives EEXIST",
	      shm_open(OBJECT, O_RDWR | O_CREAT | O_EXCL, 0600) == -1 && errno == EEXIST);
	CHECK_EQ("shm_unlink", 0, shm_unlink(OBJECT));
	errno = 0;
	CHECK("after shm_unlink the name is gone (ENOENT)",
	      shm_open(OBJECT, O_RDWR, 0) == -1 && errno == ENOENT);
	errno = 0;
	CHECK("shm_unlink of a missing name gives ENOENT", shm_unlink(OBJECT) == -1 && errno == ENOENT);
	errno = 0;
	CHECK("a name of slashes only gives EINVAL",
	      shm_open("//", O_RDWR | O_CREAT, 0600) == -1 && errno == EINVAL);
	errno = 0;
	CHECK("a name with a second slash gives EINVAL",
	      shm_open("/a/b", O_RDWR | O_CREAT, 0600) == -1 && errno == EINVAL);
	CHECK_EQ("no pages lost once objects are unmapped, closed and unlinked", 0,
		 exit_code(run_in_child(pages_lost_by_objects, NULL)));
	errno = 0;
	CHECK("O_WRONLY gives EINVAL", shm_open(OBJECT, O_WRONLY | O_CREAT, 0600) == -1 &&
	      errno == EINVAL);
}
