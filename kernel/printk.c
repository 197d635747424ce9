/* printk.c - formatted output on the kernel console; panic. */
#include <stdarg.h>
#include "console.h"
#include "format.h"
#include "poweroff.h"
#include "printk.h"

/* Exit status the machine reports when the kernel panics. */
#define PANIC_EXIT_STATUS 99

static void console_sink(char c, void *ctx)
{
	(void)ctx;
	console_putc(c);
}

int printk(const char *fmt, ...)
{
	va_list args;
	va_start(args, fmt);
	int n = format_emit(console_sink, 0, fmt, args);
	va_end(args);
	return n;
}

void panic(const char *fmt, ...)
{
	va_list args;
	printk("\nkernel panic: ");
	va_start(args, fmt);
	format_emit(console_sink, 0, fmt, args);
	va_end(args);
	printk("\n");
	machine_poweroff(PANIC_EXIT_STATUS);
}
