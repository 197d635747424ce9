/* clock_l4.h - fs0's file clock on the target (clock_l4.c). */
#ifndef FS0_CLOCK_L4_H
#define FS0_CLOCK_L4_H

/* File times from now on come from the generic timer. */
void clock_l4_start(void);

#endif
