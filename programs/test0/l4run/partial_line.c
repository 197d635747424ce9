/* partial_line.c - l4run.test: output whose last line has no newline, then
 * status 5; l4run must show the text as written and pass the status on. */
#include <stdio.h>

int main(void)
{
	printf("first line\nlast line, no newline");
	return 5;
}
