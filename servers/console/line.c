/* line.c - the line editor. Control characters other than the editing keys
 * are ignored, so they never reach a program or the screen. */
#include "line.h"

void line_init(struct line *line, line_echo_fn echo, void *echo_ctx)
{
	line->len = 0;
	line->echo = echo;
	line->echo_ctx = echo_ctx;
}

void line_clear(struct line *line)
{
	line->len = 0;
}

static void echo(struct line *line, const char *text, uint32_t len)
{
	line->echo(line->echo_ctx, text, len);
}

static void erase_last(struct line *line)
{
	line->len--;
	echo(line, "\b \b", 3);
}

enum line_event line_key(struct line *line, uint8_t key)
{
	switch (key) {
	case '\r':
	case '\n':
		line->text[line->len++] = '\n';
		echo(line, "\r\n", 2);
		return LINE_DONE;
	case KEY_CTRL_D:
		return line->len ? LINE_PUSH : LINE_EOF;
	case KEY_CTRL_C:
		line->len = 0;
		echo(line, "^C\r\n", 4);
		return LINE_INTERRUPT;
	case KEY_DEL:
	case KEY_CTRL_H:
		if (line->len)
			erase_last(line);
		return LINE_EDITING;
	case KEY_CTRL_U:
		while (line->len)
			erase_last(line);
		return LINE_EDITING;
	default:
		break;
	}
	if (key < 0x20)
		return LINE_EDITING;
	if (line->len == LINE_MAX_BYTES) {
		const char bell = KEY_BELL;

		echo(line, &bell, 1);
		return LINE_EDITING;
	}
	line->text[line->len++] = (char)key;
	echo(line, (const char *)&key, 1);
	return LINE_EDITING;
}
