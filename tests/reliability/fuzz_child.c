/* fuzz_child.c - one fuzzing child: random kernel system calls with every
 * register random, and random requests to mm0, fs0 and the console (valid
 * interface ids with any operation, word count and words, hostile lengths
 * and pointers). */
#include <errno.h>
#include <signal.h>
#include <unistd.h>
#include <l4/ipc.h>
#include <idlrt/idlrt.h>
#include "console.h"
#include "fs0.h"
#include "fuzzsys.h"
#include "reliab.h"

#define KERNEL_VA	0xc0000000u
#define UNMAPPED_VA	0x30000000u
#define SERVER_TIMEOUT	L4_TIMEOUTS(200, 200)	/* ms: virtual time under icount */

static const uint16_t mm_ops[] = {
	MM_OP_GETPID, MM_OP_GETPPID, MM_OP_GETTID, MM_OP_EXIT, MM_OP_THREAD_EXIT,
	MM_OP_WAITPID, MM_OP_MMAP, MM_OP_MUNMAP, MM_OP_MPROTECT, MM_OP_SHMGET, MM_OP_SHMAT,
	MM_OP_SHMDT, MM_OP_SHMCTL, MM_OP_OPEN_MODULE, MM_OP_CLOSE, MM_OP_STATS,
	MM_OP_FS0_BUFFER, MM_OP_SHM_OPEN, MM_OP_SHM_UNLINK, MM_OP_SHM_TRUNCATE,
	MM_OP_SIGACTION, MM_OP_SIGPROCMASK, MM_OP_SIGPENDING, MM_OP_KILL, MM_OP_SIGRETURN,
	MM_OP_SIGSUSPEND, MM_OP_ALARM, MM_OP_SETPGID, MM_OP_GETPGID, MM_OP_SIGNAL_TIMER,
};

static const uint16_t fs0_ops[] = {
	FS0_OP_OPEN, FS0_OP_STAT, FS0_OP_MKDIR, FS0_OP_RMDIR, FS0_OP_UNLINK, FS0_OP_RENAME,
	FS0_OP_CHDIR, FS0_OP_GETCWD, FS0_OP_CLOSE, FS0_OP_READ, FS0_OP_WRITE, FS0_OP_LSEEK,
	FS0_OP_FSTAT, FS0_OP_FTRUNCATE, FS0_OP_GETDENTS, FS0_OP_DUP, FS0_OP_DUP2, FS0_OP_PIPE,
	FS0_OP_TASK_FORK, FS0_OP_TASK_EXIT, FS0_OP_SET_BUFFER, FS0_OP_MM_GET_FD,
	FS0_OP_MM_GET_PATH, FS0_OP_MM_READ_PAGE, FS0_OP_MM_WRITE_PAGE, FS0_OP_MM_RELEASE,
	FS0_OP_STATS,
};

static const uint16_t console_ops[] = { CONSOLE_OP_READ, CONSOLE_OP_WRITE };

#define COUNT(a)	(sizeof(a) / sizeof((a)[0]))

/* A word the kernel and the servers must tell apart: small numbers, thread
 * ids, kernel, unmapped, UTCB and KIP addresses, the edges of the fs0
 * buffer, the child's own memory, and noise. */
static uint32_t random_word(uint32_t *state, const struct fuzz_targets *t)
{
	static const uint32_t edges[] = { 0, 1, 0x7fffffffu, 0x80000000u, 0xfffff000u,
					  0xffffffffu, 0x1000u, 0x10000000u };
	uint32_t v = next_random(state);
	switch (v % 10) {
	case 0: return (v >> 8) % 16;
	case 1: {
		const l4_tid_t ids[] = { l4_myself(), t->mm0, t->fs0, t->parent, L4_NILTHREAD,
					 L4_ANYTHREAD, L4_TID((v >> 8) % 256, (v >> 16) % 4) };
		return ids[(v >> 4) % COUNT(ids)];
	}
	case 2: return KERNEL_VA + ((v >> 4) & 0x3ffffffcu);
	case 3: return UNMAPPED_VA + ((v >> 4) & 0x0ffffffcu);
	case 4: return L4_UTCB_AREA + ((v >> 4) % (L4_USER_TOP - L4_UTCB_AREA));
	case 5: return edges[(v >> 4) % COUNT(edges)];
	case 6: {
		const uint32_t offsets[] = { t->fs0_buffer_size - 1, t->fs0_buffer_size,
					     t->fs0_buffer_size + 1, 0xfffffff0u, t->fs0_buffer };
		return offsets[(v >> 4) % COUNT(offsets)];
	}
	case 7: return (uint32_t)(uintptr_t)state + ((v >> 4) % 0x4000) - 0x2000;
	default: return next_random(state);
	}
}

/* A system call with r0-r6, r8 and r9 set; r7 is the number. Returns r0. */
static int32_t raw_syscall(uint32_t number, const uint32_t *r)
{
	register uint32_t r0 asm("r0") = r[0];
	register uint32_t r1 asm("r1") = r[1];
	register uint32_t r2 asm("r2") = r[2];
	register uint32_t r3 asm("r3") = r[3];
	register uint32_t r4 asm("r4") = r[4];
	register uint32_t r5 asm("r5") = r[5];
	register uint32_t r6 asm("r6") = r[6];
	register uint32_t r7 asm("r7") = number;
	register uint32_t r8 asm("r8") = r[7];
	register uint32_t r9 asm("r9") = r[8];
	asm volatile("svc #0"
		     : "+r"(r0), "+r"(r1), "+r"(r2), "+r"(r3), "+r"(r4), "+r"(r5), "+r"(r6),
		       "+r"(r8), "+r"(r9)
		     : "r"(r7)
		     : "memory");
	return (int32_t)r0;
}

/* Any number (valid, just past the end, or wild) with random registers,
 * true if it returned 0;
 * only what would stop the child at once (its own pc, suspending or
 * destroying itself, changing its own pager, blocking forever) is defused. */
static bool kernel_call(uint32_t *state, const struct fuzz_targets *t, struct fuzz_tally *tally)
{
	uint32_t r[9], v = next_random(state);
	uint32_t number = (v & 0x100) ? v % (L4_SYS_COUNT + 4) : random_word(state, t);
	l4_tid_t me = l4_myself();
	for (int k = 0; k < 9; k++)
		r[k] = random_word(state, t);
	for (int k = 6; k < 6 + (int)(v >> 28); k++)
		l4_utcb()->mr[k] = random_word(state, t);
	switch (number) {
	case L4_SYS_IPC:
		r[2] &= 0x00030003u;	/* at most 3 ms either way */
		break;
	case L4_SYS_EXCHANGE_REGISTERS:
		if (r[0] == me || r[0] == L4_NILTHREAD)
			r[1] &= L4_EXREG_CANCEL_IPC;
		break;
	case L4_SYS_THREAD_CONTROL:
		if (r[1] == me)
			r[0] = L4_TC_RESUME;	/* a pager, suspension or end of its own */
		break;
	case L4_SYS_KDEBUG:
		if (v & 0x200)
			r[0] = L4_KD_POWEROFF;	/* must be refused: unprivileged */
		break;
	}
	tally->last_call[0] = number;
	tally->last_call[1] = r[0];
	tally->last_call[2] = r[1];
	return raw_syscall(number, r) == 0;
}

/* A request to mm0, fs0 or (one in sixteen) the console; true if it was
 * answered with a result >= 0. Requests that would multiply the fuzzer (fork,
 * clone, spawn, exec) or signal another process are turned into ones that
 * cannot: the children must stay countable and leave the parent alone. */
static bool server_call(uint32_t *state, const struct fuzz_targets *t, struct fuzz_tally *tally,
			int32_t pid)
{
	uint32_t v = next_random(state), *mr = l4_utcb()->mr;
	bool to_fs0 = v & 1, to_console = !to_fs0 && ((v >> 1) & 7) == 0;
	l4_tid_t to = to_console ? t->console : to_fs0 ? t->fs0 : t->mm0;
	uint32_t id = to_console ? CONSOLE_IFACE_ID : to_fs0 ? FS0_IFACE_ID : MM_IFACE_ID;
	uint32_t version = to_console ? CONSOLE_IFACE_VERSION :
			   to_fs0 ? FS0_IFACE_VERSION : MM_IFACE_VERSION;
	uint32_t index = (v >> 8) % (to_console ? COUNT(console_ops) :
				     to_fs0 ? COUNT(fs0_ops) : COUNT(mm_ops));
	uint32_t op = to_console ? console_ops[index] : to_fs0 ? fs0_ops[index] : mm_ops[index];
	volatile uint8_t *learnt = to_console ? &tally->console_words[index] :
				   to_fs0 ? &tally->fs0_words[index] : &tally->mm_words[index];
	uint32_t words = *learnt && (v >> 24) % 4 ? *learnt : 1 + (v >> 16) % 7;
	bool learning = true;
	if ((v >> 4) % 8 == 0) {
		op = (v >> 16) & 0xefffu;	/* any operation below the kernel's labels */
		learning = false;
	}
	if ((v >> 4) % 16 == 1) {
		version++;
		learning = false;
	}
	if ((v >> 4) % 16 == 2)
		words = (v >> 20) % L4_MR_COUNT;
	for (uint32_t k = 2; k <= words && k < L4_MR_COUNT; k++)
		mr[k] = random_word(state, t);
	bool to_mm0 = !to_fs0 && !to_console;
	if (to_mm0 && (op == MM_OP_FORK || op == MM_OP_CLONE || op == MM_OP_SPAWN ||
			op == MM_OP_EXECVE)) {
		op = MM_OP_GETPID;
		learning = false;
	}
	if (to_mm0 && op == MM_OP_KILL) {
		mr[2] = (v & 0x10) && pid > 1 ? (uint32_t)pid : 0x7fffffffu;
		/* A stop signal to itself would park the child until the
		 * deadline, as POSIX says it must: send SIGCONT instead. */
		if (mr[3] == SIGSTOP || mr[3] == SIGTSTP || mr[3] == SIGTTIN || mr[3] == SIGTTOU)
			mr[3] = SIGCONT;
	}
	if (to_mm0 && op == MM_OP_SETPGID)
		mr[2] = 0;
	mr[0] = L4_TAG(op, words);
	mr[1] = IDLRT_HEADER(id, version);
	tally->last_call[0] = FUZZ_SERVER_CALL | (to_fs0 ? FUZZ_TO_FS0 : 0) |
			      (to_console ? FUZZ_TO_CONSOLE : 0) | op;
	tally->last_call[1] = words;
	tally->last_call[2] = mr[2];
	if (l4_ipc(to, to, SERVER_TIMEOUT, 0) != 0)
		return false;
	if (learning && (int32_t)mr[1] != -EBADMSG)
		*learnt = (uint8_t)words;
	return (int32_t)mr[1] >= 0;
}

int fuzz_child(const struct fuzz_targets *targets, struct fuzz_tally *tally, uint32_t seed,
	       uint32_t calls)
{
	uint32_t state = seed * 2654435761u | 1u;
	/* Asked once: the fuzzing may break the child's own later requests. */
	int32_t pid = getpid();
	/* The parent ignores what the racing children send everyone. */
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	signal(SIGUSR1, SIG_DFL);
	for (uint32_t i = 0; i < calls; i++) {
		if (next_random(&state) & 1) {
			tally->kernel_calls++;
			tally->kernel_successes += kernel_call(&state, targets, tally);
		} else {
			tally->server_calls++;
			tally->server_successes += server_call(&state, targets, tally, pid);
		}
	}
	return 0;
}
