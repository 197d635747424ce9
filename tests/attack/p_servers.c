/* p_servers.c - the boot servers (fs0, the console) cannot be signalled, killed
 * with a group or with kill(-1), or started a second time by an ordinary process. */
#include <errno.h>
#include <unistd.h>

#include "mm0.h"
#include "procattack.h"

/* Every boot server answers a kill probe with EPERM: it is there, and not ours. */
static bool servers_refuse(int signo)
{
	for (int pid = first_server_pid(); pid <= last_server_pid(); pid++) {
		errno = 0;
		if (kill(pid, signo) != -1 || errno != EPERM) {
			printf("# kill(%d, %d): errno %d\n", pid, signo, errno);
			return false;
		}
	}
	return true;
}

static int kill_everyone(void)
{
	return kill(-1, SIGTERM) == 0 ? 0 : errno;
}

void test_servers(void)
{
	l4_tid_t mm0 = l4_utcb()->pager;

	CHECK("init was started after fs0 and the console", last_server_pid() >= first_server_pid() + 1);
	CHECK("kill(server, 0) fails with EPERM for every boot server", servers_refuse(0));
	CHECK("kill(server, SIGKILL) fails with EPERM for every boot server", servers_refuse(SIGKILL));
	CHECK("fs0 answers after the SIGKILLs", files_work());
	for (int pid = first_server_pid(); pid <= last_server_pid(); pid++) {
		errno = 0;
		check_report(killpg(pid, SIGTERM) == -1 && errno == EPERM,
			     "killpg(server's group, SIGTERM) fails with EPERM", "pid %d: errno %d",
			     pid, errno);
	}
	signal(SIGTERM, SIG_IGN);
	CHECK_EQ("kill(-1, SIGTERM) from a child finds init (ignoring it)", 0,
		 run_in_child(kill_everyone));
	signal(SIGTERM, SIG_DFL);
	CHECK("every boot server lives on after kill(-1)", servers_refuse(0));
	CHECK("fs0 answers after kill(-1)", files_work());
	CHECK_EQ("mm_spawn of fs0's module is refused", -EPERM, mm_spawn(mm0, "fs0", ""));
	CHECK_EQ("mm_spawn of the console's module is refused", -EPERM,
		 mm_spawn(mm0, "console", ""));
	CHECK("fs0 answers after the spawn attempts", files_work());
}
