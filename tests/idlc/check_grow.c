/* check_grow.c - a struct's optional trailing fields over the loopback, old
 * and new generated code side by side (test_grow_old.idl, test_grow.idl):
 * an old client's shorter request reaches a new server with the new fields
 * 0, a request cut inside a field is refused, and a new client's longer
 * request is refused by an old server (docs/idl.md, "Optional fields"). */
#include <check.h>
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <idlrt/loopback.h>
#include "grow_handlers.h"

#define OLD_SERVER	L4_TID(15, 1)
#define NEW_SERVER	L4_TID(16, 1)
/* After the tag: the header, base, then width and depth, scale, mask (two words). */
#define OLD_WORDS	(1 + 1 + 2)
#define NEW_WORDS	(OLD_WORDS + 1 + 2)

static char last_trace[IDLRT_TB_SIZE + 8];

static void keep_trace(const char *line)
{
	snprintf(last_trace, sizeof(last_trace), "%s", line);
}

static void setup(void)
{
	idlrt_loopback_reset();
	ck_assert_int_eq(idlrt_loopback_bind(OLD_SERVER, grow_old_dispatch, 0), 0);
	ck_assert_int_eq(idlrt_loopback_bind(NEW_SERVER, grow_dispatch, 1), 0);
	memset(&grow_old_received, 0xee, sizeof(grow_old_received));
	memset(&grow_received, 0xee, sizeof(grow_received));
	last_trace[0] = '\0';
	idlrt_trace_sink = keep_trace;
}

static void teardown(void)
{
	idlrt_trace_sink = NULL;
	idlrt_loopback_reset();
}

START_TEST(new_client_new_server)
{
	struct grow_settings s = { .width = 7, .depth = -3, .scale = 9, .mask = 0x1122334455667788ull };
	ck_assert_int_eq(grow_apply(NEW_SERVER, 100, &s), 107);
	ck_assert_uint_eq(grow_received.width, 7);
	ck_assert_int_eq(grow_received.depth, -3);
	ck_assert_uint_eq(grow_received.scale, 9);
	ck_assert_uint_eq(grow_received.mask, 0x1122334455667788ull);
}
END_TEST

START_TEST(old_client_new_server)
{
	struct grow_old_settings s = { .width = 3, .depth = -2 };
	ck_assert_int_eq(grow_old_apply(NEW_SERVER, 10, &s), 13);
	ck_assert_uint_eq(grow_received.width, 3);
	ck_assert_int_eq(grow_received.depth, -2);
	ck_assert_uint_eq(grow_received.scale, 0);
	ck_assert_uint_eq(grow_received.mask, 0);
	ck_assert_ptr_nonnull(strstr(last_trace, "width=3, depth=-2, scale=0, mask=0"));
}
END_TEST

START_TEST(old_client_old_server)
{
	struct grow_old_settings s = { .width = 5, .depth = 4 };
	ck_assert_int_eq(grow_old_apply(OLD_SERVER, 1, &s), 6);
	ck_assert_uint_eq(grow_old_received.width, 5);
	ck_assert_int_eq(grow_old_received.depth, 4);
}
END_TEST

/* An old server knows only the words of its own version: -EBADMSG, no handler. */
START_TEST(new_client_old_server)
{
	struct grow_settings s = { .width = 5, .depth = 4, .scale = 1 };
	ck_assert_int_eq(grow_apply(OLD_SERVER, 1, &s), -EBADMSG);
	ck_assert_uint_eq(grow_old_received.width, 0xeeeeeeeeu);
}
END_TEST

static int32_t call_with_words(unsigned words)
{
	uint32_t *mr = idlrt_mr();
	static const uint32_t request[] = { 0, 0, 20, 1, 2, 6, 0xaaaa5555u, 0x0f0f0f0fu };
	memcpy(mr, request, sizeof(request));
	mr[0] = L4_TAG(GROW_OP_APPLY, words);
	mr[1] = IDLRT_HEADER(GROW_IFACE_ID, GROW_IFACE_VERSION);
	ck_assert_int_eq(idlrt_call(NEW_SERVER), 0);
	return (int32_t)mr[1];
}

/* A request from a version in between (scale, no mask) ends at a field's end;
 * one that ends inside a field, or goes past the last, is malformed. */
START_TEST(request_ends_at_a_field)
{
	ck_assert_int_eq(call_with_words(OLD_WORDS + 1), 21);
	ck_assert_uint_eq(grow_received.scale, 6);
	ck_assert_uint_eq(grow_received.mask, 0);
	ck_assert_int_eq(call_with_words(NEW_WORDS), 21);
	ck_assert_uint_eq(grow_received.mask, 0x0f0f0f0faaaa5555ull);
	memset(&grow_received, 0xee, sizeof(grow_received));
	ck_assert_int_eq(call_with_words(OLD_WORDS + 2), -EBADMSG);
	ck_assert_int_eq(call_with_words(NEW_WORDS + 1), -EBADMSG);
	ck_assert_int_eq(call_with_words(OLD_WORDS - 1), -EBADMSG);
	ck_assert_uint_eq(grow_received.width, 0xeeeeeeeeu);
}
END_TEST

int main(void)
{
	Suite *suite = suite_create("grow");
	TCase *versions = tcase_create("versions");
	tcase_add_checked_fixture(versions, setup, teardown);
	tcase_add_test(versions, new_client_new_server);
	tcase_add_test(versions, old_client_new_server);
	tcase_add_test(versions, old_client_old_server);
	tcase_add_test(versions, new_client_old_server);
	tcase_add_test(versions, request_ends_at_a_field);
	suite_add_tcase(suite, versions);
	SRunner *runner = srunner_create(suite);
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? 1 : 0;
}
