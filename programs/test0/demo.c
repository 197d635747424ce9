/* demo.c - what `make run` shows: ordinary POSIX calls working on Larch,
 * one short line each, for a first look at the system. */
#include <dirent.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include <sys/wait.h>
#include <unistd.h>

static volatile int thread_done;

static int thread_main(void *shared_counter)
{
	*(volatile int *)shared_counter += 1;
	thread_done = 1;
	return 0;
}

/* A file written, read back and listed, then a pipe from a child. */
static void files_and_pipe(void)
{
	char text[64] = { 0 };
	int fd = open("/hello.txt", O_RDWR | O_CREAT | O_TRUNC, 0644), ends[2];
	struct dirent *entry;
	DIR *root;

	write(fd, "files live in fs0", 17);
	lseek(fd, 0, SEEK_SET);
	read(fd, text, sizeof(text) - 1);
	close(fd);
	printf("demo: wrote /hello.txt and read back: \"%s\"\n", text);
	printf("demo: ls /:");
	root = opendir("/");
	while (root && (entry = readdir(root)) != NULL)
		printf(" %s", entry->d_name);
	printf("\n");
	if (root)
		closedir(root);
	pipe(ends);
	if (fork() == 0) {
		close(ends[0]);
		snprintf(text, sizeof(text), "hello through a pipe from pid %d", getpid());
		write(ends[1], text, strlen(text));
		exit(0);
	}
	close(ends[1]);
	memset(text, 0, sizeof(text));
	read(ends[0], text, sizeof(text) - 1);
	close(ends[0]);
	wait(NULL);
	printf("demo: the pipe says: %s\n", text);
}

/* The shell in /boot at work, before the user gets it: a pipeline into a
 * file, and the file back. */
#define DEMO_PIPELINE	"echo hello through a pipeline | cat | cat > /pipeline.txt; cat /pipeline.txt"

static void pipeline_through_shell(void)
{
	char *const argv[] = { "sh", "-c", DEMO_PIPELINE, NULL };
	int status = -1;
	pid_t shell;

	printf("demo: $ %s\n", DEMO_PIPELINE);
	fflush(stdout);
	shell = fork();
	if (shell == 0) {
		execv("/boot/sh", argv);
		_exit(127);
	}
	if (shell > 0)
		waitpid(shell, &status, 0);
	if (status != 0)
		printf("demo: the pipeline failed (status 0x%x)\n", status);
}

/* make run's image has a shell in /boot: the user takes over there, and
 * the shell's status (on exit or at the end of input) is the system's. */
static int shell_after_demo(void)
{
	char *const argv[] = { "sh", NULL };
	int status;
	pid_t shell;

	if (access("/boot/sh", X_OK) != 0) {
		printf("demo: all done, exiting with status 0\n");
		return 0;
	}
	pipeline_through_shell();
	printf("demo: all done; /boot/sh takes over (exit or Ctrl-D powers off)\n");
	shell = fork();
	if (shell == 0) {
		execv("/boot/sh", argv);
		perror("demo: /boot/sh");
		_exit(127);
	}
	if (shell < 0 || waitpid(shell, &status, 0) < 0) {
		perror("demo: the shell");
		return 1;
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int main(void)
{
	int *shared = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	int copied = 1, status, segment;
	char *stack = malloc(8192), *attached;
	pid_t child;

	printf("demo: I am pid %d, a C program on picolibc + libposix\n", getpid());
	*shared = 0;
	child = fork();
	if (child == 0) {
		copied = 2;
		*shared = 42;
		printf("demo:   child pid %d (parent %d) writes 42 to shared memory\n", getpid(),
		       getppid());
		exit(7);
	}
	waitpid(child, &status, 0);
	printf("demo: child %d exited with %d; shared memory holds %d; my copy still %d\n", child,
	       WEXITSTATUS(status), *shared, copied);
	segment = shmget(IPC_PRIVATE, 4096, IPC_CREAT | 0600);
	attached = shmat(segment, NULL, 0);
	if (fork() == 0) {
		snprintf((char *)shmat(segment, NULL, 0), 64, "written by pid %d", getpid());
		exit(0);
	}
	wait(NULL);
	printf("demo: SysV shm segment %d says: %s\n", segment, attached);
	shmdt(attached);
	shmctl(segment, IPC_RMID, NULL);
	if (stack && clone(thread_main, stack + 8192, CLONE_VM | CLONE_FILES | CLONE_THREAD,
			   shared) > 0) {
		while (!thread_done)
			sched_yield();
		printf("demo: a clone thread added 1 in my memory: %d\n", *shared);
	}
	files_and_pipe();
	return shell_after_demo();
}
