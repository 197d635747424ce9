/* shm.c - System V shared memory on mm0. */
#include <string.h>
#include <sys/shm.h>

#include "internal.h"
#include "mm0.h"

/* <sys/ipc.h>'s and <sys/shm.h>'s numbers go to mm0 unchanged. */
_Static_assert(IPC_PRIVATE == MM0_IPC_PRIVATE && IPC_CREAT == MM0_IPC_CREAT &&
	       IPC_EXCL == MM0_IPC_EXCL, "shmget flags");
_Static_assert(IPC_RMID == MM0_IPC_RMID && IPC_STAT == MM0_IPC_STAT, "shmctl commands");
_Static_assert(SHM_RDONLY == MM0_SHM_RDONLY, "shmat flags");

int shmget(key_t key, size_t size, int flags)
{
	if (size > UINT32_MAX)
		return posix_error(EINVAL);
	return (int)posix_result(mm_shmget(posix_mm0(), (int32_t)key, (uint32_t)size, flags));
}

void *shmat(int shmid, const void *addr, int flags)
{
	long answer = mm_shmat(posix_mm0(), shmid, (uintptr_t)addr, flags);

	if (answer < 0 && answer > -4096)
		return (void *)(intptr_t)posix_error((int)-answer);
	return (void *)(uintptr_t)answer;
}

int shmdt(const void *addr)
{
	return (int)posix_result(mm_shmdt(posix_mm0(), (uintptr_t)addr));
}

int shmctl(int shmid, int cmd, struct shmid_ds *buf)
{
	struct mm0_shm_stat stat;
	long answer;

	if (cmd == IPC_STAT && !buf)
		return posix_error(EFAULT);
	if (cmd != IPC_STAT && cmd != IPC_RMID)
		return posix_error(EINVAL);
	/* The removal's short form: its reply has no status record. */
	if (cmd == IPC_RMID)
		return (int)posix_result(mm_shm_remove(posix_mm0(), shmid));
	answer = mm_shmctl(posix_mm0(), shmid, cmd, &stat);
	if (answer < 0)
		return (int)posix_result(answer);
	if (cmd == IPC_STAT) {
		memset(buf, 0, sizeof(*buf));
		buf->shm_perm.__key = stat.key;
		buf->shm_perm.mode = (mode_t)stat.mode;
		buf->shm_segsz = stat.size;
		buf->shm_cpid = stat.creator_pid;
		buf->shm_nattch = stat.nattch;
	}
	return (int)answer;
}
