/* loop.c - the console server on the target: the PL011 reached through its
 * mapped registers, its interrupt taken as IPC, and one loop that receives
 * both interrupts and requests. */
#include <l4/ipc.h>
#include <l4/kip.h>
#include <l4/syscalls.h>

#include "console_run.h"
#include "console_server.h"
#include "serve.h"

static uint32_t mmio_read(void *ctx, uint32_t offset)
{
	return *(volatile uint32_t *)((uintptr_t)ctx + offset);
}

static void mmio_write(void *ctx, uint32_t offset, uint32_t value)
{
	*(volatile uint32_t *)((uintptr_t)ctx + offset) = value;
}

static const struct uart_io uart_mmio = { mmio_read, mmio_write, (void *)CONSOLE_UART_VIRT };
/* The PL011's interrupt, as the kernel found it in the device tree. */
static uint32_t uart_irq;

int console_start(void)
{
	l4_tid_t self = l4_myself();
	const struct l4_kip_device *uart = l4_kip_device(L4_DEV_UART);
	int err;

	if (!uart || !uart->irq)
		return -L4_EINVAL;
	uart_irq = uart->irq;
	err = l4_map(self, uart->base, CONSOLE_UART_VIRT, L4_PAGE_SIZE,
		     L4_PERM_READ | L4_PERM_WRITE | L4_PERM_DEVICE, 0);
	if (err)
		return err;
	err = l4_irq_control(L4_IRQ_BIND, uart_irq, self);
	if (err)
		return err;
	console_serve_start(&uart_mmio);
	return 0;
}

static int is_uart_interrupt(l4_tid_t from, const uint32_t *mr)
{
	return from == L4_IRQ_SENDER(uart_irq) && L4_TAG_LABEL(mr[0]) == L4_LABEL_INTERRUPT;
}

void console_loop(void)
{
	struct idlrt_request rq = { .mr = l4_utcb()->mr };
	l4_tid_t from = L4_NILTHREAD;
	int err = l4_receive(L4_ANYTHREAD, L4_TIMEOUTS_NEVER, &from);

	for (;;) {
		if (err < 0) {
			err = l4_receive(L4_ANYTHREAD, L4_TIMEOUTS_NEVER, &from);
			continue;
		}
		if (is_uart_interrupt(from, rq.mr)) {
			tty_interrupt(&console_tty);
			/* Fails only when the binding is gone, and then nothing more arrives to ack. */
			l4_irq_control(L4_IRQ_ACK, uart_irq, L4_NILTHREAD);
			err = l4_receive(L4_ANYTHREAD, L4_TIMEOUTS_NEVER, &from);
			continue;
		}
		rq.client = from;
		if (console_dispatch(&rq) == IDLRT_SEND_REPLY)
			err = l4_reply_wait(from, &from);
		else
			err = l4_receive(L4_ANYTHREAD, L4_TIMEOUTS_NEVER, &from);
	}
}
