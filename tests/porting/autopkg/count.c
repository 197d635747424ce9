/* count.c - libcount: letters and lengths of words (sqrt from libm). */
#include <math.h>
#include <string.h>

#include "count.h"

size_t count_letters(char *const words[], int count)
{
	size_t letters = 0;

	for (int i = 0; i < count; i++)
		letters += strlen(words[i]);
	return letters;
}

double count_length_rms(char *const words[], int count)
{
	double squares = 0;

	for (int i = 0; i < count; i++)
		squares += (double)strlen(words[i]) * (double)strlen(words[i]);
	return count ? sqrt(squares / count) : 0;
}
