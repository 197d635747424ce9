/* The link to fs0 as fs_link.c and fs_file.c share it. */
#ifndef MM0_FS_LINK_STATE_H
#define MM0_FS_LINK_STATE_H

#include <stdint.h>

struct fs_ops;
struct task;

struct fs_link {
	struct task *task;		/* fs0, once prepared */
	const struct fs_ops *ops;	/* set while fs0 serves */
	uint32_t own_window;		/* mm0's page in fs0's window */
	uint8_t *own_page;		/* the same page as mm0 sees it */
	uint32_t pager_window;		/* the pager thread's page in fs0's window */
	uint8_t *pager_page;		/* the same page as mm0 sees it, once registered */
	uint8_t *pager_page_made;	/* made with fs0's window, not registered yet */
};

extern struct fs_link fs_link;

#endif
