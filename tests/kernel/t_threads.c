/* t_threads.c - exchange_registers, suspend/resume, IPC cancel, stale ids,
 * preemption of busy threads, timer-driven sleep, and who runs first after
 * a hand-off. */
#include "ktest.h"

static volatile uint32_t spin_count[2];

static void arg_reporter(uint32_t arg)
{
	uint32_t sp;
	asm volatile("mov %0, sp" : "=r"(sp));
	report(1, arg, sp, 0, 0);
	block_forever();
}

static void test_exregs(void)
{
	l4_tid_t tid;
	uint32_t *mr = l4_utcb()->mr, w[5];
	check_eq("exregs: create a thread", l4_thread_create(root_tid, 0, 100, &tid), 0);
	check_eq("exregs: read a new thread", l4_exchange_registers(tid, 0, 0, 0), 0);
	check_eq("exregs: new thread is suspended", (int32_t)mr[L4_EXREG_STATE],
		 (int32_t)(L4_THREAD_READY | L4_THREAD_SUSPENDED));
	check_eq("exregs: new thread is in user mode", (int32_t)(mr[L4_EXREG_CPSR] & 0x1f), 0x10);
	static uint64_t stack[256];
	uint32_t top = (uint32_t)&stack[256];
	for (int i = 0; i < L4_EXREG_WORDS; i++)
		mr[i] = 0;
	mr[L4_EXREG_R0] = 0xabcd;
	check_eq("exregs: set pc, sp, r0 and resume", l4_exchange_registers(tid, L4_EXREG_SET_PC |
		 L4_EXREG_SET_SP | L4_EXREG_SET_GPRS | L4_EXREG_RESUME, (uint32_t)arg_reporter, top), 0);
	int r = wait_report(tid, w);
	check_true("exregs: thread runs with the given r0", r == 0 && w[1] == 0xabcd, w[1]);
	check_true("exregs: thread runs on the given stack", w[2] <= top && w[2] > top - 256, w[2]);
	sleep_ms(1);	/* let it reach its receive */
	check_eq("exregs: read a blocked thread", l4_exchange_registers(tid, 0, 0, 0), 0);
	check_eq("exregs: state says receiving", (int32_t)mr[L4_EXREG_STATE], L4_THREAD_RECEIVING);
	check_true("exregs: old pc is inside the image", mr[L4_EXREG_PC] >= 0x10000 &&
		   mr[L4_EXREG_PC] < 0x100000, mr[L4_EXREG_PC]);
	check_eq("exregs: suspend and resume together", l4_exchange_registers(tid,
		 L4_EXREG_SUSPEND | L4_EXREG_RESUME, 0, 0), -L4_EINVAL);
	l4_thread_destroy(tid);
	check_eq("exregs: stale id refused", l4_exchange_registers(tid, 0, 0, 0), -L4_ENOTHREAD);
	check_eq("thread_control: stale id refused", l4_thread_resume(tid), -L4_ENOTHREAD);
	l4_tid_t again;
	l4_thread_create(root_tid, 0, 100, &again);
	check_true("thread: reused slot gets a new version", again != tid &&
		   L4_TID_VERSION(again) != 0, again);
	l4_thread_destroy(again);
}

static void waiter(uint32_t arg)
{
	(void)arg;
	int r = l4_receive(l4_myself(), L4_TIMEOUTS_NEVER, 0);
	report(4, (uint32_t)r, 0, 0, 0);
	block_forever();
}

static void report_utcb(uint32_t arg)
{
	(void)arg;
	report(14, (uint32_t)l4_utcb(), l4_myself(), l4_utcb()->my_tid, 0);
	block_forever();
}

static void test_utcb_placement(void)
{
	uint32_t w[5], where = L4_UTCB_AREA + 37 * L4_UTCB_SLOT_SIZE;
	l4_tid_t t, other;
	check_eq("utcb: create with a chosen UTCB", l4_thread_create_at(root_tid, 0, 100, where, &t), 0);
	check_eq("utcb: chosen slot busy", l4_thread_create_at(root_tid, 0, 100, where, &other),
		 -L4_EBUSY);
	check_eq("utcb: misaligned address", l4_thread_create_at(root_tid, 0, 100, where + 4, &other),
		 -L4_EINVAL);
	check_eq("utcb: address outside the area", l4_thread_create_at(root_tid, 0, 100, 0x10000, &other),
		 -L4_EINVAL);
	check_eq("utcb: the KIP page is no slot", l4_thread_create_at(root_tid, 0, 100, L4_KIP_ADDR,
		 &other), -L4_EINVAL);
	static uint64_t stack[128];
	l4_thread_start(t, (void (*)(void))report_utcb, &stack[128]);
	int r = wait_report(t, w);
	check_true("utcb: thread finds its UTCB at the chosen address", r == 0 && w[1] == where &&
		   w[3] == t, w[1]);
	l4_thread_destroy(t);
}

static void test_cancel_and_suspend(void)
{
	uint32_t w[5];
	l4_tid_t t = spawn(waiter, 0, 100, 0);
	sleep_ms(2);
	check_eq("exregs: cancel IPC", l4_exchange_registers(t, L4_EXREG_CANCEL_IPC, 0, 0), 0);
	int r = wait_report(t, w);
	check_true("exregs: cancelled IPC returns ECANCELED", r == 0 && (int32_t)w[1] == -L4_ECANCELED,
		   w[1]);
	l4_thread_destroy(t);

	t = spawn(waiter, 0, 100, 0);
	sleep_ms(2);
	check_eq("thread_control: suspend", l4_thread_suspend(t), 0);
	l4_exchange_registers(t, L4_EXREG_CANCEL_IPC, 0, 0);
	r = l4_receive(t, L4_TIMEOUTS(0, 20), 0);
	check_eq("thread_control: suspended thread stays stopped", r, -L4_ETIMEOUT);
	check_eq("thread_control: resume", l4_thread_resume(t), 0);
	r = wait_report(t, w);
	check_true("thread_control: resumed thread runs", r == 0 && (int32_t)w[1] == -L4_ECANCELED,
		   w[1]);
	check_eq("thread_control: set pager", l4_thread_set_pager(t, root_tid), 0);
	check_eq("thread_control: set unknown pager", l4_thread_set_pager(t, 0x3333), -L4_ENOTHREAD);
	l4_thread_destroy(t);
}

static void spinner(uint32_t index)
{
	for (;;)
		spin_count[index]++;
}

static void test_preemption_and_sleep(void)
{
	l4_tid_t a = spawn(spinner, 0, 100, 0);
	l4_tid_t b = spawn(spinner, 1, 100, 0);
	uint32_t c0 = l4_cycles();
	sleep_ms(40);
	uint32_t elapsed = l4_cycles() - c0;
	check_true("sched: two busy threads both make progress", spin_count[0] > 1000 &&
		   spin_count[1] > 1000, spin_count[0] < spin_count[1] ? spin_count[0] : spin_count[1]);
	check_true("sched: sleeping 40 ms with busy threads", elapsed >= 39000000, elapsed);
	uint32_t before = spin_count[0];
	check_eq("schedule: lower a busy thread's priority", l4_schedule(a, 10, 5), 0);
	sleep_ms(20);
	check_true("sched: lower priority thread starves", spin_count[0] - before < 1000,
		   spin_count[0] - before);
	l4_thread_destroy(a);
	l4_thread_destroy(b);
	c0 = l4_cycles();
	sleep_ms(20);
	elapsed = l4_cycles() - c0;
	check_true("sched: timer sleep of 20 ms", elapsed >= 19000000 && elapsed < 40000000, elapsed);
}

/* The order in which threads of one priority ran, a letter each. */
static volatile char order[8];
static volatile uint32_t order_len;

static void order_put(char c)
{
	if (order_len < sizeof(order) - 1)
		order[order_len++] = c;
}

static bool order_is(const char *expected)
{
	uint32_t i = 0;
	for (; expected[i]; i++)
		if (i >= order_len || order[i] != expected[i])
			return false;
	return i == order_len;
}

static void order_runner(uint32_t letter)
{
	order_put((char)letter);
	block_forever();
}

/* Called by the fast path (so it runs on no ready queue, sched.h), it
 * yields: a thread of its priority already queued runs first. */
static void yielding_server(uint32_t arg)
{
	(void)arg;
	l4_tid_t from;
	l4_receive(L4_ANYTHREAD, L4_TIMEOUTS_NEVER, &from);
	order_put('S');
	l4_yield();
	order_put('s');
	l4_utcb()->mr[0] = L4_TAG(0, 0);
	l4_send(from, L4_TIMEOUTS(L4_TIMEOUT_ZERO, L4_TIMEOUT_NEVER));
	block_forever();
}

static void order_waiter(uint32_t letter)
{
	l4_receive(L4_ANYTHREAD, L4_TIMEOUTS_NEVER, 0);
	order_put((char)letter);
	block_forever();
}

/* Called by the fast path, it wakes a thread of its priority with a send
 * that may wait: that thread runs first, then the server goes on. */
static void waking_server(uint32_t waiter_tid)
{
	l4_tid_t from;
	l4_receive(L4_ANYTHREAD, L4_TIMEOUTS_NEVER, &from);
	order_put('S');
	l4_utcb()->mr[0] = L4_TAG(0, 0);
	l4_send(waiter_tid, L4_TIMEOUTS(L4_TIMEOUT_NEVER, L4_TIMEOUT_NEVER));
	order_put('s');
	l4_utcb()->mr[0] = L4_TAG(0, 0);
	l4_send(from, L4_TIMEOUTS(L4_TIMEOUT_ZERO, L4_TIMEOUT_NEVER));
	block_forever();
}

static void test_order_after_handoff(void)
{
	uint32_t *mr = l4_utcb()->mr;
	l4_tid_t server = spawn(yielding_server, 0, 100, 0);
	sleep_ms(2);
	order_len = 0;
	l4_tid_t runner = spawn(order_runner, 'R', 100, 0);
	mr[0] = L4_TAG(0, 0);
	check_eq("sched: call a server that yields", l4_call(server), 0);
	check_true("sched: a yield after a hand-off lets a queued equal run", order_is("SRs"),
		   order_len);
	l4_thread_destroy(server);
	l4_thread_destroy(runner);

	l4_tid_t waiter = spawn(order_waiter, 'W', 100, 0);
	server = spawn(waking_server, waiter, 100, 0);
	sleep_ms(2);
	order_len = 0;
	mr[0] = L4_TAG(0, 0);
	check_eq("sched: call a server that wakes a thread", l4_call(server), 0);
	check_true("sched: a thread woken after a hand-off runs before the waker goes on",
		   order_is("SWs"), order_len);
	l4_thread_destroy(server);
	l4_thread_destroy(waiter);
}

void test_threads(void)
{
	test_exregs();
	test_utcb_placement();
	test_cancel_and_suspend();
	test_preemption_and_sleep();
	test_order_after_handoff();
}
