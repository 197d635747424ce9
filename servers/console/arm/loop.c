/* loop.c - the console server on the target: the PL011 reached through its
 * mapped registers, its interrupt taken as IPC, and idlrt's server loop
 * receiving both interrupts and requests. */
#include <l4/ipc.h>
#include <l4/syscalls.h>
#include <idlrt/serve.h>

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

int console_start(void)
{
	l4_tid_t self = l4_myself();
	int err = l4_map(self, PL011_PHYS, CONSOLE_UART_VIRT, L4_PAGE_SIZE,
			 L4_PERM_READ | L4_PERM_WRITE | L4_PERM_DEVICE, 0);

	if (err)
		return err;
	err = l4_irq_control(L4_IRQ_BIND, PL011_IRQ, self);
	if (err)
		return err;
	console_serve_start(&uart_mmio);
	return 0;
}

/* The kernel's messages: only the UART's interrupt is expected, and none is
 * answered (an interrupt is acknowledged by IRQ_CONTROL, not by a reply). */
static int take_kernel_message(struct idlrt_request *rq)
{
	if (rq->client == L4_IRQ_SENDER(PL011_IRQ) &&
	    L4_TAG_LABEL(rq->mr[0]) == L4_LABEL_INTERRUPT) {
		tty_interrupt(&console_tty);
		/* Fails only when the binding is gone, and then nothing more arrives to ack. */
		l4_irq_control(L4_IRQ_ACK, PL011_IRQ, L4_NILTHREAD);
	}
	return IDLRT_NO_REPLY;
}

void console_loop(void)
{
	idlrt_serve_with_kernel(console_dispatch, take_kernel_message, 0);
}
