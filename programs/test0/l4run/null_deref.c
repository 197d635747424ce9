/* null_deref.c - l4run.test: reads through a NULL pointer. */
#include <stdio.h>

int main(void)
{
	printf("reading address 0\n");
	return *(volatile int *)0;
}
