/* uart.c - polled PL011 output for the kernel console: the board's early
 * UART until the device tree has been read, then the tree's PL011. */
#include <stdint.h>
#include "console.h"
#include "plat.h"

#define PL011_DR	0x00u	/* data register */
#define PL011_FR	0x18u	/* flag register */
#define PL011_FR_TXFF	(1u << 5)	/* transmit FIFO full */

static uint32_t uart_base = PLAT_EARLY_UART_PHYS + DEVICE_VOFFSET;

static inline volatile uint32_t *pl011_reg(uint32_t offset)
{
	return (volatile uint32_t *)(uart_base + offset);
}

void console_use_tree_uart(void)
{
	uart_base = plat.uart->base + DEVICE_VOFFSET;
}

void console_putc(char c)
{
	if (c == '\n')
		console_putc('\r');
	while (*pl011_reg(PL011_FR) & PL011_FR_TXFF)
		;
	*pl011_reg(PL011_DR) = (uint32_t)(unsigned char)c;
}
