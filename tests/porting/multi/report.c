/* report.c - wordstat's report: the statistics need libm (sqrt). */
#include <math.h>
#include <stdio.h>

#include "wordstat.h"

void report_print(const struct text_counts *counts, unsigned top)
{
	double mean = 0, deviation = 0;

	if (counts->words) {
		mean = counts->length_sum / counts->words;
		deviation = sqrt(counts->length_square_sum / counts->words - mean * mean);
	}
	printf("lines %u words %u distinct %zu\n", counts->lines, counts->words,
	       counts->table.used);
	printf("word length: mean %.3f, standard deviation %.3f\n", mean, deviation);
	for (unsigned i = 0; i < top && i < counts->table.used; i++)
		printf("%u. %s (%u)\n", i + 1, counts->table.entries[i].word,
		       counts->table.entries[i].count);
}
