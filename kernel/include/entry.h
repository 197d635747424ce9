/* entry.h - the numbers vectors.S works with, in a form the assembler reads;
 * trap.c checks each against abi.h and thread.h at compile time. */
#ifndef KERNEL_ENTRY_H
#define KERNEL_ENTRY_H

#define ENTRY_MODE_SVC		0x13	/* CPSR mode field of SVC mode */
#define ENTRY_SYS_IPC		0	/* L4_SYS_IPC */
#define ENTRY_SYS_NULL		11	/* L4_SYS_NULL */
#define ENTRY_CONTEXT_GPRS	60	/* r0-r14: offset of pc in struct context */
#define ENTRY_CONTEXT_SIZE	68	/* ... then pc and cpsr, as srsdb stores them */
#define ENTRY_CPU_STACK_SIZE	8192	/* each processor's kernel stack (cpu.h) */

#endif
