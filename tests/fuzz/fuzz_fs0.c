/* fuzz_fs0.c - libFuzzer harness: fs0's generated dispatch with its real
 * handlers, fed scripts of requests from several clients (mm0 among them, one
 * never introduced); every reply is checked, fs0's pending count must match
 * the clients left waiting, a fresh client must still be served at the end,
 * and shutdown must leave no vnode, file, buffer or allocation behind. */
#include <stdio.h>
#include <string.h>
#include "fs0_server.h"
#include "serve.h"
#include "fuzz_input.h"
#include "fuzz_transport.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FS0_TID		L4_TID(2, 1)
#define MM0_TID		L4_TID(3, 1)
#define CLIENT_A	L4_TID(10, 1)
#define CLIENT_B	L4_TID(11, 1)	/* A's child, sharing A's table */
#define CLIENT_C	L4_TID(12, 1)	/* a fresh task */
#define STRANGER	L4_TID(40, 3)	/* never introduced by mm0 */
#define HEALTH		L4_TID(50, 1)	/* the client of the final check */

/* The window: one 16 KiB buffer per slot; paths sit at the top of each. */
#define BUF_SIZE	(16u * 1024u)
#define SLOTS		8u
#define WINDOW_SIZE	(SLOTS * BUF_SIZE)
#define PATHS_OFF	(BUF_SIZE - 1024u)
#define PATH_SLOT	64u
#define HEALTH_SLOT	6u

static _Alignas(4096) uint8_t window[WINDOW_SIZE];

static const l4_tid_t actors[] = { MM0_TID, CLIENT_A, CLIENT_B, CLIENT_C, STRANGER };
#define ACTOR_COUNT	(sizeof(actors) / sizeof(actors[0]))

static const char *const paths[16] = {
	"/", "/a", "/a/b", "/b", "a", "..", ".", "/a/../b", "/p", "/a/b/c", "//a//b/",
	"/a/b/../../..", "b/c", "/a/b/c/d/e/f/g/h/i/j/k/l/m/n/o/p/q/r/s/t/u/v/w/x/y/z/0/1/2/3",
	"/b/", "/#",
};

struct op {
	uint16_t label;
	uint8_t words;		/* the header and the in parameters */
};

/* Word counts follow idl/fs0.idl; fs0_ops_verify proves them at start-up. */
static const struct op ops[] = {
	{ FS0_OP_OPEN, 6 }, { FS0_OP_STAT, 5 }, { FS0_OP_MKDIR, 5 }, { FS0_OP_RMDIR, 4 },
	{ FS0_OP_UNLINK, 4 }, { FS0_OP_RENAME, 7 }, { FS0_OP_CHDIR, 3 }, { FS0_OP_GETCWD, 3 },
	{ FS0_OP_CLOSE, 2 }, { FS0_OP_READ, 4 }, { FS0_OP_WRITE, 4 }, { FS0_OP_LSEEK, 5 },
	{ FS0_OP_FSTAT, 2 }, { FS0_OP_FTRUNCATE, 4 }, { FS0_OP_GETDENTS, 4 }, { FS0_OP_DUP, 2 },
	{ FS0_OP_DUP2, 3 }, { FS0_OP_PIPE, 2 }, { FS0_OP_TASK_FORK, 5 }, { FS0_OP_TASK_EXIT, 2 },
	{ FS0_OP_SET_BUFFER, 4 }, { FS0_OP_MM_GET_FD, 3 }, { FS0_OP_MM_GET_PATH, 4 },
	{ FS0_OP_MM_READ_PAGE, 5 }, { FS0_OP_MM_WRITE_PAGE, 5 }, { FS0_OP_MM_RELEASE, 2 },
	{ FS0_OP_ACCESS, 6 }, { FS0_OP_FCHDIR, 2 }, { FS0_OP_LINK, 8 }, { FS0_OP_SYMLINK, 6 },
	{ FS0_OP_READLINK, 6 }, { FS0_OP_CHMOD, 6 }, { FS0_OP_FCHMOD, 3 }, { FS0_OP_CHOWN, 7 },
	{ FS0_OP_FCHOWN, 4 }, { FS0_OP_UTIMENS, 11 }, { FS0_OP_FUTIMENS, 8 }, { FS0_OP_MKNOD, 5 },
	{ FS0_OP_REALPATH, 6 }, { FS0_OP_GETLK, 9 }, { FS0_OP_SETLK, 10 }, { FS0_OP_STATVFS, 4 },
	{ FS0_OP_FSTATVFS, 2 }, { FS0_OP_SET_BOOT_TIME, 3 }, { FS0_OP_READ_SMALL, 3 },
	{ FS0_OP_WRITE_SMALL, 3 },
};
#define OP_COUNT	(sizeof(ops) / sizeof(ops[0]))

/* The last two entries are the handles fs0 handed to mm0 most recently. */
static uint32_t interesting[] = {
	0xffffffffu, 0x7fffffffu, 0x80000000u, 0xfffff000u, BUF_SIZE, BUF_SIZE - 1, BUF_SIZE + 1,
	PATHS_OFF, 4096, 4095, 4097, WINDOW_SIZE, WINDOW_SIZE - BUF_SIZE, FS0_PATH_MAX,
	FS0_PATH_MAX + 1, 1u << 30, (1u << 30) + 1,
	FS0_O_RDWR | FS0_O_CREAT, FS0_O_WRONLY | FS0_O_CREAT | FS0_O_TRUNC,
	FS0_O_WRONLY | FS0_O_CREAT | FS0_O_EXCL, FS0_O_RDWR | FS0_O_APPEND,
	FS0_O_RDONLY | FS0_O_DIRECTORY, FS0_O_NONBLOCK, FS0_O_RDWR | FS0_O_NONBLOCK,
	(uint32_t)FS0_AT_FDCWD, FS0_AT_SYMLINK_NOFOLLOW, FS0_O_NOFOLLOW, FS0_S_IFIFO | 0644,
	MM0_TID, CLIENT_A, CLIENT_B, CLIENT_C, STRANGER, FS0_TID,
	1 * BUF_SIZE, 2 * BUF_SIZE, 3 * BUF_SIZE, 4 * BUF_SIZE, 0, 0,
};
#define INTERESTING_COUNT	(sizeof(interesting) / sizeof(interesting[0]))

static uint32_t slot_of(l4_tid_t tid)
{
	for (uint32_t i = 0; i < ACTOR_COUNT; i++)
		if (actors[i] == tid)
			return i;
	return HEALTH_SLOT;
}

static uint8_t *buffer_of(l4_tid_t tid)
{
	return window + slot_of(tid) * BUF_SIZE;
}

static void put_paths(l4_tid_t tid)
{
	for (unsigned i = 0; i < 16; i++)
		memcpy(buffer_of(tid) + PATHS_OFF + i * PATH_SLOT, paths[i], strlen(paths[i]));
}

/* As mm0 does: a task for child and its buffer. */
static void introduce(l4_tid_t parent, l4_tid_t child, bool share_table)
{
	fuzz_transport_set_self(MM0_TID);
	int error = fs0_task_fork(FS0_TID, parent, child, share_table, child);
	fuzz_check(error == 0, "introducing %#x gave %d", child, error);
	error = fs0_set_buffer(FS0_TID, child, slot_of(child) * BUF_SIZE, BUF_SIZE);
	fuzz_check(error == 0, "buffer of %#x gave %d", child, error);
	put_paths(child);
}

static void start(void)
{
	memset(window, 0, sizeof(window));
	fuzz_transport_reset();
	fuzz_transport_bind(FS0_TID, fs0_dispatch);
	int error = fs0_serve_init(MM0_TID, window, WINDOW_SIZE);
	fuzz_check(error == 0, "fs0_serve_init gave %d", error);
	fuzz_transport_set_self(MM0_TID);
	error = fs0_set_buffer(FS0_TID, MM0_TID, 0, BUF_SIZE);
	fuzz_check(error == 0, "mm0's buffer gave %d", error);
	put_paths(MM0_TID);
	introduce(L4_NILTHREAD, CLIENT_A, false);
	introduce(CLIENT_A, CLIENT_B, true);
	introduce(L4_NILTHREAD, CLIENT_C, false);
	put_paths(STRANGER);
}

/* Parameters: a selector 0xc0..0xcf is a named path (offset and length),
 * 0xd0..0xdf a stretch of the data area; anything else one word. */
static void put_params(struct fuzz_input *in, uint32_t *mr, unsigned first, unsigned end)
{
	unsigned w = first;
	while (w < end) {
		uint8_t selector = fuzz_peek(in);
		if (selector >= 0xc0 && selector < 0xe0 && w + 1 < end) {
			fuzz_byte(in);
			unsigned slot = selector & 0x0f;
			if (selector < 0xd0) {
				mr[w++] = PATHS_OFF + slot * PATH_SLOT;
				mr[w++] = (uint32_t)strlen(paths[slot]);
			} else {
				mr[w++] = slot * 16u;
				mr[w++] = fuzz_byte(in) & 0x3fu;
			}
			continue;
		}
		mr[w++] = fuzz_word(in, interesting, INTERESTING_COUNT);
	}
}

/* fs0 keeps one pending request for each client it has not answered. */
static void check_pending(void)
{
	struct fs0_stats stats;
	fs_stats(&stats);
	fuzz_check(stats.pending == fuzz_waiting_count(), "fs0 holds %u pending, %u clients wait",
		   stats.pending, fuzz_waiting_count());
}

/* Arbitrary bytes into a client's data area ('#' kept out: the health
 * check's names start with it, so no script can take them first). */
static void poke(struct fuzz_input *in, l4_tid_t tid)
{
	uint8_t *buf = buffer_of(tid);
	unsigned off = fuzz_byte(in), len = fuzz_byte(in) & 0x3fu;
	for (unsigned i = 0; i < len; i++) {
		uint8_t byte = fuzz_byte(in);
		buf[off + i] = byte == '#' ? '_' : byte;
	}
}

static void request(struct fuzz_input *in, l4_tid_t client)
{
	uint32_t mr[L4_MR_COUNT] = { 0 };
	uint8_t pick = fuzz_byte(in), shape = fuzz_byte(in);
	const struct op *op = &ops[pick % OP_COUNT];
	uint32_t label = pick < 0xf0 ? op->label : fuzz_u32(in) & 0xffffu;
	unsigned words = (shape & 1) ? (shape >> 1) & L4_TAG_U_MASK : op->words;
	mr[0] = L4_TAG(label, words);
	mr[1] = (shape & 0x80) ? fuzz_u32(in) : IDLRT_HEADER(FS0_IFACE_ID, FS0_IFACE_VERSION);
	put_params(in, mr, 2, words + 1);
	fuzz_transport_trace(shape & 0x40);
	if (fuzz_deliver(client, mr) == IDLRT_SEND_REPLY && (int32_t)mr[1] >= 0 &&
	    (label == FS0_OP_MM_GET_FD || label == FS0_OP_MM_GET_PATH)) {
		interesting[INTERESTING_COUNT - 2] = interesting[INTERESTING_COUNT - 1];
		interesting[INTERESTING_COUNT - 1] = mr[2];
	}
}

static void run_script(struct fuzz_input *in)
{
	while (!fuzz_input_done(in)) {
		uint8_t kind = fuzz_byte(in);
		l4_tid_t actor = actors[kind % ACTOR_COUNT];
		if (kind >= 0xf0)
			poke(in, actor);
		else if (!fuzz_waiting(actor))
			request(in, actor);
		check_pending();
	}
}

/* The health check is the only caller of stubs with bulk parameters: its buffer. */
int idlrt_bulk_buffer(idlrt_dest_t dest, void **base, uint32_t *size)
{
	(void)dest;
	*base = buffer_of(HEALTH);
	*size = BUF_SIZE;
	return 0;
}

int idlrt_bulk_copy(void *to, const void *from, uint32_t len)
{
	memcpy(to, from, len);
	return 0;
}

/* A client introduced now gets every answer right. */
static void health_check(void)
{
	static const char name[] = "/#health", text[] = "alive";
	fuzz_transport_set_self(MM0_TID);
	fuzz_check(fs0_task_exit(FS0_TID, HEALTH) == -ESRCH, "health task known before");
	introduce(L4_NILTHREAD, HEALTH, false);
	fuzz_transport_set_self(HEALTH);
	uint8_t *buf = buffer_of(HEALTH);
	int fd = fs0_open(FS0_TID, FS0_AT_FDCWD, name, FS0_O_RDWR | FS0_O_CREAT | FS0_O_EXCL, 0644);
	fuzz_check(fd >= 0, "health open gave %d", fd);
	int done = fs0_write(FS0_TID, fd, text, sizeof(text));
	fuzz_check(done == (int)sizeof(text), "health write gave %d", done);
	int64_t offset = -1;
	done = fs0_lseek(FS0_TID, fd, 0, 0, &offset);
	fuzz_check(done == 0 && offset == 0, "health lseek gave %d at %lld", done, (long long)offset);
	static char back[BUF_SIZE / 2];
	uint32_t len = sizeof(back);
	memset(buf, 0, sizeof(text));
	done = fs0_read(FS0_TID, fd, back, &len);
	fuzz_check(done == (int)sizeof(text) && memcmp(back, text, sizeof(text)) == 0,
		   "health read gave %d", done);
	fuzz_check(fs0_close(FS0_TID, fd) == 0, "health close failed");
	fuzz_check(fs0_unlink(FS0_TID, FS0_AT_FDCWD, name) == 0, "health unlink failed");
	fuzz_transport_set_self(MM0_TID);
	fuzz_check(fs0_task_exit(FS0_TID, HEALTH) == 0, "health task exit failed");
}

/* Shutdown answers every waiting client and frees everything. */
static void finish(void)
{
	fs0_serve_shutdown();
	fuzz_check(fuzz_waiting_count() == 0, "%u clients never answered", fuzz_waiting_count());
	fuzz_check(idlrt_bulk_held() == 0, "%u buffers left", idlrt_bulk_held());
	struct fs0_stats stats;
	fs_stats(&stats);
	fuzz_check(stats.vnodes == 0 && stats.files == 0 && stats.descriptors == 0 &&
		   stats.tables == 0 && stats.tasks == 0 && stats.pipes == 0 &&
		   stats.mounts == 0 && stats.handles == 0 && stats.pending == 0 &&
		   stats.data_bytes == 0 && stats.allocations == 0,
		   "left after shutdown: vnodes %u files %u descriptors %u tables %u tasks %u "
		   "pipes %u mounts %u handles %u pending %u data %llu allocations %u",
		   stats.vnodes, stats.files, stats.descriptors, stats.tables, stats.tasks,
		   stats.pipes, stats.mounts, stats.handles, stats.pending,
		   (unsigned long long)stats.data_bytes, stats.allocations);
}

/* Every op with its table's word count must get past the length check. */
static void fs0_ops_verify(void)
{
	start();
	for (unsigned i = 0; i < OP_COUNT; i++) {
		uint32_t mr[L4_MR_COUNT] = { 0 };
		mr[0] = L4_TAG(ops[i].label, ops[i].words);
		mr[1] = IDLRT_HEADER(FS0_IFACE_ID, FS0_IFACE_VERSION);
		mr[2] = 0xffffffffu;
		fuzz_deliver(STRANGER, mr);
		fuzz_check((int32_t)mr[1] != -EBADMSG, "op %#x: %u words refused", ops[i].label,
			   ops[i].words);
	}
	finish();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static bool verified;
	if (!verified) {
		fs0_ops_verify();
		verified = true;
	}
	struct fuzz_input in;
	fuzz_input_init(&in, data, size);
	start();
	run_script(&in);
	health_check();
	finish();
	return 0;
}
