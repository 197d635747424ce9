/* places.c - the root file system's standard directories; /etc with the
 * user database (root, and "user" with uid 1000) that getpwnam and friends
 * read, then writable copies of whatever the boot archive has in etc (an
 * image's own passwd or group replaces these). On a disk, what is there
 * already stays. */
#include <string.h>
#include "places.h"

#define BOOT_ETC	"/boot/etc"
#define USER_ID		1000u
#define COPY_CHUNK	4096u

struct place {
	const char *path;
	uint32_t mode;
	uint32_t owner;		/* uid and gid */
};

static const struct place places[] = {
	{ "/tmp", 01777, 0 },
	{ "/etc", 0755, 0 },
	{ "/root", 0700, 0 },
	{ "/home", 0755, 0 },
	{ "/home/user", 0755, USER_ID },
	{ "/bin", 0755, 0 },
};

static const struct etc_file {
	const char *path;
	const char *text;
} etc_files[] = {
	{ "/etc/passwd", "root:x:0:0:root:/root:/bin/sh\n"
			 "user:x:1000:1000:user:/home/user:/bin/sh\n" },
	{ "/etc/group", "root:x:0:\n"
			"user:x:1000:\n" },
};

/* fs0 serves one request at a time, so one static buffer serves every copy. */
static _Alignas(8) uint8_t chunk[COPY_CHUNK];
static char name_buf[FS0_PATH_MAX];

/* A disk's own file stays as it is. */
static int write_file(fs0_task_t task, const struct etc_file *file)
{
	int fd = fs_open(task, FS0_AT_FDCWD, file->path, FS0_O_WRONLY | FS0_O_CREAT | FS0_O_EXCL, 0644);
	if (fd == -FS0_EEXIST)
		return 0;
	if (fd < 0)
		return fd;
	size_t length = strlen(file->text);
	long put = fs_write(task, fd, file->text, length, NULL);
	fs_close(task, fd);
	return put == (long)length ? 0 : put < 0 ? (int)put : -FS0_ENOSPC;
}

static int copy_file(fs0_task_t task, const char *from, const char *to)
{
	int in = fs_open(task, FS0_AT_FDCWD, from, FS0_O_RDONLY, 0);
	if (in < 0)
		return in;
	int out = fs_open(task, FS0_AT_FDCWD, to, FS0_O_WRONLY | FS0_O_CREAT | FS0_O_TRUNC, 0644);
	long got = out;
	while (out >= 0 && (got = fs_read(task, in, chunk, sizeof(chunk), NULL)) > 0) {
		long put = fs_write(task, out, chunk, (size_t)got, NULL);
		if (put != got) {
			got = put < 0 ? put : -FS0_ENOSPC;
			break;
		}
	}
	fs_close(task, in);
	if (out >= 0)
		fs_close(task, out);
	return got < 0 ? (int)got : 0;
}

/* Every regular file of /boot/etc, by name, into /etc; none when the archive has no etc. */
static int copy_etc(fs0_task_t task)
{
	int dir = fs_open(task, FS0_AT_FDCWD, BOOT_ETC, FS0_O_RDONLY | FS0_O_DIRECTORY, 0);
	if (dir == -FS0_ENOENT)
		return 0;
	if (dir < 0)
		return dir;
	int error = 0;
	long used;
	static _Alignas(8) uint8_t records[COPY_CHUNK];
	while (!error && (used = fs_getdents(task, dir, records, sizeof(records))) > 0) {
		for (long at = 0; !error && at < used;) {
			const struct fs0_dirent *record = (const struct fs0_dirent *)(records + at);
			const char *name = (const char *)record + FS0_DIRENT_NAME_OFFSET;
			at += record->d_reclen;
			if (record->d_type != FS0_DT_REG)
				continue;
			strcpy(name_buf, BOOT_ETC "/");
			strncat(name_buf, name, sizeof(name_buf) - sizeof(BOOT_ETC) - 1);
			char *target = name_buf + sizeof(BOOT_ETC) - sizeof("/etc");
			error = copy_file(task, name_buf, target);
		}
	}
	fs_close(task, dir);
	return error;
}

int places_make(fs0_task_t task)
{
	for (size_t i = 0; i < sizeof(places) / sizeof(places[0]); i++) {
		const struct place *place = &places[i];
		int error = fs_mkdir(task, FS0_AT_FDCWD, place->path, place->mode);
		if (error == -FS0_EEXIST)
			continue;	/* a disk's, or a mount point on it, as it is */
		if (!error && place->owner)
			error = fs_chown(task, FS0_AT_FDCWD, place->path, place->owner, place->owner, 0);
		if (error)
			return error;
	}
	for (size_t i = 0; i < sizeof(etc_files) / sizeof(etc_files[0]); i++) {
		int error = write_file(task, &etc_files[i]);
		if (error)
			return error;
	}
	return copy_etc(task);
}
