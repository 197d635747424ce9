/* check_tty.c - the terminal logic on a fake PL011: echo and line editing,
 * waiting reads and writes, Ctrl-C/Ctrl-D, limits, and the modes: raw
 * input, echo off, VMIN 0, reads that never wait, and Ctrl-C's SIGINT to
 * the foreground process group. */
#include <check.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "fake_uart.h"
#include "tty.h"

#define MAX_ANSWERS 16

/* One deferred answer as the terminal gave it. */
struct answer {
	l4_tid_t client;
	int result;
	char data[TTY_IO_MAX + 1];
};

static struct fake_uart uart;
static struct tty tty;
static struct answer reads[MAX_ANSWERS], writes[MAX_ANSWERS];
static unsigned read_count, write_count;

static void record_read(idlrt_token_t token, int result, const void *data, uint32_t len)
{
	ck_assert_uint_lt(read_count, MAX_ANSWERS);
	reads[read_count].client = token.client;
	reads[read_count].result = result;
	if (len)
		memcpy(reads[read_count].data, data, len);
	reads[read_count].data[len] = '\0';
	read_count++;
}

static void record_write(idlrt_token_t token, int result)
{
	ck_assert_uint_lt(write_count, MAX_ANSWERS);
	writes[write_count].client = token.client;
	writes[write_count].result = result;
	write_count++;
}

static int32_t signalled[MAX_ANSWERS];
static unsigned signal_count;

static void record_group(int32_t pgrp)
{
	ck_assert_uint_lt(signal_count, MAX_ANSWERS);
	signalled[signal_count++] = pgrp;
}

static const struct tty_reply_ops recorder = { record_read, record_write, record_group };

static idlrt_token_t token_of(l4_tid_t client)
{
	return (idlrt_token_t){ .client = client };
}

static void setup(void)
{
	fake_uart_init(&uart);
	tty_start(&tty, &uart.io, &recorder);
	read_count = write_count = signal_count = 0;
}

/* Types keys (any number) and lets the interrupt handler take them. */
static void type(const char *keys)
{
	uint32_t len = (uint32_t)strlen(keys);

	while (len) {
		uint32_t part = len < FAKE_UART_RX_BYTES ? len : FAKE_UART_RX_BYTES;

		fake_uart_type(&uart, keys, part);
		tty_interrupt(&tty);
		keys += part;
		len -= part;
	}
}

static int read_now(uint32_t max, char *data)
{
	int result = tty_read(&tty, token_of(L4_TID(9, 1)), max, data);

	if (result >= 0)
		data[result] = '\0';
	return result;
}

START_TEST(start_enables_uart_and_receive_interrupts)
{
	ck_assert_uint_eq(uart.cr & (PL011_CR_UARTEN | PL011_CR_RXE | PL011_CR_TXE),
			  PL011_CR_UARTEN | PL011_CR_RXE | PL011_CR_TXE);
	ck_assert_uint_eq(uart.imsc, PL011_INT_RX | PL011_INT_RT);
}
END_TEST

START_TEST(write_sends_newline_as_crlf)
{
	ck_assert_int_eq(tty_write(&tty, token_of(1), "hi\nyou\n", 7), 7);
	ck_assert_str_eq(uart.tx, "hi\r\nyou\r\n");
	ck_assert_uint_eq(uart.imsc & PL011_INT_TX, 0);
}
END_TEST

START_TEST(empty_write_takes_nothing)
{
	ck_assert_int_eq(tty_write(&tty, token_of(1), NULL, 0), 0);
	ck_assert_uint_eq(uart.tx_len, 0);
}
END_TEST

START_TEST(typed_line_is_echoed_and_read_whole)
{
	char data[TTY_IO_MAX + 1];

	ck_assert_int_eq(read_now(TTY_IO_MAX, data), IDLRT_DEFERRED);
	type("ls -l");
	ck_assert_uint_eq(read_count, 0);
	type("\r");
	ck_assert_str_eq(uart.tx, "ls -l\r\n");
	ck_assert_uint_eq(read_count, 1);
	ck_assert_int_eq(reads[0].result, 6);
	ck_assert_str_eq(reads[0].data, "ls -l\n");
	ck_assert_uint_eq(reads[0].client, L4_TID(9, 1));
}
END_TEST

START_TEST(line_typed_before_the_read_is_answered_at_once)
{
	char data[TTY_IO_MAX + 1];

	type("one\rtwo\r");
	ck_assert_int_eq(read_now(TTY_IO_MAX, data), 4);
	ck_assert_str_eq(data, "one\n");
	ck_assert_int_eq(read_now(TTY_IO_MAX, data), 4);
	ck_assert_str_eq(data, "two\n");
	ck_assert_int_eq(read_now(TTY_IO_MAX, data), IDLRT_DEFERRED);
}
END_TEST

START_TEST(backspace_and_delete_erase_one_character)
{
	char data[TTY_IO_MAX + 1];

	type("cax\x7ft\b\bat\r");
	ck_assert_int_eq(read_now(TTY_IO_MAX, data), 4);
	ck_assert_str_eq(data, "cat\n");
	ck_assert_str_eq(uart.tx, "cax\b \bt\b \b\b \bat\r\n");
}
END_TEST

START_TEST(backspace_on_empty_line_does_nothing)
{
	char data[TTY_IO_MAX + 1];

	type("\x7f\x7f" "a\r");
	ck_assert_str_eq(uart.tx, "a\r\n");
	ck_assert_int_eq(read_now(TTY_IO_MAX, data), 2);
}
END_TEST

START_TEST(ctrl_u_erases_the_line)
{
	char data[TTY_IO_MAX + 1];

	type("rm -rf\x15" "ls\r");
	ck_assert_int_eq(read_now(TTY_IO_MAX, data), 3);
	ck_assert_str_eq(data, "ls\n");
	ck_assert_str_eq(uart.tx, "rm -rf\b \b\b \b\b \b\b \b\b \b\b \bls\r\n");
}
END_TEST

START_TEST(ctrl_d_on_empty_line_is_end_of_file_once)
{
	char data[TTY_IO_MAX + 1];

	ck_assert_int_eq(read_now(TTY_IO_MAX, data), IDLRT_DEFERRED);
	type("\x04");
	ck_assert_uint_eq(read_count, 1);
	ck_assert_int_eq(reads[0].result, 0);
	type("x\r");
	ck_assert_int_eq(read_now(TTY_IO_MAX, data), 2);
	ck_assert_str_eq(data, "x\n");
}
END_TEST

START_TEST(ctrl_d_after_text_pushes_it_without_newline)
{
	char data[TTY_IO_MAX + 1];

	type("abc\x04");
	ck_assert_int_eq(read_now(TTY_IO_MAX, data), 3);
	ck_assert_str_eq(data, "abc");
	ck_assert_str_eq(uart.tx, "abc");
}
END_TEST

START_TEST(ctrl_c_ends_waiting_reads_and_drops_input)
{
	char data[TTY_IO_MAX + 1];

	type("old\r");
	ck_assert_int_eq(read_now(TTY_IO_MAX, data), 4);
	ck_assert_int_eq(tty_read(&tty, token_of(L4_TID(3, 1)), 10, data), IDLRT_DEFERRED);
	ck_assert_int_eq(tty_read(&tty, token_of(L4_TID(4, 1)), 10, data), IDLRT_DEFERRED);
	type("half\x03");
	ck_assert_uint_eq(read_count, 2);
	ck_assert_int_eq(reads[0].result, -EINTR);
	ck_assert_int_eq(reads[1].result, -EINTR);
	ck_assert_str_eq(uart.tx, "old\r\nhalf^C\r\n");
	type("new\r");
	ck_assert_int_eq(read_now(TTY_IO_MAX, data), 4);
	ck_assert_str_eq(data, "new\n");
}
END_TEST

START_TEST(ctrl_c_drops_lines_not_yet_read)
{
	char data[TTY_IO_MAX + 1];

	type("first\r\x03" "second\r");
	ck_assert_int_eq(read_now(TTY_IO_MAX, data), 7);
	ck_assert_str_eq(data, "second\n");
}
END_TEST

START_TEST(small_reads_take_a_line_in_pieces)
{
	char data[TTY_IO_MAX + 1];

	type("hello\rz\r");
	ck_assert_int_eq(read_now(4, data), 4);
	ck_assert_str_eq(data, "hell");
	ck_assert_int_eq(read_now(4, data), 2);
	ck_assert_str_eq(data, "o\n");
	ck_assert_int_eq(read_now(4, data), 2);
	ck_assert_str_eq(data, "z\n");
}
END_TEST

START_TEST(read_sizes_out_of_range_are_refused)
{
	char data[TTY_IO_MAX + 2];

	ck_assert_int_eq(read_now(0, data), -EINVAL);
	ck_assert_int_eq(read_now(TTY_IO_MAX + 1, data), -EINVAL);
	ck_assert_int_eq(tty_write(&tty, token_of(1), data, TTY_IO_MAX + 1), -EINVAL);
	ck_assert_int_eq(tty_write(&tty, token_of(1), NULL, 1), -EINVAL);
}
END_TEST

START_TEST(waiting_reads_are_answered_in_order_and_limited)
{
	char data[TTY_IO_MAX + 1];
	unsigned i;

	for (i = 0; i < TTY_MAX_READERS; i++)
		ck_assert_int_eq(tty_read(&tty, token_of(L4_TID(i + 1, 1)), 8, data), IDLRT_DEFERRED);
	ck_assert_int_eq(tty_read(&tty, token_of(L4_TID(99, 1)), 8, data), -EBUSY);
	type("a\rb\r");
	ck_assert_uint_eq(read_count, 2);
	ck_assert_uint_eq(reads[0].client, L4_TID(1, 1));
	ck_assert_str_eq(reads[0].data, "a\n");
	ck_assert_uint_eq(reads[1].client, L4_TID(2, 1));
	ck_assert_str_eq(reads[1].data, "b\n");
	ck_assert_int_eq(tty_read(&tty, token_of(L4_TID(99, 1)), 8, data), IDLRT_DEFERRED);
}
END_TEST

START_TEST(full_output_makes_writes_wait_then_drain_in_order)
{
	char block[TTY_IO_MAX];
	unsigned taken = 0, expected_len;
	int result;

	memset(block, 'x', sizeof(block));
	fake_uart_set_tx_full(&uart, true);
	while ((result = tty_write(&tty, token_of(1), block, sizeof(block))) > 0)
		taken += (unsigned)result;
	ck_assert_uint_eq(taken, TTY_OUT_BYTES);
	ck_assert_int_eq(result, IDLRT_DEFERRED);
	ck_assert_uint_eq(uart.imsc & PL011_INT_TX, PL011_INT_TX);
	ck_assert_int_eq(tty_write(&tty, token_of(2), "end\n", 4), IDLRT_DEFERRED);
	ck_assert_uint_eq(write_count, 0);

	fake_uart_set_tx_full(&uart, false);
	tty_interrupt(&tty);
	ck_assert_uint_eq(write_count, 2);
	ck_assert_uint_eq(writes[0].client, 1);
	ck_assert_int_eq(writes[0].result, TTY_IO_MAX);
	ck_assert_uint_eq(writes[1].client, 2);
	ck_assert_int_eq(writes[1].result, 4);
	expected_len = TTY_OUT_BYTES + TTY_IO_MAX + 5;
	ck_assert_uint_eq(uart.tx_len, expected_len);
	ck_assert_str_eq(uart.tx + expected_len - 5, "end\r\n");
	ck_assert_uint_eq(uart.writes_while_full, 0);
	ck_assert_uint_eq(uart.imsc & PL011_INT_TX, 0);
}
END_TEST

START_TEST(writes_beyond_the_waiting_limit_are_refused)
{
	char block[TTY_IO_MAX];

	memset(block, 'y', sizeof(block));
	fake_uart_set_tx_full(&uart, true);
	while (tty_write(&tty, token_of(1), block, sizeof(block)) > 0)
		continue;
	for (unsigned i = 1; i < TTY_MAX_WRITERS; i++)
		ck_assert_int_eq(tty_write(&tty, token_of(1), block, 1), IDLRT_DEFERRED);
	ck_assert_int_eq(tty_write(&tty, token_of(1), block, 1), -EBUSY);
}
END_TEST

START_TEST(long_line_rings_the_bell)
{
	char keys[LINE_MAX_BYTES + 3], data[TTY_IO_MAX + 1];

	memset(keys, 'k', LINE_MAX_BYTES + 1);
	keys[LINE_MAX_BYTES + 1] = '\r';
	keys[LINE_MAX_BYTES + 2] = '\0';
	type(keys);
	ck_assert_uint_eq((unsigned char)uart.tx[LINE_MAX_BYTES], KEY_BELL);
	ck_assert_int_eq(read_now(TTY_IO_MAX, data), LINE_MAX_BYTES + 1);
	ck_assert_uint_eq(data[LINE_MAX_BYTES], '\n');
}
END_TEST

START_TEST(other_control_keys_are_ignored)
{
	char data[TTY_IO_MAX + 1];

	type("a\x01\x1b" "b\r");
	ck_assert_int_eq(read_now(TTY_IO_MAX, data), 3);
	ck_assert_str_eq(data, "ab\n");
	ck_assert_str_eq(uart.tx, "ab\r\n");
}
END_TEST

START_TEST(full_input_drops_lines_with_a_bell)
{
	char data[TTY_IO_MAX + 1];

	for (unsigned i = 0; i < TTY_SEGMENTS + 2; i++)
		type("q\r");
	ck_assert_uint_eq(tty.lines_dropped, 2);
	ck_assert_ptr_nonnull(strchr(uart.tx, KEY_BELL));
	for (unsigned i = 0; i < TTY_SEGMENTS; i++)
		ck_assert_int_eq(read_now(TTY_IO_MAX, data), 2);
	ck_assert_int_eq(read_now(TTY_IO_MAX, data), IDLRT_DEFERRED);
}
END_TEST

static void set_mode(uint32_t lflag, uint8_t vmin)
{
	const struct tty_mode mode = { 0, lflag, vmin, 0 };

	tty_set_mode(&tty, &mode);
}

START_TEST(raw_mode_hands_over_each_key_at_once)
{
	char data[TTY_IO_MAX + 1];

	set_mode(TTY_ISIG | TTY_ECHO, 1);
	ck_assert_int_eq(read_now(TTY_IO_MAX, data), IDLRT_DEFERRED);
	type("q");
	ck_assert_uint_eq(read_count, 1);
	ck_assert_str_eq(reads[0].data, "q");
	type("ab\x7f\x04\r");
	ck_assert_int_eq(read_now(TTY_IO_MAX, data), 5);
	ck_assert_mem_eq(data, "ab\x7f\x04\r", 5);
	ck_assert_str_eq(uart.tx, "qab\x7f\x04\r");
}
END_TEST

START_TEST(icrnl_turns_a_raw_cr_into_nl)
{
	char data[TTY_IO_MAX + 1];
	const struct tty_mode cbreak = { TTY_ICRNL, TTY_ECHO, 1, 0 };

	tty_set_mode(&tty, &cbreak);
	type("y\r");
	ck_assert_int_eq(read_now(TTY_IO_MAX, data), 2);
	ck_assert_str_eq(data, "y\n");
	ck_assert_str_eq(uart.tx, "y\r\n");
}
END_TEST

START_TEST(echo_off_hides_the_line_but_it_still_arrives)
{
	char data[TTY_IO_MAX + 1];

	set_mode(TTY_ISIG | TTY_ICANON, 1);
	type("secret\r");
	ck_assert_int_eq(read_now(TTY_IO_MAX, data), 7);
	ck_assert_str_eq(data, "secret\n");
	ck_assert_uint_eq(uart.tx_len, 0);
}
END_TEST

START_TEST(vmin_zero_reads_do_not_wait)
{
	char data[TTY_IO_MAX + 1];

	set_mode(0, 0);
	ck_assert_int_eq(read_now(TTY_IO_MAX, data), 0);
	type("x");
	ck_assert_int_eq(read_now(TTY_IO_MAX, data), 1);
	set_mode(0, 1);
	ck_assert_int_eq(read_now(TTY_IO_MAX, data), IDLRT_DEFERRED);
	set_mode(0, 0);
	ck_assert_uint_eq(read_count, 1);
	ck_assert_int_eq(reads[0].result, 0);
}
END_TEST

START_TEST(read_now_never_waits)
{
	char data[TTY_IO_MAX + 1];

	ck_assert_int_eq(tty_read_now(&tty, TTY_IO_MAX, data), -EAGAIN);
	type("line\r");
	ck_assert_int_eq(tty_read_now(&tty, TTY_IO_MAX, data), 5);
	ck_assert_int_eq(tty_read_now(&tty, 0, data), -EINVAL);
	set_mode(0, 0);
	ck_assert_int_eq(tty_read_now(&tty, TTY_IO_MAX, data), 0);
}
END_TEST

START_TEST(readable_says_whether_a_read_would_wait)
{
	char data[TTY_IO_MAX + 1];

	ck_assert(!tty_readable(&tty));
	type("half");
	ck_assert(!tty_readable(&tty));
	type("\r");
	ck_assert(tty_readable(&tty));
	ck_assert_int_eq(tty_read_now(&tty, TTY_IO_MAX, data), 5);
	ck_assert(!tty_readable(&tty));
	type("\x04");
	ck_assert(tty_readable(&tty));
	ck_assert_int_eq(tty_read_now(&tty, TTY_IO_MAX, data), 0);
	set_mode(0, 0);
	ck_assert(tty_readable(&tty));
}
END_TEST

START_TEST(ctrl_c_signals_the_foreground_group)
{
	char data[TTY_IO_MAX + 1];

	type("\x03");
	ck_assert_uint_eq(signal_count, 0);
	ck_assert_int_eq(tty_set_foreground(&tty, 0), -EINVAL);
	ck_assert_int_eq(tty_set_foreground(&tty, 7), 0);
	ck_assert_int_eq(read_now(TTY_IO_MAX, data), IDLRT_DEFERRED);
	type("sleep\x03");
	ck_assert_uint_eq(signal_count, 1);
	ck_assert_int_eq(signalled[0], 7);
	ck_assert_int_eq(reads[0].result, -EINTR);
	set_mode(TTY_ISIG, 1);
	type("z\x03");
	ck_assert_uint_eq(signal_count, 2);
	ck_assert_int_eq(read_now(TTY_IO_MAX, data), IDLRT_DEFERRED);
}
END_TEST

START_TEST(without_isig_ctrl_c_is_no_signal)
{
	char data[TTY_IO_MAX + 1];

	ck_assert_int_eq(tty_set_foreground(&tty, 7), 0);
	set_mode(TTY_ICANON | TTY_ECHO, 1);
	type("a\x03" "b\r");
	ck_assert_int_eq(read_now(TTY_IO_MAX, data), 3);
	ck_assert_str_eq(data, "ab\n");
	set_mode(0, 1);
	type("\x03");
	ck_assert_int_eq(read_now(TTY_IO_MAX, data), 1);
	ck_assert_int_eq(data[0], 0x03);
	ck_assert_uint_eq(signal_count, 0);
}
END_TEST

static Suite *tty_suite(void)
{
	Suite *suite = suite_create("tty");
	TCase *output = tcase_create("output");
	TCase *editing = tcase_create("editing");
	TCase *waiting = tcase_create("waiting");
	TCase *modes = tcase_create("modes");

	tcase_add_checked_fixture(output, setup, NULL);
	tcase_add_test(output, start_enables_uart_and_receive_interrupts);
	tcase_add_test(output, write_sends_newline_as_crlf);
	tcase_add_test(output, empty_write_takes_nothing);
	tcase_add_test(output, full_output_makes_writes_wait_then_drain_in_order);
	tcase_add_test(output, writes_beyond_the_waiting_limit_are_refused);
	suite_add_tcase(suite, output);

	tcase_add_checked_fixture(editing, setup, NULL);
	tcase_add_test(editing, typed_line_is_echoed_and_read_whole);
	tcase_add_test(editing, backspace_and_delete_erase_one_character);
	tcase_add_test(editing, backspace_on_empty_line_does_nothing);
	tcase_add_test(editing, ctrl_u_erases_the_line);
	tcase_add_test(editing, ctrl_d_on_empty_line_is_end_of_file_once);
	tcase_add_test(editing, ctrl_d_after_text_pushes_it_without_newline);
	tcase_add_test(editing, ctrl_c_ends_waiting_reads_and_drops_input);
	tcase_add_test(editing, ctrl_c_drops_lines_not_yet_read);
	tcase_add_test(editing, long_line_rings_the_bell);
	tcase_add_test(editing, other_control_keys_are_ignored);
	suite_add_tcase(suite, editing);

	tcase_add_checked_fixture(waiting, setup, NULL);
	tcase_add_test(waiting, line_typed_before_the_read_is_answered_at_once);
	tcase_add_test(waiting, small_reads_take_a_line_in_pieces);
	tcase_add_test(waiting, read_sizes_out_of_range_are_refused);
	tcase_add_test(waiting, waiting_reads_are_answered_in_order_and_limited);
	tcase_add_test(waiting, full_input_drops_lines_with_a_bell);
	suite_add_tcase(suite, waiting);

	tcase_add_checked_fixture(modes, setup, NULL);
	tcase_add_test(modes, raw_mode_hands_over_each_key_at_once);
	tcase_add_test(modes, icrnl_turns_a_raw_cr_into_nl);
	tcase_add_test(modes, echo_off_hides_the_line_but_it_still_arrives);
	tcase_add_test(modes, vmin_zero_reads_do_not_wait);
	tcase_add_test(modes, read_now_never_waits);
	tcase_add_test(modes, readable_says_whether_a_read_would_wait);
	tcase_add_test(modes, ctrl_c_signals_the_foreground_group);
	tcase_add_test(modes, without_isig_ctrl_c_is_no_signal);
	suite_add_tcase(suite, modes);
	return suite;
}

int main(void)
{
	SRunner *runner = srunner_create(tty_suite());
	int failed;

	srunner_run_all(runner, CK_NORMAL);
	failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
