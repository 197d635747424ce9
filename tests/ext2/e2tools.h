/* e2tools.h - what the ext2 suites share: a scratch directory, running
 * e2fsprogs (mke2fs, e2fsck, debugfs), seeded random bytes, and paths
 * looked up through the library. */
#ifndef TESTS_EXT2_E2TOOLS_H
#define TESTS_EXT2_E2TOOLS_H

#include <stddef.h>
#include <stdint.h>

#include "ext2.h"

/* A fresh directory under $TMPDIR (or /tmp); free with scratch_remove. */
char *scratch_make(void);
void scratch_remove(char *dir);
/* Runs a shell command with /sbin and /usr/sbin on the PATH: its exit
 * status, or -1 if it did not exit. */
int run_status(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* The same, collecting standard output (NUL-terminated, malloc'd). */
char *run_output(int *status, size_t *len, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* mke2fs -q -F -t ext2 -b block_size [-d from] image size; its status. */
int make_image(const char *image, unsigned block_size, const char *from, const char *size);
/* e2fsck -fn image: its status; on failure its report goes to stderr. */
int check_image(const char *image);

/* xorshift, so every run makes the same bytes from the same seed. */
uint64_t rng_next(uint64_t *state);
void rng_fill(uint64_t *state, void *buf, size_t len);

/* Looks up a slash-separated path from the root. */
int path_lookup(struct ext2_fs *fs, const char *path, uint32_t *ino);

#endif
