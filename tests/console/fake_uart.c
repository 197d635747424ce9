/* fake_uart.c - the PL011 register semantics the console relies on. */
#include <string.h>

#include "fake_uart.h"

static uint32_t fake_read(void *ctx, uint32_t offset)
{
	struct fake_uart *uart = ctx;
	uint32_t value = 0;

	switch (offset) {
	case PL011_DR:
		if (uart->rx_count) {
			value = uart->rx[uart->rx_head];
			uart->rx_head = (uart->rx_head + 1) % FAKE_UART_RX_BYTES;
			uart->rx_count--;
		}
		if (!uart->rx_count)
			uart->ris &= ~PL011_INT_RX;
		return value;
	case PL011_FR:
		return (uart->rx_count ? 0 : PL011_FR_RXFE) | (uart->tx_full ? PL011_FR_TXFF : 0);
	case PL011_CR:
		return uart->cr;
	case PL011_IMSC:
		return uart->imsc;
	case PL011_MIS:
		return uart->ris & uart->imsc;
	default:
		return 0;
	}
}

static void fake_write(void *ctx, uint32_t offset, uint32_t value)
{
	struct fake_uart *uart = ctx;

	switch (offset) {
	case PL011_DR:
		if (uart->tx_full) {
			uart->writes_while_full++;
		} else if (uart->tx_len < FAKE_UART_TX_BYTES) {
			uart->tx[uart->tx_len++] = (char)value;
			uart->tx[uart->tx_len] = '\0';
		}
		break;
	case PL011_CR:
		uart->cr = value;
		break;
	case PL011_IMSC:
		uart->imsc = value & PL011_INT_ALL;
		break;
	case PL011_ICR:
		uart->ris &= ~value;
		break;
	default:
		break;
	}
}

void fake_uart_init(struct fake_uart *uart)
{
	memset(uart, 0, sizeof(*uart));
	uart->io = (struct uart_io){ fake_read, fake_write, uart };
}

void fake_uart_type(struct fake_uart *uart, const char *keys, uint32_t len)
{
	for (uint32_t i = 0; i < len && uart->rx_count < FAKE_UART_RX_BYTES; i++) {
		uart->rx[(uart->rx_head + uart->rx_count) % FAKE_UART_RX_BYTES] = (uint8_t)keys[i];
		uart->rx_count++;
	}
	if (uart->rx_count)
		uart->ris |= PL011_INT_RX;
}

void fake_uart_set_tx_full(struct fake_uart *uart, bool full)
{
	uart->tx_full = full;
	if (!full)
		uart->ris |= PL011_INT_TX;
}

void fake_uart_clear_tx(struct fake_uart *uart)
{
	uart->tx_len = 0;
	uart->tx[0] = '\0';
}
