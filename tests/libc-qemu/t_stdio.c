/* t_stdio.c - stdio's end-of-file and error indicators as the C standard
 * sets them, on files in fs0. */
#include <errno.h>
#include <string.h>
#include <unistd.h>

#include "libctest.h"

#define PATH "/stdio-indicators"

static void check_wrong_direction(void)
{
	FILE *stream = fopen(PATH, "w");
	int c;

	CHECK("fopen for writing", stream != NULL);
	if (!stream)
		return;
	errno = 0;
	c = getc(stream);
	CHECK_EQ("getc on a write-only stream gives EOF", EOF, c);
	CHECK("getc on a write-only stream sets the error indicator", ferror(stream));
	CHECK("getc on a write-only stream leaves end-of-file clear", !feof(stream));
	CHECK_EQ("getc on a write-only stream sets EBADF", EBADF, errno);
	clearerr(stream);
	CHECK("clearerr clears the error indicator", !ferror(stream));
	CHECK_EQ("fputs then writes", 1, fputs("ab\n", stream) >= 0);
	CHECK_EQ("fclose", 0, fclose(stream));

	stream = fopen(PATH, "r");
	CHECK("fopen for reading", stream != NULL);
	if (!stream)
		return;
	errno = 0;
	CHECK_EQ("fputc on a read-only stream gives EOF", EOF, fputc('x', stream));
	CHECK("fputc on a read-only stream sets the error indicator", ferror(stream));
	CHECK_EQ("fputc on a read-only stream sets EBADF", EBADF, errno);
	fclose(stream);
}

static void check_end_of_file(void)
{
	FILE *stream = fopen(PATH, "r");
	char line[16], bytes[8];

	if (!stream) {
		CHECK("fopen for reading", 0);
		return;
	}
	CHECK_EQ("getc reads the first byte", 'a', getc(stream));
	CHECK("fgets reads the rest", fgets(line, sizeof(line), stream) && !strcmp(line, "b\n"));
	CHECK("no end-of-file before a read meets it", !feof(stream));
	CHECK_EQ("getc at the end gives EOF", EOF, getc(stream));
	CHECK("getc at the end sets end-of-file", feof(stream));
	CHECK("getc at the end leaves the error indicator clear", !ferror(stream));
	CHECK_EQ("getc again at the end gives EOF", EOF, getc(stream));
	CHECK_EQ("ungetc pushes back after the end", 'q', ungetc('q', stream));
	CHECK("ungetc clears end-of-file", !feof(stream));
	CHECK_EQ("getc reads the pushed-back byte", 'q', getc(stream));
	clearerr(stream);
	CHECK("clearerr clears end-of-file", !feof(stream));
	CHECK("fgets at the end gives NULL", fgets(line, sizeof(line), stream) == NULL);
	CHECK("fgets at the end sets end-of-file", feof(stream));
	rewind(stream);
	CHECK("rewind clears end-of-file", !feof(stream));
	CHECK_EQ("fread short at the end", 3, fread(bytes, 1, sizeof(bytes), stream));
	CHECK("a short fread sets end-of-file", feof(stream));
	CHECK("a short fread leaves the error indicator clear", !ferror(stream));
	fclose(stream);
	unlink(PATH);
}

void test_stdio(void)
{
	check_wrong_direction();
	check_end_of_file();
}
