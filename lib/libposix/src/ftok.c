/* ftok.c - a System V IPC key from a file's identity and a project id, laid
 * out as glibc does: the id's low byte, the device's, the inode's low 16 bits. */
#include <sys/ipc.h>
#include <sys/stat.h>

key_t ftok(const char *path, int id)
{
	struct stat status;

	if (stat(path, &status) < 0)
		return (key_t)-1;
	return (key_t)(((uint32_t)id & 0xffu) << 24 | ((uint32_t)status.st_dev & 0xffu) << 16 |
		       ((uint32_t)status.st_ino & 0xffffu));
}
