/* t_servers.c - attacks through the servers: another task's descriptor,
 * addresses that are not the caller's (kernel memory, past its buffer)
 * in requests, shared memory ids that were never given, are gone or whose
 * mode refuses the access, waiting for a child that is not one's own.
 * Each must fail with an error and leave the servers serving. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>
#include "fs0.h"
#include "reliab.h"

#define KERNEL_VA	0xc0000000u
#define PAGE		4096u

static int fd_pipe[2];

/* Forked before the file was opened: the number names nothing of its own. */
static int use_foreign_fd(uint32_t unused)
{
	(void)unused;
	int fd = -1;
	char byte;
	if (read(fd_pipe[0], &fd, sizeof(fd)) != sizeof(fd))
		return 1;
	if (read(fd, &byte, 1) != -1 || errno != EBADF)
		return 2;
	if (write(fd, "x", 1) != -1 || errno != EBADF)
		return 3;
	if (lseek(fd, 0, SEEK_SET) != -1 || errno != EBADF)
		return 4;
	if (close(fd) != -1 || errno != EBADF)
		return 5;
	return 0;
}

static void foreign_descriptor(void)
{
	char text[16] = { 0 };
	check("servers: a pipe for the descriptor number", pipe(fd_pipe) == 0, errno);
	pid_t child = fork();
	if (child == 0)
		_exit(use_foreign_fd(0));
	int fd = open("/secret", O_RDWR | O_CREAT | O_TRUNC, 0600);
	check("servers: the parent's secret file", fd >= 0 && write(fd, "secret", 6) == 6, errno);
	check("servers: its number sent", write(fd_pipe[1], &fd, sizeof(fd)) == sizeof(fd), errno);
	int status = 0;
	check("servers: another task's descriptor is EBADF for read, write, lseek and close",
	      waitpid(child, &status, 0) == child && WIFEXITED(status) && WEXITSTATUS(status) == 0,
	      status);
	check("servers: the owner's descriptor still works", lseek(fd, 0, SEEK_SET) == 0 &&
	      read(fd, text, sizeof(text)) == 6 && memcmp(text, "secret", 6) == 0, errno);
	close(fd);
	unlink("/secret");
	close(fd_pipe[0]);
	close(fd_pipe[1]);
}

/* libposix copies between the shared buffer and the caller's memory, so fs0
 * never sees a kernel address; the caller gets EFAULT (0 here), not a crash. */
static int read_into_kernel(uint32_t fd)
{
	return read((int)fd, (void *)(uintptr_t)KERNEL_VA, 6) == -1 && errno == EFAULT ? 0 : 1;
}

/* A request to fs0 written word by word, with ranges no stub would send: its answer. */
static int32_t raw_fs0(l4_tid_t fs0, uint32_t label, const uint32_t *words, unsigned count)
{
	uint32_t *mr = idlrt_mr();
	mr[0] = L4_TAG(label, count + 1);
	mr[1] = IDLRT_HEADER(FS0_IFACE_ID, FS0_IFACE_VERSION);
	for (unsigned i = 0; i < count; i++)
		mr[2 + i] = words[i];
	return idlrt_call(fs0) < 0 ? -EIO : (int32_t)mr[1];
}

/* fs0's requests name ranges in the caller's buffer: one past its end or
 * wrapping around must be refused, never followed. */
static int raw_offsets(uint32_t fd)
{
	l4_tid_t fs0 = 0;
	uintptr_t buffer = 0;
	uint32_t size = 0;
	if (mm_fs0_buffer(l4_utcb()->pager, &fs0, &buffer, &size) < 0)
		return 1;
	const uint32_t read_past[] = { fd - 3, size - 2, 6 }, write_wrapping[] = { fd - 3, 0xfffffff0u, 32 };
	const uint32_t cwd_past[] = { size - 1, 64 };
	if (raw_fs0(fs0, FS0_OP_READ, read_past, 3) != -EFAULT)
		return 2;
	if (raw_fs0(fs0, FS0_OP_WRITE, write_wrapping, 3) != -EFAULT)
		return 3;
	/* open's path past the buffer's end, written word by word (a stub
	 * places the path itself) */
	uint32_t *mr = idlrt_mr();
	mr[0] = L4_TAG(FS0_OP_OPEN, 6);
	mr[1] = IDLRT_HEADER(FS0_IFACE_ID, FS0_IFACE_VERSION);
	mr[2] = (uint32_t)FS0_AT_FDCWD;
	mr[3] = size;
	mr[4] = 4;
	mr[5] = mr[6] = 0;
	if (idlrt_call(fs0) < 0 || (int32_t)mr[1] != -EFAULT)
		return 4;
	if (raw_fs0(fs0, FS0_OP_GETCWD, cwd_past, 2) != -EFAULT)
		return 5;
	return 0;
}

static void bad_addresses(void)
{
	int fd = open("/plain", O_RDWR | O_CREAT | O_TRUNC, 0644);
	check("servers: a plain file", fd >= 0 && write(fd, "plain!", 6) == 6, errno);
	lseek(fd, 0, SEEK_SET);
	int status = run_child(read_into_kernel, (uint32_t)fd);
	check("servers: read into kernel memory is EFAULT for the caller alone", status != -1 &&
	      WIFEXITED(status) && WEXITSTATUS(status) == 0, status);
	status = run_child(raw_offsets, (uint32_t)fd);
	check("servers: fs0 refuses buffer offsets outside the caller's buffer", status != -1 &&
	      WIFEXITED(status) && WEXITSTATUS(status) == 0, status);
	char text[8] = { 0 };
	check("servers: fs0 still serves the file", lseek(fd, 0, SEEK_SET) == 0 &&
	      read(fd, text, 6) == 6 && memcmp(text, "plain!", 6) == 0, errno);
	close(fd);
	unlink("/plain");
	void *kernel = (void *)(uintptr_t)KERNEL_VA;
	check("servers: mmap over kernel memory refused",
	      mmap(kernel, PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
		   -1, 0) == MAP_FAILED, errno);
	check("servers: munmap of kernel memory refused", munmap(kernel, PAGE) == -1, errno);
	check("servers: mprotect of kernel memory refused", mprotect(kernel, PAGE, PROT_READ) == -1,
	      errno);
	check("servers: a 4 GiB mmap refused", mmap(NULL, 0xfffff000u, PROT_READ,
						     MAP_PRIVATE | MAP_ANONYMOUS, -1, 0) == MAP_FAILED,
	      errno);
}

static void shm_ids(void)
{
	int id = shmget(IPC_PRIVATE, PAGE, IPC_CREAT | 0600);
	check("servers: shmat of an id never given", shmat(id + 1000, NULL, 0) == (void *)-1, errno);
	check("servers: remove the segment", shmctl(id, IPC_RMID, NULL) == 0, errno);
	check("servers: shmat of a removed id", shmat(id, NULL, 0) == (void *)-1, errno);
	check("servers: shmat at a kernel address", shmat(id, (void *)(uintptr_t)KERNEL_VA, 0) ==
	      (void *)-1, errno);
	int keyed = shmget(0x5eed, PAGE, IPC_CREAT | IPC_EXCL | 0600);
	check("servers: a keyed segment", keyed >= 0, errno);
	check("servers: creating it again exclusively is EEXIST",
	      shmget(0x5eed, PAGE, IPC_CREAT | IPC_EXCL | 0600) == -1 && errno == EEXIST, errno);
	check("servers: a zero-sized segment refused", shmget(IPC_PRIVATE, 0, IPC_CREAT | 0600) == -1,
	      errno);
	check("servers: shmdt of an address that is no attachment",
	      shmdt((void *)(uintptr_t)0x30000000u) == -1, errno);
	check("servers: remove the keyed segment", shmctl(keyed, IPC_RMID, NULL) == 0, errno);
}

/* All tasks are one user: a segment's owner bits decide who may attach. */
static void shm_modes(void)
{
	int reader = shmget(0x5eee, PAGE, IPC_CREAT | IPC_EXCL | 0400);
	int none = shmget(IPC_PRIVATE, PAGE, IPC_CREAT | 0000);
	check("servers: segments with modes 0400 and 0000", reader >= 0 && none >= 0, errno);
	check("servers: shmat read-write of a 0400 segment is EACCES",
	      shmat(reader, NULL, 0) == (void *)-1 && errno == EACCES, errno);
	void *view = shmat(reader, NULL, SHM_RDONLY);
	check("servers: shmat SHM_RDONLY of a 0400 segment works", view != (void *)-1 &&
	      shmdt(view) == 0, errno);
	check("servers: shmat SHM_RDONLY of a 0000 segment is EACCES",
	      shmat(none, NULL, SHM_RDONLY) == (void *)-1 && errno == EACCES, errno);
	check("servers: shmget of the 0400 key asking 0600 is EACCES",
	      shmget(0x5eee, PAGE, 0600) == -1 && errno == EACCES, errno);
	check("servers: shmget of the 0400 key asking 0400 finds it", shmget(0x5eee, PAGE, 0400) ==
	      reader, errno);
	check("servers: remove both", shmctl(reader, IPC_RMID, NULL) == 0 &&
	      shmctl(none, IPC_RMID, NULL) == 0, errno);
}

static int idle_child(uint32_t unused)
{
	(void)unused;
	return 7;
}

/* A grandchild is not a child: waiting for it is ECHILD. */
static int wait_for_sibling(uint32_t sibling)
{
	int status;
	return waitpid((pid_t)sibling, &status, WNOHANG) == -1 && errno == ECHILD ? 0 : 1;
}

static void foreign_wait(void)
{
	pid_t sibling = fork();
	if (sibling == 0) {
		pause();
		_exit(0);
	}
	int status = run_child(wait_for_sibling, (uint32_t)sibling);
	check("servers: waiting for another process's child is ECHILD",
	      status != -1 && WIFEXITED(status) && WEXITSTATUS(status) == 0, status);
	kill(sibling, SIGKILL);
	check("servers: the sibling reaped after SIGKILL", waitpid(sibling, &status, 0) == sibling &&
	      WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, status);
	status = run_child(idle_child, 0);
	check("servers: an ordinary child still reaped", WIFEXITED(status) &&
	      WEXITSTATUS(status) == 7, status);
}

void family_servers(void)
{
	struct snapshot before = snapshot_now();
	foreign_descriptor();
	bad_addresses();
	shm_ids();
	shm_modes();
	foreign_wait();
	snapshot_same("servers: the attacks left nothing behind", &before);
}
