/* The kernel calls mm0 was started with (mm0_init sets them). */
#include <stddef.h>

#include "mem/kernel_ops.h"

const struct kernel_ops *mm0_kernel;
void *mm0_kernel_ctx;
