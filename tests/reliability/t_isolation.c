/* t_isolation.c - a child that faults is stopped with the right signal,
 * its parent's waitpid says so, everything it held comes back, and a
 * bystander process keeps answering throughout. */
#include <signal.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>
#include "reliab.h"

#define UNMAPPED_VA	0x20000000u
#define KERNEL_VA	0xc0000000u
#define HOG_CHUNK	(1u << 20)

static int to_bystander[2], from_bystander[2];

/* Answers each number with the next one until its pipe closes. */
static int bystander(uint32_t unused)
{
	(void)unused;
	uint32_t value;
	close(to_bystander[1]);
	close(from_bystander[0]);
	while (read(to_bystander[0], &value, sizeof(value)) == sizeof(value)) {
		value++;
		if (write(from_bystander[1], &value, sizeof(value)) != sizeof(value))
			return 1;
	}
	return 0;
}

static bool bystander_answers(uint32_t value)
{
	uint32_t answer = 0;
	return write(to_bystander[1], &value, sizeof(value)) == sizeof(value) &&
	       read(from_bystander[0], &answer, sizeof(answer)) == sizeof(answer) &&
	       answer == value + 1;
}

static int touch_unmapped(uint32_t unused)
{
	(void)unused;
	*(volatile uint32_t *)UNMAPPED_VA = 1;
	return 0;
}

static int undefined_instruction(uint32_t unused)
{
	(void)unused;
	__asm__ volatile(".word 0xe7f000f0");	/* udf #0 */
	return 0;
}

static int jump_to_kernel(uint32_t unused)
{
	(void)unused;
	((void (*)(void))KERNEL_VA)();
	return 0;
}

static int write_text(uint32_t unused)
{
	(void)unused;
	*(volatile uint32_t *)(uintptr_t)&write_text = 0;
	return 0;
}

/* Recurses until the stack runs into unmapped memory. */
static uint32_t deep(uint32_t depth)
{
	volatile uint32_t frame[64];
	frame[0] = depth;
	return depth == UINT32_MAX ? 0 : deep(depth + 1) + frame[0];
}

static int overflow_stack(uint32_t unused)
{
	(void)unused;
	return (int)deep(0);
}

/* Maps and touches memory until mm0 refuses a mapping (strict commit: the
 * refusal is ENOMEM up front, never a fault without a page). */
static int exhaust_memory(uint32_t unused)
{
	(void)unused;
	for (;;) {
		volatile uint8_t *chunk = mmap(NULL, HOG_CHUNK, PROT_READ | PROT_WRITE,
					       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (chunk == MAP_FAILED)
			return 100;
		for (uint32_t off = 0; off < HOG_CHUNK; off += 4096)
			chunk[off] = 1;
	}
}

/* Attaches a segment read-only and writes to it. */
static int write_readonly_shm(uint32_t shmid)
{
	volatile uint32_t *seg = shmat((int)shmid, NULL, SHM_RDONLY);
	if (seg == (void *)-1)
		return 101;
	*seg = 1;
	return 0;
}

static int exit_normally(uint32_t unused)
{
	(void)unused;
	return 0;
}

struct fault_case {
	const char *what;
	int (*fn)(uint32_t);
	int signal;			/* 0: the child exits with 100 instead */
};

void family_isolation(void)
{
	static const struct fault_case cases[] = {
		{ "isolation: unmapped access ends in SIGSEGV", touch_unmapped, SIGSEGV },
		{ "isolation: an undefined instruction ends in SIGILL", undefined_instruction, SIGILL },
		{ "isolation: a jump into kernel memory ends in SIGSEGV", jump_to_kernel, SIGSEGV },
		{ "isolation: writing program text ends in SIGSEGV", write_text, SIGSEGV },
		{ "isolation: a stack overflow ends in SIGSEGV", overflow_stack, SIGSEGV },
		{ "isolation: exhausting memory ends in mmap's ENOMEM, not a signal", exhaust_memory, 0 },
		{ "isolation: writing a read-only shm attachment ends in SIGSEGV", write_readonly_shm,
		  SIGSEGV },
	};
	check("isolation: pipes to the bystander", pipe(to_bystander) == 0 && pipe(from_bystander) == 0, 0);
	pid_t helper = fork();
	if (helper == 0)
		_exit(bystander(0));
	close(to_bystander[0]);
	close(from_bystander[1]);
	check("isolation: the bystander answers", bystander_answers(1), 0);
	int shmid = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	/* One harmless round first, so the parent's own stack and heap have
	 * grown to what the loop needs before the counts are taken. */
	check("isolation: a harmless child exits 0", run_child(exit_normally, 0) == 0, 0);
	check("  ... the bystander still answers", bystander_answers(2), 0);
	struct snapshot before = snapshot_now();
	for (unsigned i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int status = run_child(cases[i].fn, (uint32_t)shmid);
		check(cases[i].what, status != -1 &&
		      (cases[i].signal ? WIFSIGNALED(status) && WTERMSIG(status) == cases[i].signal
				       : WIFEXITED(status) && WEXITSTATUS(status) == 100), status);
		check("  ... the bystander still answers", bystander_answers(10 * i), (long)i);
		snapshot_same("  ... every page, object and task came back", &before);
	}
	check("isolation: the shm segment removed", shmctl(shmid, IPC_RMID, NULL) == 0, shmid);
	close(to_bystander[1]);
	int status = 0;
	check("isolation: the bystander ends normally", waitpid(helper, &status, 0) == helper &&
	      WIFEXITED(status) && WEXITSTATUS(status) == 0, status);
	close(from_bystander[0]);
}
