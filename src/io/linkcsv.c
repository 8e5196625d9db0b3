/* linkcsv.c — CSV extracts for record linkage in and out (linkcsv.h). */
#include "io/linkcsv.h"

#include <csv.h>
#include <errno.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lib/i18n.h"
#include "lib/utf8.h"
#include "lib/xalloc.h"

struct reader {
	struct linkcsv *t;
	char **row;           /* fields of the row being read */
	size_t nrow, caprow;
	size_t line;          /* data rows read (header = row 0) */
	size_t capcells;
	int failed;
	struct kerr *err;
};

static char *
trimmed(const char *s, size_t len)
{
	while (len > 0 && (*s == ' ' || *s == '\t')) {
		s++;
		len--;
	}
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
		len--;
	return xstrndup(s, len);
}

static void
on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;

	if (r->failed)
		return;
	if (len > LINKCSV_MAX_CELL) {
		kerr_set(r->err, KERR_INVALID, _("row %zu: a field longer than %d bytes"),
			r->line, LINKCSV_MAX_CELL);
		r->failed = 1;
		return;
	}
	if (r->nrow == r->caprow) {
		r->caprow = r->caprow ? r->caprow * 2 : 16;
		r->row = xrealloc(r->row, r->caprow * sizeof(*r->row));
	}
	r->row[r->nrow++] = trimmed(s ? s : "", s ? len : 0);
}

static void
drop_row(struct reader *r)
{
	size_t i;

	for (i = 0; i < r->nrow; i++)
		free(r->row[i]);
	r->nrow = 0;
}

/* The header: names present and distinct. */
static int
take_header(struct reader *r)
{
	struct linkcsv *t = r->t;
	size_t i, j;

	for (i = 0; i < r->nrow; i++) {
		if (!utf8_valid(r->row[i], strlen(r->row[i]))) {
			kerr_set(r->err, KERR_INVALID, _("the header is not UTF-8 text: "
				"convert the file (iconv -f latin1 -t utf-8)"));
			return -1;
		}
		if (r->row[i][0] == '\0') {
			kerr_set(r->err, KERR_INVALID, _("column %zu of the header has no name"),
				i + 1);
			return -1;
		}
		for (j = 0; j < i; j++)
			if (strcmp(r->row[i], r->row[j]) == 0) {
				kerr_set(r->err, KERR_INVALID,
					_("column '%s' appears twice in the header"), r->row[i]);
				return -1;
			}
	}
	t->ncols = r->nrow;
	t->header = r->row;
	r->row = NULL;
	r->nrow = r->caprow = 0;
	return 0;
}

static int
take_row(struct reader *r)
{
	struct linkcsv *t = r->t;
	size_t i;

	if (r->nrow == 1 && r->row[0][0] == '\0' && t->ncols > 1)
		return 0;   /* a blank line */
	r->line++;
	if (r->nrow != t->ncols) {
		kerr_set(r->err, KERR_INVALID, _("row %zu has %zu fields, the header %zu"),
			r->line, r->nrow, t->ncols);
		return -1;
	}
	for (i = 0; i < r->nrow; i++)
		if (!utf8_valid(r->row[i], strlen(r->row[i]))) {
			kerr_set(r->err, KERR_INVALID, _("row %zu, column '%s': "
				"the value is not UTF-8 text; convert the file (iconv -f latin1 -t utf-8)"),
				r->line, t->header[i]);
			return -1;
		}
	if (t->nrows >= LINKCSV_MAX_ROWS) {
		kerr_set(r->err, KERR_INVALID, _("more than %d rows"), LINKCSV_MAX_ROWS);
		return -1;
	}
	if ((t->nrows + 1) * t->ncols > r->capcells) {
		r->capcells = r->capcells ? r->capcells * 2 : 1024 * t->ncols;
		t->cells = xrealloc(t->cells, r->capcells * sizeof(*t->cells));
	}
	memcpy(t->cells + t->nrows * t->ncols, r->row, t->ncols * sizeof(*r->row));
	t->nrows++;
	r->nrow = 0;
	return 0;
}

static void
on_row(int c, void *data)
{
	struct reader *r = data;
	int rc;

	(void)c;
	if (r->failed) {
		drop_row(r);
		return;
	}
	rc = r->t->header == NULL ? take_header(r) : take_row(r);
	if (rc != 0)
		r->failed = 1;
	drop_row(r);
}

enum kerr_code
linkcsv_read(const char *path, struct linkcsv *t, struct kerr *err)
{
	struct csv_parser p;
	struct reader r;
	char chunk[65536];
	size_t got;
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");

	memset(t, 0, sizeof(*t));
	if (f == NULL)
		return kerr_set(err, KERR_IO, _("cannot open '%s': %s"), path,
			strerror(errno));
	memset(&r, 0, sizeof(r));
	r.t = t;
	r.err = err;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		abort();
	while (!r.failed && (got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (csv_parse(&p, chunk, got, on_field, on_row, &r) != got && !r.failed) {
			kerr_set(err, KERR_INVALID, _("broken CSV after row %zu: %s"), r.line,
				csv_strerror(csv_error(&p)));
			r.failed = 1;
		}
	if (!r.failed && ferror(f)) {
		kerr_set(err, KERR_IO, _("cannot read '%s'"), path);
		r.failed = 1;
	}
	if (!r.failed && csv_fini(&p, on_field, on_row, &r) != 0 && !r.failed) {
		kerr_set(err, KERR_INVALID, _("the file ends inside a quoted field after "
			"row %zu: a truncated file"), r.line);
		r.failed = 1;
	}
	csv_free(&p);
	drop_row(&r);
	free(r.row);
	if (f != stdin)
		fclose(f);
	if (!r.failed && t->header == NULL) {
		kerr_set(err, KERR_INVALID, _("'%s' is empty: no header"), path);
		r.failed = 1;
	}
	if (r.failed) {
		linkcsv_release(t);
		return err->code;
	}
	return KERR_OK;
}

void
linkcsv_release(struct linkcsv *t)
{
	size_t i;

	for (i = 0; t->header != NULL && i < t->ncols; i++)
		free(t->header[i]);
	for (i = 0; t->cells != NULL && i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->header);
	free(t->cells);
	memset(t, 0, sizeof(*t));
}

int
linkcsv_column(const struct linkcsv *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->ncols; i++)
		if (strcmp(t->header[i], name) == 0)
			return (int)i;
	return -1;
}

/* ---- output ----------------------------------------------------------- */

enum kerr_code
linkout_open(struct linkout *o, const char *path, struct kerr *err)
{
	struct stat sb;

	memset(o, 0, sizeof(*o));
	if (strcmp(path, "-") == 0) {
		o->f = stdout;
		return KERR_OK;
	}
	/* A device, a pipe or a FIFO is written straight: renaming a finished
	 * file over it would replace it (as root, `--out /dev/null` replaced
	 * the device with a file). Only a regular file, or a new one, gets the
	 * temporary file and the rename that leave no half-written output. */
	if (stat(path, &sb) == 0 && !S_ISREG(sb.st_mode)) {
		if ((o->f = fopen(path, "wb")) == NULL)
			return kerr_set(err, KERR_IO, _("cannot write '%s': %s"), path,
				strerror(errno));
		o->direct = 1;
		return KERR_OK;
	}
	o->path = xstrdup(path);
	o->tmp = xasprintf("%s.tmp-%ld", path, (long)getpid());
	o->f = fopen(o->tmp, "wb");
	if (o->f == NULL) {
		kerr_set(err, KERR_IO, _("cannot write '%s': %s"), path, strerror(errno));
		free(o->path);
		free(o->tmp);
		memset(o, 0, sizeof(*o));
		return KERR_IO;
	}
	return KERR_OK;
}

enum kerr_code
linkout_commit(struct linkout *o, struct kerr *err)
{
	int bad;

	if (o->direct) {
		bad = ferror(o->f) | (fclose(o->f) != 0);
		memset(o, 0, sizeof(*o));
		return bad ? kerr_set(err, KERR_IO, _("cannot write the output: %s"),
			strerror(errno)) : KERR_OK;
	}
	if (o->tmp == NULL)
		return fflush(o->f) == 0 ? KERR_OK :
			kerr_set(err, KERR_IO, _("cannot write the standard output"));
	bad = ferror(o->f) | (fflush(o->f) != 0) | (fsync(fileno(o->f)) != 0);
	bad |= fclose(o->f) != 0;
	o->f = NULL;
	if (bad || rename(o->tmp, o->path) != 0) {
		kerr_set(err, KERR_IO, _("cannot write '%s': %s"), o->path, strerror(errno));
		linkout_abort(o);
		return KERR_IO;
	}
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof(*o));
	return KERR_OK;
}

void
linkout_abort(struct linkout *o)
{
	if (o->direct && o->f != NULL)
		fclose(o->f);
	if (o->tmp != NULL) {
		if (o->f != NULL)
			fclose(o->f);
		unlink(o->tmp);
	}
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof(*o));
}

void
linkcsv_put(FILE *f, const char *s)
{
	if (s[strcspn(s, ",\"\r\n")] == '\0') {
		fputs(s, f);
		return;
	}
	fputc('"', f);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', f);
		fputc(*s, f);
	}
	fputc('"', f);
}
