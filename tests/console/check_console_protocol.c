/* check_console_protocol.c - the console server through its generated stubs
 * and dispatch over the loopback transport, on a fake PL011; Ctrl-C's
 * SIGINT is recorded here in place of mm0's kill. */
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <idlrt/loopback.h>

#include "console.h"
#include "console_server.h"
#include "fake_uart.h"
#include "serve.h"

#define CONSOLE_TID L4_TID(40, 1)

static struct fake_uart uart;
static int32_t last_signalled;

void console_signal_group(int32_t pgrp)
{
	last_signalled = pgrp;
}

static void setup(void)
{
	idlrt_loopback_reset();
	fake_uart_init(&uart);
	console_serve_start(&uart.io);
	last_signalled = 0;
	ck_assert_int_eq(idlrt_loopback_bind(CONSOLE_TID, console_dispatch, 0), 0);
}

/* The keys typed while a call waits; then the UART interrupts. */
static void type_while_waiting(void *keys)
{
	fake_uart_type(&uart, keys, (uint32_t)strlen(keys));
	tty_interrupt(&console_tty);
}

static void drain_while_waiting(void *unused)
{
	(void)unused;
	fake_uart_set_tx_full(&uart, false);
	tty_interrupt(&console_tty);
}

START_TEST(write_reaches_the_uart)
{
	ck_assert_int_eq(console_write(CONSOLE_TID, "$ ok\n", 5), 5);
	ck_assert_str_eq(uart.tx, "$ ok\r\n");
}
END_TEST

START_TEST(read_waits_for_a_line)
{
	char data[CONSOLE_IO_MAX + 1];
	uint32_t len = 0;

	idlrt_loopback_on_block(type_while_waiting, "echo hi\r");
	ck_assert_int_eq(console_read(CONSOLE_TID, CONSOLE_IO_MAX, data, &len), 8);
	ck_assert_uint_eq(len, 8);
	ck_assert_mem_eq(data, "echo hi\n", 8);
	ck_assert_uint_eq(idlrt_loopback_deferred_count(), 1);
	ck_assert_str_eq(uart.tx, "echo hi\r\n");
}
END_TEST

START_TEST(read_of_a_typed_line_needs_no_wait)
{
	char data[CONSOLE_IO_MAX];
	uint32_t len = 0;

	type_while_waiting("pwd\r");
	ck_assert_int_eq(console_read(CONSOLE_TID, 2, data, &len), 2);
	ck_assert_mem_eq(data, "pw", 2);
	ck_assert_int_eq(console_read(CONSOLE_TID, 100, data, &len), 2);
	ck_assert_mem_eq(data, "d\n", 2);
	ck_assert_uint_eq(idlrt_loopback_deferred_count(), 0);
}
END_TEST

START_TEST(ctrl_d_reads_as_end_of_file)
{
	char data[CONSOLE_IO_MAX];
	uint32_t len = 99;

	idlrt_loopback_on_block(type_while_waiting, "\x04");
	ck_assert_int_eq(console_read(CONSOLE_TID, CONSOLE_IO_MAX, data, &len), 0);
	ck_assert_uint_eq(len, 0);
}
END_TEST

START_TEST(ctrl_c_interrupts_the_read)
{
	char data[CONSOLE_IO_MAX];
	uint32_t len = 0;

	idlrt_loopback_on_block(type_while_waiting, "sleep 9\x03");
	ck_assert_int_eq(console_read(CONSOLE_TID, CONSOLE_IO_MAX, data, &len), -EINTR);
	ck_assert_str_eq(uart.tx, "sleep 9^C\r\n");
}
END_TEST

START_TEST(edited_line_arrives_edited)
{
	char data[CONSOLE_IO_MAX];
	uint32_t len = 0;

	idlrt_loopback_on_block(type_while_waiting, "lx\x7fs /bin\x15ls /boot\r");
	ck_assert_int_eq(console_read(CONSOLE_TID, CONSOLE_IO_MAX, data, &len), 9);
	ck_assert_mem_eq(data, "ls /boot\n", 9);
}
END_TEST

START_TEST(write_waits_while_output_is_full)
{
	char block[128];
	unsigned writes = TTY_OUT_BYTES / sizeof(block) + 1;

	memset(block, '-', sizeof(block));
	block[sizeof(block) - 1] = '|';
	fake_uart_set_tx_full(&uart, true);
	idlrt_loopback_on_block(drain_while_waiting, NULL);
	for (unsigned i = 0; i < writes; i++)
		ck_assert_int_eq(console_write(CONSOLE_TID, block, sizeof(block)), sizeof(block));
	ck_assert_uint_eq(idlrt_loopback_deferred_count(), 1);
	ck_assert_uint_eq(uart.tx_len, writes * sizeof(block));
	ck_assert_uint_eq(uart.tx[uart.tx_len - 1], '|');
	ck_assert_uint_eq(uart.writes_while_full, 0);
}
END_TEST

START_TEST(bad_sizes_are_refused)
{
	char data[CONSOLE_IO_MAX + 1];
	uint32_t len = 0;

	memset(data, 'b', sizeof(data));
	ck_assert_int_eq(console_write(CONSOLE_TID, data, CONSOLE_IO_MAX + 1), -EMSGSIZE);
	ck_assert_int_eq(console_read(CONSOLE_TID, 0, data, &len), -EINVAL);
	ck_assert_int_eq(console_read(CONSOLE_TID, CONSOLE_IO_MAX + 1, data, &len), -EINVAL);
	ck_assert_uint_eq(uart.tx_len, 0);
}
END_TEST

START_TEST(malformed_requests_get_clear_errors)
{
	uint32_t *mr = idlrt_mr();

	mr[0] = L4_TAG(CONSOLE_OP_WRITE, 2);
	mr[1] = IDLRT_HEADER(CONSOLE_IFACE_ID, CONSOLE_IFACE_VERSION);
	mr[2] = CONSOLE_IO_MAX + 4;	/* a length beyond the bound and the message */
	ck_assert_int_eq(idlrt_call(CONSOLE_TID), 0);
	ck_assert_int_eq((int32_t)mr[1], -EBADMSG);

	mr[0] = L4_TAG(CONSOLE_OP_READ, 2);
	mr[1] = IDLRT_HEADER(CONSOLE_IFACE_ID, CONSOLE_IFACE_VERSION + 1);
	mr[2] = 10;
	ck_assert_int_eq(idlrt_call(CONSOLE_TID), 0);
	ck_assert_int_eq((int32_t)mr[1], -EPROTONOSUPPORT);

	mr[0] = L4_TAG(0x77, 1);
	mr[1] = IDLRT_HEADER(CONSOLE_IFACE_ID, CONSOLE_IFACE_VERSION);
	ck_assert_int_eq(idlrt_call(CONSOLE_TID), 0);
	ck_assert_int_eq((int32_t)mr[1], -ENOSYS);
	ck_assert_uint_eq(uart.tx_len, 0);
}
END_TEST

static uint32_t random_word(uint32_t *state)
{
	*state ^= *state << 13;
	*state ^= *state >> 17;
	*state ^= *state << 5;
	return *state;
}

/* Random requests, mostly nearly right (a fixed seed, so a failure repeats):
 * each gets a well-formed answer, waiting reads end when a line is typed,
 * and both operations succeed often enough to count. */
START_TEST(random_requests_get_well_formed_answers)
{
	static const uint32_t labels[] = { CONSOLE_OP_READ, CONSOLE_OP_WRITE, 0, 0xf000 };
	uint32_t *mr = idlrt_mr(), state = 2463534242u;
	unsigned reads = 0, writes = 0;

	idlrt_loopback_on_block(type_while_waiting, "typed\r");
	for (int round = 0; round < 20000; round++) {
		uint32_t label = labels[random_word(&state) % 4], words = random_word(&state) % 64;
		uint32_t len = random_word(&state) % (CONSOLE_IO_MAX + 8);
		int32_t result;

		for (uint32_t i = 1; i < L4_MR_COUNT; i++)
			mr[i] = random_word(&state);
		if (random_word(&state) % 4)
			mr[1] = IDLRT_HEADER(CONSOLE_IFACE_ID, CONSOLE_IFACE_VERSION);
		if (random_word(&state) % 4)
			mr[2] = len;
		if (label == CONSOLE_OP_WRITE && random_word(&state) % 2 && 2 + (len + 3) / 4 < 64)
			words = 2 + (len + 3) / 4;
		if (label == CONSOLE_OP_READ && random_word(&state) % 2)
			words = 2;
		mr[0] = L4_TAG(label, words);
		ck_assert_int_eq(idlrt_call(CONSOLE_TID), 0);
		result = (int32_t)mr[1];
		ck_assert_int_ge(result, -4095);
		ck_assert_int_le(result, CONSOLE_IO_MAX);
		if (result > 0 && label == CONSOLE_OP_READ)
			reads++;
		if (result >= 0 && label == CONSOLE_OP_WRITE)
			writes++;
	}
	ck_assert_uint_gt(reads, 100);
	ck_assert_uint_gt(writes, 100);
}
END_TEST

START_TEST(modes_are_set_and_read_back)
{
	struct console_mode mode;
	const struct console_mode raw = { 0, CONSOLE_ISIG, 0, 5 };

	ck_assert_int_eq(console_get_mode(CONSOLE_TID, &mode), 0);
	ck_assert_uint_eq(mode.iflag, CONSOLE_ICRNL);
	ck_assert_uint_eq(mode.lflag, CONSOLE_ISIG | CONSOLE_ICANON | CONSOLE_ECHO);
	ck_assert_uint_eq(mode.vmin, 1);
	ck_assert_uint_eq(mode.vtime, 0);
	ck_assert_int_eq(console_set_mode(CONSOLE_TID, &raw), 0);
	ck_assert_int_eq(console_get_mode(CONSOLE_TID, &mode), 0);
	ck_assert_uint_eq(mode.iflag, 0);
	ck_assert_uint_eq(mode.lflag, CONSOLE_ISIG);
	ck_assert_uint_eq(mode.vmin, 0);
	ck_assert_uint_eq(mode.vtime, 5);
}
END_TEST

START_TEST(read_now_answers_at_once)
{
	char data[CONSOLE_IO_MAX + 1];
	uint32_t len = 9;

	ck_assert_int_eq(console_read_now(CONSOLE_TID, CONSOLE_IO_MAX, data, &len), -EAGAIN);
	fake_uart_type(&uart, "ok\r", 3);
	tty_interrupt(&console_tty);
	ck_assert_int_eq(console_read_now(CONSOLE_TID, CONSOLE_IO_MAX, data, &len), 3);
	ck_assert_uint_eq(len, 3);
	ck_assert_mem_eq(data, "ok\n", 3);
}
END_TEST

START_TEST(ctrl_c_signals_the_foreground_group_set)
{
	char data[CONSOLE_IO_MAX + 1];
	uint32_t len = 0;

	ck_assert_int_eq(console_get_foreground(CONSOLE_TID), 0);
	ck_assert_int_eq(console_set_foreground(CONSOLE_TID, -3), -EINVAL);
	ck_assert_int_eq(console_set_foreground(CONSOLE_TID, 12), 0);
	ck_assert_int_eq(console_get_foreground(CONSOLE_TID), 12);
	idlrt_loopback_on_block(type_while_waiting, "cat\x03");
	ck_assert_int_eq(console_read(CONSOLE_TID, CONSOLE_IO_MAX, data, &len), -EINTR);
	ck_assert_int_eq(last_signalled, 12);
}
END_TEST

/* A test case of the suite, each with a fresh console. */
static TCase *console_tcase(Suite *suite, const char *name)
{
	TCase *tcase = tcase_create(name);

	tcase_add_checked_fixture(tcase, setup, NULL);
	suite_add_tcase(suite, tcase);
	return tcase;
}

static Suite *protocol_suite(void)
{
	Suite *suite = suite_create("console protocol");
	TCase *write = console_tcase(suite, "write");
	TCase *read = console_tcase(suite, "read");
	TCase *errors = console_tcase(suite, "errors");
	TCase *modes = console_tcase(suite, "modes");

	tcase_add_test(write, write_reaches_the_uart);
	tcase_add_test(write, write_waits_while_output_is_full);
	tcase_add_test(read, read_waits_for_a_line);
	tcase_add_test(read, read_of_a_typed_line_needs_no_wait);
	tcase_add_test(read, ctrl_d_reads_as_end_of_file);
	tcase_add_test(read, ctrl_c_interrupts_the_read);
	tcase_add_test(read, edited_line_arrives_edited);
	tcase_add_test(errors, bad_sizes_are_refused);
	tcase_add_test(errors, malformed_requests_get_clear_errors);
	tcase_add_test(errors, random_requests_get_well_formed_answers);
	tcase_add_test(modes, modes_are_set_and_read_back);
	tcase_add_test(modes, read_now_answers_at_once);
	tcase_add_test(modes, ctrl_c_signals_the_foreground_group_set);
	return suite;
}

int main(void)
{
	SRunner *runner = srunner_create(protocol_suite());
	int failed;

	srunner_run_all(runner, CK_NORMAL);
	failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
