/* trace.h - fs0-trace.elf only: every request and reply printed, decoded, on the kernel console. */
#ifndef FS0_ARM_TRACE_H
#define FS0_ARM_TRACE_H

#include <l4/abi.h>

/* Sends the dispatch's trace lines to the kernel console and names callers:
 * "[mm0]" for fs0's pager, "[N]" for process N, "[tN]" for kernel thread slot N. */
void fs0_trace_start(l4_tid_t mm0);

#endif
