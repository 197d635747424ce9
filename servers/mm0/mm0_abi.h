/* Constants of mm0's POSIX-facing requests, with Linux's values (libposix uses the same). */
#ifndef MM0_ABI_H
#define MM0_ABI_H

#include <stdint.h>

#include <l4/abi.h>

#define MM0_PAGE_SIZE		L4_PAGE_SIZE
#define MM0_PAGE_MASK		(MM0_PAGE_SIZE - 1)

/* User address-space layout: mmap hands out [MM0_USER_MIN, MM0_ENV_ADDR);
 * the environment page sits just below the kernel's UTCB area. */
#define MM0_USER_MIN		0x00001000u
#define MM0_MMAP_BASE		0x40000000u	/* where searches without a hint start */
#define MM0_ENV_ADDR		(L4_UTCB_AREA - MM0_PAGE_SIZE)
#define MM0_USER_END		MM0_ENV_ADDR
#define MM0_UTCB_AREA		L4_UTCB_AREA
#define MM0_UTCB_SLOT_SIZE	L4_UTCB_SLOT_SIZE
#define MM0_UTCB_SLOTS		((L4_UTCB_AREA_END - L4_UTCB_AREA) / L4_UTCB_SLOT_SIZE)

#define MM0_PROT_NONE		0x0
/* The same bits as L4_PERM_*, so they pass to the kernel unchanged. */
#define MM0_PROT_READ		L4_PERM_READ
#define MM0_PROT_WRITE		L4_PERM_WRITE
#define MM0_PROT_EXEC		L4_PERM_EXEC

#define MM0_MAP_SHARED		0x01
#define MM0_MAP_PRIVATE		0x02
#define MM0_MAP_FIXED		0x10
#define MM0_MAP_ANONYMOUS	0x20

#define MM0_MS_ASYNC		1
#define MM0_MS_INVALIDATE	2
#define MM0_MS_SYNC		4
#define MM0_MS_KNOWN		(MM0_MS_ASYNC | MM0_MS_INVALIDATE | MM0_MS_SYNC)

#define MM0_IPC_PRIVATE		0
#define MM0_IPC_CREAT		01000
#define MM0_IPC_EXCL		02000
#define MM0_IPC_RMID		0
#define MM0_IPC_STAT		2
#define MM0_SHM_RDONLY		010000
#define MM0_SHM_MIN_SIZE	1u
#define MM0_SHM_MAX_SIZE	0x10000000u

/* shm_open flags (Linux's open(2) values). */
#define MM0_O_ACCMODE		03
#define MM0_O_CREAT		0100
#define MM0_O_EXCL		0200
#define MM0_O_TRUNC		01000
#define MM0_SHM_NAME_MAX	64		/* including the NUL */
/* mm0's own descriptors (open_module, shm_open) are numbered from here, so
 * they never collide with fs0's (0..63). */
#define MM0_FD_BASE		64

#define MM0_CLONE_VM		0x00000100
#define MM0_CLONE_FILES		0x00000400
#define MM0_CLONE_PARENT	0x00008000
#define MM0_CLONE_THREAD	0x00010000
#define MM0_CLONE_SIGNAL_MASK	0x000000ff
#define MM0_SIGCHLD		17

#define MM0_WNOHANG		1

#define MM0_SIGILL		4
#define MM0_SIGTRAP		5
#define MM0_SIGKILL		9
#define MM0_SIGBUS		7
#define MM0_SIGSEGV		11

/* Wait statuses in the Linux/POSIX encoding. */
#define MM0_W_EXITCODE(code)	(((code) & 0xff) << 8)
#define MM0_W_SIGNALED(sig)	((sig) & 0x7f)
#define MM0_WIFEXITED(status)	(((status) & 0x7f) == 0)
#define MM0_WEXITSTATUS(status)	(((status) >> 8) & 0xff)
#define MM0_WTERMSIG(status)	((status) & 0x7f)

/* Where mm0 puts a started program's stack and heap (the heap matches
 * lib/libl4/user.ld: 1 MiB from the page after the image). */
#define MM0_STACK_SIZE		0x00010000u
#define MM0_STACK_TOP		(MM0_ENV_ADDR - MM0_PAGE_SIZE)
#define MM0_HEAP_SIZE		0x00100000u

/* IPC_STAT's answer. */
struct mm0_shm_stat {
	uint32_t size;		/* bytes, as requested */
	uint32_t nattch;	/* current attachments */
	int32_t key;
	int32_t creator_pid;
	uint32_t mode;		/* low 9 bits of the shmget flags */
};

/* A handler that must block answers MM0_DEFERRED and replies later through
 * struct mm0_reply_ops. */
#define MM0_DEFERRED		1

#endif
