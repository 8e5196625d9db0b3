/*
 * ctdc.h — reading the Counter-Trafficking Data Collaborative's files
 * (reference/standards.md §2): the k-anonymised Global Dataset (63 columns,
 * -99 for unknown), the Global Synthetic Datasets of 2021 (37 columns,
 * names cut at 32 characters) and 2024/2025 (27 variables, empty = absent),
 * the Victim-Perpetrator Synthetic Dataset of 2022, and extracts that keep
 * some of a format's columns. CSV (RFC 4180) through libcsv.
 *
 * Each row becomes a statistical record: coded, non-identifying values in
 * the codebook's vocabulary (core/codebook.h) plus multi-valued codes. The
 * format is told from the header; a column no format knows is an error
 * unless the caller ignores unknown columns. Rows with a value the format
 * does not allow are reported, with the column, and make no record.
 */
#ifndef KHIPU_CTDC_H
#define KHIPU_CTDC_H

#include <stddef.h>
#include <stdio.h>

#include "lib/kerr.h"

enum ctdc_format {
	CTDC_GLOBAL,          /* k-anonymised Global Dataset (2017-2021) */
	CTDC_SYNTH_2021,      /* Global Synthetic Dataset 2021 */
	CTDC_SYNTH_2024,      /* Global Synthetic Dataset 2024/2025 (and 2026 names) */
	CTDC_VP_2022,         /* Global Victim-Perpetrator Synthetic Dataset 2022 */
	CTDC__MAX
};

const char *ctdc_format_name(enum ctdc_format f);    /* "ctdc-global" */
const char *ctdc_format_title(enum ctdc_format f);   /* English title */

#define CTDC_MAX_CODES 64

struct ctdc_code {
	const char *dim;      /* "exploitation", "means_of_control", ... (stats dims) */
	const char *code;
};

/* One row. Strings are static or live for the callback only; NULL = unknown. */
struct ctdc_record {
	int year;                        /* 0 = unknown */
	const char *sex;                 /* CB_SEX code */
	const char *age_band;            /* "0--8" ... "48+" */
	const char *age_group;           /* "child", "adult" */
	const char *nationality;         /* ISO 3166 alpha-2 */
	const char *exploitation_country;
	struct ctdc_code codes[CTDC_MAX_CODES];
	size_t ncodes;
};

/* What the header said. */
struct ctdc_info {
	enum ctdc_format format;         /* best candidate (final after the last row) */
	unsigned candidates;             /* formats whose columns hold the whole header */
	size_t ncolumns;                 /* columns in the file */
	size_t nknown;                   /* of which the format knows */
	size_t nformat;                  /* columns of the full format */
	char ignored[512];               /* names of ignored columns, comma-separated */
	size_t nignored;
	size_t rows;                     /* data rows read */
};

/*
 * Called for each data row (row numbers from 1, the header not counted; the
 * file's line is row + 1 when no field spans lines). rec is NULL when the
 * row is rejected, with why->field the column and why->msg the reason.
 * Return non-zero to stop reading.
 */
typedef int (*ctdc_row_cb)(void *ctx, size_t row, const struct ctdc_record *rec,
	const struct kerr *why);

enum ctdc_flags {
	CTDC_IGNORE_UNKNOWN = 1 << 0,    /* skip columns no format knows */
};

/*
 * Read the CSV at f. Header problems (no known column, columns of two
 * formats, a column twice, an unknown column) and broken CSV (an unclosed
 * quote, a row with another number of fields than the header: a truncated
 * file) are errors: KERR_INVALID naming the row or column. Rejected rows are
 * not errors: the callback hears of them. info is filled as far as read.
 */
enum kerr_code ctdc_read(FILE *f, int flags, ctdc_row_cb cb, void *ctx,
	struct ctdc_info *info, struct kerr *err);

/* ---- writing (the Global Dataset's conventions) ---- */
/* The columns khipu export ctdc writes, in order; n receives their number. */
const char *const *ctdc_export_columns(size_t *n);

#endif
