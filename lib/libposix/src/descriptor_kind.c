/* descriptor_kind.c - which descriptors are the terminal. fs0 says once per
 * descriptor (fs0.device); the answer is kept in the process's memory, which
 * fork copies with the table and exec starts afresh with the new image, and
 * forgotten when the descriptor is closed or replaced. In an image without
 * fs0, 0, 1 and 2 are the terminal and nothing else is open. Each slot holds
 * (generation << 2) | kind: an answer is stored only if no close or dup2 of
 * the descriptor came between the question and the answer. */
#include <fcntl.h>
#include <unistd.h>

#include "fs0.h"
#include "internal.h"

#define KIND_BITS	2u

_Static_assert(POSIX_FD_KIND_SLOTS == FS0_OPEN_MAX && POSIX_FD_KIND_MASK == (1u << KIND_BITS) - 1,
	       "internal.h's record of kinds and fs0's table");

uint32_t posix_fd_kinds[POSIX_FD_KIND_SLOTS];

static int kind_of_device(long device)
{
	return device == FS0_DEV_CONSOLE || device == FS0_DEV_TTY ? POSIX_FD_TERMINAL
								   : POSIX_FD_SERVER;
}

/* What the inline posix_fd_kind did not find kept. */
int posix_fd_kind_ask(int fd)
{
	const struct fs0_channel *channel;
	uint32_t seen;
	long device;

	if (fd < 0)
		return -EBADF;
	if (fd >= FS0_OPEN_MAX)
		return POSIX_FD_SERVER;	/* mm0's, or one fs0 refuses */
	seen = __atomic_load_n(&posix_fd_kinds[fd], __ATOMIC_ACQUIRE);
	if (seen & POSIX_FD_KIND_MASK)
		return (int)(seen & POSIX_FD_KIND_MASK);
	channel = fs0_channel();
	if (!channel && errno == ENOSYS && fd <= STDERR_FILENO)
		device = FS0_DEV_CONSOLE;	/* an image without fs0: 0-2 are the terminal */
	else if (!channel)
		return -errno;
	else
		device = fs0_device(channel->server, fd);
	if (device < 0)
		return (int)device;
	__atomic_compare_exchange_n(&posix_fd_kinds[fd], &seen,
				    seen | (uint32_t)kind_of_device(device), 0, __ATOMIC_RELEASE,
				    __ATOMIC_RELAXED);
	return kind_of_device(device);
}

void posix_fd_changed(int fd)
{
	uint32_t seen;

	if (fd < 0 || fd >= FS0_OPEN_MAX)
		return;
	seen = __atomic_load_n(&posix_fd_kinds[fd], __ATOMIC_RELAXED);
	__atomic_store_n(&posix_fd_kinds[fd], ((seen >> KIND_BITS) + 1) << KIND_BITS,
			 __ATOMIC_RELEASE);
}

int posix_fd_nonblocking(int fd)
{
	int flags = fcntl(fd, F_GETFL);

	if (flags >= 0)
		return (flags & O_NONBLOCK) != 0;
	return errno == ENOSYS ? 0 : -errno;
}
