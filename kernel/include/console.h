/* console.h - the kernel's early console (polled UART of the platform). */
#ifndef KERNEL_CONSOLE_H
#define KERNEL_CONSOLE_H

void console_putc(char c);

#endif
