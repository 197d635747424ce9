/* t_catch.c - actions, masks and synchronous signals caught in the process itself:
 * sigaction's old action, bad input, raise, blocking and pending, SIGSEGV, SIGILL and
 * SIGBUS handlers, every register across a handler, SA_RESETHAND and SA_NODEFER. */
#include <errno.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mm0.h"
#include "sigtest.h"

#define PAGE 4096

static volatile int handled, handled_signo, handled_code;
static void *volatile handled_addr;
static volatile sigset_t mask_in_handler;
static sigjmp_buf escape;

static void count_handler(int signo, siginfo_t *info, void *context)
{
	(void)context;
	handled++;
	handled_signo = signo;
	handled_code = info->si_code;
	handled_addr = info->si_addr;
	sigprocmask(SIG_BLOCK, NULL, (sigset_t *)&mask_in_handler);
}

static void escape_handler(int signo, siginfo_t *info, void *context)
{
	count_handler(signo, info, context);
	siglongjmp(escape, 1);
}

static void other_handler(int signo)
{
	(void)signo;
}

static void test_sigaction_old(void)
{
	struct sigaction first, second, old;

	memset(&first, 0, sizeof(first));
	first.sa_sigaction = count_handler;
	first.sa_flags = SA_SIGINFO;
	sigemptyset(&first.sa_mask);
	sigaddset(&first.sa_mask, SIGUSR2);
	memset(&second, 0, sizeof(second));
	second.sa_handler = other_handler;
	sigaction(SIGUSR1, &first, NULL);
	CHECK_EQ("sigaction returns 0", 0, sigaction(SIGUSR1, &second, &old));
	CHECK("sigaction's old action is the handler set before",
	      old.sa_sigaction == count_handler && (old.sa_flags & SA_SIGINFO) &&
	      sigismember(&old.sa_mask, SIGUSR2) == 1 && sigismember(&old.sa_mask, SIGUSR1) == 0);
	CHECK_EQ("sigaction with no new action only reads", 0, sigaction(SIGUSR1, NULL, &old));
	CHECK("the action read is the current one", old.sa_handler == other_handler);
	CHECK("signal returns the previous handler",
	      signal(SIGUSR1, SIG_DFL) == other_handler && signal(SIGUSR1, SIG_DFL) == SIG_DFL);
}

static void test_bad_input(void)
{
	struct sigaction action;
	sigset_t set;

	memset(&action, 0, sizeof(action));
	action.sa_handler = other_handler;
	CHECK("sigaction(0) is EINVAL", sigaction(0, &action, NULL) == -1 && errno == EINVAL);
	CHECK("sigaction(NSIG) is EINVAL", sigaction(NSIG, &action, NULL) == -1 && errno == EINVAL);
	CHECK("SIGKILL cannot be caught", sigaction(SIGKILL, &action, NULL) == -1 && errno == EINVAL);
	CHECK("SIGSTOP cannot be caught", signal(SIGSTOP, other_handler) == SIG_ERR && errno == EINVAL);
	CHECK("SIGKILL cannot be ignored", signal(SIGKILL, SIG_IGN) == SIG_ERR && errno == EINVAL);
	CHECK("kill with signal 99 is EINVAL", kill(getpid(), 99) == -1 && errno == EINVAL);
	CHECK("kill with signal -1 is EINVAL", kill(getpid(), -1) == -1 && errno == EINVAL);
	CHECK("kill of a pid nobody has is ESRCH", kill(30000, SIGUSR1) == -1 && errno == ESRCH);
	CHECK("kill of a group nobody has is ESRCH", kill(-30000, SIGUSR1) == -1 && errno == ESRCH);
	CHECK_EQ("kill with signal 0 checks that the process exists", 0, kill(getpid(), 0));
	CHECK("sigaddset of 0 is EINVAL", sigaddset(&set, 0) == -1 && errno == EINVAL);
	CHECK("sigprocmask with a bad how is EINVAL",
	      sigprocmask(7, &set, NULL) == -1 && errno == EINVAL);
	CHECK("kill of mm0 itself is EPERM", kill(1, SIGTERM) == -1 && errno == EPERM);
}

static void test_raise_and_masks(void)
{
	sigset_t usr1, now, pending;

	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	catch_signal(SIGUSR1, count_handler, 0);
	handled = 0;
	CHECK_EQ("raise returns 0", 0, raise(SIGUSR1));
	CHECK("the handler ran once, before raise returned, with SI_TKILL",
	      handled == 1 && handled_signo == SIGUSR1 && handled_code == SI_TKILL);
	CHECK("the signal is blocked while its handler runs", sigismember((sigset_t *)&mask_in_handler, SIGUSR1) == 1);
	sigprocmask(SIG_BLOCK, NULL, &now);
	CHECK("the mask is back after the handler", sigismember(&now, SIGUSR1) == 0);

	handled = 0;
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	raise(SIGUSR1);
	raise(SIGUSR1);
	CHECK_EQ("a blocked signal is not delivered", 0, handled);
	sigpending(&pending);
	CHECK("a blocked signal is pending", sigismember(&pending, SIGUSR1) == 1);
	sigprocmask(SIG_UNBLOCK, &usr1, NULL);
	CHECK_EQ("unblocking delivers it once (signals do not queue)", 1, handled);
	sigpending(&pending);
	CHECK("nothing is pending afterwards", sigismember(&pending, SIGUSR1) == 0);

	handled = 0;
	signal(SIGUSR1, SIG_IGN);
	raise(SIGUSR1);
	CHECK_EQ("an ignored signal does nothing", 0, handled);

	catch_signal(SIGUSR1, count_handler, SA_NODEFER);
	raise(SIGUSR1);
	CHECK("SA_NODEFER leaves the signal unblocked in its handler",
	      sigismember((sigset_t *)&mask_in_handler, SIGUSR1) == 0);
	signal(SIGUSR1, SIG_DFL);
}

static void test_segv(void)
{
	volatile uint32_t *page = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	volatile uint32_t *nowhere = (volatile uint32_t *)0x00002000;
	sigset_t now;

	catch_signal(SIGSEGV, escape_handler, 0);
	handled = 0;
	if (!sigsetjmp(escape, 1)) {
		page[3] = 1;
		CHECK("a write to a PROT_READ page faults", 0);
	}
	CHECK("SIGSEGV from a write to a PROT_READ mapping is caught", handled == 1 &&
	      handled_signo == SIGSEGV);
	CHECK_EQ("its si_code is SEGV_ACCERR", SEGV_ACCERR, handled_code);
	CHECK("its si_addr is the address written", handled_addr == (void *)&page[3]);
	sigprocmask(SIG_BLOCK, NULL, &now);
	CHECK("siglongjmp restored the mask", sigismember(&now, SIGSEGV) == 0);

	handled = 0;
	if (!sigsetjmp(escape, 1))
		(void)*nowhere;
	CHECK("a read of an unmapped address is SEGV_MAPERR at that address",
	      handled == 1 && handled_code == SEGV_MAPERR && handled_addr == (void *)nowhere);
	signal(SIGSEGV, SIG_DFL);
	munmap((void *)page, PAGE);
}

static volatile uint32_t *fix_page;
static uint32_t registers_after[14];

static void fix_handler(int signo, siginfo_t *info, void *context)
{
	count_handler(signo, info, context);
	mprotect((void *)fix_page, PAGE, PROT_READ | PROT_WRITE);
}

/* r1..r12 and the flags hold known values across a write that faults; the handler makes
 * the page writable and returns, and the store runs again with every register intact. */
static void store_with_known_registers(void)
{
	register uint32_t *out asm("r0") = registers_after;
	register volatile uint32_t *target asm("r1") = fix_page;

	asm volatile(
		"push	{r4-r11}\n\t"
		"movw	r2, #0x2222\n\tmovt	r2, #0x2202\n\t"
		"movw	r3, #0x3333\n\tmovt	r3, #0x3303\n\t"
		"movw	r4, #0x4444\n\tmovt	r4, #0x4404\n\t"
		"movw	r5, #0x5555\n\tmovt	r5, #0x5505\n\t"
		"movw	r6, #0x6666\n\tmovt	r6, #0x6606\n\t"
		"movw	r7, #0x7777\n\tmovt	r7, #0x7707\n\t"
		"movw	r8, #0x8888\n\tmovt	r8, #0x8808\n\t"
		"movw	r9, #0x9999\n\tmovt	r9, #0x9909\n\t"
		"movw	r10, #0xaaaa\n\tmovt	r10, #0xaa0a\n\t"
		"movw	r11, #0xbbbb\n\tmovt	r11, #0xbb0b\n\t"
		"movw	r12, #0xcccc\n\tmovt	r12, #0xcc0c\n\t"
		"msr	APSR_nzcvq, #0xb8000000\n\t"
		"str	r2, [r1]\n\t"
		"mrs	lr, APSR\n\t"
		"stmia	r0, {r1-r12, lr}\n\t"
		"pop	{r4-r11}\n\t"
		: "+r"(out), "+r"(target) : : "r2", "r3", "r12", "lr", "memory", "cc");
}

static void test_registers(void)
{
	static const uint32_t expected[11] = { 0x22022222, 0x33033333, 0x44044444, 0x55055555,
		0x66066666, 0x77077777, 0x88088888, 0x99099999, 0xaa0aaaaa, 0xbb0bbbbb, 0xcc0ccccc };
	int same = 1;

	fix_page = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	catch_signal(SIGSEGV, fix_handler, 0);
	handled = 0;
	store_with_known_registers();
	for (int i = 0; i < 11; i++)
		same &= registers_after[i + 1] == expected[i];
	CHECK("a handler that returns resumes the faulting store once it may run",
	      handled == 1 && fix_page[0] == 0x22022222);
	CHECK("r1 to r12 are the same after the handler returned",
	      same && registers_after[0] == (uint32_t)fix_page);
	CHECK_EQ("the N, Z, C, V and Q flags are the same after the handler returned",
		 0xb8000000, registers_after[12] & 0xf8000000);
	signal(SIGSEGV, SIG_DFL);
	munmap((void *)fix_page, PAGE);
}

static void test_sigill(void)
{
	catch_signal(SIGILL, escape_handler, 0);
	handled = 0;
	if (!sigsetjmp(escape, 1))
		asm volatile(".word 0xe7f000f0");	/* a permanently undefined instruction */
	CHECK("SIGILL from an undefined instruction is caught with ILL_ILLOPC",
	      handled == 1 && handled_signo == SIGILL && handled_code == ILL_ILLOPC &&
	      handled_addr != NULL);
	signal(SIGILL, SIG_DFL);
}

/* mm0's own module files, through the generated stubs: their size is exact, and the
 * file layer of libposix is not needed for this. */
static void test_sigbus(void)
{
	l4_tid_t mm0 = l4_utcb()->pager;
	int fd = mm_open_module(mm0, "init");
	uint32_t pages = 1024;	/* 4 MiB: far more than this program's file */
	int address = fd >= 0 ? mm_mmap(mm0, 0, pages * PAGE, PROT_READ, MAP_PRIVATE, fd, 0) : fd;
	volatile uint8_t *file = (volatile uint8_t *)address;

	if (address < 0) {
		printf("# open_module %d, mmap %d\n", fd, address);
		CHECK("map a boot module beyond its end", 0);
		return;
	}
	catch_signal(SIGBUS, escape_handler, 0);
	handled = 0;
	if (!sigsetjmp(escape, 1))
		(void)file[(pages - 1) * PAGE];
	CHECK("SIGBUS from a file mapping beyond the end of the file is caught with BUS_ADRERR",
	      handled == 1 && handled_signo == SIGBUS && handled_code == BUS_ADRERR &&
	      handled_addr == (void *)&file[(pages - 1) * PAGE]);
	signal(SIGBUS, SIG_DFL);
	munmap((void *)file, pages * PAGE);
	mm_close(mm0, fd);
}

static int reset_hand_child(void)
{
	handled = 0;
	catch_signal(SIGUSR2, count_handler, SA_RESETHAND);
	raise(SIGUSR2);
	shared_words()[0] = handled;
	raise(SIGUSR2);
	return 0;
}

/* Held in a volatile pointer, so the compiler cannot see the addresses as null. */
static volatile int *volatile unmapped_low = (volatile int *)8;

static void nested_fault_handler(int signo, siginfo_t *info, void *context)
{
	(void)signo;
	(void)info;
	(void)context;
	*unmapped_low = 1;
}

static int fault_in_handler_child(void)
{
	catch_signal(SIGSEGV, nested_fault_handler, 0);
	unmapped_low[1] = 1;
	return 0;
}

static void test_handler_actions(void)
{
	int status;

	shared_words()[0] = -1;
	status = run_in_child(reset_hand_child, NULL);
	CHECK("SA_RESETHAND: the handler runs once, then the default action ends the process",
	      shared_words()[0] == 1 && WIFSIGNALED(status) && WTERMSIG(status) == SIGUSR2);
	status = run_in_child(fault_in_handler_child, NULL);
	CHECK("a handler that faults itself ends the process with SIGSEGV",
	      WIFSIGNALED(status) && WTERMSIG(status) == SIGSEGV);
}

void test_catch(void)
{
	test_sigaction_old();
	test_bad_input();
	test_raise_and_masks();
	test_segv();
	test_registers();
	test_sigill();
	test_sigbus();
	test_handler_actions();
}
