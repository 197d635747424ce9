/* sys/dirent.h - directory streams for <dirent.h> (libposix; replaces the
 * C library's, which only says that directories are not supported). */
#ifndef _SYS_DIRENT_H
#define _SYS_DIRENT_H

#include <sys/types.h>
#include <limits.h>

#ifdef __cplusplus
extern "C" {
#endif

#define DT_UNKNOWN	0
#define DT_FIFO		1
#define DT_CHR		2
#define DT_DIR		4
#define DT_REG		8

struct dirent {
	ino_t d_ino;
	unsigned char d_type;
	char d_name[256];
};

#define _DIRENT_BUFFER_SIZE	1024

/* An open directory: its descriptor and the records read ahead. */
typedef struct {
	int fd;
	int buffered;		/* bytes of records in buffer */
	int position;		/* offset of the next record in buffer */
	long long cookie;	/* where the next record comes from (telldir) */
	struct dirent entry;	/* what readdir returns */
	long long buffer[_DIRENT_BUFFER_SIZE / sizeof(long long)];
} DIR;

#ifdef __cplusplus
}
#endif

#endif
