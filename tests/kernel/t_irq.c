/* t_irq.c - an interrupt delivered to a user thread: the PL011's transmit
 * interrupt, raised by writing a character. The UART's address and
 * interrupt come from the KIP, as the kernel read them from the device tree. */
#include "ktest.h"

#define UART_VA		0x30000000u
#define UART_DR		0x00u
#define UART_IMSC	0x38u
#define UART_ICR	0x44u
#define UART_TXI	(1u << 5)

static uint32_t uart_irq;

static volatile uint32_t *uart(uint32_t offset)
{
	return (volatile uint32_t *)(UART_VA + offset);
}

static void irq_handler(uint32_t arg)
{
	(void)arg;
	uint32_t *mr = l4_utcb()->mr;
	l4_tid_t from = 0;
	int r = l4_receive(L4_ANYTHREAD, L4_TIMEOUTS_NEVER, &from);
	uint32_t tag = mr[0], irq = mr[1];
	*uart(UART_IMSC) &= ~UART_TXI;
	*uart(UART_ICR) = UART_TXI;
	int ack = l4_irq_control(L4_IRQ_ACK, uart_irq, 0);
	report(8, (uint32_t)r, from, tag, irq | ((uint32_t)ack << 16));
	block_forever();
}

void test_irq(void)
{
	uint32_t w[5];
	const struct l4_kip_device *pl011 = l4_kip_device(L4_DEV_UART);
	check_true("irq: the KIP names a UART with an interrupt", pl011 && pl011->irq >= 32,
		   pl011 ? pl011->irq : 0);
	if (!pl011)
		return;
	uart_irq = pl011->irq;
	check_eq("irq: map the UART", l4_map(root_tid, pl011->base, UART_VA, 4096,
		 L4_PERM_READ | L4_PERM_WRITE | L4_PERM_DEVICE, 0), 0);
	l4_tid_t h = spawn(irq_handler, 0, 120, 0);
	check_eq("irq: bind the timer PPI refused", l4_irq_control(L4_IRQ_BIND, 27, h), -L4_EINVAL);
	check_eq("irq: bind out of range", l4_irq_control(L4_IRQ_BIND, 5000, h), -L4_EINVAL);
	check_eq("irq: unbind unbound", l4_irq_control(L4_IRQ_UNBIND, uart_irq, 0), -L4_EINVAL);
	check_eq("irq: bind to unknown thread", l4_irq_control(L4_IRQ_BIND, uart_irq, 0x4321),
		 -L4_ENOTHREAD);
	check_eq("irq: bad op", l4_irq_control(9, uart_irq, h), -L4_EINVAL);
	check_eq("irq: bind UART", l4_irq_control(L4_IRQ_BIND, uart_irq, h), 0);
	check_eq("irq: bind twice", l4_irq_control(L4_IRQ_BIND, uart_irq, h), -L4_EBUSY);
	out("irq: raising the UART transmit interrupt .");
	*uart(UART_IMSC) |= UART_TXI;
	*uart(UART_DR) = '\n';
	int r = wait_report(h, w);
	check_true("irq: handler received an IPC", r == 0 && w[1] == 0, w[1]);
	check_eq("irq: sent by the interrupt's id", (int32_t)w[2], (int32_t)L4_IRQ_SENDER(uart_irq));
	check_eq("irq: interrupt label", (int32_t)w[3], (int32_t)L4_TAG(L4_LABEL_INTERRUPT, 1));
	check_eq("irq: number in MR1", (int32_t)(w[4] & 0xffff), (int32_t)uart_irq);
	check_eq("irq: ack", (int32_t)(w[4] >> 16), 0);
	check_eq("irq: unbind", l4_irq_control(L4_IRQ_UNBIND, uart_irq, 0), 0);
	l4_thread_destroy(h);
	l4_unmap(root_tid, UART_VA, 4096, 0);
}
