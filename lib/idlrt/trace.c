/* trace.c - builds the decoded trace lines of --trace servers; no libc needed. */
#include <idlrt/idlrt.h>

void (*idlrt_trace_sink)(const char *line);
const char *(*idlrt_trace_name)(l4_tid_t tid);

#define TB_ELLIPSIS_ROOM 4

static void tb_putc(struct idlrt_tb *tb, char c)
{
	if (tb->len + TB_ELLIPSIS_ROOM < sizeof(tb->text)) {
		tb->text[tb->len++] = c;
	} else if (tb->len + TB_ELLIPSIS_ROOM == sizeof(tb->text)) {
		tb->text[tb->len++] = '.';
		tb->text[tb->len++] = '.';
		tb->text[tb->len++] = '.';
	}
}

void idlrt_tb_puts(struct idlrt_tb *tb, const char *text)
{
	while (*text)
		tb_putc(tb, *text++);
}

static void tb_digits(struct idlrt_tb *tb, uint64_t value, unsigned base)
{
	char digits[24];
	int n = 0;
	do {
		digits[n++] = "0123456789abcdef"[value % base];
		value /= base;
	} while (value);
	while (n)
		tb_putc(tb, digits[--n]);
}

void idlrt_tb_uint(struct idlrt_tb *tb, uint64_t value)
{
	tb_digits(tb, value, 10);
}

void idlrt_tb_int(struct idlrt_tb *tb, int64_t value)
{
	if (value < 0) {
		tb_putc(tb, '-');
		tb_digits(tb, 0 - (uint64_t)value, 10);
	} else {
		tb_digits(tb, (uint64_t)value, 10);
	}
}

void idlrt_tb_hex(struct idlrt_tb *tb, uint64_t value)
{
	idlrt_tb_puts(tb, "0x");
	tb_digits(tb, value, 16);
}

/* Octal as C writes it (0644, 0): the IDL's `octal` integers, file modes. */
void idlrt_tb_octal(struct idlrt_tb *tb, uint64_t value)
{
	if (value)
		tb_putc(tb, '0');
	tb_digits(tb, value, 8);
}

static void tb_byte(struct idlrt_tb *tb, unsigned char byte)
{
	tb_putc(tb, "0123456789abcdef"[byte >> 4]);
	tb_putc(tb, "0123456789abcdef"[byte & 15]);
}

const char *idlrt_trace_caller(uint32_t number, int is_pid)
{
	static char name[IDLRT_CALLER_NAME_SIZE];
	struct idlrt_tb digits = { .len = 0 };
	tb_digits(&digits, number, 10);
	size_t len = 0;
	name[len++] = '[';
	if (!is_pid)
		name[len++] = 't';
	for (size_t i = 0; i < digits.len; i++)
		name[len++] = digits.text[i];
	name[len++] = ']';
	name[len] = '\0';
	return name;
}

void idlrt_tb_begin(struct idlrt_tb *tb, l4_tid_t client, const char *iface, const char *op, int is_reply)
{
	tb->len = 0;
	tb->after_result = 0;
	tb->outs = 0;
	const char *name = idlrt_trace_name ? idlrt_trace_name(client) : 0;
	if (name)
		idlrt_tb_puts(tb, name);
	else
		idlrt_tb_hex(tb, client);
	/* strace's words for a call answered later: "<... read resumed> = 5". */
	idlrt_tb_puts(tb, is_reply ? " <... " : " ");
	idlrt_tb_puts(tb, iface);
	tb_putc(tb, '.');
	idlrt_tb_puts(tb, op);
	idlrt_tb_puts(tb, is_reply ? " resumed>" : "(");
}

void idlrt_tb_close(struct idlrt_tb *tb)
{
	tb_putc(tb, ')');
}

void idlrt_tb_field(struct idlrt_tb *tb, const char *name, int first)
{
	if (tb->after_result && !tb->outs) {
		idlrt_tb_puts(tb, " (");
		tb->outs = 1;
	} else if (!first) {
		idlrt_tb_puts(tb, ", ");
	}
	idlrt_tb_puts(tb, name);
	tb_putc(tb, '=');
}

void idlrt_tb_enum(struct idlrt_tb *tb, const char *name, int32_t value)
{
	if (name)
		idlrt_tb_puts(tb, name);
	else
		idlrt_tb_int(tb, value);
}

void idlrt_tb_string(struct idlrt_tb *tb, const char *text)
{
	tb_putc(tb, '"');
	for (; *text; text++) {
		unsigned char c = (unsigned char)*text;
		if (c == '"' || c == '\\') {
			tb_putc(tb, '\\');
			tb_putc(tb, (char)c);
		} else if (c < 0x20 || c >= 0x7f) {
			idlrt_tb_puts(tb, "\\x");
			tb_byte(tb, c);
		} else {
			tb_putc(tb, (char)c);
		}
	}
	tb_putc(tb, '"');
}

/* Shows the length and the first bytes, like strace shows buffers. */
void idlrt_tb_bytes(struct idlrt_tb *tb, const void *data, size_t len)
{
	const unsigned char *bytes = data;
	tb_putc(tb, '<');
	idlrt_tb_uint(tb, len);
	idlrt_tb_puts(tb, len == 1 ? " byte" : " bytes");
	for (size_t i = 0; i < len && i < 16; i++) {
		tb_putc(tb, i ? ' ' : ':');
		if (!i)
			tb_putc(tb, ' ');
		tb_byte(tb, bytes[i]);
	}
	if (len > 16)
		idlrt_tb_puts(tb, " ...");
	tb_putc(tb, '>');
}

/* The errors servers answer with, by the name of the C library's number
 * (the one the server itself was built with). */
static const struct {
	int number;
	const char *name;
} tb_errno_names[] = {
	{ EPERM, "EPERM" }, { ENOENT, "ENOENT" }, { ESRCH, "ESRCH" }, { EINTR, "EINTR" },
	{ EIO, "EIO" }, { ENXIO, "ENXIO" }, { E2BIG, "E2BIG" }, { ENOEXEC, "ENOEXEC" },
	{ EBADF, "EBADF" }, { ECHILD, "ECHILD" }, { EAGAIN, "EAGAIN" }, { ENOMEM, "ENOMEM" },
	{ EACCES, "EACCES" }, { EFAULT, "EFAULT" }, { EBUSY, "EBUSY" }, { EEXIST, "EEXIST" },
	{ EXDEV, "EXDEV" }, { ENODEV, "ENODEV" }, { ENOTDIR, "ENOTDIR" }, { EISDIR, "EISDIR" },
	{ EINVAL, "EINVAL" }, { ENFILE, "ENFILE" }, { EMFILE, "EMFILE" }, { ENOTTY, "ENOTTY" },
	{ ETXTBSY, "ETXTBSY" }, { EFBIG, "EFBIG" }, { ENOSPC, "ENOSPC" }, { ESPIPE, "ESPIPE" },
	{ EROFS, "EROFS" }, { EMLINK, "EMLINK" }, { EPIPE, "EPIPE" }, { ERANGE, "ERANGE" },
	{ EDEADLK, "EDEADLK" }, { ENAMETOOLONG, "ENAMETOOLONG" }, { ENOSYS, "ENOSYS" },
	{ ENOTEMPTY, "ENOTEMPTY" }, { ELOOP, "ELOOP" }, { EBADMSG, "EBADMSG" },
	{ EOVERFLOW, "EOVERFLOW" }, { EMSGSIZE, "EMSGSIZE" }, { EPROTONOSUPPORT, "EPROTONOSUPPORT" },
	{ ENOTSUP, "ENOTSUP" },
};

static const char *tb_errno_name(int result)
{
	for (size_t i = 0; i < sizeof(tb_errno_names) / sizeof(tb_errno_names[0]); i++)
		if (result == -tb_errno_names[i].number)
			return tb_errno_names[i].name;
	return 0;
}

void idlrt_tb_result(struct idlrt_tb *tb, int result)
{
	const char *error = tb_errno_name(result);
	if (result == IDLRT_DEFERRED) {
		idlrt_tb_puts(tb, " <unfinished ...>");
		return;
	}
	idlrt_tb_puts(tb, " = ");
	if (error) {
		tb_putc(tb, '-');
		idlrt_tb_puts(tb, error);
	} else {
		idlrt_tb_int(tb, result);
	}
	tb->after_result = 1;
}

void idlrt_tb_end(struct idlrt_tb *tb)
{
	if (tb->outs)
		tb_putc(tb, ')');
	tb->text[tb->len] = '\0';
	if (idlrt_trace_sink)
		idlrt_trace_sink(tb->text);
}
