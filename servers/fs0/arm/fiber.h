/* fiber.h - fs0's fibers on the target: stacks inside fs0's one receiving
 * thread, switched only where a request waits (for the disk or for the
 * disk's gate), so fs0's logic never runs two things at once (fiber.c). */
#ifndef FS0_FIBER_H
#define FS0_FIBER_H

#include <stdbool.h>

/* At most this many requests are under way at once (each on its own stack);
 * the first fiber is the thread's own stack. */
#define FIBER_COUNT	6u

struct fiber;

/* The calling context becomes the first fiber. More fibers start at loop
 * (fs0's receive loop, which never returns) when one waits and none is
 * free; when all wait, idle is called, which must block until it has
 * woken one of them (the disk's completion). */
void fiber_init(void (*loop)(void), void (*idle)(void));
struct fiber *fiber_self(void);
/* A copy of the thread's message registers (the request the fiber has not
 * finished, or its reply) with the running fiber, and back: the loop reuses
 * them while it waits. */
void fiber_keep_message(void);
void fiber_restore_message(void);
/* Parks the calling fiber until fiber_wake: others run meanwhile. It comes
 * back with the message it kept (fiber_keep_message) restored. */
void fiber_wait(void);
/* A waiting fiber runs again when the running one hands over or waits. */
void fiber_wake(struct fiber *fiber);
bool fiber_any_woken(void);
/* The running fiber has finished its request (its reply is sent): the woken
 * fibers run first, and it comes back later as the receive loop's. */
void fiber_hand_over(void);
/* The woken fibers run first, then the caller goes on with its message
 * registers as they were. */
void fiber_yield(void);

#endif
