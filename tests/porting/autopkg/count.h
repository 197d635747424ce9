/* count.h - libcount: facts about a list of words. */
#ifndef COUNT_H
#define COUNT_H

#include <stddef.h>

/* The total length of the words, and the root mean square of their lengths. */
size_t count_letters(char *const words[], int count);
double count_length_rms(char *const words[], int count);

#endif
