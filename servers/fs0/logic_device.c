/* logic_device.c - the device nodes: /dev and its character devices, the
 * terminal a fresh task (init) starts with on 0, 1 and 2, and which device
 * a descriptor is open on. */
#include <string.h>
#include "dir.h"
#include "fdtable.h"
#include "file.h"
#include "logic_device.h"
#include "random.h"
#include "vfs.h"
#include "vnode.h"

#define DEVICE_DIR	"dev"
#define CONSOLE_PATH	"/dev/console"

static const struct {
	const char *name;
	uint32_t device;
} device_nodes[] = {
	{ "null", FS0_DEV_NULL },	{ "zero", FS0_DEV_ZERO },
	{ "random", FS0_DEV_RANDOM },	{ "urandom", FS0_DEV_URANDOM },
	{ "console", FS0_DEV_CONSOLE }, { "tty", FS0_DEV_TTY },
};

/* A new vnode linked as name in dir (not referenced: the link keeps it). */
static int make_node(struct fs0_vnode *dir, const char *name, uint32_t mode,
		     struct fs0_vnode **out)
{
	if (dir_find(dir, name, strlen(name)))
		return -FS0_EEXIST;
	struct fs0_vnode *vnode = vnode_alloc(dir->mount, mode);
	if (!vnode)
		return -FS0_ENOMEM;
	vnode->nlink = FS0_S_ISDIR(mode) ? 2 : 1;
	int error = dir_add(dir, name, strlen(name), vnode);
	if (error) {
		vnode_drop_link(vnode);
		return error;
	}
	*out = vnode;
	return 0;
}

int devices_fill(struct fs0_vnode *dir)
{
	int error = 0;
	for (size_t i = 0; !error && i < sizeof(device_nodes) / sizeof(device_nodes[0]); i++) {
		struct fs0_vnode *node;
		error = make_node(dir, device_nodes[i].name, FS0_S_IFCHR | 0666, &node);
		if (!error)
			node->device = device_nodes[i].device;
	}
	return error;
}

int fs_make_devices(void)
{
	struct fs0_vnode *root = vfs_root(), *dev;
	if (!root)
		return -FS0_EINVAL;
	int error = make_node(root, DEVICE_DIR, FS0_S_IFDIR | 0755, &dev);
	return error ? error : devices_fill(dev);
}

void fs_add_entropy(const void *data, size_t len)
{
	random_stir(data, len);
}

int device_open_console(struct fs0_task *task)
{
	struct fs0_vnode *console;
	if (vfs_resolve(vfs_root(), CONSOLE_PATH, true, &console))
		return 0;
	struct fs0_file *file = NULL;
	int error = FS0_S_ISCHR(console->mode) ? file_open_vnode(console, FS0_O_RDWR, &file) : 0;
	vnode_put(console);
	if (error || !file)
		return error;
	for (int fd = 0; fd < 3; fd++) {
		if (fd)
			file_get(file);
		fd_install(task->table, fd, file, false);
	}
	return 0;
}

int fs_device(fs0_task_t task_id, int fd)
{
	int error = 0;
	struct fs0_file *file = task_file(task_id, fd, &error);
	if (!file)
		return error;
	return FS0_S_ISCHR(file->vnode->mode) ? (int)file->vnode->device : FS0_DEV_NONE;
}
