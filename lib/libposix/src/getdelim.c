/* getdelim.c - getdelim and getline: a whole line (or record) into a
 * buffer that grows with malloc as needed, as POSIX specifies. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define FIRST_CAPACITY 128

ssize_t getdelim(char **restrict line, size_t *restrict capacity, int delimiter,
		 FILE *restrict stream)
{
	size_t length = 0;
	int c;

	if (!line || !capacity || !stream) {
		errno = EINVAL;
		return -1;
	}
	if (!*line)
		*capacity = 0;
	for (;;) {
		if (length + 2 > *capacity) {
			size_t grown = *capacity < FIRST_CAPACITY ? FIRST_CAPACITY : *capacity * 2;
			char *bigger;

			if (grown > SIZE_MAX / 2) {	/* past what ssize_t can report */
				stream->flags |= __SERR;
				errno = EOVERFLOW;
				return -1;
			}
			bigger = realloc(*line, grown);
			if (!bigger) {
				stream->flags |= __SERR;
				return -1;
			}
			*line = bigger;
			*capacity = grown;
		}
		c = getc(stream);
		if (c == EOF)
			break;
		(*line)[length++] = (char)c;
		if (c == (unsigned char)delimiter)
			break;
	}
	(*line)[length] = '\0';
	return length || c != EOF ? (ssize_t)length : -1;
}

ssize_t getline(char **restrict line, size_t *restrict capacity, FILE *restrict stream)
{
	return getdelim(line, capacity, '\n', stream);
}
