/* cpio.h - a reader for cpio "newc" archives (magic 070701, or 070702
 * with its checksum verified). */
#ifndef FS0_CPIO_H
#define FS0_CPIO_H

#include <stddef.h>
#include <stdint.h>

struct cpio_entry {
	const char *name;	/* NUL-terminated, inside the archive */
	size_t name_len;
	uint32_t mode;
	const uint8_t *data;	/* inside the archive */
	uint32_t size;
};

/* Reads the entry at *offset and moves *offset past it. Returns 1 for an
 * entry, 0 at the trailer, -FS0_EINVAL if the archive is malformed or
 * ends early. */
int cpio_next(const uint8_t *archive, size_t archive_size, size_t *offset,
	      struct cpio_entry *out);

#endif
