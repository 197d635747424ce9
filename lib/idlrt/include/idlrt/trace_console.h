/* trace_console.h - the traced servers of the target (fs0-trace.elf, mm0-trace.elf,
 * console-trace.elf): their trace lines on the kernel console. */
#ifndef IDLRT_TRACE_CONSOLE_H
#define IDLRT_TRACE_CONSOLE_H

#include <idlrt/idlrt.h>

/* Sends every trace line to the kernel console (l4_kdebug_puts) with its
 * newline, each caller named by name_of (see idlrt_trace_caller). */
void idlrt_trace_to_console(const char *(*name_of)(l4_tid_t tid));

/* The same for a server that does not know its callers' processes (the
 * console): each caller is named by the pid pid_of answers (mm.pid_of),
 * asked once per thread and kept; a thread without one (pid_of < 1) by its
 * kernel thread slot. */
void idlrt_trace_to_console_asking(int (*pid_of)(l4_tid_t tid));

#endif
