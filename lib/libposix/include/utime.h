/* utime.h - picolibc's utime.h, which defines struct utimbuf but leaves
 * utime to each system; libposix has it (src/meta_calls.c). */
#ifndef LIBPOSIX_UTIME_H
#define LIBPOSIX_UTIME_H

#include_next <utime.h>

int utime(const char *path, const struct utimbuf *times);

#endif
