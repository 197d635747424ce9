/* random.c - getentropy and arc4random over fs0's /dev/urandom (a ChaCha20
 * generator with fast key erasure, docs/fs0.md). arc4random takes its bytes
 * from a process-wide pool filled 256 bytes at a time; each byte is handed
 * out once and wiped, and a fork child starts with an empty pool, so parent
 * and child never share a number. */
#include <fcntl.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "internal.h"

#define ENTROPY_MAX	256	/* getentropy's limit, as Linux's */
#define POOL_BYTES	256

static struct {
	uint32_t left;		/* unused bytes at the end of bytes */
	unsigned char bytes[POOL_BYTES];
} pool;
static volatile int pool_lock;

int getentropy(void *buffer, size_t length)
{
	size_t done = 0;
	int fd, saved = errno;

	if (length > ENTROPY_MAX)
		return posix_error(EIO);
	fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return posix_error(EIO);
	while (done < length) {
		ssize_t got = read(fd, (char *)buffer + done, length - done);

		if (got <= 0) {
			int error = got < 0 && errno == EFAULT ? EFAULT : EIO;

			close(fd);
			return posix_error(error);
		}
		done += (size_t)got;
	}
	close(fd);
	errno = saved;
	return 0;
}

/* Writes only what holds something: a child that never draws a number
 * then never copies the pool's page. */
void posix_random_forget(void)
{
	if (pool.left)
		memset(&pool, 0, sizeof(pool));
	if (pool_lock)
		pool_lock = 0;
}

/* Without /dev/urandom there is nothing safe to hand out: end the process. */
static void pool_take(unsigned char *out, size_t length)
{
	while (__atomic_exchange_n(&pool_lock, 1, __ATOMIC_ACQUIRE))
		sched_yield();
	while (length) {
		size_t part;

		if (!pool.left) {
			if (getentropy(pool.bytes, sizeof(pool.bytes)))
				abort();
			pool.left = sizeof(pool.bytes);
		}
		part = length < pool.left ? length : pool.left;
		memcpy(out, pool.bytes + sizeof(pool.bytes) - pool.left, part);
		memset(pool.bytes + sizeof(pool.bytes) - pool.left, 0, part);
		pool.left -= (uint32_t)part;
		out += part;
		length -= part;
	}
	__atomic_store_n(&pool_lock, 0, __ATOMIC_RELEASE);
}

uint32_t arc4random(void)
{
	uint32_t value;

	pool_take((unsigned char *)&value, sizeof(value));
	return value;
}

void arc4random_buf(void *buffer, size_t length)
{
	pool_take(buffer, length);
}

/* Draws again below 2^32 mod bound, so every result is equally likely. */
uint32_t arc4random_uniform(uint32_t bound)
{
	uint32_t floor, value;

	if (bound < 2)
		return 0;
	floor = -bound % bound;
	do
		value = arc4random();
	while (value < floor);
	return value % bound;
}
