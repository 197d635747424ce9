/* check_protocol.c - the example interface end to end over the loopback transport:
 * real stubs, real marshalling, real dispatch, real handlers; then malformed requests. */
#include <check.h>
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <idlrt/loopback.h>
#include "echo_handlers.h"
#include "test_types_server.h"

#define ECHO_TID	L4_TID(10, 1)
#define LOG_TID		L4_TID(11, 1)
#define CLIENT_TID	L4_TID(2, 1)
#define POSTER_TID	L4_TID(3, 1)

static char trace_line[IDLRT_TB_SIZE];		/* the last line */
static char trace_before[IDLRT_TB_SIZE];	/* the one before it */

static void capture_trace(const char *line)
{
	memcpy(trace_before, trace_line, sizeof(trace_line));
	snprintf(trace_line, sizeof(trace_line), "%s", line);
}

static const char *name_of(l4_tid_t tid)
{
	return tid == CLIENT_TID ? "test0" : NULL;
}

static void setup(void)
{
	idlrt_loopback_reset();
	echo_state_reset();
	ck_assert_int_eq(idlrt_loopback_bind(ECHO_TID, echo_dispatch, 1), 0);
	ck_assert_int_eq(idlrt_loopback_bind(LOG_TID, echo_log_dispatch, 0), 0);
	idlrt_loopback_set_self(CLIENT_TID);
	idlrt_trace_sink = capture_trace;
	idlrt_trace_name = name_of;
	trace_line[0] = '\0';
	trace_before[0] = '\0';
}

static void teardown(void)
{
	idlrt_trace_sink = NULL;
	idlrt_trace_name = NULL;
}

START_TEST(add_round_trip_and_trace)
{
	int32_t sum = 0;
	ck_assert_int_eq(echo_add(ECHO_TID, 40, -2, &sum), 0);
	ck_assert_int_eq(sum, 38);
	ck_assert_uint_eq(echo_state.last_client, CLIENT_TID);
	ck_assert_str_eq(trace_line, "test0 echo.add(a=40, b=-2) = 0 (sum=38)");
}
END_TEST

START_TEST(optional_parameters_from_a_current_client)
{
	int64_t sum = 0;
	ck_assert_int_eq(echo_total(ECHO_TID, MODE_ALL, 1, -2, 5000000000LL, &sum), (int)MODE_ALL);
	ck_assert_int_eq(sum, 4999999999LL);
	ck_assert_str_eq(trace_line, "test0 echo.total(mode=MODE_READ|MODE_WRITE|MODE_EXEC, a=1, b=-2, c=5000000000) = 7 (sum=4999999999)");
}
END_TEST

START_TEST(flag_sets_decode_into_names)
{
	char text[64];
	ck_assert_uint_eq(mode_bits_format(MODE_READ | MODE_SETUID, text, sizeof(text)), 21);
	ck_assert_str_eq(text, "MODE_READ|MODE_SETUID");
	mode_bits_format(0, text, sizeof(text));
	ck_assert_str_eq(text, "MODE_NONE");
	mode_bits_format(MODE_WRITE | 0x100, text, sizeof(text));
	ck_assert_str_eq(text, "MODE_WRITE|0x100");
	mode_bits_format(0x10000, text, sizeof(text));
	ck_assert_str_eq(text, "0x10000");
	/* Combinations are listed after their bits, so the bits are named. */
	mode_bits_format(MODE_ALL, text, sizeof(text));
	ck_assert_str_eq(text, "MODE_READ|MODE_WRITE|MODE_EXEC");
	/* Truncated like snprintf: the length needed comes back. */
	ck_assert_uint_eq(mode_bits_format(MODE_READ | MODE_WRITE, text, 11), 20);
	ck_assert_str_eq(text, "MODE_READ|");
	ck_assert_str_eq(echo_color_name(ECHO_GREEN), "GREEN");
}
END_TEST

START_TEST(constants_keep_their_values)
{
	ck_assert_uint_eq(PERM_DEFAULT, 420);
	ck_assert_uint_eq(WINDOW_MASK, 0x500000f0u);
	ck_assert_int_eq(BELOW, -14);
	ck_assert_uint_eq(SMALL_SHIFT, 8);
	ck_assert_uint_eq(MODE_SETUID, 2048);
}
END_TEST

START_TEST(operation_without_parameters)
{
	int32_t sum;
	ck_assert_int_eq(echo_add(ECHO_TID, 1, 2, &sum), 0);
	ck_assert_int_eq(echo_count(ECHO_TID), 2);
	ck_assert_str_eq(trace_line, "test0 echo.count() = 2");
}
END_TEST

START_TEST(scalars_at_their_limits)
{
	uint64_t sum = 0;
	uintptr_t addr = 0;
	ck_assert_int_eq(echo_scalars(ECHO_TID, INT8_MIN, UINT8_MAX, INT16_MIN, UINT16_MAX, INT64_MIN,
				      UINT64_MAX, true, 0xfffff000u, ECHO_BLUE, &sum, &addr), 1);
	uint64_t want = (uint64_t)(int64_t)INT8_MIN + UINT8_MAX + (uint64_t)(int64_t)INT16_MIN + UINT16_MAX +
			(uint64_t)INT64_MIN + UINT64_MAX + 1 + ECHO_BLUE;
	ck_assert_uint_eq(sum, want);
	ck_assert_uint_eq(addr, 0xfffff000u);
	ck_assert_str_eq(trace_line, "test0 echo.scalars(i8=-128, u8=255, i16=-32768, u16=65535, "
			 "i64=-9223372036854775808, u64=18446744073709551615, flag=true, addr=0xfffff000, "
			 "shade=BLUE) = 1 (sum=9223372036854808708, addr_out=0xfffff000)");
}
END_TEST

START_TEST(uintptr_wider_than_a_word_is_refused)
{
	uint64_t sum;
	uintptr_t addr;
	if (UINTPTR_MAX > 0xffffffffu) {
		ck_assert_int_eq(echo_scalars(ECHO_TID, 0, 0, 0, 0, 0, 0, false, (uintptr_t)UINT64_MAX, ECHO_RED,
					      &sum, &addr), -EOVERFLOW);
		ck_assert_uint_eq(echo_state.handler_calls, 0);
	}
}
END_TEST

START_TEST(structs_and_arrays_both_ways)
{
	struct echo_pixel p = { .at = { 1, 2 }, .shade = ECHO_GREEN, .lit = true, .depth = { -1, 2, 30000 } };
	struct echo_pixel q = { .at = { 7, -8 }, .shade = ECHO_RED, .lit = true, .depth = { 1, 1, 1 } };
	const echo_key k = { 1, 2, 3, 4, 5, 0xff };
	echo_key k2 = { 0 };
	const uint32_t list[4] = { 1, 10, 100, 1000 };
	echo_ticket t = 0;
	ck_assert_int_eq(echo_shapes(ECHO_TID, &p, &q, k, k2, list, &t), 3);
	ck_assert_int_eq(q.at.x, -8);
	ck_assert_int_eq(q.at.y, 7);
	ck_assert_int_eq(q.shade, ECHO_GREEN);
	ck_assert(!q.lit);
	ck_assert_int_eq(q.depth[0], 0);
	ck_assert_int_eq(q.depth[2], 30001);
	const uint8_t want_k2[6] = { 0xff, 5, 4, 3, 2, 1 };
	ck_assert_mem_eq(k2, want_k2, 6);
	ck_assert_uint_eq(t, 1111);
}
END_TEST

START_TEST(strings_at_maximum_length)
{
	const char who[] = "abcdefghijklmnopqrstuvwxyz012345";	/* 32 = the bound */
	char greeting[41];
	char word[17] = "0123456789abcdef";			/* 16 = the bound */
	ck_assert_int_eq(echo_strings(ECHO_TID, who, greeting, word), 39);
	ck_assert_str_eq(greeting, "hello, abcdefghijklmnopqrstuvwxyz012345");
	ck_assert_str_eq(word, "fedcba9876543210");
}
END_TEST

START_TEST(strings_empty)
{
	char greeting[41];
	char word[17] = "";
	ck_assert_int_eq(echo_strings(ECHO_TID, "", greeting, word), 7);
	ck_assert_str_eq(greeting, "hello, ");
	ck_assert_str_eq(word, "");
	ck_assert_str_eq(trace_line, "test0 echo.strings(who=\"\", word=\"\") = 7 (greeting=\"hello, \", word=\"\")");
}
END_TEST

START_TEST(strings_too_long_are_refused_by_the_stub)
{
	char greeting[41];
	char word[18] = "0123456789abcdefg";
	ck_assert_int_eq(echo_strings(ECHO_TID, "a", greeting, word), -EMSGSIZE);
	ck_assert_int_eq(echo_strings(ECHO_TID, "abcdefghijklmnopqrstuvwxyz0123456", greeting, "w"), -EMSGSIZE);
	ck_assert_uint_eq(echo_state.handler_calls, 0);
}
END_TEST

START_TEST(unterminated_out_string_from_handler_is_an_error)
{
	char greeting[41];
	char word[17] = "w";
	ck_assert_int_eq(echo_strings(ECHO_TID, "overflow", greeting, word), -EMSGSIZE);
}
END_TEST

START_TEST(struct_strings_both_ways)
{
	struct echo_label given = { .serial = 7, .text = "abcdefghij", .spare = false };	/* 10 = the bound */
	struct echo_label back;
	memset(&back, '?', sizeof(back));
	ck_assert_int_eq(echo_relabel(ECHO_TID, &given, &back), 10);
	ck_assert_uint_eq(back.serial, 8);
	ck_assert_str_eq(back.text, "ABCDEFGHIJ");
	ck_assert(back.spare);
	given.text[0] = '\0';
	ck_assert_int_eq(echo_relabel(ECHO_TID, &given, &back), 0);
	ck_assert_str_eq(back.text, "");
	ck_assert_uint_eq(back.serial, 8);
}
END_TEST

START_TEST(unterminated_struct_string_is_refused_by_the_receiver)
{
	struct echo_label given = { .serial = 1, .text = "overflow" };
	struct echo_label back;
	ck_assert_int_eq(echo_relabel(ECHO_TID, &given, &back), -EBADMSG);
	memset(given.text, 'y', sizeof(given.text));
	ck_assert_int_eq(echo_relabel(ECHO_TID, &given, &back), -EBADMSG);
	ck_assert_uint_eq(echo_state.handler_calls, 1);
}
END_TEST

START_TEST(buffers_at_maximum_length)
{
	uint8_t data[64], copy[64], acc[96];
	for (int i = 0; i < 64; i++)
		data[i] = (uint8_t)(i * 7);
	memset(acc, 0xee, 32);
	uint32_t copy_len = 0, acc_len = 32;
	ck_assert_int_eq(echo_buffers(ECHO_TID, data, 64, copy, &copy_len, acc, &acc_len), 64);
	ck_assert_uint_eq(copy_len, 64);
	ck_assert_mem_eq(copy, data, 64);
	ck_assert_uint_eq(acc_len, 96);
	ck_assert_uint_eq(acc[31], 0xee);
	ck_assert_mem_eq(acc + 32, data, 64);
	ck_assert_int_eq(echo_buffers(ECHO_TID, data, 1, copy, &copy_len, acc, &acc_len), -ENOSPC);
	ck_assert_uint_eq(acc_len, 96);
}
END_TEST

START_TEST(buffers_empty_and_oversized)
{
	uint8_t copy[64], acc[96];
	uint32_t copy_len = 5, acc_len = 0;
	ck_assert_int_eq(echo_buffers(ECHO_TID, "", 0, copy, &copy_len, acc, &acc_len), 0);
	ck_assert_uint_eq(copy_len, 0);
	ck_assert_uint_eq(acc_len, 0);
	uint8_t big[65] = { 0 };
	ck_assert_int_eq(echo_buffers(ECHO_TID, big, 65, copy, &copy_len, acc, &acc_len), -EMSGSIZE);
	ck_assert_str_eq(trace_line, "test0 echo.buffers(data=<0 bytes>, acc=<0 bytes>) = 0 (copy=<0 bytes>, acc=<0 bytes>)");
}
END_TEST

START_TEST(oneway_reaches_the_handler_without_a_reply)
{
	ck_assert_int_eq(echo_notify(ECHO_TID, 0xdeadbeef), 0);
	ck_assert_uint_eq(echo_state.last_notify, 0xdeadbeef);
	ck_assert_str_eq(trace_line, "test0 echo.notify(code=3735928559)");
	ck_assert_int_eq(echo_log_line(LOG_TID, "a line of text"), 0);
	ck_assert_str_eq(echo_state.log_line, "a line of text");
}
END_TEST

static void post_meanwhile(void *arg)
{
	uint32_t event = *(uint32_t *)arg;
	idlrt_loopback_set_self(POSTER_TID);
	ck_assert_int_eq(echo_post(ECHO_TID, event, -77), 1);
	idlrt_loopback_set_self(CLIENT_TID);
}

START_TEST(deferred_reply_arrives_later)
{
	uint32_t event = 9;
	int32_t value = 0;
	idlrt_loopback_on_block(post_meanwhile, &event);
	ck_assert_int_eq(echo_wait(ECHO_TID, 9, &value), 0);
	ck_assert_int_eq(value, -77);
	ck_assert_int_eq(echo_state.reply_status, 0);
	ck_assert_uint_eq(idlrt_loopback_deferred_count(), 1);
	ck_assert_str_eq(trace_before, "test0 <... echo.wait resumed> = 0 (value=-77)");
	ck_assert_str_eq(trace_line, "0xc001 echo.post(event=9, value=-77) = 1");
}
END_TEST

START_TEST(deferred_handler_may_answer_at_once)
{
	int32_t value = 0;
	ck_assert_int_eq(echo_post(ECHO_TID, 4, 12), 0);
	ck_assert_int_eq(echo_wait(ECHO_TID, 4, &value), 0);
	ck_assert_int_eq(value, 12);
	ck_assert_uint_eq(idlrt_loopback_deferred_count(), 0);
}
END_TEST

START_TEST(deferred_without_an_answer_is_reported)
{
	int32_t value = 0;
	ck_assert_int_eq(echo_wait(ECHO_TID, 1, &value), -EDEADLK);
	ck_assert_str_eq(trace_line, "test0 echo.wait(event=1) <unfinished ...>");
	ck_assert_int_eq(echo_wait_reply(echo_state.wait_token, 0, 5), -ESRCH);
}
END_TEST

START_TEST(unbound_server)
{
	int32_t sum;
	ck_assert_int_eq(echo_add(L4_TID(99, 1), 1, 2, &sum), -ESRCH);
}
END_TEST

/* ---- Malformed requests, written word by word into the client's MRs ---- */

static const uint32_t good_header = IDLRT_HEADER(ECHO_IFACE_ID, ECHO_IFACE_VERSION);

/* Sends mr[0..words] and returns the result word of the reply (alone if an error). */
static int32_t raw_call(const uint32_t *words, unsigned count)
{
	uint32_t *mr = idlrt_mr();
	memcpy(mr, words, count * sizeof(uint32_t));
	ck_assert_int_eq(idlrt_call(ECHO_TID), 0);
	ck_assert_uint_ge(L4_TAG_WORDS(mr[0]), 1);
	if ((int32_t)mr[1] < 0)
		ck_assert_uint_eq(L4_TAG_WORDS(mr[0]), 1);
	return (int32_t)mr[1];
}

START_TEST(well_formed_raw_request_is_answered)
{
	const uint32_t msg[] = { L4_TAG(ECHO_OP_ADD, 3), good_header, 2, 3 };
	uint32_t *mr = idlrt_mr();
	memcpy(mr, msg, sizeof(msg));
	ck_assert_int_eq(idlrt_call(ECHO_TID), 0);
	ck_assert_uint_eq(mr[0], L4_TAG(0, 2));
	ck_assert_uint_eq(mr[1], 0);
	ck_assert_uint_eq(mr[2], 5);
}
END_TEST

START_TEST(empty_message)
{
	const uint32_t msg[] = { L4_TAG(ECHO_OP_ADD, 0) };
	ck_assert_int_eq(raw_call(msg, 1), -EBADMSG);
	ck_assert_uint_eq(echo_state.handler_calls, 0);
}
END_TEST

START_TEST(wrong_interface)
{
	const uint32_t msg[] = { L4_TAG(ECHO_OP_ADD, 3), IDLRT_HEADER(ECHO_LOG_IFACE_ID, ECHO_IFACE_VERSION), 2, 3 };
	ck_assert_int_eq(raw_call(msg, 4), -ENOSYS);
	ck_assert_uint_eq(echo_state.handler_calls, 0);
}
END_TEST

START_TEST(old_client_version)
{
	/* echo is version 3 and accepts 2: version 1 is refused. */
	const uint32_t msg[] = { L4_TAG(ECHO_OP_ADD, 3), IDLRT_HEADER(ECHO_IFACE_ID, ECHO_IFACE_VERSION - 2), 2, 3 };
	ck_assert_int_eq(raw_call(msg, 4), -EPROTONOSUPPORT);
	const uint32_t newer[] = { L4_TAG(ECHO_OP_ADD, 3), IDLRT_HEADER(ECHO_IFACE_ID, ECHO_IFACE_VERSION + 1), 2, 3 };
	ck_assert_int_eq(raw_call(newer, 4), -EPROTONOSUPPORT);
	ck_assert_uint_eq(echo_state.handler_calls, 0);
}
END_TEST

START_TEST(accepted_older_version_is_served)
{
	const uint32_t msg[] = { L4_TAG(ECHO_OP_ADD, 3), IDLRT_HEADER(ECHO_IFACE_ID, ECHO_IFACE_VERSION - 1), 2, 3 };
	uint32_t *mr = idlrt_mr();
	memcpy(mr, msg, sizeof(msg));
	ck_assert_int_eq(idlrt_call(ECHO_TID), 0);
	ck_assert_uint_eq(mr[0], L4_TAG(0, 2));
	ck_assert_uint_eq(mr[1], 0);
	ck_assert_uint_eq(mr[2], 5);
	ck_assert_uint_eq(echo_state.handler_calls, 1);
}
END_TEST

/* total(mode, a, optional b, optional int64 c): 2, 3 or 5 words after the header. */
static int32_t total_with(unsigned words, int64_t *sum)
{
	uint32_t msg[8] = { L4_TAG(ECHO_OP_TOTAL, words), IDLRT_HEADER(ECHO_IFACE_ID, 2), MODE_READ, 100, 20,
			    3, 0, 99 };
	int32_t result = raw_call(msg, words + 1);
	uint32_t *mr = idlrt_mr();
	if (result >= 0)
		*sum = (int64_t)((uint64_t)mr[2] | (uint64_t)mr[3] << 32);
	return result;
}

START_TEST(optional_parameters_may_be_left_out)
{
	int64_t sum = -1;
	ck_assert_int_eq(total_with(3, &sum), (int32_t)MODE_READ);
	ck_assert_int_eq(sum, 100);
	ck_assert_int_eq(total_with(4, &sum), (int32_t)MODE_READ);
	ck_assert_int_eq(sum, 120);
	ck_assert_int_eq(total_with(6, &sum), (int32_t)MODE_READ);
	ck_assert_int_eq(sum, 123);
	ck_assert_uint_eq(echo_state.handler_calls, 3);
	/* Only whole optional parameters: half of c, or more than all, is malformed. */
	ck_assert_int_eq(total_with(5, &sum), -EBADMSG);
	ck_assert_int_eq(total_with(7, &sum), -EBADMSG);
	ck_assert_int_eq(total_with(2, &sum), -EBADMSG);
	ck_assert_uint_eq(echo_state.handler_calls, 3);
}
END_TEST

START_TEST(unknown_operation)
{
	const uint32_t msg[] = { L4_TAG(0x0bad, 1), good_header };
	ck_assert_int_eq(raw_call(msg, 2), -ENOSYS);
	const uint32_t fault[] = { L4_TAG(L4_LABEL_PAGEFAULT, 4), 0x1000, 1, 2, 3 };
	ck_assert_int_eq(raw_call(fault, 5), -ENOSYS);
	ck_assert_uint_eq(echo_state.handler_calls, 0);
}
END_TEST

/* The dispatch switches on a slot worked out from the operation number
 * (idlc's gen_server.c, find_op_slots): every number that is no operation's,
 * whichever operation's slot it falls in, is still -ENOSYS. */
START_TEST(every_other_number_is_unknown)
{
	static const uint32_t ops[] = { ECHO_OP_ADD,	 ECHO_OP_SCALARS, ECHO_OP_SHAPES, ECHO_OP_STRINGS,
					ECHO_OP_RELABEL, ECHO_OP_BUFFERS, ECHO_OP_COUNT,  ECHO_OP_NOTIFY,
					ECHO_OP_WAIT,	 ECHO_OP_POST,	  ECHO_OP_TOTAL };
	for (uint32_t label = 0; label <= IDLRT_OP_MAX; label++) {
		bool known = false;
		for (size_t i = 0; i < sizeof(ops) / sizeof(ops[0]); i++)
			known |= ops[i] == label;
		if (known)
			continue;
		const uint32_t msg[] = { L4_TAG(label, 1), good_header };
		ck_assert_int_eq(raw_call(msg, 2), -ENOSYS);
	}
	ck_assert_uint_eq(echo_state.handler_calls, 0);
}
END_TEST

START_TEST(wrong_lengths)
{
	const uint32_t short_msg[] = { L4_TAG(ECHO_OP_ADD, 2), good_header, 2 };
	ck_assert_int_eq(raw_call(short_msg, 3), -EBADMSG);
	const uint32_t long_msg[] = { L4_TAG(ECHO_OP_ADD, 4), good_header, 2, 3, 4 };
	ck_assert_int_eq(raw_call(long_msg, 5), -EBADMSG);
	ck_assert_uint_eq(echo_state.handler_calls, 0);
}
END_TEST

/* scalars: i8 u8 i16 u16 i64(2) u64(2) flag addr shade = 11 words after the header. */
static int32_t scalars_with(unsigned index, uint32_t value)
{
	uint32_t msg[13] = { L4_TAG(ECHO_OP_SCALARS, 12), good_header };
	msg[2 + index] = value;
	return raw_call(msg, 13);
}

START_TEST(values_out_of_range)
{
	ck_assert_int_eq(scalars_with(0, 128), -EBADMSG);		/* int8 */
	ck_assert_int_eq(scalars_with(0, (uint32_t)-129), -EBADMSG);
	ck_assert_int_eq(scalars_with(1, 256), -EBADMSG);		/* uint8 */
	ck_assert_int_eq(scalars_with(2, 40000), -EBADMSG);		/* int16 */
	ck_assert_int_eq(scalars_with(3, 65536), -EBADMSG);		/* uint16 */
	ck_assert_int_eq(scalars_with(8, 2), -EBADMSG);			/* bool */
	ck_assert_int_eq(scalars_with(10, 1), -EBADMSG);		/* enum gap */
	ck_assert_int_eq(scalars_with(10, 7), -EBADMSG);		/* enum past the end */
	ck_assert_uint_eq(echo_state.handler_calls, 0);
	ck_assert_int_eq(scalars_with(10, ECHO_GREEN), 0);
	ck_assert_int_eq(scalars_with(0, (uint32_t)-128), 0);
}
END_TEST

/* strings: who length, word length, then the bytes. */
static int32_t strings_with(uint32_t who_len, uint32_t word_len, const char *bytes, unsigned data_words)
{
	uint32_t msg[64] = { L4_TAG(ECHO_OP_STRINGS, 3 + data_words), good_header, who_len, word_len };
	memcpy(&msg[4], bytes, data_words * 4);
	return raw_call(msg, 4 + data_words);
}

START_TEST(bad_strings)
{
	ck_assert_int_eq(strings_with(33, 0, "abcdefghijklmnopqrstuvwxyz0123456789", 9), -EBADMSG);
	ck_assert_int_eq(strings_with(0, 17, "abcdefghijklmnopqrstu", 5), -EBADMSG);
	ck_assert_int_eq(strings_with(4, 0, "ab\0d", 1), -EBADMSG);	/* NUL inside */
	ck_assert_int_eq(strings_with(8, 0, "abcd", 1), -EBADMSG);	/* bytes missing */
	ck_assert_int_eq(strings_with(1, 0, "abcdefgh", 2), -EBADMSG);	/* bytes extra */
	ck_assert_uint_eq(echo_state.handler_calls, 0);
	ck_assert_int_eq(strings_with(4, 0, "abcd", 1), 11);
}
END_TEST

/* relabel: serial, the text's length and its 3 words, spare. */
static int32_t label_with(uint32_t text_len, const char *bytes, uint32_t spare)
{
	uint32_t msg[8] = { L4_TAG(ECHO_OP_RELABEL, 7), good_header, 5, text_len, 0, 0, 0, spare };
	memcpy(&msg[4], bytes, strlen(bytes));
	return raw_call(msg, 8);
}

START_TEST(bad_struct_strings)
{
	ck_assert_int_eq(label_with(11, "abcdefghijk", 0), -EBADMSG);	/* past the bound */
	ck_assert_int_eq(label_with(4, "ab", 0), -EBADMSG);		/* NUL inside */
	ck_assert_int_eq(label_with(2, "ab", 2), -EBADMSG);		/* the field after it */
	ck_assert_uint_eq(echo_state.handler_calls, 0);
	ck_assert_int_eq(label_with(2, "ab", 1), 2);
	ck_assert_int_eq(label_with(10, "abcdefghij", 0), 10);
}
END_TEST

START_TEST(bad_buffers)
{
	uint32_t msg[64] = { L4_TAG(ECHO_OP_BUFFERS, 3), good_header, 65, 0 };
	ck_assert_int_eq(raw_call(msg, 4), -EBADMSG);
	uint32_t acc_too_long[64] = { L4_TAG(ECHO_OP_BUFFERS, 3), good_header, 0, 97 };
	ck_assert_int_eq(raw_call(acc_too_long, 4), -EBADMSG);
	ck_assert_uint_eq(echo_state.handler_calls, 0);
}
END_TEST

START_TEST(malformed_oneway_is_dropped)
{
	uint32_t *mr = idlrt_mr();
	const uint32_t msg[] = { L4_TAG(ECHO_OP_NOTIFY, 3), good_header, 1, 2 };
	memcpy(mr, msg, sizeof(msg));
	ck_assert_int_eq(idlrt_send(ECHO_TID), 0);
	ck_assert_uint_eq(echo_state.handler_calls, 0);
}
END_TEST

/* A server that answers add with no out words: the stub must not trust it. */
static int short_reply(struct idlrt_request *rq)
{
	rq->mr[0] = L4_TAG(0, 1);
	rq->mr[1] = 0;
	return IDLRT_SEND_REPLY;
}

START_TEST(malformed_reply_is_caught_by_the_stub)
{
	int32_t sum = 0;
	ck_assert_int_eq(idlrt_loopback_bind(ECHO_TID, short_reply, 0), 0);
	ck_assert_int_eq(echo_add(ECHO_TID, 1, 2, &sum), -EBADMSG);
}
END_TEST

static Suite *protocol_suite(void)
{
	Suite *suite = suite_create("idl protocol");
	TCase *calls = tcase_create("round trips");
	tcase_add_checked_fixture(calls, setup, teardown);
	tcase_add_test(calls, add_round_trip_and_trace);
	tcase_add_test(calls, operation_without_parameters);
	tcase_add_test(calls, optional_parameters_from_a_current_client);
	tcase_add_test(calls, flag_sets_decode_into_names);
	tcase_add_test(calls, constants_keep_their_values);
	tcase_add_test(calls, scalars_at_their_limits);
	tcase_add_test(calls, uintptr_wider_than_a_word_is_refused);
	tcase_add_test(calls, structs_and_arrays_both_ways);
	tcase_add_test(calls, strings_at_maximum_length);
	tcase_add_test(calls, strings_empty);
	tcase_add_test(calls, strings_too_long_are_refused_by_the_stub);
	tcase_add_test(calls, unterminated_out_string_from_handler_is_an_error);
	tcase_add_test(calls, struct_strings_both_ways);
	tcase_add_test(calls, unterminated_struct_string_is_refused_by_the_receiver);
	tcase_add_test(calls, buffers_at_maximum_length);
	tcase_add_test(calls, buffers_empty_and_oversized);
	tcase_add_test(calls, oneway_reaches_the_handler_without_a_reply);
	tcase_add_test(calls, deferred_reply_arrives_later);
	tcase_add_test(calls, deferred_handler_may_answer_at_once);
	tcase_add_test(calls, deferred_without_an_answer_is_reported);
	tcase_add_test(calls, unbound_server);
	suite_add_tcase(suite, calls);
	TCase *bad = tcase_create("malformed requests");
	tcase_add_checked_fixture(bad, setup, teardown);
	tcase_add_test(bad, well_formed_raw_request_is_answered);
	tcase_add_test(bad, empty_message);
	tcase_add_test(bad, wrong_interface);
	tcase_add_test(bad, old_client_version);
	tcase_add_test(bad, accepted_older_version_is_served);
	tcase_add_test(bad, optional_parameters_may_be_left_out);
	tcase_add_test(bad, unknown_operation);
	tcase_add_test(bad, every_other_number_is_unknown);
	tcase_add_test(bad, wrong_lengths);
	tcase_add_test(bad, values_out_of_range);
	tcase_add_test(bad, bad_strings);
	tcase_add_test(bad, bad_struct_strings);
	tcase_add_test(bad, bad_buffers);
	tcase_add_test(bad, malformed_oneway_is_dropped);
	tcase_add_test(bad, malformed_reply_is_caught_by_the_stub);
	suite_add_tcase(suite, bad);
	return suite;
}

int main(void)
{
	SRunner *runner = srunner_create(protocol_suite());
	srunner_run_all(runner, CK_NORMAL);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
