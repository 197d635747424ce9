/* diag.c - error messages like a C compiler's: file:line:col, the source line and a caret. */
#include <stdarg.h>
#include <string.h>
#include "diag.h"

#define IDL_MAX_ERRORS_SHOWN 50

/* Prints the source line of loc and a caret under its column. */
static void idl_show_line(FILE *out, const struct idl_file *file, int line, int col)
{
	const char *start = file->text;
	const char *end = file->text + file->text_len;
	for (int n = 1; n < line && start < end; start++)
		if (*start == '\n')
			n++;
	if (start >= end && line > 1)
		return;
	const char *stop = memchr(start, '\n', (size_t)(end - start));
	if (!stop)
		stop = end;
	fputc(' ', out);
	for (const char *p = start; p < stop; p++)
		fputc((unsigned char)*p >= 0x20 || *p == '\t' ? *p : ' ', out);
	fputs("\n ", out);
	for (int c = 1; c < col && start + c - 1 < stop; c++)
		fputc(start[c - 1] == '\t' ? '\t' : ' ', out);
	fputs("^\n", out);
}

void idl_error(struct idl_program *prog, struct idl_loc loc, const char *fmt, ...)
{
	va_list args;
	prog->errors++;
	if (!prog->diag || prog->errors > IDL_MAX_ERRORS_SHOWN)
		return;
	if (loc.file)
		fprintf(prog->diag, "%s:%d:%d: error: ", loc.file->path, loc.line, loc.col);
	else
		fputs("idlc: error: ", prog->diag);
	va_start(args, fmt);
	vfprintf(prog->diag, fmt, args);
	va_end(args);
	fputc('\n', prog->diag);
	if (loc.file)
		idl_show_line(prog->diag, loc.file, loc.line, loc.col);
	if (prog->errors == IDL_MAX_ERRORS_SHOWN)
		fprintf(prog->diag, "idlc: error: too many errors; the rest are not shown\n");
}
