/* Signals on the target: exchange_registers for delivery, the generic timer as the alarm
 * clock, and a thread of mm0's that sleeps until the next alarm is due. */
#include <l4/cycles.h>
#include <l4/ipc.h>
#include <l4/kip.h>
#include <l4/syscalls.h>

#include "boot.h"
#include "mm0_server.h"
#include "proc/signals.h"
#include "serve/serve.h"
#include "signal_l4.h"

#define TIMER_STACK_BYTES	1024u
#define TIMER_SLEEP_MAX_MS	0xfff0u

static int l4_signal_exregs(void *ctx, uint32_t tid, uint32_t flags, uint32_t pc, uint32_t sp,
			    uint32_t regs[])
{
	uint32_t *mr = l4_utcb()->mr;
	int err;

	(void)ctx;
	for (unsigned i = 0; i < L4_EXREG_WORDS; i++)
		mr[i] = regs[i];
	err = l4_exchange_registers(tid, flags, pc, sp);
	for (unsigned i = 0; i < L4_EXREG_WORDS; i++)
		regs[i] = mr[i];
	return kernel_error_to_errno(err);
}

static uint64_t l4_signal_now_ms(void *ctx)
{
	(void)ctx;
	return l4_timer_count() / (l4_kip()->timer_hz / 1000);
}

static void l4_signal_timer_wake(void *ctx)
{
	(void)ctx;
	signal_timer_kick();
}

static const struct signal_kernel_ops l4_signal_ops = {
	.exregs = l4_signal_exregs,
	.now_ms = l4_signal_now_ms,
	.timer_wake = l4_signal_timer_wake,
};

static l4_tid_t mm0_tid;

/* Asks mm0 how long until the next alarm (the answer waits while none is armed) and
 * sleeps that long; an earlier alarm cancels the sleep. */
static void __attribute__((noreturn)) timer_thread(void)
{
	for (;;) {
		int ms = mm_signal_timer(mm0_tid);

		if (ms <= 0)
			continue;
		if ((uint32_t)ms > TIMER_SLEEP_MAX_MS)
			ms = TIMER_SLEEP_MAX_MS;
		l4_receive(l4_myself(), L4_TIMEOUTS(L4_TIMEOUT_NEVER, (uint32_t)ms), 0);
	}
}

int signal_l4_start(void)
{
	static uint64_t stack[TIMER_STACK_BYTES / sizeof(uint64_t)];
	l4_tid_t tid;
	int err;

	mm0_tid = l4_myself();
	signal_kernel = &l4_signal_ops;
	err = l4_thread_create(mm0_tid, L4_NILTHREAD, MM0_TASK_PRIORITY + 1, &tid);
	if (err)
		return kernel_error_to_errno(err);
	signal_timer_tid = tid;
	return kernel_error_to_errno(l4_thread_start(tid, timer_thread,
						     stack + sizeof(stack) / sizeof(stack[0])));
}
