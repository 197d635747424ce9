/* New processes: an empty one with its environment page, or one running a boot module's program. */
#ifndef MM0_SPAWN_H
#define MM0_SPAWN_H

#include <stdint.h>

struct task;

/* A new process under parent with an empty space and an environment page
 * built from argv/envp (NULL-terminated); its thread is not started yet. */
int mm0_task_create(struct task *parent, const char *const argv[], const char *const envp[],
		    struct task **out);
/* Run the task's first thread at pc with sp; r0 holds the environment page's address. */
int mm0_task_start(struct task *task, uint32_t pc, uint32_t sp);

/* Checks the module's ELF header and segments: 0, -ENOENT or -ENOEXEC. */
int spawn_check(int module_index, uint32_t *entry);
/* Checks an ELF image whose first head_size bytes are at image (they must
 * hold the program headers) and whose file is size bytes: 0 or -ENOEXEC. */
int elf_check(const uint8_t *image, uint32_t head_size, uint32_t size, uint32_t *entry);
/* Private anonymous memory over [start, end) (nothing when empty). */
long spawn_map_anon(struct task *task, uint32_t start, uint32_t end, int prot);
/* Undo a half-made child: it ends and its parent reaps it here. */
void spawn_undo(struct task *parent, struct task *task);
/* The heap after image_end and the stack below MM0_STACK_TOP. */
long spawn_map_heap_stack(struct task *task, uint32_t image_end);
/* A child of parent running the module called name with argv (NULL-terminated):
 * its segments (private, file-backed by the module), a heap, a stack and the
 * environment page. Returns the pid or -errno. */
long mm0_spawn(struct task *parent, const char *name, const char *const argv[]);
/* The same child, loaded but not started: start it at *entry with
 * mm0_task_start(task, *entry, MM0_STACK_TOP). 0 or -errno. */
long mm0_spawn_stopped(struct task *parent, const char *name, const char *const argv[],
		       struct task **out, uint32_t *entry);

#endif
