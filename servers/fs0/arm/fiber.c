/* fiber.c - fs0's fibers on the target: a fixed set of stacks from the heap
 * (mapped whole, so a switch never faults), a queue of the woken ones, and
 * the rule that exactly one fiber at a time is outside a request, in the
 * receive loop: the running one, or none while a woken one runs. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <l4/ipc.h>
#include "fiber.h"

/* As deep as the thread's own stack (lib/libl4/user.ld). */
#define FIBER_STACK_SIZE	0x4000u

/* fiber_switch.S's layout: r4-r11, then sp, then lr. */
struct fiber_context {
	uint32_t r4_to_r11[8];
	uint32_t sp;
	uint32_t lr;
};

enum fiber_state {
	FIBER_UNUSED,	/* never started */
	FIBER_RUNNING,
	FIBER_WAITING,	/* in fiber_wait, until fiber_wake */
	FIBER_WOKEN,	/* on the woken queue */
	FIBER_SPARE,	/* handed over: resumes as the receive loop's */
};

struct fiber {
	struct fiber_context context;
	enum fiber_state state;
	struct fiber *next_woken;
	/* A parked fiber's request or reply, which the loop reuses meanwhile. */
	uint32_t message[L4_MR_COUNT];
	uint8_t *stack;
};

void fiber_switch(struct fiber_context *from, const struct fiber_context *to);
void fiber_first_run(void);

static struct fiber fibers[FIBER_COUNT];
static struct fiber *running;
static struct fiber *woken_first, *woken_last;
static void (*loop_entry)(void);
static void (*idle_wait)(void);

void fiber_init(void (*loop)(void), void (*idle)(void))
{
	loop_entry = loop;
	idle_wait = idle;
	running = &fibers[0];
	running->state = FIBER_RUNNING;
}

struct fiber *fiber_self(void)
{
	return running;
}

static void switch_to(struct fiber *to)
{
	struct fiber *from = running;
	running = to;
	to->state = FIBER_RUNNING;
	fiber_switch(&from->context, &to->context);
}

void fiber_wake(struct fiber *fiber)
{
	fiber->state = FIBER_WOKEN;
	fiber->next_woken = NULL;
	if (woken_last)
		woken_last->next_woken = fiber;
	else
		woken_first = fiber;
	woken_last = fiber;
}

bool fiber_any_woken(void)
{
	return woken_first != NULL;
}

static struct fiber *take_woken(void)
{
	struct fiber *fiber = woken_first;
	if (fiber) {
		woken_first = fiber->next_woken;
		if (!woken_first)
			woken_last = NULL;
	}
	return fiber;
}

/* A fiber to carry on the receive loop: a spare, or one started now (its
 * stack is taken from the heap once and kept). NULL: all are busy. */
static struct fiber *loop_fiber(void)
{
	struct fiber *unused = NULL;
	for (uint32_t i = 0; i < FIBER_COUNT; i++) {
		if (fibers[i].state == FIBER_SPARE)
			return &fibers[i];
		if (!unused && fibers[i].state == FIBER_UNUSED)
			unused = &fibers[i];
	}
	if (!unused)
		return NULL;
	unused->stack = malloc(FIBER_STACK_SIZE);
	if (!unused->stack)
		return NULL;
	memset(&unused->context, 0, sizeof(unused->context));
	unused->context.r4_to_r11[0] = (uint32_t)loop_entry;
	unused->context.sp = (uint32_t)(unused->stack + FIBER_STACK_SIZE);
	unused->context.lr = (uint32_t)fiber_first_run;
	return unused;
}

void fiber_keep_message(void)
{
	memcpy(running->message, l4_utcb()->mr, sizeof(running->message));
}

void fiber_restore_message(void)
{
	memcpy(l4_utcb()->mr, running->message, sizeof(running->message));
}

void fiber_wait(void)
{
	struct fiber *self = running;
	self->state = FIBER_WAITING;
	for (;;) {
		struct fiber *next = take_woken();
		if (!next)
			next = loop_fiber();
		if (next == self) {
			self->state = FIBER_RUNNING;
			break;
		}
		if (next) {
			switch_to(next);
			break;
		}
		idle_wait();
	}
	fiber_restore_message();
}

void fiber_hand_over(void)
{
	struct fiber *next = take_woken();
	if (!next)
		return;
	running->state = FIBER_SPARE;
	switch_to(next);
}

void fiber_yield(void)
{
	struct fiber *next = take_woken();
	if (!next)
		return;
	struct fiber *self = running;
	fiber_keep_message();
	fiber_wake(self);
	switch_to(next);
	fiber_restore_message();
}
