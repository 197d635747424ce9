/* pthread_attr.c - thread attributes: detach state, stack, guard, scheduling. */
#include "internal.h"
#include "pthread_internal.h"

#define PAGE_SIZE	4096

int pthread_attr_init(pthread_attr_t *attr)
{
	*attr = (pthread_attr_t){
		.detach_state = PTHREAD_CREATE_JOINABLE,
		.guard_size = PAGE_SIZE,
		.stack_size = DEFAULT_STACK_SIZE,
		.sched_policy = SCHED_OTHER,
		.inherit_sched = PTHREAD_INHERIT_SCHED,
		.scope = PTHREAD_SCOPE_SYSTEM,
	};
	return 0;
}

int pthread_attr_destroy(pthread_attr_t *attr)
{
	(void)attr;
	return 0;
}

int pthread_attr_setdetachstate(pthread_attr_t *attr, int state)
{
	if (state != PTHREAD_CREATE_JOINABLE && state != PTHREAD_CREATE_DETACHED)
		return EINVAL;
	attr->detach_state = state;
	return 0;
}

int pthread_attr_getdetachstate(const pthread_attr_t *attr, int *state)
{
	*state = attr->detach_state;
	return 0;
}

int pthread_attr_setstacksize(pthread_attr_t *attr, size_t size)
{
	if (size < PTHREAD_STACK_MIN)
		return EINVAL;
	attr->stack_size = size;
	return 0;
}

int pthread_attr_getstacksize(const pthread_attr_t *attr, size_t *size)
{
	*size = attr->stack_size;
	return 0;
}

int pthread_attr_setstack(pthread_attr_t *attr, void *addr, size_t size)
{
	if (size < PTHREAD_STACK_MIN || ((uintptr_t)addr & 7))
		return EINVAL;
	attr->stack_addr = addr;
	attr->stack_size = size;
	return 0;
}

int pthread_attr_getstack(const pthread_attr_t *attr, void **addr, size_t *size)
{
	*addr = attr->stack_addr;
	*size = attr->stack_size;
	return 0;
}

/* A caller's own stack (setstack) gets no guard, as POSIX says. */
int pthread_attr_setguardsize(pthread_attr_t *attr, size_t size)
{
	if (size > 1024 * 1024)
		return EINVAL;
	attr->guard_size = (int)size;
	return 0;
}

int pthread_attr_getguardsize(const pthread_attr_t *attr, size_t *size)
{
	*size = (size_t)attr->guard_size;
	return 0;
}

/* Every thread runs SCHED_OTHER at priority 0 (sched_get_priority_max). */
int pthread_attr_setschedparam(pthread_attr_t *attr, const struct sched_param *param)
{
	if (param->sched_priority != 0)
		return EINVAL;
	attr->sched_priority = param->sched_priority;
	return 0;
}

int pthread_attr_getschedparam(const pthread_attr_t *attr, struct sched_param *param)
{
	param->sched_priority = attr->sched_priority;
	return 0;
}

int pthread_attr_setschedpolicy(pthread_attr_t *attr, int policy)
{
	if (policy == SCHED_FIFO || policy == SCHED_RR)
		return ENOTSUP;
	if (policy != SCHED_OTHER)
		return EINVAL;
	attr->sched_policy = policy;
	return 0;
}

int pthread_attr_getschedpolicy(const pthread_attr_t *attr, int *policy)
{
	*policy = attr->sched_policy;
	return 0;
}

int pthread_attr_setinheritsched(pthread_attr_t *attr, int inherit)
{
	if (inherit != PTHREAD_INHERIT_SCHED && inherit != PTHREAD_EXPLICIT_SCHED)
		return EINVAL;
	attr->inherit_sched = inherit;
	return 0;
}

int pthread_attr_getinheritsched(const pthread_attr_t *attr, int *inherit)
{
	*inherit = attr->inherit_sched;
	return 0;
}

/* Threads are the kernel's: system scope only. */
int pthread_attr_setscope(pthread_attr_t *attr, int scope)
{
	if (scope == PTHREAD_SCOPE_PROCESS)
		return ENOTSUP;
	if (scope != PTHREAD_SCOPE_SYSTEM)
		return EINVAL;
	attr->scope = scope;
	return 0;
}

int pthread_attr_getscope(const pthread_attr_t *attr, int *scope)
{
	*scope = attr->scope;
	return 0;
}
