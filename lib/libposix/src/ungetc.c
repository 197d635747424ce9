/* ungetc.c - ungetc in place of picolibc's: the pushed-back byte goes into
 * the stream's unget word with a compare-and-swap that retries when the
 * store-exclusive fails. picolibc 1.8's makes one weak attempt and answers
 * EOF, the byte lost, when the store-exclusive fails; it fails whenever the
 * kernel is entered between the ldrexh and the strexh with several
 * processors (the big kernel lock's own exclusives move the monitor), so
 * sscanf lost the first digit of a number once in many thousand calls
 * (docs/libposix.md, "ungetc"). The word's coding is picolibc's: the byte
 * with bit 8 set, 0 for none, which its getc takes back. */
#include <stdbool.h>
#include <stdio.h>

#define UNGET_HELD	0x100u

int ungetc(int c, FILE *stream)
{
	__ungetc_t none = 0;

	if (!(stream->flags & __SRD) || c == EOF)
		return EOF;
	/* Strong: only a byte already pushed back refuses this one. */
	if (!__atomic_compare_exchange_n(&stream->unget, &none,
					 (__ungetc_t)((unsigned char)c | UNGET_HELD), false,
					 __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
		return EOF;
	stream->flags &= (uint8_t)~__SEOF;
	return (unsigned char)c;
}
