/* stream_locks.c - flockfile, ftrylockfile, funlockfile and the unlocked
 * character functions. picolibc's streams carry no lock, so one recursive
 * lock stands for all of them: a thread holding a stream excludes the
 * others from every stream's flockfile, which is more than POSIX asks and
 * never less. picolibc's own stdio takes no stream lock, so getc_unlocked
 * and the like are the ordinary functions. */
#include <stdio.h>
#include <sys/lock.h>

static _LOCK_T streams_lock;

static _LOCK_T the_streams_lock(void)
{
	/* The C library's lock makes creating it once safe among threads. */
	if (!__atomic_load_n(&streams_lock, __ATOMIC_ACQUIRE)) {
		__LIBC_LOCK();
		if (!streams_lock) {
			_LOCK_T created;
			__retarget_lock_init_recursive(&created);
			__atomic_store_n(&streams_lock, created, __ATOMIC_RELEASE);
		}
		__LIBC_UNLOCK();
	}
	return streams_lock;
}

void flockfile(FILE *stream)
{
	(void)stream;
	__retarget_lock_acquire_recursive(the_streams_lock());
}

int ftrylockfile(FILE *stream)
{
	(void)stream;
	return __retarget_lock_try_acquire_recursive(the_streams_lock()) ? 0 : -1;
}

void funlockfile(FILE *stream)
{
	(void)stream;
	__retarget_lock_release_recursive(the_streams_lock());
}

int getc_unlocked(FILE *stream)
{
	return fgetc(stream);
}

int getchar_unlocked(void)
{
	return fgetc(stdin);
}

int putc_unlocked(int c, FILE *stream)
{
	return fputc(c, stream);
}

int putchar_unlocked(int c)
{
	return fputc(c, stdout);
}
