/* words.c - libtally's word splitter. */
#include <ctype.h>

#include "tally.h"

static int in_word(char c)
{
	return isalpha((unsigned char)c) || c == '\'';
}

int words_each(char *text, size_t length, int (*seen)(const char *, size_t, void *),
	       void *context)
{
	size_t i = 0;

	while (i < length) {
		size_t start;
		int answer;

		while (i < length && !in_word(text[i]))
			i++;
		start = i;
		for (; i < length && in_word(text[i]); i++)
			text[i] = (char)tolower((unsigned char)text[i]);
		if (i == start)
			continue;
		answer = seen(text + start, i - start, context);
		if (answer)
			return answer;
	}
	return 0;
}
