/* line.h - editing of the input line being typed: echo, Backspace, Ctrl-U,
 * and the keys that end a line (Enter, Ctrl-D) or throw it away (Ctrl-C). */
#ifndef CONSOLE_LINE_H
#define CONSOLE_LINE_H

#include <stdint.h>

#define LINE_MAX_BYTES	200u	/* a longer line rings the bell instead */

#define KEY_CTRL_C	0x03
#define KEY_CTRL_D	0x04
#define KEY_BELL	0x07
#define KEY_CTRL_H	0x08
#define KEY_CTRL_U	0x15
#define KEY_DEL		0x7f

/* What a key did to the line. */
enum line_event {
	LINE_EDITING,	/* still typing */
	LINE_DONE,	/* Enter: text ends in '\n' */
	LINE_PUSH,	/* Ctrl-D after some text: text without a newline */
	LINE_EOF,	/* Ctrl-D on an empty line */
	LINE_INTERRUPT,	/* Ctrl-C: the line is gone */
};

/* Where the echo goes. */
typedef void (*line_echo_fn)(void *ctx, const char *text, uint32_t len);

struct line {
	char text[LINE_MAX_BYTES + 1];	/* + the newline */
	uint32_t len;
	line_echo_fn echo;
	void *echo_ctx;
};

void line_init(struct line *line, line_echo_fn echo, void *echo_ctx);
/* Applies one key. After LINE_DONE or LINE_PUSH the caller takes text[0..len)
 * and calls line_clear. */
enum line_event line_key(struct line *line, uint8_t key);
void line_clear(struct line *line);

#endif
