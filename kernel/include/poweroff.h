/* poweroff.h - stop the machine, reporting a status to the host. */
#ifndef KERNEL_POWEROFF_H
#define KERNEL_POWEROFF_H

void machine_poweroff(int status) __attribute__((noreturn));

#endif
