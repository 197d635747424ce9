/* proto_fixture.c - set-up, tear-down and the buffer-filling wrappers of the
 * fs0 protocol suites. */
#include <stdlib.h>
#include <string.h>
#include "fs0_server.h"
#include "proto_fixture.h"

static _Alignas(4096) uint8_t window[WINDOW_SIZE];
static l4_tid_t self;

/* Where a client's stubs take its shared buffer to be: its slot, unless a
 * test moved it (as mm0 would) or made the client see more than fs0 holds. */
#define MOVED_VIEWS 4
static struct {
	l4_tid_t tid;
	uint32_t window_off, size;
} moved[MOVED_VIEWS];

uint8_t *bulk_area(void)
{
	void *base;
	uint32_t size;
	ck_assert_int_eq(idlrt_bulk_buffer(FS0_TID, &base, &size), 0);
	return base;
}

uint8_t *window_at(uint32_t window_off)
{
	return window + window_off;
}

/* Slots by thread slot number, so clients never overlap below BIG_OFF. */
uint32_t client_window_off(l4_tid_t tid)
{
	uint32_t off = L4_TID_SLOT(tid) * CLIENT_BUF_SIZE;
	ck_assert_uint_lt(off + CLIENT_BUF_SIZE, BIG_OFF + 1);
	return off;
}

uint8_t *client_buf(l4_tid_t tid)
{
	return window_at(client_window_off(tid));
}

void client_view(l4_tid_t tid, uint32_t window_off, uint32_t size)
{
	for (unsigned i = 0; i < MOVED_VIEWS; i++) {
		if (moved[i].tid != L4_NILTHREAD && moved[i].tid != tid)
			continue;
		moved[i].tid = tid;
		moved[i].window_off = window_off;
		moved[i].size = size;
		return;
	}
	ck_abort_msg("more than %d moved buffers", MOVED_VIEWS);
}

void give_buffer(l4_tid_t tid, uint32_t window_off, uint32_t size)
{
	l4_tid_t was = self;
	act_as(MM0_TID);
	ck_assert_int_eq(fs0_set_buffer(FS0_TID, tid, window_off, size), 0);
	act_as(was);
	client_view(tid, window_off, size);
}

/* The generated stubs' client side: the acting client's buffer in the window. */
int idlrt_bulk_buffer(idlrt_dest_t dest, void **base, uint32_t *size)
{
	uint32_t window_off = client_window_off(self);
	(void)dest;
	*size = CLIENT_BUF_SIZE;
	for (unsigned i = 0; i < MOVED_VIEWS; i++) {
		if (moved[i].tid == self) {
			window_off = moved[i].window_off;
			*size = moved[i].size;
		}
	}
	*base = window + window_off;
	return 0;
}

int idlrt_bulk_copy(void *to, const void *from, uint32_t len)
{
	memcpy(to, from, len);
	return 0;
}

void act_as(l4_tid_t tid)
{
	self = tid;
	idlrt_loopback_set_self(tid);
}

l4_tid_t acting(void)
{
	return self;
}

void introduce(l4_tid_t parent, l4_tid_t child, bool share_table)
{
	l4_tid_t was = self;
	act_as(MM0_TID);
	ck_assert_int_eq(fs0_task_fork(FS0_TID, parent, child, share_table, child), 0);
	ck_assert_int_eq(fs0_set_buffer(FS0_TID, child, client_window_off(child), CLIENT_BUF_SIZE), 0);
	act_as(was);
}

void proto_setup(void)
{
	idlrt_loopback_reset();
	memset(window, 0, sizeof(window));
	memset(moved, 0, sizeof(moved));
	ck_assert_int_eq(idlrt_loopback_bind(FS0_TID, fs0_dispatch, 0), 0);
	ck_assert_int_eq(fs0_serve_init(MM0_TID, window, WINDOW_SIZE), 0);
	act_as(CLIENT_A);
	introduce(L4_NILTHREAD, CLIENT_A, false);
}

void proto_teardown(void)
{
	fs0_serve_shutdown();
	idlrt_loopback_reset();
	ck_assert_uint_eq(idlrt_bulk_held(), 0);
	struct fs0_stats stats;
	fs_stats(&stats);
	ck_assert_uint_eq(stats.vnodes, 0);
	ck_assert_uint_eq(stats.files, 0);
	ck_assert_uint_eq(stats.descriptors, 0);
	ck_assert_uint_eq(stats.tasks, 0);
	ck_assert_uint_eq(stats.pipes, 0);
	ck_assert_uint_eq(stats.handles, 0);
	ck_assert_uint_eq(stats.pending, 0);
	ck_assert_uint_eq(stats.data_bytes, 0);
	ck_assert_uint_eq(stats.allocations, 0);
}

TCase *proto_tcase(const char *name)
{
	TCase *tc = tcase_create(name);
	tcase_add_checked_fixture(tc, proto_setup, proto_teardown);
	return tc;
}

int run_proto_suite(Suite *suite)
{
	SRunner *runner = srunner_create(suite);
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

int c_open(const char *path, uint32_t flags, uint32_t mode)
{
	return fs0_open(FS0_TID, FS0_AT_FDCWD, path, flags, mode);
}

int c_stat(const char *path, struct fs0_stat_info *st)
{
	return fs0_stat(FS0_TID, FS0_AT_FDCWD, path, 0, st);
}

int c_mkdir(const char *path)
{
	return fs0_mkdir(FS0_TID, FS0_AT_FDCWD, path, 0755);
}

int c_rmdir(const char *path)
{
	return fs0_rmdir(FS0_TID, FS0_AT_FDCWD, path);
}

int c_unlink(const char *path)
{
	return fs0_unlink(FS0_TID, FS0_AT_FDCWD, path);
}

int c_rename(const char *old_path, const char *new_path)
{
	return fs0_rename(FS0_TID, FS0_AT_FDCWD, old_path, FS0_AT_FDCWD, new_path);
}

int c_chdir(const char *path)
{
	return fs0_chdir(FS0_TID, path);
}

/* The stub lays an operation's one bulk parameter at offset 0 of the buffer
 * (docs/idl.md): the bytes that reach out are also left there. */
int c_getcwd(uint32_t size)
{
	static char cwd[FS0_PATH_MAX];
	ck_assert_uint_le(size, sizeof(cwd));
	return fs0_getcwd(FS0_TID, cwd, &size);
}

int c_write_text(int fd, const char *text)
{
	size_t len = strlen(text);
	ck_assert_uint_lt(len, CLIENT_BUF_SIZE);
	return fs0_write(FS0_TID, fd, text, (uint32_t)len);
}

int c_read_text(int fd, uint32_t len)
{
	static uint8_t text[CLIENT_BUF_SIZE];
	ck_assert_uint_lt(len, CLIENT_BUF_SIZE);
	int got = fs0_read(FS0_TID, fd, text, &len);
	client_buf(self)[got > 0 ? got : 0] = '\0';
	return got;
}

void c_make_file(const char *path, const char *text)
{
	int fd = c_open(path, FS0_O_WRONLY | FS0_O_CREAT | FS0_O_TRUNC, 0644);
	ck_assert_int_ge(fd, 0);
	ck_assert_int_eq(c_write_text(fd, text), (int)strlen(text));
	ck_assert_int_eq(fs0_close(FS0_TID, fd), 0);
}
