/* sem_named.c - named semaphores: each is a POSIX shared memory object "/sem.NAME"
 * holding one process-shared sem_t, mapped once per process however often it is
 * opened (POSIX wants the same address back). */
#include <fcntl.h>
#include <semaphore.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "internal.h"
#include "pthread_internal.h"

#define PREFIX		"/sem."
#define NAME_MAX_BYTES	58	/* so that "/sem." + the name fits shm's 63 bytes */

struct open_semaphore {
	sem_t *sem;
	char shm_name[sizeof(PREFIX) + NAME_MAX_BYTES];
	unsigned opens;
	struct open_semaphore *next;
};

static struct open_semaphore *open_semaphores;
static pthread_mutex_t open_lock = PTHREAD_MUTEX_INITIALIZER;

/* "/NAME" (one leading slash, no other) as the shm object's name; -errno. */
static int shm_name_of(const char *name, char *out)
{
	if (!name || name[0] != '/' || !name[1] || strchr(name + 1, '/'))
		return -EINVAL;
	if (strlen(name + 1) > NAME_MAX_BYTES)
		return -ENAMETOOLONG;
	strcpy(out, PREFIX);
	strcat(out, name + 1);
	return 0;
}

static struct open_semaphore *find_open(const char *shm_name)
{
	for (struct open_semaphore *open = open_semaphores; open; open = open->next)
		if (!strcmp(open->shm_name, shm_name))
			return open;
	return NULL;
}

/* Maps the object, made and set to value when creating; the sem_t, or NULL with errno. */
static sem_t *map_semaphore(const char *shm_name, int oflag, mode_t mode, unsigned value)
{
	int fd = -1, created = 0;
	sem_t *sem;

	if (oflag & O_CREAT) {
		fd = shm_open(shm_name, O_RDWR | O_CREAT | O_EXCL, mode);
		created = fd >= 0;
		if (fd < 0 && (errno != EEXIST || (oflag & O_EXCL)))
			return NULL;
	}
	if (fd < 0)
		fd = shm_open(shm_name, O_RDWR, 0);
	if (fd < 0)
		return NULL;
	if (created && ftruncate(fd, sizeof(sem_t))) {
		close(fd);
		shm_unlink(shm_name);
		return NULL;
	}
	sem = mmap(NULL, sizeof(sem_t), PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (sem == MAP_FAILED) {
		if (created)
			shm_unlink(shm_name);
		return NULL;
	}
	if (created)
		sem_init(sem, 1, value);
	return sem;
}

static sem_t *open_failed(int error)
{
	errno = error;
	return SEM_FAILED;
}

sem_t *sem_open(const char *name, int oflag, ...)
{
	struct open_semaphore *open;
	char shm_name[sizeof(PREFIX) + NAME_MAX_BYTES];
	unsigned value = 0;
	mode_t mode = 0;
	int error = shm_name_of(name, shm_name);

	if (error)
		return open_failed(-error);
	if (oflag & O_CREAT) {
		va_list args;

		va_start(args, oflag);
		mode = (mode_t)va_arg(args, unsigned);
		value = va_arg(args, unsigned);
		va_end(args);
		if (value > SEM_VALUE_MAX)
			return open_failed(EINVAL);
	}
	pthread_mutex_lock(&open_lock);
	open = find_open(shm_name);
	if (open && (oflag & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL)) {
		pthread_mutex_unlock(&open_lock);
		return open_failed(EEXIST);
	}
	if (!open) {
		open = calloc(1, sizeof(*open));
		if (!open || !(open->sem = map_semaphore(shm_name, oflag, mode, value))) {
			error = open ? errno : ENOMEM;
			free(open);
			pthread_mutex_unlock(&open_lock);
			return open_failed(error);
		}
		strcpy(open->shm_name, shm_name);
		open->next = open_semaphores;
		open_semaphores = open;
	}
	open->opens++;
	pthread_mutex_unlock(&open_lock);
	return open->sem;
}

int sem_close(sem_t *sem)
{
	struct open_semaphore **link;

	pthread_mutex_lock(&open_lock);
	for (link = &open_semaphores; *link && (*link)->sem != sem; link = &(*link)->next)
		;
	if (!*link) {
		pthread_mutex_unlock(&open_lock);
		return posix_error(EINVAL);
	}
	if (--(*link)->opens == 0) {
		struct open_semaphore *closed = *link;

		*link = closed->next;
		munmap(closed->sem, sizeof(sem_t));
		free(closed);
	}
	pthread_mutex_unlock(&open_lock);
	return 0;
}

/* The name goes now; processes that have it open keep the memory until they close. */
int sem_unlink(const char *name)
{
	char shm_name[sizeof(PREFIX) + NAME_MAX_BYTES];
	struct open_semaphore *open;
	int error = shm_name_of(name, shm_name);

	if (error)
		return posix_error(-error);
	pthread_mutex_lock(&open_lock);
	open = find_open(shm_name);
	if (open)
		open->shm_name[0] = '\0';
	pthread_mutex_unlock(&open_lock);
	return shm_unlink(shm_name);
}
