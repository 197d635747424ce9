/* Boot modules as read-only files: a pager that copies pages out of a module's image. */
#ifndef MM0_MODULE_FILE_H
#define MM0_MODULE_FILE_H

#include <stdint.h>

struct vm_object;

#define MODULE_MAX		16
#define MODULE_NAME_MAX		31
/* A module descriptor's fd-table handle (bit 30: fs0's handles stay below it;
 * handles are non-negative longs, so bit 31 is never used). */
#define MODULE_HANDLE_BIT	0x40000000u
#define MODULE_HANDLE(index)	(MODULE_HANDLE_BIT | (uint32_t)(index))

/* Make the image (as mm0 sees it) findable by name: its index or -errno. */
int module_register(const char *name, const void *image, uint32_t size);
void module_reset(void);
/* The index of the module called name, or -ENOENT. */
int module_find(const char *name);
const void *module_image(int index, uint32_t *size);

/* A file object holding the whole module; close it with vm_file_close. */
int module_file_open(int index, struct vm_object **out);
/* A file object for an ELF segment: its page 0 holds the page at vaddr &
 * ~page mask, with filesz bytes from offset placed at vaddr and zeroes
 * around them. Slot (0..MODULE_SEGMENTS-1) names the segment. */
#define MODULE_SEGMENTS		8
int module_segment_open(int index, unsigned slot, uint32_t offset, uint32_t filesz,
			uint32_t vaddr, struct vm_object **out);

#endif
