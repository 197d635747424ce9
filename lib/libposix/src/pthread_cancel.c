/* pthread_cancel.c - deferred cancellation: a request is acted on at the next
 * cancellation point, where the cleanup handlers run and the thread ends. */
#include "internal.h"
#include "pthread_internal.h"

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
	__atomic_store_n(&thread->cancel_pending, 1, __ATOMIC_RELEASE);
	if (!thread->cancel_disabled)
		futex_interrupt(&thread->waiting);
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
