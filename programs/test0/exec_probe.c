/* exec_probe.c - the program test0 runs with execve from its boot file
 * system: it checks the arguments, environment and descriptor it was given
 * (and, with a fifth argument, that this descriptor was closed by exec) and
 * exits with 40 when all is right, 40 + a bit per thing that was not; or
 * copies standard input to output (copy_stdin). With the one argument
 * "limits" it checks what t_limits.c set before the exec instead (exit 50
 * when right) and then overflows its stack. With "threads PID" it checks that it
 * kept that pid and is a process of one working thread (exit 60 when right). With
 * "signals" it checks what t_altstack.c set before the exec (exit 60 when right). */
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

/* "exec_probe stdio": copies its standard input to its standard output and
 * says so on its standard error, wherever the three lead (t_fds.c). */
static int copy_stdin(void)
{
	char text[64];
	ssize_t got;

	while ((got = read(STDIN_FILENO, text, sizeof(text))) > 0)
		if (write(STDOUT_FILENO, text, (size_t)got) != got)
			return 1;
	return got < 0 || write(STDERR_FILENO, "copied\n", 7) != 7 ? 1 : 40;
}

/* A page of stack per level: 1 MiB is past the 256 KiB RLIMIT_STACK that
 * t_limits.c sets before the exec, so this ends in SIGSEGV. */
static unsigned recurse(unsigned depth)
{
	volatile uint8_t frame[4096];

	frame[0] = (uint8_t)depth;
	return depth ? recurse(depth - 1) + frame[0] - (uint8_t)depth : frame[0];
}

/* The limits survive exec: RLIMIT_CPU as stored, RLIMIT_STACK's room. */
static int limits_probe(void)
{
	struct rlimit cpu, stack;

	if (getrlimit(RLIMIT_CPU, &cpu) || cpu.rlim_cur != 7 || cpu.rlim_max != 8 ||
	    getrlimit(RLIMIT_STACK, &stack) || stack.rlim_cur != 256 * 1024)
		return 51;
	return (int)recurse(256) + 50;
}

static void *thread_answer(void *arg)
{
	return arg;
}

/* After an exec from a threaded process (t_exec_threads.c): the same pid, and threads
 * work in the new image. */
static int threads_probe(const char *pid_text)
{
	pthread_t thread;
	void *answer = NULL;
	int wrong = 0;

	if (getpid() != atoi(pid_text))
		wrong |= 1;
	if (pthread_create(&thread, NULL, thread_answer, (void *)"answer") ||
	    pthread_join(thread, &answer) || !answer || strcmp(answer, "answer") != 0)
		wrong |= 4;
	return 60 + wrong;
}

/* exec drops the alternate stack and resets a caught signal's action; the mask and a
 * queued real-time signal with its value stay. */
static int signals_probe(void)
{
	struct timespec none = { 0, 0 };
	struct sigaction action;
	siginfo_t info;
	sigset_t mask, rt;
	stack_t alt;
	int wrong = 0;

	if (sigaltstack(NULL, &alt) || alt.ss_flags != SS_DISABLE)
		wrong |= 1;
	if (sigaction(SIGUSR1, NULL, &action) || action.sa_handler != SIG_DFL)
		wrong |= 2;
	if (sigprocmask(SIG_BLOCK, NULL, &mask) || !sigismember(&mask, SIGUSR2))
		wrong |= 4;
	sigemptyset(&rt);
	sigaddset(&rt, SIGRTMIN);
	if (sigtimedwait(&rt, &info, &none) != SIGRTMIN || info.si_value.sival_int != 9)
		wrong |= 8;
	return 60 + wrong;
}

int main(int argc, char **argv)
{
	int wrong = 0, fd;
	char text[8] = { 0 };
	struct stat status;

	if (argc == 2 && strcmp(argv[1], "stdio") == 0)
		return copy_stdin();

	if (argc == 3 && strcmp(argv[1], "threads") == 0)
		return threads_probe(argv[2]);
	if (argc == 2 && strcmp(argv[1], "limits") == 0)
		return limits_probe();
	if (argc == 2 && strcmp(argv[1], "signals") == 0)
		return signals_probe();
	if ((argc != 4 && argc != 5) || strcmp(argv[1], "one") != 0 ||
	    strcmp(argv[2], "two words") != 0)
		wrong |= 1;
	if (!getenv("PROBE_COLOUR") || strcmp(getenv("PROBE_COLOUR"), "blue") != 0 ||
	    getenv("TEST0_COLOUR"))
		wrong |= 2;
	fd = argc > 3 ? atoi(argv[3]) : -1;
	if (pread(fd, text, 7, 0) != 7 || strcmp(text, "kept fd") != 0)
		wrong |= 4;
	if (argc > 4 && fstat(atoi(argv[4]), &status) == 0)
		wrong |= 8;
	return 40 + wrong;
}
