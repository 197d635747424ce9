/* trace.h - mm0-trace.elf only: every request and reply printed, decoded, on the kernel console. */
#ifndef MM0_ARM_TRACE_H
#define MM0_ARM_TRACE_H

/* Sends the dispatch's trace lines to the kernel console and names callers:
 * "[N]" for a thread of process N, "[tN]" for kernel thread slot N otherwise. */
void mm0_trace_start(void);

#endif
