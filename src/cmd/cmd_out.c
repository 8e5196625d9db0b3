/*
 * cmd_out.c — tables as aligned text or RFC 4180 CSV, and JSON printing.
 * Table headers are message ids (mark them N_()): translated in a table,
 * kept as they are in CSV, where programs read them.
 */
#include "cmd/cmd.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "lib/xalloc.h"

struct cmd_table {
	int ncols;
	char **cells;       /* row-major, headers first */
	size_t nrows, alloc;
};

struct cmd_table *
cmd_table_new(int ncols, const char *const *headers)
{
	struct cmd_table *t = xcalloc(1, sizeof(*t));

	t->ncols = ncols;
	cmd_table_row(t, headers);
	return t;
}

void
cmd_table_row(struct cmd_table *t, const char *const *cells)
{
	int i;

	if (t->nrows == t->alloc) {
		t->alloc = t->alloc ? t->alloc * 2 : 16;
		t->cells = xrealloc(t->cells, t->alloc * (size_t)t->ncols * sizeof(char *));
	}
	for (i = 0; i < t->ncols; i++)
		t->cells[t->nrows * (size_t)t->ncols + (size_t)i] = xstrdup(cells[i] ? cells[i] : "");
	t->nrows++;
}

/* Display width of UTF-8 text: one column per code point. */
static size_t
width(const char *s)
{
	size_t w = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			w++;
	return w;
}

static void
csv_cell(FILE *f, const char *s)
{
	/* quote when needed; a leading = + - @ is neutralised against formula injection */
	int quote = strpbrk(s, ",\"\r\n") != NULL;
	int formula = *s == '=' || *s == '+' || *s == '-' || *s == '@';

	if (!quote && !formula) {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	if (formula && !(s[0] == '-' && s[1] >= '0' && s[1] <= '9'))
		fputc('\'', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}

void
cmd_table_print(struct cmd_table *t, FILE *f, const char *format)
{
	size_t *w = xcalloc((size_t)t->ncols, sizeof(size_t));
	size_t r;
	int c;

	/* headers are for people in a table (translated), for programs in CSV
	 * (the stable English names, like the JSON field names) */
	if (strcmp(format, "csv") != 0)
		for (c = 0; c < t->ncols; c++) {
			char *h = xstrdup(_(t->cells[c]));
			free(t->cells[c]);
			t->cells[c] = h;
		}
	for (r = 0; r < t->nrows; r++)
		for (c = 0; c < t->ncols; c++) {
			size_t cw = width(t->cells[r * (size_t)t->ncols + (size_t)c]);
			if (cw > w[c])
				w[c] = cw;
		}
	for (r = 0; r < t->nrows; r++) {
		for (c = 0; c < t->ncols; c++) {
			const char *s = t->cells[r * (size_t)t->ncols + (size_t)c];
			if (strcmp(format, "csv") == 0) {
				if (c)
					fputc(',', f);
				csv_cell(f, s);
			} else {
				fputs(s, f);
				if (c + 1 < t->ncols)
					fprintf(f, "%*s", (int)(w[c] - width(s) + 2), "");
			}
		}
		fputs(strcmp(format, "csv") == 0 ? "\r\n" : "\n", f);
	}
	free(w);
	cmd_table_free(t);
}

void
cmd_table_free(struct cmd_table *t)
{
	size_t r;

	if (t == NULL)
		return;
	for (r = 0; r < t->nrows * (size_t)t->ncols; r++)
		free(t->cells[r]);
	free(t->cells);
	free(t);
}

void
cmd_json_print(json_t *v, FILE *f)
{
	json_dumpf(v, f, JSON_INDENT(2) | JSON_ENSURE_ASCII * 0 | JSON_PRESERVE_ORDER);
	fputc('\n', f);
	json_decref(v);
}
