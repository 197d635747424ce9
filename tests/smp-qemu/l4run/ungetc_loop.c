/* ungetc_loop.c - ungetc.test's program (tools/l4run --cpus 4): a byte
 * pushed back with ungetc and read again with getc, ROUNDS times, must
 * never be refused or lost. With several processors every kernel entry
 * (the tick's among them) takes the big kernel lock with exclusives, which
 * makes a store-exclusive in flight fail; an ungetc that gave up then
 * (picolibc 1.8's) lost 8 of 4,000,000 bytes here. Prints the losses. */
#include <stdio.h>

#define ROUNDS	4000000L

/* A stream that always has more to read: only pushed-back bytes matter. */
static int get_dot(FILE *stream)
{
	(void)stream;
	return '.';
}

static FILE source = FDEV_SETUP_STREAM(NULL, get_dot, NULL, _FDEV_SETUP_READ);

int main(void)
{
	long lost = 0;

	for (long i = 0; i < ROUNDS; i++) {
		int byte = 'a' + (int)(i % 26);

		if (ungetc(byte, &source) != byte || getc(&source) != byte)
			lost++;
	}
	printf("ungetc_loop: %ld of %ld pushed-back bytes lost\n", lost, ROUNDS);
	return lost != 0;
}
