/* The only ways mm0 reaches a client's memory: through an object it holds, or through the client's space as the client would touch it. */
#ifndef MM0_CLIENT_COPY_H
#define MM0_CLIENT_COPY_H

#include <stdint.h>

struct vm_object;
struct vm_space;

/* len bytes at byte off of obj (a shared buffer mm0 holds a reference to)
 * into out, whatever the client has since done to its mappings of obj:
 * 0, or -EFAULT when the range leaves the object or a page is not there. */
int client_object_read(struct vm_object *obj, uint32_t off, uint32_t len, void *out);

/* Copies between mm0 and the user memory of vm at addr, each page looked up
 * again and faulted in as the client's own access would (a write makes a
 * private copy): 0, or vm_fault's error for the first page that is not
 * mapped for that access or cannot be filled (-EFAULT outside user space).
 * mm0 touches only pages the space's objects hold, so it never faults. */
int client_space_read(struct vm_space *vm, uint32_t addr, void *out, uint32_t len);
int client_space_write(struct vm_space *vm, uint32_t addr, const void *data, uint32_t len);
/* Zeroes len bytes at addr the same way as client_space_write. */
int client_space_zero(struct vm_space *vm, uint32_t addr, uint32_t len);

#endif
