/* pin.h - pins the calling process to one processor and checks it runs
 * there: 1 when it does, else 0. Shared by the TAP programs (fs0load.c,
 * fs0disk.c) and the ones tools/l4run builds (l4run/four_processes.h). */
#ifndef SMP_PIN_H
#define SMP_PIN_H

/* The includer defines _GNU_SOURCE first (cpu_set_t, sched_getcpu). */
#include <sched.h>

static inline int pin_to(int processor)
{
	cpu_set_t only;

	CPU_ZERO(&only);
	CPU_SET(processor, &only);
	return sched_setaffinity(0, sizeof(only), &only) == 0 && sched_getcpu() == processor;
}

#endif
