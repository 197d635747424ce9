/* t_async.c - signals between processes: kill of a child, kill(0) to the process group,
 * SIGCHLD, SIGKILL and SIGSTOP/SIGCONT that nothing can catch or block, EINTR and
 * SA_RESTART on waitpid, pause and alarm, sigsuspend, and what fork passes on. */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <l4/ipc.h>
#include "fs0.h"
#include "mm0.h"

#include "sigtest.h"

static volatile int handled, handled_signo, handled_code, handled_pid, handled_status;

static void note_handler(int signo, siginfo_t *info, void *context)
{
	(void)context;
	handled++;
	handled_signo = signo;
	handled_code = info->si_code;
	handled_pid = info->si_pid;
	handled_status = info->si_status;
}

static int wait_for_word(int index, int value)
{
	for (int tries = 0; tries < 2000; tries++) {
		if (shared_words()[index] == value)
			return 1;
		sleep_ms(1);
	}
	return 0;
}

/* Counts SIGUSR1s in pause() until three came; exits with how pause ended. */
static int pause_child(void)
{
	int interrupted = 0;

	catch_signal(SIGUSR1, note_handler, 0);
	shared_words()[0] = 1;
	while (handled < 3)
		interrupted += pause() == -1 && errno == EINTR;
	return interrupted == 3 ? 0 : 1;
}

static void test_kill_child(void)
{
	int status = -1, pid;

	shared_words()[0] = 0;
	pid = fork();
	if (pid == 0)
		_exit(pause_child());
	wait_for_word(0, 1);
	for (int sent = 0; sent < 200 && waitpid(pid, &status, WNOHANG) == 0; sent++) {
		kill(pid, SIGUSR1);
		sleep_ms(2);
	}
	waitpid(pid, &status, WNOHANG);
	CHECK("kill reaches a child's handler; each one ends its pause with EINTR",
	      WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

static int sigsuspend_child(void)
{
	sigset_t usr2, none;

	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);
	sigemptyset(&none);
	/* SIGUSR2's handler and mask came from the parent across fork. */
	sigprocmask(SIG_BLOCK, NULL, &usr2);
	if (!sigismember(&usr2, SIGUSR2))
		return 2;
	shared_words()[1] = 1;
	if (sigsuspend(&none) != -1 || errno != EINTR)
		return 3;
	sigprocmask(SIG_BLOCK, NULL, &none);
	return handled == 1 && handled_signo == SIGUSR2 && sigismember(&none, SIGUSR2) ? 0 : 4;
}

static void test_group_and_fork(void)
{
	sigset_t usr2, pending;
	int status, pid;

	sigemptyset(&usr2);
	sigaddset(&usr2, SIGUSR2);
	sigprocmask(SIG_BLOCK, &usr2, NULL);
	catch_signal(SIGUSR2, note_handler, 0);
	handled = 0;
	shared_words()[1] = 0;
	pid = fork();
	if (pid == 0)
		_exit(sigsuspend_child());
	wait_for_word(1, 1);
	CHECK_EQ("kill(0, ...) reaches the caller's process group", 0, kill(0, SIGUSR2));
	waitpid(pid, &status, 0);
	CHECK("a child got the handler and mask across fork, and sigsuspend woke for it",
	      WIFEXITED(status) && WEXITSTATUS(status) == 0);
	sigpending(&pending);
	CHECK("the caller got it too, pending while blocked", sigismember(&pending, SIGUSR2) == 1);
	sigprocmask(SIG_UNBLOCK, &usr2, NULL);
	CHECK("and delivered once unblocked", handled == 1 && handled_pid == getpid());
	signal(SIGUSR2, SIG_DFL);

	CHECK("getpgrp is the caller's group, getpgid(0) the same",
	      getpgrp() > 0 && getpgid(0) == getpgrp());
	CHECK("setpgid of a stranger is ESRCH", setpgid(30000, 0) == -1 && errno == ESRCH);
	CHECK("setpgid into a group nobody has is EPERM",
	      setpgid(0, 30000) == -1 && errno == EPERM);
}

static int exit_seven(void)
{
	return 7;
}

static void test_sigchld(void)
{
	int status, pid;

	catch_signal(SIGCHLD, note_handler, 0);
	handled = 0;
	status = run_in_child(exit_seven, &pid);
	/* POSIX does not order the handler against waitpid's return. */
	for (int tries = 0; tries < 100 && !handled; tries++)
		sleep_ms(1);
	CHECK("SIGCHLD reaches the parent when its child exits",
	      handled == 1 && handled_signo == SIGCHLD && handled_pid == pid);
	CHECK("its siginfo says CLD_EXITED with the wait status",
	      handled_code == CLD_EXITED && WEXITSTATUS(handled_status) == 7 &&
	      WEXITSTATUS(status) == 7);
	signal(SIGCHLD, SIG_DFL);
}

static __attribute__((noreturn)) void block_everything_child(void)
{
	sigset_t all;

	sigfillset(&all);
	sigprocmask(SIG_SETMASK, &all, NULL);
	signal(SIGTERM, SIG_IGN);
	shared_words()[2] = 1;
	for (;;)
		shared_words()[3]++;
}

static void test_kill_and_stop(void)
{
	int status, pid, before, after;

	shared_words()[2] = 0;
	shared_words()[3] = 0;
	pid = fork();
	if (pid == 0)
		block_everything_child();
	wait_for_word(2, 1);
	kill(pid, SIGTERM);
	CHECK_EQ("SIGSTOP stops a child that blocks every signal", 0, kill(pid, SIGSTOP));
	sleep_ms(20);
	before = shared_words()[3];
	sleep_ms(50);
	after = shared_words()[3];
	CHECK("a stopped child does not run", before == after);
	kill(pid, SIGCONT);
	sleep_ms(50);
	CHECK("SIGCONT lets it run again", shared_words()[3] != after);
	kill(pid, SIGKILL);
	waitpid(pid, &status, 0);
	CHECK("SIGKILL ends it although it blocks every signal",
	      WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
}

static int sleep_then_exit(void)
{
	sleep_ms(2500);
	return 5;
}

static void test_eintr_and_alarm(void)
{
	int status = 0, pid;
	unsigned left;

	catch_signal(SIGALRM, note_handler, 0);
	handled = 0;
	CHECK_EQ("alarm with none armed returns 0", 0, alarm(5));
	left = alarm(0);
	CHECK("alarm returns the seconds left of the old alarm", left >= 4 && left <= 5);
	alarm(1);
	CHECK("pause ends with EINTR when the alarm's handler ran",
	      pause() == -1 && errno == EINTR && handled == 1 && handled_signo == SIGALRM);

	handled = 0;
	alarm(1);
	left = sleep(5);
	CHECK("sleep ends early for a handler and returns the seconds left",
	      handled == 1 && left >= 3 && left <= 4);

	pid = fork();
	if (pid == 0)
		_exit(sleep_then_exit());
	handled = 0;
	alarm(1);
	CHECK("waitpid is interrupted with EINTR by a handler without SA_RESTART",
	      waitpid(pid, &status, 0) == -1 && errno == EINTR && handled == 1);
	catch_signal(SIGALRM, note_handler, SA_RESTART);
	handled = 0;
	pid = pid > 0 ? pid : 0;
	alarm(1);
	CHECK("waitpid restarts after a handler with SA_RESTART",
	      waitpid(pid, &status, 0) == pid && WEXITSTATUS(status) == 5 && handled == 1);
	signal(SIGALRM, SIG_DFL);
}

static int pipe_ends[2];

/* The requests fs0 holds unanswered, from its stats (UINT32_MAX if it cannot say). */
static uint32_t fs0_pending(void)
{
	l4_tid_t fs0 = L4_NILTHREAD;
	uintptr_t buffer = 0;
	uint32_t size = 0;
	struct fs0_counts now = { 0 };

	if (mm_fs0_buffer(l4_utcb()->pager, &fs0, &buffer, &size) < 0 || fs0_stats(fs0, &now) < 0)
		return UINT32_MAX;
	return now.pending;
}

/* Blocks in read() of an empty pipe (fs0 holds the request) until a signal comes,
 * then reads again: fs0 answered the interrupted read itself (it holds nothing
 * after), and the parent's 4 bytes must all come to the new read. */
static int blocked_read_child(void)
{
	char byte, text[8] = { 0 };

	handled = 0;
	catch_signal(SIGUSR1, note_handler, 0);
	close(pipe_ends[1]);
	shared_words()[4] = 1;
	if (read(pipe_ends[0], &byte, 1) != -1 || errno != EINTR)
		return 1;
	if (handled != 1)
		return 2;
	if (fs0_pending() != 0)
		return 3;
	shared_words()[4] = 2;
	if (read(pipe_ends[0], text, sizeof(text)) != 4 || memcmp(text, "new!", 4) != 0)
		return 4;
	return 0;
}

static void test_blocked_read(void)
{
	int status = -1, pid;

	if (pipe(pipe_ends)) {
		CHECK("pipe for the blocked reads", 0);
		return;
	}
	for (int round = 0; round < 2; round++) {
		shared_words()[4] = 0;
		pid = fork();
		if (pid == 0)
			_exit(blocked_read_child());
		wait_for_word(4, 1);
		sleep_ms(20);
		kill(pid, round ? SIGUSR1 : SIGTERM);
		if (round) {
			wait_for_word(4, 2);
			sleep_ms(20);
			if (write(pipe_ends[1], "new!", 4) != 4)
				CHECK("write to the interrupted reader's pipe", 0);
		}
		waitpid(pid, &status, 0);
		if (round) {
			CHECK("a handler interrupts read() of an empty pipe, which returns EINTR",
			      WIFEXITED(status) && WEXITSTATUS(status) != 1 && WEXITSTATUS(status) != 2);
			CHECK("fs0 answered the interrupted read: it holds no request after",
			      WIFEXITED(status) && WEXITSTATUS(status) != 1 &&
			      WEXITSTATUS(status) != 2 && WEXITSTATUS(status) != 3);
			CHECK("the next read() gets the new data, not the interrupted read's answer",
			      WIFEXITED(status) && WEXITSTATUS(status) == 0);
		} else
			CHECK("kill ends a child blocked in read() of an empty pipe",
			      WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM);
	}
	close(pipe_ends[0]);
	close(pipe_ends[1]);
}

void test_async(void)
{
	test_kill_child();
	test_group_and_fork();
	test_sigchld();
	test_kill_and_stop();
	test_eintr_and_alarm();
	test_blocked_read();
}
