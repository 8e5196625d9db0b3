/*
 * linkcsv.h — the CSV files of record linkage: an analyst's extract read
 * whole into memory (header, trimmed cells, checked as UTF-8), and output
 * files written beside their final name and renamed at the end, so that a
 * failed run leaves nothing half-written.
 */
#ifndef KHIPU_LINKCSV_H
#define KHIPU_LINKCSV_H

#include <stddef.h>
#include <stdio.h>

#include "lib/kerr.h"

#define LINKCSV_MAX_ROWS 20000000
#define LINKCSV_MAX_CELL 65536

struct linkcsv {
	size_t ncols, nrows;
	char **header;     /* ncols names, trimmed */
	char **cells;      /* nrows x ncols, trimmed; "" for empty */
};

/* Read path ("-" = standard input): the first row is the header. Refuses
 * (KERR_INVALID, naming row and column) a row with a different number of
 * fields, a cell that is not UTF-8, an empty or repeated column name.
 * On success t is filled (release with linkcsv_release). */
enum kerr_code linkcsv_read(const char *path, struct linkcsv *t, struct kerr *err);
void linkcsv_release(struct linkcsv *t);
/* Index of the column named name, or -1. */
int linkcsv_column(const struct linkcsv *t, const char *name);
static inline const char *
linkcsv_cell(const struct linkcsv *t, size_t row, size_t col)
{
	return t->cells[row * t->ncols + col];
}

/* An output file: written to "PATH.tmp-PID", renamed over PATH by
 * linkout_commit; "-" writes standard output. */
struct linkout {
	FILE *f;
	char *path, *tmp;
	int direct;        /* a device, pipe or FIFO: written in place, never renamed over */
};
enum kerr_code linkout_open(struct linkout *o, const char *path, struct kerr *err);
/* Flush, close and rename; removes the temporary file on any failure. */
enum kerr_code linkout_commit(struct linkout *o, struct kerr *err);
/* Close and remove without renaming (after an error). */
void linkout_abort(struct linkout *o);
/* One CSV field, quoted when needed (RFC 4180), without separator. */
void linkcsv_put(FILE *f, const char *s);

#endif
