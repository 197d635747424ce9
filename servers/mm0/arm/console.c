/* mm0's console output through the kernel debugger call. */
#include <stdarg.h>
#include <stdio.h>

#include <l4/syscalls.h>

#include "boot.h"

void console_printf(const char *format, ...)
{
	char line[160];
	va_list args;
	int length;

	va_start(args, format);
	length = vsnprintf(line, sizeof(line), format, args);
	va_end(args);
	if (length < 0)
		return;
	if ((size_t)length >= sizeof(line))
		length = sizeof(line) - 1;
	l4_kdebug_puts(line, (uint32_t)length);
}
