/* check_protocol.c - mm0 driven through the generated mm stubs and dispatch
 * over the loopback transport: requests, deferred waitpid, kernel fault and
 * exception messages, programs spawned from an ELF module, module files,
 * servers registered and found by name. */
#include <idlrt/loopback.h>
#include <stdio.h>
#include <string.h>

#include "fs/module_file.h"
#include "harness.h"
#include "mm0_server.h"
#include "proc/signals.h"
#include "proc/spawn.h"
#include "serve/serve.h"

#define MM0		TEST_SELF_TID
#define PAGE		MM0_PAGE_SIZE
#define RW		(MM0_PROT_READ | MM0_PROT_WRITE)
#define ENTRY		0x00010000u
#define DATA_VADDR	0x00011010u	/* not page aligned: the loader must place it */
#define DATA_FILESZ	100u
#define DATA_MEMSZ	0x2000u

static uint8_t image[3 * PAGE] __attribute__((aligned(8)));

static void put16(uint32_t at, uint16_t v) { memcpy(image + at, &v, 2); }
static void put32(uint32_t at, uint32_t v) { memcpy(image + at, &v, 4); }

static void put_segment(uint32_t at, uint32_t offset, uint32_t vaddr, uint32_t filesz,
			uint32_t memsz, uint32_t flags)
{
	uint32_t words[8] = { 1, offset, vaddr, vaddr, filesz, memsz, flags, PAGE };

	memcpy(image + at, words, sizeof(words));
}

/* A two-segment ARM executable: text (R|X) from page 1, data (R|W) from page 2. */
static void build_image(void)
{
	memset(image, 0, sizeof(image));
	memcpy(image, "\177ELF\001\001\001", 7);
	put16(16, 2);
	put16(18, 40);
	put32(20, 1);
	put32(24, ENTRY);
	put32(28, 52);
	put16(40, 52);
	put16(42, 32);
	put16(44, 2);
	put_segment(52, PAGE, ENTRY, PAGE, PAGE, 5);
	put_segment(84, 2 * PAGE, DATA_VADDR, DATA_FILESZ, DATA_MEMSZ, 6);
	for (uint32_t i = PAGE; i < sizeof(image); i++)
		image[i] = (uint8_t)(i * 7 + 1);
}

static void protocol_setup(void)
{
	mm0_setup_with(TEST_PAGES, &serve_reply_ops);
	module_reset();
	build_image();
	idlrt_loopback_reset();
	ck_assert_int_eq(idlrt_loopback_bind(MM0, mm0_serve, 0), 0);
}

static void protocol_teardown(void)
{
	idlrt_loopback_reset();
	module_reset();
	mm0_teardown();
}

static void act_as(struct task *task)
{
	idlrt_loopback_set_self(task->l4_tid);
}

static uint32_t peek32(struct task *task, uint32_t addr)
{
	return peek(task, addr) | (uint32_t)peek(task, addr + 1) << 8 |
	       (uint32_t)peek(task, addr + 2) << 16 | (uint32_t)peek(task, addr + 3) << 24;
}

START_TEST(test_ids)
{
	struct task *task = spawn();

	act_as(task);
	ck_assert_int_eq(mm_getpid(MM0), (int)task->pid);
	ck_assert_int_eq(mm_getppid(MM0), 1);
	ck_assert_int_eq(mm_gettid(MM0), (int)task->tid);
	idlrt_loopback_set_self(L4_TID(999, 1));
	ck_assert_int_eq(mm_getpid(MM0), -ESRCH);
	ck_assert_int_eq(mm_mmap(MM0, 0, PAGE, RW, MM0_MAP_PRIVATE | MM0_MAP_ANONYMOUS, -1, 0),
			 -ESRCH);
	/* The memory layer works on spaces: the request layer answers unknown callers. */
	ck_assert_int_eq(mm_munmap(MM0, 0x20000000, PAGE), -ESRCH);
	ck_assert_int_eq(mm_mprotect(MM0, 0x20000000, PAGE, RW), -ESRCH);
	ck_assert_int_eq(mm_shmget(MM0, MM0_IPC_PRIVATE, PAGE, 0600), -ESRCH);
	ck_assert_int_eq(mm_shmat(MM0, 1, 0, 0), -ESRCH);
	ck_assert_int_eq(mm_shm_unlink(MM0, "/ok"), -ESRCH);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(test_bad_messages)
{
	struct task *task = spawn();
	uint32_t *mr = idlrt_mr();

	act_as(task);
	mr[0] = L4_TAG(MM_OP_GETPID, 1);
	mr[1] = IDLRT_HEADER(MM_IFACE_ID, MM_IFACE_VERSION + 1);
	ck_assert_int_eq(idlrt_call(MM0), 0);
	ck_assert_int_eq((int32_t)mr[1], -EPROTONOSUPPORT);
	mr[0] = L4_TAG(MM_OP_MUNMAP, 2);
	mr[1] = IDLRT_HEADER(MM_IFACE_ID, MM_IFACE_VERSION);
	ck_assert_int_eq(idlrt_call(MM0), 0);
	ck_assert_int_eq((int32_t)mr[1], -EBADMSG);
	mr[0] = L4_TAG(0x0eee, 1);
	mr[1] = IDLRT_HEADER(MM_IFACE_ID, MM_IFACE_VERSION);
	ck_assert_int_eq(idlrt_call(MM0), 0);
	ck_assert_int_eq((int32_t)mr[1], -ENOSYS);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(test_mmap_munmap_middle)
{
	struct task *task = spawn();
	int addr;

	act_as(task);
	addr = mm_mmap(MM0, 0, 3 * PAGE, RW, MM0_MAP_PRIVATE | MM0_MAP_ANONYMOUS, -1, 0);
	ck_assert_int_gt(addr, 0);
	poke(task, (uint32_t)addr, 1);
	poke(task, (uint32_t)addr + PAGE, 2);
	poke(task, (uint32_t)addr + 2 * PAGE, 3);
	assert_mmu_consistent();
	ck_assert_int_eq(mm_munmap(MM0, (uint32_t)addr + PAGE, PAGE), 0);
	ck_assert_uint_eq(peek(task, (uint32_t)addr), 1);
	ck_assert_uint_eq(peek(task, (uint32_t)addr + 2 * PAGE), 3);
	ck_assert_int_eq(mm_mprotect(MM0, (uint32_t)addr, PAGE, MM0_PROT_READ), 0);
	ck_assert_ptr_null(fake_pte_find(task->l4_tid, (uint32_t)addr + PAGE));
	ck_assert_int_eq(mm_mmap(MM0, 0, PAGE, RW, MM0_MAP_PRIVATE, 3, 0), -EBADF);
	ck_assert_int_eq(mm_munmap(MM0, (uint32_t)addr + 1, PAGE), -EINVAL);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

static struct task *waited_child;

static void child_exits(void *arg)
{
	(void)arg;
	act_as(waited_child);
	ck_assert_int_eq(mm_exit(MM0, 3), 0);
}

START_TEST(test_names)
{
	struct task *first = spawn(), *second = spawn();
	uint32_t tid = 0;

	act_as(first);
	ck_assert_int_eq(mm_register_service(MM0, "kv"), 0);
	ck_assert_int_eq(mm_service(MM0, "kv", &tid), 0);
	ck_assert_uint_eq(tid, first->l4_tid);
	act_as(second);
	ck_assert_int_eq(mm_register_service(MM0, "kv"), -EEXIST);
	ck_assert_int_eq(mm_register_service(MM0, "fs0"), -EPERM);
	ck_assert_int_eq(mm_register_service(MM0, "console"), -EPERM);
	ck_assert_int_eq(mm_register_service(MM0, ""), -EINVAL);
	ck_assert_int_eq(mm_service(MM0, "nosuch", &tid), -ENOENT);
	/* The name goes with its holder. */
	exit_and_reap(first, 0);
	ck_assert_int_eq(mm_service(MM0, "kv", &tid), -ENOENT);
	act_as(second);
	ck_assert_int_eq(mm_register_service(MM0, "kv"), 0);
	ck_assert_int_eq(mm_service(MM0, "kv", &tid), 0);
	ck_assert_uint_eq(tid, second->l4_tid);
	exit_and_reap(second, 0);
	assert_no_leak();
}
END_TEST

START_TEST(test_fork_and_deferred_waitpid)
{
	struct task *parent = spawn();
	struct fake_thread *thread;
	int32_t status = -1;
	int pid;

	act_as(parent);
	pid = mm_fork(MM0, TEST_PC + 8, TEST_SP - 64);
	ck_assert_int_gt(pid, 1);
	waited_child = task_of(pid);
	thread = fake_thread_find(waited_child->l4_tid);
	ck_assert(thread && thread->started);
	ck_assert_uint_eq(thread->pc, TEST_PC + 8);
	ck_assert_uint_eq(thread->r0, 0);
	ck_assert_int_eq(mm_waitpid(MM0, pid, MM0_WNOHANG, &status), 0);
	idlrt_loopback_on_block(child_exits, NULL);
	ck_assert_int_eq(mm_waitpid(MM0, pid, 0, &status), pid);
	ck_assert_int_eq(status, MM0_W_EXITCODE(3));
	ck_assert_uint_eq(idlrt_loopback_deferred_count(), 1);
	act_as(parent);
	ck_assert_int_eq(mm_waitpid(MM0, -1, 0, &status), -ECHILD);
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

static int send_fault_from(l4_tid_t sender, uint32_t label, uint32_t words, uint32_t addr,
			   uint32_t access)
{
	uint32_t *mr = idlrt_mr();

	idlrt_loopback_set_self(sender);
	mr[0] = L4_TAG(label, words);
	mr[1] = addr;
	mr[2] = access;
	mr[3] = TEST_PC;
	mr[4] = 0;
	return idlrt_call(MM0);
}

static int send_fault(struct task *task, uint32_t label, uint32_t words, uint32_t addr,
		      uint32_t access)
{
	return send_fault_from(task->l4_tid, label, words, addr, access);
}

/* A forked child of task, so its death shows in task's waitpid. */
static struct task *child_of(struct task *task)
{
	act_as(task);
	return task_of(mm_fork(MM0, TEST_PC, TEST_SP));
}

static int32_t reap_status(struct task *parent, struct task *child)
{
	int32_t status = -1;
	int pid = (int)child->pid;

	act_as(parent);
	ck_assert_int_eq(mm_waitpid(MM0, pid, MM0_WNOHANG, &status), pid);
	return status;
}

START_TEST(test_fault_messages)
{
	struct task *parent = spawn(), *child;
	struct fake_pte *pte;
	int addr;

	act_as(parent);
	addr = mm_mmap(MM0, 0, PAGE, RW, MM0_MAP_PRIVATE | MM0_MAP_ANONYMOUS, -1, 0);
	ck_assert_int_gt(addr, 0);
	ck_assert_int_eq(send_fault(parent, L4_LABEL_PAGEFAULT, 4, (uint32_t)addr + 8,
				    L4_PERM_WRITE), 0);
	ck_assert_uint_eq(idlrt_mr()[0], L4_TAG(0, 0));
	pte = fake_pte_find(parent->l4_tid, (uint32_t)addr);
	ck_assert(pte && (pte->perms & MM0_PROT_WRITE));

	child = child_of(parent);
	ck_assert_int_eq(send_fault(child, L4_LABEL_PAGEFAULT, 4, 0x30000000u, L4_PERM_READ),
			 -EDEADLK);
	ck_assert_int_eq(reap_status(parent, child), MM0_W_SIGNALED(MM0_SIGSEGV));

	child = child_of(parent);
	ck_assert_int_eq(send_fault(child, L4_LABEL_EXCEPTION, 4, L4_EXC_UNDEFINED, TEST_PC),
			 -EDEADLK);
	ck_assert_int_eq(reap_status(parent, child), MM0_W_SIGNALED(MM0_SIGILL));

	/* A thread that destroyed itself: mm0 ends it, and with it the process. */
	child = child_of(parent);
	ck_assert_int_eq(send_fault(child, L4_LABEL_EXCEPTION, 4, L4_EXC_DESTROY, TEST_PC),
			 -EDEADLK);
	ck_assert_int_eq(reap_status(parent, child), MM0_W_SIGNALED(MM0_SIGKILL));

	child = child_of(parent);
	ck_assert_int_eq(send_fault(child, L4_LABEL_PAGEFAULT, 2, (uint32_t)addr, L4_PERM_READ),
			 -EDEADLK);
	ck_assert_int_eq(reap_status(parent, child), MM0_W_SIGNALED(MM0_SIGSEGV));

	/* A stranger's fault changes nothing and gets no answer. */
	ck_assert_int_eq(send_fault_from(L4_TID(999, 1), L4_LABEL_PAGEFAULT, 4, (uint32_t)addr,
				    L4_PERM_READ), -EDEADLK);
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

static char crash_printed[160];

static void crash_record(const char *line)
{
	strncpy(crash_printed, line, sizeof(crash_printed) - 1);
}

/* One child of parent dies of the fault; the line mm0 printed for it. */
static const char *crash_of(struct task *parent, uint32_t label, uint32_t addr, uint32_t access)
{
	struct task *child = child_of(parent);

	crash_printed[0] = '\0';
	ck_assert_int_eq(send_fault(child, label, 4, addr, access), -EDEADLK);
	reap_status(parent, child);
	return crash_printed;
}

START_TEST(test_crash_lines)
{
	struct task *parent = spawn();
	char expected[160];
	int addr;

	serve_crash_print = crash_record;
	signal_fault_fatal = crash_report;
	act_as(parent);
	addr = mm_mmap(MM0, 0, PAGE, MM0_PROT_READ, MM0_MAP_PRIVATE | MM0_MAP_ANONYMOUS, -1, 0);
	ck_assert_int_gt(addr, 0);
	snprintf(expected, sizeof(expected),
		 "mm0: pid %u (prog) killed by SIGSEGV: read at 0x30000000, pc 0x%08x: no mapping\n",
		 (unsigned)parent->pid + 1, TEST_PC);
	ck_assert_str_eq(crash_of(parent, L4_LABEL_PAGEFAULT, 0x30000000u, L4_PERM_READ), expected);
	ck_assert_ptr_nonnull(strstr(crash_of(parent, L4_LABEL_PAGEFAULT, (uint32_t)addr,
					      L4_PERM_WRITE),
				     "killed by SIGSEGV: write at 0x"));
	ck_assert_ptr_nonnull(strstr(crash_printed, ": write to read-only\n"));
	ck_assert_ptr_nonnull(strstr(crash_of(parent, L4_LABEL_PAGEFAULT, (uint32_t)addr,
					      L4_PERM_EXEC), ": not executable\n"));
	ck_assert_ptr_nonnull(strstr(crash_of(parent, L4_LABEL_EXCEPTION, L4_EXC_UNDEFINED,
					      TEST_PC), "killed by SIGILL: execute at"));
	ck_assert_ptr_nonnull(strstr(crash_printed, ": undefined instruction\n"));
	/* A fault that is resolved prints nothing. */
	crash_printed[0] = '\0';
	act_as(parent);
	ck_assert_int_eq(send_fault(parent, L4_LABEL_PAGEFAULT, 4, (uint32_t)addr, L4_PERM_READ), 0);
	ck_assert_str_eq(crash_printed, "");
	serve_crash_print = NULL;
	signal_fault_fatal = NULL;
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

START_TEST(test_spawn_elf)
{
	struct task *parent = spawn(), *child;
	struct fake_thread *thread;
	int pid;

	ck_assert_int_ge(module_register("prog", image, sizeof(image)), 0);
	act_as(parent);
	pid = mm_spawn(MM0, "prog", "one");
	ck_assert_int_gt(pid, 1);
	child = task_of(pid);
	thread = fake_thread_find(child->l4_tid);
	ck_assert(thread && thread->started);
	ck_assert_uint_eq(thread->pc, ENTRY);
	ck_assert_uint_eq(thread->sp, MM0_STACK_TOP);
	ck_assert_uint_eq(thread->r0, MM0_ENV_ADDR);
	ck_assert_uint_eq(peek32(child, MM0_ENV_ADDR), 2);
	ck_assert_uint_eq(peek(child, ENTRY + 17), image[PAGE + 17]);
	ck_assert_uint_eq(peek(child, DATA_VADDR), image[2 * PAGE]);
	ck_assert_uint_eq(peek(child, DATA_VADDR + DATA_FILESZ - 1), image[2 * PAGE + DATA_FILESZ - 1]);
	ck_assert_uint_eq(peek(child, DATA_VADDR - 1), 0);
	ck_assert_uint_eq(peek(child, DATA_VADDR + DATA_FILESZ), 0);
	ck_assert_uint_eq(peek(child, DATA_VADDR + DATA_MEMSZ - 1), 0);
	poke(child, DATA_VADDR, 0xee);
	ck_assert_uint_eq(image[2 * PAGE], (uint8_t)(2 * PAGE * 7 + 1));
	poke(child, MM0_STACK_TOP - 4, 1);
	poke(child, 0x00014000u, 1);	/* the heap after the image */
	assert_mmu_consistent();
	ck_assert_int_eq(user_write(child, ENTRY, 0), USER_KILLED);	/* text is read-only */
	act_as(parent);
	ck_assert_int_eq(mm_waitpid(MM0, pid, MM0_WNOHANG, &(int32_t){ 0 }), pid);
	ck_assert_int_eq(mm_spawn(MM0, "nosuch", ""), -ENOENT);
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

START_TEST(test_spawn_bad_elf)
{
	struct task *parent = spawn();

	image[0] = 0;
	ck_assert_int_ge(module_register("broken", image, sizeof(image)), 0);
	image[0] = 0x7f;
	put32(52 + 4, 5 * PAGE);	/* a segment beyond the file */
	ck_assert_int_ge(module_register("beyond", image, sizeof(image)), 0);
	ck_assert_int_ge(module_register("short", image, 20), 0);
	act_as(parent);
	ck_assert_int_eq(mm_spawn(MM0, "broken", ""), -ENOEXEC);
	ck_assert_int_eq(mm_spawn(MM0, "beyond", ""), -ENOEXEC);
	ck_assert_int_eq(mm_spawn(MM0, "short", ""), -ENOEXEC);
	ck_assert_int_eq(module_register("short", image, 20), -EEXIST);
	exit_and_reap(parent, 0);
	assert_no_leak();
}
END_TEST

START_TEST(test_module_file_offsets)
{
	struct task *task = spawn();
	int fd, addr;

	ck_assert_int_ge(module_register("data", image, sizeof(image)), 0);
	act_as(task);
	ck_assert_int_eq(mm_open_module(MM0, "nosuch"), -ENOENT);
	fd = mm_open_module(MM0, "data");
	ck_assert_int_ge(fd, 0);
	addr = mm_mmap(MM0, 0, PAGE, MM0_PROT_READ, MM0_MAP_PRIVATE, fd, 2 * PAGE);
	ck_assert_int_gt(addr, 0);
	ck_assert_uint_eq(peek(task, (uint32_t)addr + 5), image[2 * PAGE + 5]);
	ck_assert_int_eq(mm_mmap(MM0, 0, PAGE, MM0_PROT_READ, MM0_MAP_PRIVATE, fd, 10), -EINVAL);
	ck_assert_int_eq(mm_close(MM0, fd), 0);
	ck_assert_int_eq(mm_close(MM0, fd), -EBADF);
	ck_assert_int_eq(mm_mmap(MM0, 0, PAGE, MM0_PROT_READ, MM0_MAP_PRIVATE, fd, 0), -EBADF);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(test_shm_between_strangers)
{
	struct task *a = spawn(), *b = spawn();
	struct mm0_shm_stat stat;
	int id, addr_a, addr_b;

	act_as(a);
	id = mm_shmget(MM0, 77, PAGE, MM0_IPC_CREAT | 0600);
	ck_assert_int_ge(id, 0);
	addr_a = mm_shmat(MM0, id, 0, 0);
	ck_assert_int_gt(addr_a, 0);
	poke(a, (uint32_t)addr_a, 0x42);
	act_as(b);
	ck_assert_int_eq(mm_shmget(MM0, 77, 0, 0), id);
	addr_b = mm_shmat(MM0, id, 0, 0);
	ck_assert_int_gt(addr_b, 0);
	ck_assert_uint_eq(peek(b, (uint32_t)addr_b), 0x42);
	ck_assert_int_eq(mm_shmctl(MM0, id, MM0_IPC_STAT, &stat), 0);
	ck_assert_uint_eq(stat.nattch, 2);
	ck_assert_uint_eq(stat.size, PAGE);
	ck_assert_int_eq(mm_shmctl(MM0, id, MM0_IPC_RMID, &stat), 0);
	ck_assert_int_eq(mm_shmdt(MM0, (uint32_t)addr_b), 0);
	exit_and_reap(a, 0);
	exit_and_reap(b, 0);
	assert_no_leak();
}
END_TEST

START_TEST(test_short_forms)
{
	struct task *task = spawn();
	int addr, id;

	act_as(task);
	addr = mm_mmap_anon(MM0, 0, 2 * PAGE, RW, MM0_MAP_PRIVATE | MM0_MAP_ANONYMOUS);
	ck_assert_int_gt(addr, 0);
	poke(task, (uint32_t)addr + PAGE, 7);
	ck_assert_uint_eq(peek(task, (uint32_t)addr + PAGE), 7);
	ck_assert_uint_eq(peek(task, (uint32_t)addr), 0);
	ck_assert_int_eq(mm_mmap_anon(MM0, 0, PAGE, RW, MM0_MAP_PRIVATE), -EINVAL);
	ck_assert_int_eq(mm_munmap(MM0, (uint32_t)addr, 2 * PAGE), 0);
	id = mm_shmget(MM0, MM0_IPC_PRIVATE, PAGE, MM0_IPC_CREAT | 0600);
	ck_assert_int_ge(id, 0);
	ck_assert_int_eq(mm_shm_remove(MM0, id), 0);
	ck_assert_int_eq(mm_shmat(MM0, id, 0, 0), -EINVAL);
	ck_assert_int_eq(mm_shm_remove(MM0, id), -EINVAL);
	exit_and_reap(task, 0);
	assert_no_leak();
}
END_TEST

START_TEST(test_posix_shm_descriptors)
{
	struct task *a = spawn(), *b = spawn(), *child;
	int fd, fd_b, module_fd, addr;

	ck_assert_int_ge(module_register("data", image, sizeof(image)), 0);
	act_as(a);
	fd = mm_shm_open(MM0, "/ring", MM0_O_CREAT | MM0_O_EXCL | 2, 0600);
	ck_assert_int_ge(fd, MM0_FD_BASE);
	ck_assert_int_eq(mm_shm_open(MM0, "/ring", MM0_O_CREAT | MM0_O_EXCL | 2, 0600), -EEXIST);
	ck_assert_int_eq(mm_shm_open(MM0, "ring", MM0_O_CREAT | 2, 0600), -EINVAL);
	ck_assert_int_eq(mm_shm_truncate(MM0, fd, PAGE), 0);
	addr = mm_mmap(MM0, 0, PAGE, RW, MM0_MAP_SHARED, fd, 0);
	ck_assert_int_gt(addr, 0);
	poke(a, (uint32_t)addr, 0x5a);
	module_fd = mm_open_module(MM0, "data");
	ck_assert_int_ge(module_fd, MM0_FD_BASE);
	ck_assert_int_eq(mm_shm_truncate(MM0, module_fd, PAGE), -EINVAL);
	ck_assert_int_eq(mm_shm_truncate(MM0, 3, PAGE), -EBADF);

	/* A forked child's descriptor names the same object. */
	child = task_of(mm0_fork(a, TEST_PC, TEST_SP));
	act_as(child);
	addr = mm_mmap(MM0, 0, PAGE, MM0_PROT_READ, MM0_MAP_SHARED, fd, 0);
	ck_assert_int_gt(addr, 0);
	ck_assert_uint_eq(peek(child, (uint32_t)addr), 0x5a);

	act_as(b);
	fd_b = mm_shm_open(MM0, "/ring", 2, 0);
	ck_assert_int_ge(fd_b, MM0_FD_BASE);
	addr = mm_mmap(MM0, 0, PAGE, MM0_PROT_READ, MM0_MAP_SHARED, fd_b, 0);
	ck_assert_uint_eq(peek(b, (uint32_t)addr), 0x5a);
	ck_assert_int_eq(mm_shm_unlink(MM0, "/ring"), 0);
	ck_assert_int_eq(mm_shm_unlink(MM0, "/ring"), -ENOENT);
	ck_assert_int_eq(mm_shm_open(MM0, "/ring", 2, 0), -ENOENT);
	ck_assert_int_eq(mm_close(MM0, fd_b), 0);
	ck_assert_int_eq(mm_close(MM0, fd_b), -EBADF);
	ck_assert_uint_eq(peek(b, (uint32_t)addr), 0x5a);
	exit_and_reap(child, 0);
	exit_and_reap(a, 0);
	exit_and_reap(b, 0);
	assert_no_leak();
}
END_TEST

START_TEST(test_stats)
{
	struct mm_counts counts;
	struct mm0_stats stats;

	mm0_stats(&stats);
	ck_assert_int_eq(mm_stats(MM0, &counts), 0);
	ck_assert_uint_eq(counts.free_pages, stats.free_pages);
	ck_assert_uint_eq(counts.live_tasks, stats.live_tasks);
	ck_assert_uint_eq(counts.live_allocs, stats.live_allocs);
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("mm0 protocol");

	add_test_alone(suite, test_ids, protocol_setup, protocol_teardown);
	add_test_alone(suite, test_names, protocol_setup, protocol_teardown);
	add_test_alone(suite, test_bad_messages, protocol_setup, protocol_teardown);
	add_test_alone(suite, test_mmap_munmap_middle, protocol_setup, protocol_teardown);
	add_test_alone(suite, test_fork_and_deferred_waitpid, protocol_setup, protocol_teardown);
	add_test_alone(suite, test_fault_messages, protocol_setup, protocol_teardown);
	add_test_alone(suite, test_crash_lines, protocol_setup, protocol_teardown);
	add_test_alone(suite, test_spawn_elf, protocol_setup, protocol_teardown);
	add_test_alone(suite, test_spawn_bad_elf, protocol_setup, protocol_teardown);
	add_test_alone(suite, test_module_file_offsets, protocol_setup, protocol_teardown);
	add_test_alone(suite, test_shm_between_strangers, protocol_setup, protocol_teardown);
	add_test_alone(suite, test_posix_shm_descriptors, protocol_setup, protocol_teardown);
	add_test_alone(suite, test_short_forms, protocol_setup, protocol_teardown);
	add_test_alone(suite, test_stats, protocol_setup, protocol_teardown);
	return run_suite(suite);
}
