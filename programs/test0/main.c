/* main.c - test0: runs every case against the POSIX interface and prints
 * TAP; the exit status (init's, hence QEMU's) is the number of failures. */
#include <stdarg.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "test0.h"


int run_in_child(int (*fn)(void *), void *arg)
{
	int status;
	pid_t child = fork();

	if (child == 0)
		_exit(fn(arg));
	if (child < 0) {
		printf("# fork failed\n");
		return -1;
	}
	if (waitpid(child, &status, 0) != child) {
		printf("# waitpid failed\n");
		return -1;
	}
	return status;
}

long free_pages_settle(long before)
{
	const struct timespec pause = { 0, 1000000 };
	long now = sysconf(_SC_AVPHYS_PAGES);

	for (int tries = 0; tries < 1000 && now != before; tries++) {
		nanosleep(&pause, NULL);
		now = sysconf(_SC_AVPHYS_PAGES);
	}
	return before - now;
}

int main(int argc, char **argv)
{
	test_environment(argc, argv);
	test_process();
	test_memory();
	test_shm();
	test_posix_shm();
	test_threads();
	test_time();
	test_files();
	test_sharing();
	test_exec();
	test_unistd();
	test_fcntl();
	test_msync();
	test_efault();
	test_clocks();
	test_misc();
	test_popen();
	test_fds();
	test_devices();
	test_limits();
	test_pthread();
	test_pthread_stress();
	test_uio();
	test_links();
	test_meta();
	test_at();
	test_locks();
	test_file_times();
	test_timers();
	test_exec_threads();
	test_cancellation_points();
	test_threads64();
	test_rtsig();
	test_sigwait();
	test_altstack();
	test_threadsig();
	test_poll();
	test_pselect_atomic();
	test_affinity();
	return tap_summary("test0");
}
