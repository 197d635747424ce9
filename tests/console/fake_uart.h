/* fake_uart.h - a PL011 register file for the host tests: a receive FIFO the
 * test types into, a log of what was sent, and the interrupt registers. */
#ifndef TESTS_CONSOLE_FAKE_UART_H
#define TESTS_CONSOLE_FAKE_UART_H

#include <stdbool.h>
#include <stdint.h>

#include "pl011.h"

#define FAKE_UART_RX_BYTES	64u
#define FAKE_UART_TX_BYTES	16384u

struct fake_uart {
	uint8_t rx[FAKE_UART_RX_BYTES];
	uint32_t rx_head, rx_count;
	char tx[FAKE_UART_TX_BYTES + 1];	/* NUL-terminated */
	uint32_t tx_len;
	bool tx_full;			/* FR.TXFF as the test sets it */
	uint32_t writes_while_full;	/* DR writes the hardware would have lost */
	uint32_t imsc, ris, cr;
	struct uart_io io;
};

void fake_uart_init(struct fake_uart *uart);
/* Puts bytes into the receive FIFO (the typed keys) and raises RX. */
void fake_uart_type(struct fake_uart *uart, const char *keys, uint32_t len);
/* Sets TXFF; clearing it raises the TX interrupt, as the FIFO draining would. */
void fake_uart_set_tx_full(struct fake_uart *uart, bool full);
/* Forgets what was sent so far. */
void fake_uart_clear_tx(struct fake_uart *uart);

#endif
