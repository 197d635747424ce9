/* proto_fixture.h - what the fs0 protocol suites share: fs0's generated
 * dispatch bound on the loopback, a window of shared buffers, clients that
 * mm0 introduced, and wrappers that put paths and data in a client's buffer
 * before calling the generated stub. */
#ifndef FS0_PROTO_FIXTURE_H
#define FS0_PROTO_FIXTURE_H

#include <check.h>
#include <stdbool.h>
#include <stdint.h>
#include <idlrt/loopback.h>
#include "fs0.h"
#include "fs0_logic.h"
#include "serve.h"

#define FS0_TID		L4_TID(2, 1)
#define MM0_TID		L4_TID(3, 1)
#define CLIENT_A	L4_TID(10, 1)
#define CLIENT_B	L4_TID(11, 1)
#define CLIENT_C	L4_TID(12, 1)
#define STRANGER	L4_TID(40, 3)	/* never introduced by mm0 */

/* Each client's buffer in fs0's window (data of read and write). */
#define CLIENT_BUF_SIZE	(64u * 1024u)
/* A second, large region of the window for bulk transfers. */
#define BIG_OFF		(4u << 20)
#define BIG_SIZE	(2u << 20)
#define WINDOW_SIZE	(BIG_OFF + BIG_SIZE)

/* fs0 served on the loopback with CLIENT_A introduced; calls come from A. */
void proto_setup(void);
/* fs0 shut down; every count and every buffer must be gone. */
void proto_teardown(void);
TCase *proto_tcase(const char *name);
int run_proto_suite(Suite *suite);

/* Where the stubs put bulk parameters: the acting client's buffer. */
uint8_t *bulk_area(void);
/* The window as the host test sees it (fs0 sees the same bytes). */
uint8_t *window_at(uint32_t window_off);
/* Where a client's buffer lies in the window (its slot). */
uint32_t client_window_off(l4_tid_t tid);
uint8_t *client_buf(l4_tid_t tid);

/* As mm0: task_fork(parent, child, share) and a buffer for child; asserts success. */
void introduce(l4_tid_t parent, l4_tid_t child, bool share_table);
/* As mm0: tid's buffer is size bytes at window_off, and its stubs use it there. */
void give_buffer(l4_tid_t tid, uint32_t window_off, uint32_t size);
/* tid's stubs take its buffer to be size bytes at window_off, whatever fs0 holds
 * (a client that unmapped or shrank its side). */
void client_view(l4_tid_t tid, uint32_t window_off, uint32_t size);
/* Calls now come from tid. */
void act_as(l4_tid_t tid);
l4_tid_t acting(void);

/* The calling client's requests: paths and data as bulk parameters, which
 * the stubs lay from the start of the client's buffer. */
int c_open(const char *path, uint32_t flags, uint32_t mode);
int c_stat(const char *path, struct fs0_stat_info *st);
int c_mkdir(const char *path);
int c_rmdir(const char *path);
int c_unlink(const char *path);
int c_rename(const char *old_path, const char *new_path);
int c_chdir(const char *path);
/* getcwd, whose text is also left at client_buf(acting()). */
int c_getcwd(uint32_t size);
int c_write_text(int fd, const char *text);
/* Reads up to len bytes, which are also left at the start of the buffer, and
 * NUL-terminates them there. */
int c_read_text(int fd, uint32_t len);
/* Creates path with text; asserts success. */
void c_make_file(const char *path, const char *text);

#endif
