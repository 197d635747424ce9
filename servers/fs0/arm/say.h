/* say.h - fs0's messages on the target's kernel console. */
#ifndef FS0_SAY_H
#define FS0_SAY_H

#include <stdint.h>
#include <l4/syscalls.h>

static inline void say_on_console(const char *text)
{
	uint32_t len = 0;
	while (text[len])
		len++;
	l4_kdebug_puts(text, len);
}

#endif
