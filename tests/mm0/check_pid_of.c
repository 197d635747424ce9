/* check_pid_of.c - mm.pid_of (serve/trace_requests.c): a system task learns
 * the process of a thread, any other task is refused, a thread of no
 * process (or of one that ended) is -ESRCH. */
#include "harness.h"
#include "mm0_server.h"

static int pid_of(const struct task *asker, uint32_t thread)
{
	struct idlrt_request rq = { NULL, asker->l4_tid, 0 };

	return mm_handle_pid_of(&rq, thread);
}

START_TEST(a_system_task_learns_a_threads_pid)
{
	struct task *console = spawn(), *program = spawn();

	ck_assert_int_eq(pid_of(console, program->l4_tid), -EPERM);
	task_make_system(console);
	ck_assert_int_eq(pid_of(console, program->l4_tid), (int)program->pid);
	ck_assert_int_eq(pid_of(console, console->l4_tid), (int)console->pid);
	ck_assert_int_ne(program->pid, console->pid);
	uint32_t gone = program->l4_tid;
	exit_and_reap(program, 0);
	ck_assert_int_eq(pid_of(console, gone), -ESRCH);
	ck_assert_int_eq(pid_of(console, 0), -ESRCH);
	exit_and_reap(console, 0);
	assert_no_leak();
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("pid_of");

	add_mm0_test(suite, a_system_task_learns_a_threads_pid);
	return run_suite(suite);
}
