/* POSIX shared memory: shm objects found by name (shm_open, shm_unlink, ftruncate). */
#ifndef MM0_POSIX_SHM_H
#define MM0_POSIX_SHM_H

#include <stdint.h>

struct vm_object;

/* Open (MM0_O_CREAT: create, with MM0_O_EXCL: only create) the object named
 * name ("/name", no other '/'); each open holds it until mm0_shm_close.
 * The object is what mm0_mmap takes for the descriptor. */
long mm0_shm_open(const char *name, int oflag, struct vm_object **out);
void mm0_shm_close(struct vm_object *obj);
/* Forget the name; the memory goes with the last opener and mapping. */
long mm0_shm_unlink(const char *name);
/* Set the size; shrinking is refused (-EBUSY) while the object is mapped. */
long mm0_shm_truncate(struct vm_object *obj, uint32_t size);
/* Descriptor handles for shm objects (bit 29; module handles use bit 30).
 * A handle holds its object for as many descriptors as name it. */
#define SHM_HANDLE_BIT		0x20000000u
#define SHM_HANDLES_MAX		64
/* A handle for obj taking over one opener's hold: the handle or -ENFILE. */
long posix_shm_handle_new(struct vm_object *obj);
/* The object of an shm handle, or NULL for any other handle. */
struct vm_object *posix_shm_handle_object(uint32_t handle);
/* One more or one less descriptor names handle (other handles are ignored). */
void posix_shm_handle_get(uint32_t handle);
void posix_shm_handle_put(uint32_t handle);

/* Drop every name still held (mm0_fini). */
void posix_shm_fini(void);

#endif
