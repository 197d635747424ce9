/* pl011.h - the PL011 UART's registers and a driver that reaches them through
 * struct uart_io, so the same code drives the device on the target and a fake
 * register file in the host tests. */
#ifndef CONSOLE_PL011_H
#define CONSOLE_PL011_H

#include <stdbool.h>
#include <stdint.h>

/* Register offsets in bytes. */
#define PL011_DR	0x00u
#define PL011_FR	0x18u
#define PL011_CR	0x30u
#define PL011_IMSC	0x38u
#define PL011_MIS	0x40u
#define PL011_ICR	0x44u

#define PL011_FR_RXFE	(1u << 4)	/* receive FIFO empty */
#define PL011_FR_TXFF	(1u << 5)	/* transmit FIFO full */

#define PL011_CR_UARTEN	(1u << 0)
#define PL011_CR_TXE	(1u << 8)
#define PL011_CR_RXE	(1u << 9)

/* Interrupt bits, the same in IMSC, RIS, MIS and ICR. */
#define PL011_INT_RX	(1u << 4)
#define PL011_INT_TX	(1u << 5)
#define PL011_INT_RT	(1u << 6)	/* receive timeout */
#define PL011_INT_ALL	0x7ffu

/* How the driver reads and writes a register. */
struct uart_io {
	uint32_t (*read)(void *ctx, uint32_t offset);
	void (*write)(void *ctx, uint32_t offset, uint32_t value);
	void *ctx;
};

/* Enables the UART with receive interrupts on and transmit interrupts off. */
void pl011_start(const struct uart_io *io);
/* Takes one received byte: true with *byte set, false when none is waiting. */
bool pl011_receive(const struct uart_io *io, uint8_t *byte);
/* Sends one byte if the transmit FIFO has room: true if it was taken. */
bool pl011_send(const struct uart_io *io, uint8_t byte);
/* Asks for an interrupt when the transmit FIFO has room (or stops asking). */
void pl011_want_tx(const struct uart_io *io, bool want);
/* Clears the pending interrupt causes; returns them (PL011_INT_*). */
uint32_t pl011_take_interrupts(const struct uart_io *io);

#endif
