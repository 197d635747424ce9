/* printk.h - kernel console output and the panic path. */
#ifndef KERNEL_PRINTK_H
#define KERNEL_PRINTK_H

int printk(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void panic(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));

#endif
