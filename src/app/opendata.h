/*
 * opendata.h — statistics in and out of the register: CTDC imports, the
 * k-anonymised and differentially private CTDC exports, the UNODC GLOTIP
 * tables and the XLSX workbook. Statistical records only, never an identity.
 */
#ifndef KHIPU_APP_OPENDATA_H
#define KHIPU_APP_OPENDATA_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "app/app.h"
#include "io/ctdc.h"

/* ---- import ctdc ---- */
enum app_import_flags {
	APP_IMPORT_DRY_RUN = 1 << 0,          /* read and check, write nothing */
	APP_IMPORT_IGNORE_UNKNOWN = 1 << 1,   /* skip columns no CTDC format has */
};

#define APP_IMPORT_LISTED 20

struct app_import_report {
	struct ctdc_info info;
	char source[128];               /* the tag the records carry ("ctdc:file.csv") */
	size_t records;                 /* good rows (imported unless dry run or rejections) */
	size_t rejected;                /* rows with a value the format does not allow */
	struct {
		size_t row;
		char field[96];    /* as struct kerr's */
		char msg[384];
	} listed[APP_IMPORT_LISTED];    /* the first rejected rows and why */
	size_t nlisted;
	int imported;                   /* 1 when the records landed */
};

/*
 * Import a CTDC file (policy data.import): every row becomes a statistical
 * victim record tagged with source (NULL: "ctdc:" + the file's base name),
 * all in one transaction with one audit entry. Any rejected row and nothing
 * lands: KERR_INVALID, with the rows and reasons in report. A file whose
 * header no format explains, broken CSV or a truncated file: KERR_INVALID
 * naming the column or row. A source imported already: KERR_CONFLICT.
 */
enum kerr_code app_import_ctdc(struct app *app, const struct policy_actor *actor,
	const char *path, const char *source, int flags, struct app_import_report *report,
	struct kerr *err);


/* ---- export ctdc ---- */
struct app_export_report {
	size_t victims;          /* victims of the register */
	size_t rows;             /* rows written */
	size_t suppressed;       /* victims left out: their combination stays under k */
	size_t generalised;      /* values replaced by -99 so that a row could stay */
	size_t combinations;     /* distinct combinations written (k-anonymity), or
	                            released (DP) */
	double threshold[4];     /* DP: the threshold of each length (1..3) */
	double noise_scale[4];   /* DP: the Laplace scale of each length */
};

/*
 * The register's victims as a CSV of the Global Dataset's columns
 * (ctdc_export_columns), k-anonymised: every combination of values across
 * the exported columns appears at least k times. Rows whose combination is
 * rarer are first coarsened (country of exploitation, citizenship, age band,
 * year set to -99, one column at a time, only on rare rows) and, if still
 * rare, left out. k >= 2. The file must not exist. Policy data.export,
 * audited.
 */
enum kerr_code app_export_ctdc(struct app *app, const struct policy_actor *actor,
	const char *path, int k, struct app_export_report *report, struct kerr *err);

/*
 * Differentially private marginal counts of the register's victims: every
 * combination of up to length (1..3) attribute values present, with Laplace
 * noise and a threshold, (epsilon, delta)-DP over the whole release
 * (docs/statistics.md). epsilon > 0, 0 < delta < 0.01.
 */
enum kerr_code app_export_ctdc_dp(struct app *app, const struct policy_actor *actor,
	const char *path, double epsilon, double delta, int length,
	struct app_export_report *report, struct kerr *err);

/* For tests: the Laplace scale and release threshold of one length when each
 * record touches at most sens combinations and the length has budget
 * (eps, delta). */
double opendata_dp_scale(double eps, int sens);
double opendata_dp_threshold(double eps, double delta, int sens);


/* ---- the standard tables (XLSX workbook, UNODC questionnaire, dashboard) ---- */
enum app_table_kind {
	APP_TABLE_BARS,      /* one row per category, numeric columns */
	APP_TABLE_MATRIX,    /* rows x columns of one measure (origin x exploitation) */
	APP_TABLE_FUNNEL,    /* ordered steps */
};

struct app_table {
	const char *id;              /* stable: "victims_by_year" */
	const char *title;           /* in the language asked for */
	enum app_table_kind kind;
	size_t ncols;                /* columns after the row label */
	const char *corner;          /* heading of the label column */
	const char **head;           /* [ncols] */
	size_t nrows;
	const char **label;          /* [nrows] row labels */
	int64_t *cell;               /* [nrows * ncols] row-major */
	const int *decimals;         /* [ncols]: a cell is its value x 10^decimals (money in
	                                céntimos: 2; a percentage with one decimal: 1), or
	                                NULL for whole numbers */
	const char *note;            /* a footnote, or NULL */
};

/*
 * The observatory's standard tables over the years from..to (0 = open),
 * labelled in lang (0 Spanish, 1 English): victims by year and sex, by age
 * band and sex, by form of exploitation, by nationality, region of origin x
 * region of exploitation, the procedural funnel, persons prosecuted and
 * persons convicted by year and sex (docs/statistics.md), suspects by
 * outcome and sex, persons convicted by years of sentence, asset values by
 * measure. Policy stats.read. Everything in arena a.
 */
enum kerr_code app_stat_tables(struct app *app, const struct policy_actor *actor, int from,
	int to, int lang_en, struct arena *a, struct app_table **out, size_t *n,
	struct kerr *err);

/* The filters of the /stats dashboard: years from..to (0 = open), an office
 * (code) and a region of the facts (INEI department), NULL = any. */
struct app_stat_filter {
	int from, to;
	const char *office;
	const char *region;
};
/* app_stat_tables over the filter: every table counts only the cases of
 * that office and region (victims, suspects, assets of those cases). */
enum kerr_code app_stat_tables_where(struct app *app, const struct policy_actor *actor,
	const struct app_stat_filter *f, int lang_en, struct arena *a, struct app_table **out,
	size_t *n, struct kerr *err);

/* The workbook of app_stat_tables, one sheet each (policy data.export,
 * audited). The file must not exist. */
enum kerr_code app_export_xlsx(struct app *app, const struct policy_actor *actor,
	const char *path, int from, int to, int lang_en, size_t *sheets, struct kerr *err);

/* The same workbook over the dashboard's filters (office, region, years)
 * appended to out (the /stats page's download): written in a private
 * temporary directory removed before returning. Policy data.export,
 * audited with the filters. */
struct buf;
enum kerr_code app_export_xlsx_buf(struct app *app, const struct policy_actor *actor,
	const struct app_stat_filter *f, int lang_en, struct buf *out, struct kerr *err);

/* One row of the UNODC GLOTIP questionnaire tables (long format, as UNODC's
 * data_glotip: indicator, dimension, category, sex, age, year, value). */
struct app_glotip_row {
	const char *indicator, *dimension, *category, *sex, *age;
	int year;
	int64_t value;
};
/* The GLOTIP tables of year: detected victims (total, by form of
 * exploitation, by citizenship) by sex and age group; persons suspected by
 * sex; persons prosecuted and convicted (each in the year of its own step,
 * docs/statistics.md) by sex and age group, by citizenship and by article
 * of the Penal Code. Policy data.export, audited. */
enum kerr_code app_export_unodc(struct app *app, const struct policy_actor *actor, int year,
	int lang_en, struct arena *a, struct app_glotip_row **out, size_t *n, struct kerr *err);

/* The chart of a standard table as SVG (io/chart.h) into out: stacked bars
 * of its columns (a Total column left out), the matrix as a heat map, the
 * funnel as bars. Returns 0, or -1 when out's cap is reached. */
struct buf;
int app_table_svg(const struct app_table *t, struct buf *out);
/* The same with its numbers written as the table's in a language (lang_en
 * 0 Spanish "1 234,50", 1 English "1,234.50"; -1 plain "1234.50"). */
int app_table_svg_lang(const struct app_table *t, int lang_en, struct buf *out);

/* A table of a `khipu stats` result by one or two dimensions (rows: the
 * first's values; columns: the second's, or the measure), in arena a; a
 * matrix when matrix is non-zero. */
struct stat_result;
struct app_table *app_table_from_stats(struct arena *a, const struct stat_result *r,
	int lang_en, const char *title, int matrix);

#endif
