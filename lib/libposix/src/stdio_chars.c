/* stdio_chars.c - fgetc and fputc with the error indicator the C standard
 * asks for: reading a stream not open for reading (or writing one not open
 * for writing) sets it, with EBADF as glibc does. picolibc's return EOF and
 * leave the stream unmarked. The rest follows picolibc's tinystdio: one
 * pushed-back character (ungetc stores it with bit 8 set) comes first, and a
 * device answer of _FDEV_EOF or _FDEV_ERR sets the matching indicator. */
#include <errno.h>
#include <stdio.h>

#undef getc

int fgetc(FILE *stream)
{
	__ungetc_t pushed_back;
	int answer;

	if (!(stream->flags & __SRD)) {
		stream->flags |= __SERR;
		errno = EBADF;
		return EOF;
	}
	pushed_back = __atomic_exchange_n(&stream->unget, 0, __ATOMIC_ACQ_REL);
	if (pushed_back)
		return (unsigned char)pushed_back;
	answer = stream->get(stream);
	if (answer < 0) {
		stream->flags |= answer == _FDEV_ERR ? __SERR : __SEOF;
		return EOF;
	}
	return (unsigned char)answer;
}

int getc(FILE *stream)
{
	return fgetc(stream);
}

int fputc(int c, FILE *stream)
{
	if (!(stream->flags & __SWR)) {
		stream->flags |= __SERR;
		errno = EBADF;
		return EOF;
	}
	if (stream->put((char)c, stream) < 0) {
		stream->flags |= __SERR;
		return EOF;
	}
	return (unsigned char)c;
}
