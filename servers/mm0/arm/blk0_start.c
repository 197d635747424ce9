/* blk0_start.c - the boot configuration's disk driver: when the image has
 * blk0 (tools/l4run --disk), mm0 starts it as a system task with the
 * virtio-mmio transports' pages and a privileged space (for its interrupt),
 * and names it "blk0" for fs0 and the tests (docs/storage.md). */
#include <l4/syscalls.h>

#include "boot.h"
#include "fs/module_file.h"
#include "mm0_local.h"
#include "proc/spawn.h"
#include "proc/task.h"
#include "serve/services.h"
#include "serve/startup.h"
#include "virtio_mmio_virt.h"

void start_blk0(void)
{
	static const char *const blk0_argv[] = { "blk0", NULL };
	struct task *blk0;
	uint32_t entry;
	long err;

	if (module_find("blk0") < 0)
		return;
	err = mm0_spawn_stopped(mm0_self(), "blk0", blk0_argv, &blk0, &entry);
	if (err) {
		console_printf("mm0: cannot load blk0 (error %ld)\n", err);
		return;
	}
	task_make_system(blk0);
	err = kernel_error_to_errno(l4_space_control(L4_SC_GRANT_PHYS, blk0->l4_tid,
						     VIRT_VIRTIO_MMIO_BASE, VIRT_VIRTIO_MMIO_SIZE));
	if (!err)
		err = kernel_error_to_errno(l4_space_control(L4_SC_SET_PRIVILEGED, blk0->l4_tid,
							     0, 0));
	if (!err)
		err = mm0_task_start(blk0, entry, MM0_STACK_TOP);
	if (err) {
		spawn_undo(mm0_self(), blk0);
		console_printf("mm0: cannot start blk0 (error %ld)\n", err);
		return;
	}
	err = services_add("blk0", blk0->l4_tid);
	if (err)
		console_printf("mm0: blk0 not registered (error %ld)\n", err);
}
