/* console_run.h - starting the console server and its loop, shared by
 * the server's main and the QEMU self-test that links the same code. */
#ifndef CONSOLE_ARM_CONSOLE_RUN_H
#define CONSOLE_ARM_CONSOLE_RUN_H

#include <l4/abi.h>

/* Where the server maps the PL011's page in its own space. */
#define CONSOLE_UART_VIRT	0x3fff0000u

/* Maps the UART, takes its interrupt and starts the terminal: 0 or -L4_E*
 * (the space must own the UART's page and be privileged for IRQ_CONTROL). */
int console_start(void);

/* console-trace.elf is built with -DCONSOLE_TRACE and an idlc --trace
 * dispatch: its loop traces every request and reply. console.elf does not. */
#ifdef CONSOLE_TRACE
#define CONSOLE_TRACING 1
#else
#define CONSOLE_TRACING 0
#endif

/* Serves requests and interrupts for ever. */
void console_loop(void) __attribute__((noreturn));

#endif
