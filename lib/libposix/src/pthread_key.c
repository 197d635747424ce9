/* pthread_key.c - thread-specific data: a table of keys for the process, a value per
 * key in each thread's record, and the destructors run at the thread's exit. A key's
 * generation moves on when it is deleted, so a value set under an old key is not seen. */
#include "internal.h"
#include "pthread_internal.h"

struct key_slot {
	bool in_use;
	unsigned generation;
	void (*destructor)(void *);
};

static struct key_slot keys[PTHREAD_KEYS_MAX];
static pthread_mutex_t keys_lock = PTHREAD_MUTEX_INITIALIZER;

int pthread_key_create(pthread_key_t *key, void (*destructor)(void *))
{
	pthread_mutex_lock(&keys_lock);
	for (unsigned slot = 0; slot < PTHREAD_KEYS_MAX; slot++) {
		if (keys[slot].in_use)
			continue;
		keys[slot].in_use = true;
		keys[slot].generation++;
		keys[slot].destructor = destructor;
		pthread_mutex_unlock(&keys_lock);
		*key = slot;
		return 0;
	}
	pthread_mutex_unlock(&keys_lock);
	return EAGAIN;
}

int pthread_key_delete(pthread_key_t key)
{
	int error = 0;

	pthread_mutex_lock(&keys_lock);
	if (key >= PTHREAD_KEYS_MAX || !keys[key].in_use)
		error = EINVAL;
	else
		keys[key].in_use = false;
	pthread_mutex_unlock(&keys_lock);
	return error;
}

void *pthread_getspecific(pthread_key_t key)
{
	struct __pthread *self = pthread_current();

	if (key >= PTHREAD_KEYS_MAX || !keys[key].in_use ||
	    self->key_generations[key] != keys[key].generation)
		return NULL;
	return (void *)self->key_values[key];
}

int pthread_setspecific(pthread_key_t key, const void *value)
{
	struct __pthread *self = pthread_current();

	if (key >= PTHREAD_KEYS_MAX || !keys[key].in_use)
		return EINVAL;
	self->key_values[key] = value;
	self->key_generations[key] = keys[key].generation;
	return 0;
}

/* POSIX's rule: a destructor may set values again, so the sweep repeats, at most
 * PTHREAD_DESTRUCTOR_ITERATIONS times. */
void pthread_run_key_destructors(struct __pthread *thread)
{
	for (int round = 0; round < PTHREAD_DESTRUCTOR_ITERATIONS; round++) {
		bool ran = false;

		for (unsigned key = 0; key < PTHREAD_KEYS_MAX; key++) {
			void *value = pthread_getspecific(key);
			void (*destructor)(void *) = keys[key].destructor;

			if (!value || !destructor)
				continue;
			thread->key_values[key] = NULL;
			destructor(value);
			ran = true;
		}
		if (!ran)
			return;
	}
}
