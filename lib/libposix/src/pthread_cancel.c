/* pthread_cancel.c - deferred cancellation: a request is acted on at the next
 * cancellation point, where the cleanup handlers run and the thread ends. A thread
 * blocked at one is woken: in a futex wait by futex_interrupt, in a server's call by
 * mm0's thread_interrupt, which ends the call with EINTR. */
#include <sched.h>

#include "internal.h"
#include "mm0.h"
#include "pthread_internal.h"

/* How often pthread_cancel asks mm0 to interrupt a thread that marked itself in a
 * blocking call but had not blocked yet (it yields between the asks). */
#define INTERRUPT_TRIES	1000

static bool cancel_due(const struct __pthread *self)
{
	return !self->cancel_disabled && __atomic_load_n(&self->cancel_pending, __ATOMIC_ACQUIRE);
}

void pthread_cancel_point(void)
{
	if (cancel_due(pthread_current()))
		pthread_exit(PTHREAD_CANCELED);
}

/* A thread without a record cannot have been named to pthread_cancel; not making one
 * here keeps the calls that are cancellation points off the record's memory. */
void posix_cancellation_point(void)
{
	if (pthread_has_record())
		pthread_cancel_point();
}

bool posix_cancel_possible;

void posix_cancel_begin_marked(void)
{
	struct __pthread *self;

	if (!pthread_has_record())
		return;
	self = pthread_current();
	__atomic_store_n(&self->in_blocking_call, 1, __ATOMIC_SEQ_CST);
	/* After the mark: a cancel that came before it is seen here, one after it sees it. */
	pthread_cancel_point();
}

long posix_cancel_end_marked(long answer)
{
	if (!pthread_has_record())
		return answer;
	__atomic_store_n(&pthread_current()->in_blocking_call, 0, __ATOMIC_SEQ_CST);
	if (answer == -EINTR)
		pthread_cancel_point();
	return answer;
}

/* The thread may be on its way into the call: asked again until it has blocked (mm0
 * answers 1), has left the call, or is gone. */
static void blocking_call_interrupt(struct __pthread *thread)
{
	for (int tries = 0; tries < INTERRUPT_TRIES &&
			    __atomic_load_n(&thread->in_blocking_call, __ATOMIC_SEQ_CST); tries++) {
		if (mm_thread_interrupt(posix_mm0(), thread->l4_thread) != 0)
			return;
		sched_yield();
	}
}

int pthread_cancelable_wait(const volatile uint32_t *word, uint32_t expected, bool shared,
			    const struct futex_deadline *until)
{
	struct __pthread *self = pthread_current();
	int outcome;

	if (cancel_due(self))
		return -ECANCELED;
	outcome = futex_wait(word, expected, shared, until,
			     self->cancel_disabled ? NULL : &self->waiting);
	/* A thread woken for real keeps its wake; the cancel waits for the next point. */
	if (outcome == -ECANCELED || (outcome != 0 && cancel_due(self)))
		return -ECANCELED;
	return outcome;
}

int pthread_cancel(pthread_t thread)
{
	if (!pthread_known(thread))
		return ESRCH;
	posix_cancel_possible = true;
	__atomic_store_n(&thread->cancel_pending, 1, __ATOMIC_SEQ_CST);
	if (!thread->cancel_disabled && thread != pthread_current()) {
		futex_interrupt(&thread->waiting);
		blocking_call_interrupt(thread);
	}
	return 0;
}

int pthread_setcancelstate(int state, int *old_state)
{
	struct __pthread *self = pthread_current();

	if (state != PTHREAD_CANCEL_ENABLE && state != PTHREAD_CANCEL_DISABLE)
		return EINVAL;
	if (old_state)
		*old_state = self->cancel_disabled ? PTHREAD_CANCEL_DISABLE : PTHREAD_CANCEL_ENABLE;
	self->cancel_disabled = state == PTHREAD_CANCEL_DISABLE;
	return 0;
}

/* Asynchronous cancellation is recorded but acted on only at cancellation points. */
int pthread_setcanceltype(int type, int *old_type)
{
	struct __pthread *self = pthread_current();

	if (type != PTHREAD_CANCEL_DEFERRED && type != PTHREAD_CANCEL_ASYNCHRONOUS)
		return EINVAL;
	if (old_type)
		*old_type = self->cancel_asynchronous ? PTHREAD_CANCEL_ASYNCHRONOUS :
							PTHREAD_CANCEL_DEFERRED;
	self->cancel_asynchronous = type == PTHREAD_CANCEL_ASYNCHRONOUS;
	return 0;
}

void pthread_testcancel(void)
{
	pthread_cancel_point();
}

void __pthread_cleanup_push(struct __pthread_cleanup *handler, void (*routine)(void *), void *arg)
{
	struct __pthread *self = pthread_current();

	handler->routine = routine;
	handler->arg = arg;
	handler->previous = self->cleanups;
	self->cleanups = handler;
}

void __pthread_cleanup_pop(struct __pthread_cleanup *handler, int execute)
{
	pthread_current()->cleanups = handler->previous;
	if (execute)
		handler->routine(handler->arg);
}
