/* loop.c - the console server on the target: the PL011 reached through its
 * mapped registers, its interrupt taken as IPC, idlrt's server loop
 * receiving both interrupts and requests, and Ctrl-C's SIGINT sent through
 * mm0 (the console's pager). */
#include <l4/ipc.h>
#include <l4/kip.h>
#include <l4/syscalls.h>
#include <idlrt/serve.h>

#include "console_run.h"
#include "console_server.h"
#include "mm0.h"
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

/* mm0 answers a kill at once, and never calls the console, so this call
 * cannot wait on the console itself. A group that is gone is nobody's loss. */
void console_signal_group(int32_t pgrp)
{
	(void)mm_kill(l4_utcb()->pager, -pgrp, MM0_SIGINT);
}

/* The kernel's messages: only the UART's interrupt is expected, and none is
 * answered (an interrupt is acknowledged by IRQ_CONTROL, not by a reply). */
static int take_kernel_message(struct idlrt_request *rq)
{
	if (rq->client == L4_IRQ_SENDER(uart_irq) &&
	    L4_TAG_LABEL(rq->mr[0]) == L4_LABEL_INTERRUPT) {
		tty_interrupt(&console_tty);
		/* Fails only when the binding is gone, and then nothing more arrives to ack. */
		l4_irq_control(L4_IRQ_ACK, uart_irq, L4_NILTHREAD);
	}
	return IDLRT_NO_REPLY;
}

void console_loop(void)
{
	idlrt_serve_with_kernel(console_dispatch, take_kernel_message, CONSOLE_TRACING);
}
