/* cpio.c - the newc archive reader: every header field is checked against
 * the archive's bounds before anything is trusted. */
#include <stdbool.h>
#include <string.h>
#include "cpio.h"
#include "fs0_local.h"

#define NEWC_HEADER_SIZE	110
#define NEWC_FIELD_SIZE		8
#define NEWC_TRAILER		"TRAILER!!!"

enum newc_field {
	F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE,
	F_DEVMAJOR, F_DEVMINOR, F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE, F_CHECK,
	F_COUNT
};

static int parse_hex_field(const char *text, uint32_t *out)
{
	uint32_t value = 0;
	for (int i = 0; i < NEWC_FIELD_SIZE; i++) {
		char c = text[i];
		uint32_t digit;
		if (c >= '0' && c <= '9')
			digit = (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			digit = (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			digit = (uint32_t)(c - 'A' + 10);
		else
			return -FS0_EINVAL;
		value = value << 4 | digit;
	}
	*out = value;
	return 0;
}

static size_t align4(size_t value)
{
	return (value + 3) & ~(size_t)3;
}

/* Bytes left after start, or 0 if start is already past the end. */
static size_t bytes_after(size_t archive_size, size_t start)
{
	return start < archive_size ? archive_size - start : 0;
}

int cpio_next(const uint8_t *archive, size_t archive_size, size_t *offset,
	      struct cpio_entry *out)
{
	size_t start = *offset;
	if (bytes_after(archive_size, start) < NEWC_HEADER_SIZE)
		return -FS0_EINVAL;
	const char *header = (const char *)archive + start;
	bool with_checksum;
	if (memcmp(header, "070701", 6) == 0)
		with_checksum = false;
	else if (memcmp(header, "070702", 6) == 0)
		with_checksum = true;
	else
		return -FS0_EINVAL;

	uint32_t field[F_COUNT];
	for (int i = 0; i < F_COUNT; i++)
		if (parse_hex_field(header + 6 + i * NEWC_FIELD_SIZE, &field[i]) < 0)
			return -FS0_EINVAL;

	uint32_t name_size = field[F_NAMESIZE];
	size_t name_start = start + NEWC_HEADER_SIZE;
	if (name_size < 2 || name_size > FS0_PATH_MAX ||
	    bytes_after(archive_size, name_start) < name_size)
		return -FS0_EINVAL;
	const char *name = (const char *)archive + name_start;
	if (name[name_size - 1] != '\0' || memchr(name, '\0', name_size - 1))
		return -FS0_EINVAL;

	size_t data_start = align4(name_start + name_size);
	uint32_t file_size = field[F_FILESIZE];
	if (bytes_after(archive_size, data_start) < file_size)
		return -FS0_EINVAL;
	const uint8_t *data = archive + data_start;

	if (strcmp(name, NEWC_TRAILER) == 0) {
		*offset = archive_size;
		return 0;
	}
	if (with_checksum) {
		uint32_t sum = 0;
		for (uint32_t i = 0; i < file_size; i++)
			sum += data[i];
		if (sum != field[F_CHECK])
			return -FS0_EINVAL;
	} else if (field[F_CHECK] != 0) {
		return -FS0_EINVAL;
	}

	out->name = name;
	out->name_len = name_size - 1;
	out->mode = field[F_MODE];
	out->data = data;
	out->size = file_size;
	/* The last entry's padding may be cut off by a tool; an exact end is fine. */
	size_t next = align4(data_start + file_size);
	*offset = next < archive_size ? next : archive_size;
	return 1;
}
