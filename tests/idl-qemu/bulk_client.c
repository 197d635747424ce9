/* bulk_client.c - init under mm0 with fs0: starts idl/test_bulk.idl's server
 * (boot module bulk_server), finds it by name and round-trips 64 KiB in and
 * out buffers and a 4 KiB path through the buffer mm0 makes for this thread
 * and that server (mm.bulk_buffer / mm.bulk_attach). Then clients that
 * unmap, shrink, replace or protect their buffer between calls or during
 * one, one that never made a buffer, and random bulk descriptor words: each
 * gets its answer or -EFAULT (-EBADMSG for a length over the bound), and the
 * server answers the next good call. Exits with the failures. */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include <l4/ipc.h>
#include <l4/syscalls.h>

#include "mm0.h"
#include "tap.h"
#include "test_bulk.h"
#include "warm_image.h"

#define DATA	BULK_TEST_DATA_MAX
#define PATH	BULK_TEST_PATH_MAX

static l4_tid_t server;
static uint8_t data_in[DATA], data_out[DATA];
static char long_path[PATH + 2];

static void fill(uint8_t *bytes, uint32_t len, uint32_t seed)
{
	for (uint32_t i = 0; i < len; i++)
		bytes[i] = (uint8_t)(seed * 31u + i * 7u + (i >> 8));
}

static uint32_t sum_of(const uint8_t *bytes, uint32_t len, uint32_t salt)
{
	for (uint32_t i = 0; i < len; i++)
		salt += bytes[i];
	return salt;
}

/* A path of len bytes ending in 'z'. */
static const char *path_of(uint32_t len)
{
	memset(long_path, 'p', len);
	long_path[len - 1] = 'z';
	long_path[len] = '\0';
	return long_path;
}

/* mm0 starts the module; until it has registered, the name is unknown. */
static l4_tid_t start_server(void)
{
	uint32_t tid;
	int error;

	if (mm_spawn(l4_utcb()->pager, "bulk_server", "") < 0)
		return L4_NILTHREAD;
	while ((error = mm_service(l4_utcb()->pager, "bulk_test", &tid)) == -ENOENT)
		l4_yield();
	return error < 0 ? L4_NILTHREAD : (l4_tid_t)tid;
}

/* One good put of 64 KiB: its answer is right. */
static bool good_put(uint32_t seed)
{
	uint32_t sum = 0;

	fill(data_in, DATA, seed);
	return bulk_test_put(server, seed, data_in, DATA, &sum) == (int)DATA &&
	       sum == sum_of(data_in, DATA, seed);
}

static bool get_matches(uint32_t seed, uint32_t len)
{
	for (uint32_t i = 0; i < len; i++)
		if (data_out[i] != (uint8_t)(seed + i))
			return false;
	return true;
}

static void round_trips(void)
{
	uint32_t sum = 0, len = DATA, last = 0;
	int result;

	fill(data_in, DATA, 5);
	result = bulk_test_put(server, 9, data_in, DATA, &sum);
	CHECK_EQ("put: 64 KiB in", (int)DATA, result);
	CHECK_EQ("put: the server summed every byte", sum_of(data_in, DATA, 9), sum);

	memset(data_out, 0, DATA);
	result = bulk_test_get(server, 3, data_out, &len);
	CHECK("get: 64 KiB out", result == 0 && len == DATA && get_matches(3, DATA));
	len = 1000;
	result = bulk_test_get(server, 4, data_out, &len);
	CHECK("get: a smaller capacity is filled exactly", result == 0 && len == 1000 && get_matches(4, 1000));

	result = bulk_test_path(server, path_of(PATH), &last);
	CHECK("path: 4096 bytes", result == (int)PATH && last == 'z');
	CHECK_EQ("path: 4097 bytes never leave the client", -EMSGSIZE,
		 bulk_test_path(server, path_of(PATH + 1), &last));

	len = DATA;
	result = bulk_test_join(server, path_of(PATH), data_in, DATA - PATH, data_out, &len);
	CHECK("join: a 4 KiB path and 60 KiB of data back in one 64 KiB buffer",
	      result == 0 && len == DATA && memcmp(data_out, long_path, PATH) == 0 &&
	      memcmp(data_out + PATH, data_in, DATA - PATH) == 0);
	len = DATA;
	CHECK_EQ("join: over the out capacity is the handler's -ENOSPC", -ENOSPC,
		 bulk_test_join(server, path_of(PATH), data_in, DATA, data_out, &len));
}

/* ---- a deferred call answered from another thread ---------------------- */

struct releaser {
	uint32_t count;
	bool in_place;
	void *unmap;		/* unmapped before the release (NULL: nothing) */
	uint32_t unmap_len;
	int answer;
};

/* Releases the call the main thread holds, once the server holds it. */
static void *release_held(void *arg)
{
	struct releaser *r = arg;

	if (r->unmap)
		munmap(r->unmap, r->unmap_len);
	r->answer = -ESRCH;
	for (int tries = 0; tries < 5000 && r->answer == -ESRCH; tries++) {
		sched_yield();
		r->answer = bulk_test_release(server, r->count, r->in_place);
	}
	return NULL;
}

static int hold_released(struct releaser *r, uint32_t *back_len)
{
	pthread_t thread;
	int result;

	if (pthread_create(&thread, NULL, release_held, r) != 0)
		return -EAGAIN;
	*back_len = DATA;
	result = bulk_test_hold(server, data_in, DATA, data_out, back_len);
	pthread_join(thread, NULL);
	return result;
}

static void deferred_round_trip(void)
{
	struct releaser r = { DATA, true, NULL, 0, 0 };
	uint32_t back_len;
	bool reversed = true;
	int result;

	fill(data_in, DATA, 11);
	result = hold_released(&r, &back_len);
	for (uint32_t i = 0; i < DATA && reversed; i++)
		reversed = data_out[i] == data_in[DATA - 1 - i];
	CHECK("hold: answered later with 64 KiB written in place", result == (int)DATA && back_len == DATA && reversed);
}

/* ---- clients that change their buffer ---------------------------------- */

enum change { UNMAP, SHRINK, REMAP, PROTECT_NONE, DURING_HOLD, RACING_THREAD, NO_BUFFER, FUZZ, CHANGES };
static const char *const change_names[CHANGES] = {
	"unmapped between calls", "shrunk to 32 KiB", "replaced by anonymous memory", "made PROT_NONE",
	"unmapped while a deferred call waits", "changed by a second thread during calls",
	"never made", "random descriptor words",
};

/* The calling thread's buffer for the server, as the stubs use it. */
static int own_buffer(uint8_t **base, uint32_t *size)
{
	void *at;
	int error = idlrt_bulk_buffer(server, &at, size);

	*base = at;
	return error;
}

/* A request written word by word: the bulk (offset, length) words are the test's. */
static int raw_request(uint32_t op, const uint32_t *words, uint32_t count)
{
	uint32_t *mr = idlrt_mr();
	int error;

	mr[0] = L4_TAG(op, count + 1);
	mr[1] = IDLRT_HEADER(BULK_TEST_IFACE_ID, BULK_TEST_IFACE_VERSION);
	for (uint32_t i = 0; i < count; i++)
		mr[2 + i] = words[i];
	error = idlrt_call(server);
	return error < 0 ? error : (int32_t)mr[1];
}

/* Each returns 0, or the number of the first step that answered wrongly. */
static int unmapped(void)
{
	uint8_t *base;
	uint32_t size, sum, len = DATA, last;

	if (!good_put(1) || own_buffer(&base, &size) || munmap(base, size))
		return 1;
	if (bulk_test_put(server, 0, data_in, DATA, &sum) != -EFAULT)
		return 2;
	if (bulk_test_get(server, 0, data_out, &len) != -EFAULT)
		return 3;
	if (bulk_test_path(server, path_of(10), &last) != -EFAULT)
		return 4;
	return 0;
}

static int shrunk(void)
{
	const uint32_t kept = 32768;
	uint8_t *base;
	uint32_t size, sum = 0, len = DATA;

	if (!good_put(2) || own_buffer(&base, &size) || munmap(base + kept, size - kept))
		return 1;
	if (bulk_test_put(server, 0, data_in, DATA, &sum) != -EFAULT)
		return 2;
	if (bulk_test_get(server, 0, data_out, &len) != -EFAULT)
		return 3;
	if (bulk_test_put(server, 0, data_in, 1024, &sum) != 1024 || sum != sum_of(data_in, 1024, 0))
		return 4;
	len = 1024;
	return bulk_test_get(server, 6, data_out, &len) == 0 && len == 1024 && get_matches(6, 1024) ? 0 : 5;
}

/* The server reads the object mm0 holds, never the client's new memory: a put
 * after the change sums what the buffer held before it (docs/idl.md). */
static int replaced(void)
{
	uint8_t *base;
	uint32_t size, sum = 0, before;

	if (!good_put(3) || own_buffer(&base, &size))
		return 1;
	before = sum_of(data_in, DATA, 0);
	if (mmap(base, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != base)
		return 2;
	fill(data_in, DATA, 4);
	if (bulk_test_put(server, 0, data_in, DATA, &sum) != (int)DATA || sum != before)
		return 3;
	return 0;
}

static int protected_none(void)
{
	uint8_t *base;
	uint32_t size, sum, len = 16;

	if (!good_put(5) || own_buffer(&base, &size) || mprotect(base, size, PROT_NONE))
		return 1;
	if (bulk_test_put(server, 0, data_in, 16, &sum) != -EFAULT)
		return 2;
	return bulk_test_get(server, 0, data_out, &len) == -EFAULT ? 0 : 3;
}

/* The reply's bytes land in the object; the stub's copy back out of the
 * unmapped buffer is what fails. */
static int unmapped_during_hold(void)
{
	struct releaser r = { DATA, true, NULL, DATA, 0 };
	uint32_t size, back_len;
	uint8_t *base;

	if (!good_put(6) || own_buffer(&base, &size))
		return 1;
	r.unmap = base;
	r.unmap_len = size;
	return hold_released(&r, &back_len) == -EFAULT ? 0 : 2;
}

static volatile bool racing;

static void *change_repeatedly(void *arg)
{
	uint8_t *base = arg;

	for (uint32_t round = 0; racing; round++) {
		if (round % 2)
			mmap(base, MM0_BULK_BUFFER_SIZE, PROT_READ | PROT_WRITE,
			     MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
		else
			munmap(base + (round % 8) * 4096, MM0_BULK_BUFFER_SIZE / 2);
		sched_yield();
	}
	return NULL;
}

static int racing_thread(void)
{
	uint32_t size, sum, len, last;
	pthread_t thread;
	uint8_t *base;
	int bad = 0;

	if (!good_put(7) || own_buffer(&base, &size))
		return 1;
	racing = true;
	if (pthread_create(&thread, NULL, change_repeatedly, base) != 0)
		return 2;
	for (int round = 0; round < 300 && !bad; round++) {
		int put = bulk_test_put(server, 0, data_in, DATA, &sum);
		int get = (len = DATA, bulk_test_get(server, 0, data_out, &len));
		int path = bulk_test_path(server, path_of(PATH), &last);

		/* Once replaced, the server reads what the object held before: for a
		 * path that may be a get's bytes, with a NUL inside (-EBADMSG). */
		if (put != (int)DATA && put != -EFAULT)
			bad = 3;
		else if (get != 0 && get != -EFAULT)
			bad = 4;
		else if (path != (int)PATH && path != -EFAULT && path != -EBADMSG)
			bad = 5;
	}
	racing = false;
	pthread_join(thread, NULL);
	return bad;
}

/* A thread that never asked mm0 for a buffer: the server has none to attach. */
static int never_made(void)
{
	return raw_request(BULK_TEST_OP_PUT, (const uint32_t[]){ 0, 0, 16 }, 3) == -EFAULT ? 0 : 1;
}

static uint32_t random_state = 0x2545f491u;

static uint32_t next_random(void)
{
	random_state ^= random_state << 13;
	random_state ^= random_state >> 17;
	random_state ^= random_state << 5;
	return random_state;
}

/* Offsets and lengths near every edge, and plain noise. */
static uint32_t random_word(void)
{
	static const uint32_t edges[] = {
		0, 1, 7, 8, DATA - 1, DATA, DATA + 1, PATH, PATH + 1, MM0_BULK_BUFFER_SIZE - DATA,
		MM0_BULK_BUFFER_SIZE - 8, MM0_BULK_BUFFER_SIZE, MM0_BULK_BUFFER_SIZE + 8,
		0x7fffffffu, 0x80000000u, 0xfffffff8u, 0xffffffffu,
	};
	uint32_t pick = next_random();

	return pick % 3 ? edges[next_random() % (sizeof(edges) / sizeof(edges[0]))] : next_random();
}

/* Every operation but hold (whose good ranges wait for a release) with
 * random words; an answer is a result or one of the dispatch's errors. */
static int fuzzed(void)
{
	static const uint32_t ops[] = { BULK_TEST_OP_PUT, BULK_TEST_OP_GET, BULK_TEST_OP_PATH,
					BULK_TEST_OP_JOIN, BULK_TEST_OP_RELEASE };
	uint32_t words[8];

	if (!good_put(8))
		return 1;
	for (int round = 0; round < 3000; round++) {
		uint32_t count = next_random() % 8;
		int result;

		for (uint32_t i = 0; i < count; i++)
			words[i] = random_word();
		result = raw_request(ops[next_random() % 5], words, count);
		if (result < 0 && result != -EFAULT && result != -EBADMSG && result != -ENOSPC &&
		    result != -ESRCH && result != -EMSGSIZE)
			return 2;
	}
	return good_put(9) ? 0 : 3;
}

static int (*const changes[CHANGES])(void) = {
	unmapped, shrunk, replaced, protected_none, unmapped_during_hold, racing_thread, never_made, fuzzed,
};

/* Runs a change in a fresh child (its own buffer, made by its first call),
 * then checks from here that the server still serves. */
static void bad_client(enum change change)
{
	char name[96];
	int status = -1;
	pid_t child = fork();

	if (child == 0)
		_exit(changes[change]());
	snprintf(name, sizeof(name), "buffer %s: answers right or -EFAULT", change_names[change]);
	CHECK_EQ(name, 0, child > 0 && waitpid(child, &status, 0) == child && WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	snprintf(name, sizeof(name), "buffer %s: the server serves the next call", change_names[change]);
	CHECK(name, good_put(20 + change));
}

/* A child that makes one good call and ends: its buffer stays mapped in the
 * server until the server's next attach names it gone. */
static void good_child(uint32_t seed)
{
	int status = -1;
	pid_t child = fork();

	if (child == 0)
		_exit(good_put(seed) ? 0 : 1);
	CHECK("a fresh client's first call", child > 0 && waitpid(child, &status, 0) == child && status == 0);
}

int main(void)
{
	struct mm_counts before, after;

	warm_program_image();
	server = start_server();
	if (!check("the server registered its name", server != L4_NILTHREAD, 0))
		return tap_summary("bulk_client");
	round_trips();
	deferred_round_trip();
	good_child(30);
	mm_stats(l4_utcb()->pager, &before);
	for (enum change change = 0; change < CHANGES; change++)
		bad_client(change);
	good_child(31);
	mm_stats(l4_utcb()->pager, &after);
	CHECK_EQ("every ended client's buffer went: mm0's objects", before.live_objects, after.live_objects);
	CHECK_EQ("every ended client's buffer went: mm0's records", before.live_allocs, after.live_allocs);
	return tap_summary("bulk_client");
}
