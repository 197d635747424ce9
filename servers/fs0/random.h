/* random.h - fs0's random number generator (random.c), behind /dev/urandom
 * and /dev/random. */
#ifndef FS0_RANDOM_H
#define FS0_RANDOM_H

#include <stddef.h>

/* Mixes bytes (a seed, a timer reading, bytes written to the device) into the key. */
void random_stir(const void *data, size_t len);
/* Fills buf with len bytes of key stream, then replaces the key. */
void random_fill(void *buf, size_t len);

#endif
