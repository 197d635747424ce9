/* wordstat.h - what the report needs from main: the counts of one text. */
#ifndef WORDSTAT_H
#define WORDSTAT_H

#include "tally.h"

struct text_counts {
	unsigned lines, words;
	double length_sum, length_square_sum;
	struct tally table;
};

/* Prints the counts, the mean and standard deviation of the word lengths,
 * and the top most frequent words. */
void report_print(const struct text_counts *counts, unsigned top);

#endif
