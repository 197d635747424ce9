/* check_power_off.c - mm.power_off (serve/power_requests.c): the hook gets
 * the asking process's id; without a hook (the host build) the answer is
 * -ENOSYS; a thread of no process is -ESRCH. */
#include "harness.h"
#include "mm0_server.h"
#include "serve/serve.h"

static long asked_by;
static unsigned times_asked;

static void record_power_off(long pid)
{
	asked_by = pid;
	times_asked++;
}

static int power_off(uint32_t thread)
{
	struct idlrt_request rq = { NULL, thread, 0 };

	return mm_handle_power_off(&rq);
}

START_TEST(the_hook_learns_who_asked)
{
	struct task *program = spawn();

	serve_power_off = NULL;
	ck_assert_int_eq(power_off(program->l4_tid), -ENOSYS);
	serve_power_off = record_power_off;
	ck_assert_int_eq(power_off(program->l4_tid), 0);
	ck_assert_uint_eq(times_asked, 1);
	ck_assert_int_eq(asked_by, program->pid);
	uint32_t gone = program->l4_tid;
	exit_and_reap(program, 0);
	ck_assert_int_eq(power_off(gone), -ESRCH);
	ck_assert_uint_eq(times_asked, 1);
	serve_power_off = NULL;
	assert_no_leak();
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("power_off");

	add_mm0_test(suite, the_hook_learns_who_asked);
	return run_suite(suite);
}
