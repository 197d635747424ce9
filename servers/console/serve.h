/* serve.h - the console's one terminal and its binding to the generated dispatch. */
#ifndef CONSOLE_SERVE_H
#define CONSOLE_SERVE_H

#include "tty.h"

extern struct tty console_tty;
/* Deferred replies that could not be delivered (the client was gone). */
extern uint32_t console_lost_replies;

/* Starts the terminal on the UART; then console_dispatch serves requests
 * and tty_interrupt(&console_tty) takes the UART's interrupts. */
void console_serve_start(const struct uart_io *io);
/* Sends SIGINT to process group pgrp (Ctrl-C): mm0's kill on the target
 * (arm/loop.c), a recorder in the host tests. */
void console_signal_group(int32_t pgrp);

#endif
