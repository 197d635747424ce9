/* t_misc.c - the small calls portable programs link against: uname, sessions
 * and process groups, ftok, sysconf and pathconf, sigaction's mask, POSIX shm
 * names without a slash, and the string-to-number edge cases. */
#include <errno.h>
#include <pthread.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <unistd.h>

#include "test0.h"

static void uname_names_the_system(void)
{
	struct utsname names;
	char host[64];

	memset(&names, 'x', sizeof(names));
	CHECK_EQ("uname succeeds", 0, uname(&names));
	CHECK("sysname is Larch", strcmp(names.sysname, "Larch") == 0);
	CHECK("release is the package's version", strcmp(names.release, PACKAGE_VERSION) == 0);
	CHECK("machine is armv7l", strcmp(names.machine, "armv7l") == 0);
	CHECK("nodename is gethostname's",
	      gethostname(host, sizeof(host)) == 0 && strcmp(names.nodename, host) == 0);
	CHECK("version names the kernel", strncmp(names.version, "Larch ", 6) == 0);
	errno = 0;
	CHECK("uname into a bad pointer is EFAULT", uname((struct utsname *)8) == -1 && errno == EFAULT);
}

static int exit_code(int status)
{
	return status >= 0 && WIFEXITED(status) ? WEXITSTATUS(status) : 255;
}

/* In a child (not a group leader): a new session, then the checks of it;
 * returns a bit for each check that failed. */
static int new_session(void *unused)
{
	pid_t me = getpid(), parent_session = getsid(0);
	int failed = 0;

	(void)unused;
	if (setsid() != me)
		failed |= 1;
	if (getsid(0) != me || getsid(me) != me || getpgrp() != me || parent_session == me)
		failed |= 2;
	errno = 0;
	if (setsid() != -1 || errno != EPERM)
		failed |= 4;
	errno = 0;
	if (setpgid(0, 0) != -1 || errno != EPERM)
		failed |= 8;
	if (getsid(getppid()) != parent_session)
		failed |= 16;
	return failed;
}

static void sessions_and_groups(void)
{
	pid_t session = getsid(0);

	CHECK("getsid(0) names a session", session > 0);
	CHECK_EQ("getsid of our own pid is the same", session, getsid(getpid()));
	CHECK_EQ("getpgrp is getpgid(0)", getpgid(0), getpgrp());
	errno = 0;
	CHECK("setsid in a group leader is EPERM", getpgrp() == getpid() && setsid() == -1 &&
	      errno == EPERM);
	errno = 0;
	CHECK("getsid of nobody is ESRCH", getsid(30000) == -1 && errno == ESRCH);
	CHECK_EQ("a forked child leads a new session with setsid, and stays in it", 0,
		 exit_code(run_in_child(new_session, NULL)));
	CHECK_EQ("our session is unchanged", session, getsid(0));
}

static void ftok_keys(void)
{
	struct stat status;
	key_t key = ftok("/boot/init", 'x');

	CHECK("ftok of a file gives glibc's layout of id, device and inode",
	      stat("/boot/init", &status) == 0 &&
	      key == (key_t)((uint32_t)'x' << 24 | ((uint32_t)status.st_dev & 0xff) << 16 |
			     ((uint32_t)status.st_ino & 0xffff)));
	CHECK("another id gives another key", ftok("/boot/init", 'y') != key);
	errno = 0;
	CHECK("ftok of a missing file is -1 with ENOENT",
	      ftok("/boot/no-such-file", 1) == (key_t)-1 && errno == ENOENT);
}

static void limits_agree(void)
{
	char big[4096];
	char *args[] = { "exec_probe", big, NULL };
	int fd;

	CHECK_EQ("sysconf(_SC_ARG_MAX) is exec's limit", 3072, sysconf(_SC_ARG_MAX));
	/* An argument over the limit is refused with E2BIG before anything changes. */
	memset(big, 'a', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	big[sysconf(_SC_ARG_MAX)] = '\0';
	errno = 0;
	CHECK("execv with _SC_ARG_MAX bytes of arguments is E2BIG",
	      execv("/boot/exec_probe", args) == -1 && errno == E2BIG);
	CHECK_EQ("sysconf(_SC_OPEN_MAX) is fs0's table", 64, sysconf(_SC_OPEN_MAX));
	errno = 0;
	CHECK("sysconf(_SC_TIMERS) says POSIX timers are there", sysconf(_SC_TIMERS) == 200809L);
	CHECK("sysconf(_SC_THREADS) says pthreads are there", sysconf(_SC_THREADS) == 200809L);
	CHECK_EQ("sysconf(_SC_THREAD_KEYS_MAX) is pthread.h's", PTHREAD_KEYS_MAX, sysconf(_SC_THREAD_KEYS_MAX));
	CHECK_EQ("sysconf(_SC_IOV_MAX) is 1024", 1024, sysconf(_SC_IOV_MAX));
	CHECK("sysconf(_SC_SHARED_MEMORY_OBJECTS) says POSIX shm is there",
	      sysconf(_SC_SHARED_MEMORY_OBJECTS) == 200809L);
	CHECK("sysconf(_SC_HOST_NAME_MAX) is 64", sysconf(_SC_HOST_NAME_MAX) == 64);
	/* The boot image's modules (about 8 MiB) are not RAM mm0 hands out. */
	check("sysconf(_SC_PHYS_PAGES) is the RAM mm0 manages: 100-128 MiB, more than is free",
	      sysconf(_SC_PHYS_PAGES) > 100 * 256 && sysconf(_SC_PHYS_PAGES) <= 128 * 256 &&
	      sysconf(_SC_PHYS_PAGES) > sysconf(_SC_AVPHYS_PAGES), sysconf(_SC_PHYS_PAGES));
	CHECK("sysconf of an unknown name is EINVAL", sysconf(-5) == -1 && errno == EINVAL);
	CHECK_EQ("pathconf(_PC_NAME_MAX) is fs0's", 255, pathconf("/boot", _PC_NAME_MAX));
	CHECK_EQ("pathconf(_PC_PATH_MAX) is fs0's", 4096, pathconf("/boot", _PC_PATH_MAX));
	CHECK_EQ("pathconf(_PC_LINK_MAX) is fs0's", 65000, pathconf("/boot", _PC_LINK_MAX));
	CHECK_EQ("pathconf(_PC_2_SYMLINKS): fs0 has symbolic links", 1, pathconf("/tmp", _PC_2_SYMLINKS));
	CHECK_EQ("pathconf(_PC_NO_TRUNC) is set", 1, pathconf("/boot/init", _PC_NO_TRUNC));
	errno = 0;
	CHECK("pathconf of a missing file is ENOENT",
	      pathconf("/boot/no-such-file", _PC_NAME_MAX) == -1 && errno == ENOENT);
	errno = 0;
	CHECK("pathconf of an unknown name is EINVAL",
	      pathconf("/boot", 999) == -1 && errno == EINVAL);
	fd = open("/boot/init", O_RDONLY);
	CHECK_EQ("fpathconf(_PC_PIPE_BUF) is fs0's", 4096, fpathconf(fd, _PC_PIPE_BUF));
	close(fd);
	errno = 0;
	CHECK("fpathconf of a closed descriptor is EBADF",
	      fpathconf(fd, _PC_NAME_MAX) == -1 && errno == EBADF);
}

static void unblockable_signals_dropped(void)
{
	struct sigaction action = { .sa_handler = SIG_IGN }, old;
	sigset_t set, now;

	sigfillset(&action.sa_mask);
	CHECK_EQ("sigaction with SIGKILL and SIGSTOP in sa_mask succeeds", 0,
		 sigaction(SIGUSR2, &action, NULL));
	CHECK("they are dropped from the mask kept", sigaction(SIGUSR2, NULL, &old) == 0 &&
	      !sigismember(&old.sa_mask, SIGKILL) && !sigismember(&old.sa_mask, SIGSTOP) &&
	      sigismember(&old.sa_mask, SIGTERM));
	action.sa_handler = SIG_DFL;
	sigemptyset(&action.sa_mask);
	sigaction(SIGUSR2, &action, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGKILL);
	sigaddset(&set, SIGSTOP);
	sigaddset(&set, SIGUSR2);
	CHECK_EQ("sigprocmask blocking SIGKILL and SIGSTOP succeeds", 0,
		 sigprocmask(SIG_BLOCK, &set, NULL));
	CHECK("it blocks only the others", sigprocmask(SIG_BLOCK, NULL, &now) == 0 &&
	      !sigismember(&now, SIGKILL) && !sigismember(&now, SIGSTOP) && sigismember(&now, SIGUSR2));
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static void shm_names_as_glibc(void)
{
	char long_name[300];
	int fd = shm_open("test0-misc", O_RDWR | O_CREAT | O_EXCL, 0600);
	int again;

	CHECK("shm_open of a name without a slash creates it", fd >= 0);
	again = shm_open("/test0-misc", O_RDWR, 0);
	CHECK("the same name with a slash opens it", again >= 0);
	close(again);
	errno = 0;
	again = shm_open("//test0-misc", O_RDWR | O_CREAT | O_EXCL, 0600);
	check("so does one with two slashes (EEXIST under O_EXCL)", again == -1 && errno == EEXIST,
	      errno);
	close(fd);
	CHECK_EQ("shm_unlink takes the name without a slash", 0, shm_unlink("test0-misc"));
	errno = 0;
	CHECK("and it is gone", shm_unlink("/test0-misc") == -1 && errno == ENOENT);
	errno = 0;
	CHECK("an inner slash is EINVAL", shm_open("a/b", O_RDWR | O_CREAT, 0600) == -1 &&
	      errno == EINVAL);
	errno = 0;
	CHECK("the empty name is EINVAL", shm_open("", O_RDWR | O_CREAT, 0600) == -1 && errno == EINVAL);
	errno = 0;
	CHECK("shm_unlink of an invalid name is ENOENT, as glibc's",
	      shm_unlink("/a/b") == -1 && errno == ENOENT);
	memset(long_name, 'n', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	errno = 0;
	CHECK("a name too long for glibc's /dev/shm path is EINVAL",
	      shm_open(long_name, O_RDWR | O_CREAT, 0600) == -1 && errno == EINVAL);
	long_name[100] = '\0';
	errno = 0;
	CHECK("a valid name longer than mm0 keeps is ENAMETOOLONG",
	      shm_open(long_name, O_RDWR | O_CREAT, 0600) == -1 && errno == ENAMETOOLONG);
}

static void conversions_stop_where_glibc_does(void)
{
	char *end;
	const char *minus_hex = "-0x", *hex = "0x", *hex_g = "0xg";

	CHECK("strtol(\"-0x\", 16) is 0, ending after \"-0\"",
	      strtol(minus_hex, &end, 16) == 0 && end == minus_hex + 2);
	CHECK("strtol(\"0x\", 0) is 0, ending after \"0\"", strtol(hex, &end, 0) == 0 && end == hex + 1);
	CHECK("strtoul(\"0xg\", 16) is 0, ending after \"0\"",
	      strtoul(hex_g, &end, 16) == 0 && end == hex_g + 1);
	CHECK("strtoll(\"-0x\", 0) is 0, ending after \"-0\"",
	      strtoll(minus_hex, &end, 0) == 0 && end == minus_hex + 2);
	errno = 0;
	CHECK("strtol past LONG_MAX is LONG_MAX with ERANGE",
	      strtol("2147483648", &end, 10) == LONG_MAX && errno == ERANGE);
	CHECK("atoi(\" -12x\") is -12", atoi(" -12x") == -12);
}

void test_misc(void)
{
	uname_names_the_system();
	sessions_and_groups();
	ftok_keys();
	limits_agree();
	unblockable_signals_dropped();
	shm_names_as_glibc();
	conversions_stop_where_glibc_does();
}
