/* pl011.c - the PL011 driver: receive, send and interrupt masks. */
#include "pl011.h"

/* Pending receive causes stay set: a key typed before the start must still
 * raise the interrupt once it is unmasked. */
void pl011_start(const struct uart_io *io)
{
	io->write(io->ctx, PL011_ICR, PL011_INT_ALL & ~(PL011_INT_RX | PL011_INT_RT));
	io->write(io->ctx, PL011_CR, PL011_CR_UARTEN | PL011_CR_TXE | PL011_CR_RXE);
	io->write(io->ctx, PL011_IMSC, PL011_INT_RX | PL011_INT_RT);
}

bool pl011_receive(const struct uart_io *io, uint8_t *byte)
{
	if (io->read(io->ctx, PL011_FR) & PL011_FR_RXFE)
		return false;
	*byte = (uint8_t)io->read(io->ctx, PL011_DR);
	return true;
}

bool pl011_send(const struct uart_io *io, uint8_t byte)
{
	if (io->read(io->ctx, PL011_FR) & PL011_FR_TXFF)
		return false;
	io->write(io->ctx, PL011_DR, byte);
	return true;
}

void pl011_want_tx(const struct uart_io *io, bool want)
{
	uint32_t mask = io->read(io->ctx, PL011_IMSC);

	mask = want ? mask | PL011_INT_TX : mask & ~PL011_INT_TX;
	io->write(io->ctx, PL011_IMSC, mask);
}

uint32_t pl011_take_interrupts(const struct uart_io *io)
{
	uint32_t causes = io->read(io->ctx, PL011_MIS);

	io->write(io->ctx, PL011_ICR, causes);
	return causes;
}
