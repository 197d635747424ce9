/* SysV shared memory: segments by key or private, attached through the mmap path. */
#ifndef MM0_SHM_H
#define MM0_SHM_H

#include <stdint.h>

#include "mm0_local.h"

struct vm_space;

/* creator_pid is the caller's, for MM0_IPC_STAT. */
long mm0_shmget(int32_t creator_pid, int32_t key, uint32_t size, int flags);
/* Attach and detach in the space vm. */
long mm0_shmat(struct vm_space *vm, int32_t shmid, uint32_t addr, int flags);
long mm0_shmdt(struct vm_space *vm, uint32_t addr);
/* MM0_IPC_STAT fills *stat; MM0_IPC_RMID removes the segment's id and key,
 * the memory goes with the last attachment. */
long mm0_shmctl(int32_t shmid, int cmd, struct mm0_shm_stat *stat);
/* Names obj (which the segment holds from now on) as a private segment of
 * mode 0600: its id, or -ENOMEM (DMA memory shared with a driver's clients). */
long shm_name_object(int32_t creator_pid, struct vm_object *obj);
/* Remove every segment still named (mm0_fini). */
void shm_fini(void);

#endif
