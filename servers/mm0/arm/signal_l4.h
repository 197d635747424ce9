/* Signals on the target: register access through exchange_registers and the alarm thread. */
#ifndef MM0_ARM_SIGNAL_L4_H
#define MM0_ARM_SIGNAL_L4_H

/* Installs signal_kernel and starts the alarm timer thread; 0 or -errno. */
int signal_l4_start(void);

#endif
