/* split.c - a command line into words: blanks, quotes, backslash, $?. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "sh.h"

static int is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int sh_split(const char *line, int last_status, char *text, char *words[SH_ARGS_MAX + 1])
{
	char status_text[12];
	size_t used = 0;
	int count = 0;

	snprintf(status_text, sizeof(status_text), "%d", last_status);
	while (*line) {
		char quote = 0;

		while (is_blank(*line))
			line++;
		if (!*line)
			break;
		if (count == SH_ARGS_MAX)
			return -E2BIG;
		words[count++] = &text[used];
		while (*line && (quote || !is_blank(*line))) {
			const char *piece = line;
			size_t piece_len = 1;

			if (!quote && (*line == '\'' || *line == '"')) {
				quote = *line++;
				continue;
			}
			if (quote && *line == quote) {
				quote = 0;
				line++;
				continue;
			}
			if (*line == '\\' && quote != '\'' && line[1]) {
				piece = ++line;
			} else if (*line == '$' && line[1] == '?' && quote != '\'') {
				piece = status_text;
				piece_len = strlen(status_text);
				line++;
			}
			if (used + piece_len >= SH_LINE_MAX)
				return -E2BIG;
			memcpy(&text[used], piece, piece_len);
			used += piece_len;
			line++;
		}
		if (quote)
			return -EINVAL;
		text[used++] = '\0';
	}
	words[count] = NULL;
	return count;
}
