/* uart.c - polled PL011 output on QEMU virt, for the kernel console. */
#include <stdint.h>
#include "console.h"
#include "plat.h"

#define PL011_BASE	(0x09000000u + DEVICE_VOFFSET)
#define PL011_DR	0x00u	/* data register */
#define PL011_FR	0x18u	/* flag register */
#define PL011_FR_TXFF	(1u << 5)	/* transmit FIFO full */

static inline volatile uint32_t *pl011_reg(uint32_t offset)
{
	return (volatile uint32_t *)(PL011_BASE + offset);
}

void console_putc(char c)
{
	if (c == '\n')
		console_putc('\r');
	while (*pl011_reg(PL011_FR) & PL011_FR_TXFF)
		;
	*pl011_reg(PL011_DR) = (uint32_t)(unsigned char)c;
}
