/*
 * store_stats.h — the statistical part of the storage interface: the fact
 * tables of migration 0003_stats (stat_facts, stat_codes, stat_sources).
 *
 * Register facts are derived from the case tables by store_stat_refresh,
 * which the app layer runs before reading them; imported facts (CTDC) are
 * written by store_stat_fact_insert. Nothing here holds an identity.
 */
#ifndef KHIPU_STORE_STATS_H
#define KHIPU_STORE_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "lib/arena.h"
#include "lib/kerr.h"

struct store;

/* The columns a query can group or filter by; the numbers are the contract
 * with the SQL of STMT_STAT_ROWS_* (store_sqlite_sql.c). */
enum store_stat_col {
	SSC_NONE = 0,
	SSC_YEAR = 1,
	SSC_REGION,
	SSC_DISTRITO_FISCAL,
	SSC_OFFICE,
	SSC_SEX,
	SSC_AGE_BAND,
	SSC_AGE_GROUP,
	SSC_NATIONALITY,
	SSC_ORIGIN_REGION,
	SSC_EXPLOITATION_COUNTRY,
	SSC_EXPLOITATION_REGION,
	SSC_STAGE,
	SSC_OUTCOME,
	SSC_SOURCE,
	SSC_CURRENCY,
	SSC_ASSIGNEE,       /* a case fact's assigned prosecutor (0007_assignment.sql) */
	SSC_MULTI1 = 21,    /* the first multi-valued dimension joined */
	SSC_MULTI2 = 22,    /* the second */
};

#define STORE_STAT_MAXDIMS 4   /* grouped columns; a row always has four keys */
#define STORE_STAT_MAXWHERE 3
#define STORE_STAT_MAXMULTIWHERE 2

struct store_stat_query {
	const char *kind;                 /* "victim", "suspect", "case", "asset" */
	int cols[STORE_STAT_MAXDIMS];     /* enum store_stat_col, SSC_NONE unused */
	const char *multi[2];             /* stat_codes dims for SSC_MULTI1/2, or NULL */
	int from, to;                     /* year range, 0 = open */
	int convicted_only;
	const char *currency;             /* NULL = any */
	int where_col[STORE_STAT_MAXWHERE];   /* SSC_NONE unused */
	const char *where_val[STORE_STAT_MAXWHERE];
	const char *where_dim[STORE_STAT_MAXMULTIWHERE];   /* stat_codes dim, NULL unused */
	const char *where_code[STORE_STAT_MAXMULTIWHERE];
	const char *without_stages;       /* ",archive,final_sentence,": facts at these
	                                     stages left out (open cases); NULL = none */
};

struct store_stat_row {
	const char *keys[STORE_STAT_MAXDIMS];   /* NULL = unknown */
	int64_t value;                          /* sum of the facts' values (1 each but assets) */
};

/* The highest ids of cases, participations, events and assets. */
struct store_stat_marks {
	int64_t cases, parts, events, assets;
};
enum kerr_code store_stat_marks(struct store *st, struct store_stat_marks *out,
	struct kerr *err);
/* Derive the facts of everything with ids in (from, to] (inside the
 * caller's transaction). conviction_codes: ",convicted,plea_convicted,". */
enum kerr_code store_stat_refresh(struct store *st, const struct store_stat_marks *from,
	const struct store_stat_marks *to, const char *conviction_codes, struct kerr *err);
/* After an amendment of case case_id (inside its transaction): its facts
 * leave every cube, are derived again from the case as it now is, as far
 * as the marks `done` reach (what lies beyond comes with the next
 * refresh), and enter the cubes again; cube rows left at 0 are dropped. */
enum kerr_code store_stat_case_redo(struct store *st, int64_t case_id,
	const struct store_stat_marks *done, const char *conviction_codes, struct kerr *err);
/* GROUP BY; rows ordered by their keys, in arena a. */
enum kerr_code store_stat_query(struct store *st, const struct store_stat_query *q,
	struct arena *a, struct store_stat_row **out, size_t *n, struct kerr *err);

/* Each case's first date of each stage it went through (its events), for
 * cases whose complaint year is in from..to (0 = open), ordered by case;
 * with them, as stages "path:STEP", the first date of each step of its
 * suspects' paths (0010_outcomes.sql), and as "path:convicted" the first
 * date of a conviction in force (participations.convicted_on). cb returns
 * non-zero to stop; strings live for the call only. */
typedef int (*store_stat_stage_cb)(void *ctx, int64_t case_id, const char *stage,
	const char *complaint_date, const char *date);
enum kerr_code store_stat_stage_dates(struct store *st, int from, int to,
	store_stat_stage_cb cb, void *ctx, struct kerr *err);
/* The same for the cases of one office (code) and one department of the
 * facts (NULL = any). */
enum kerr_code store_stat_stage_dates_where(struct store *st, int from, int to,
	const char *office, const char *department, store_stat_stage_cb cb, void *ctx,
	struct kerr *err);

/* ---- cubes: pre-aggregated counts (0003_stats.sql; the list and the keys
 * of each: store_cube_sql.h) ---- */
#include "store/store_cube_sql.h"
enum store_stat_cube {
#define STORE_CUBE_ENUM(e, name, kind, keys, join) STORE_CUBE_##e,
	STORE_CUBES(STORE_CUBE_ENUM)
#undef STORE_CUBE_ENUM
	STORE_CUBE__MAX
};
/* Columns of a cube query: 0 none, 1 year, 2 source, 3..6 k1..k4. */
struct store_stat_cube_query {
	enum store_stat_cube cube;
	int cols[STORE_STAT_MAXDIMS];
	int from, to;
	int where_col[STORE_STAT_MAXWHERE];
	const char *where_val[STORE_STAT_MAXWHERE];
};
/* Add the facts with ids in (lo, hi] and id % 8 = residue to every cube of
 * their kind (inside the caller's transaction). */
enum kerr_code store_stat_cube_add(struct store *st, int64_t lo, int64_t hi, int residue,
	struct kerr *err);
/* *missing = 1 when there are facts of a kind that has cubes and no cube
 * row (a migration that changed the cubes' keys emptied them). */
enum kerr_code store_stat_cubes_missing(struct store *st, int *missing, struct kerr *err);
/* Every cube again from the facts (after a migration that changed their
 * keys; inside the caller's transaction). */
enum kerr_code store_stat_cube_rebuild(struct store *st, struct kerr *err);
/* Like store_stat_query, from a cube. */
enum kerr_code store_stat_cube_query(struct store *st, const struct store_stat_cube_query *q,
	struct arena *a, struct store_stat_row **out, size_t *n, struct kerr *err);

/* ---- a case changing hands (inside the caller's transaction) ---- */
/* The assignee (a user name, NULL = nobody) of the case's fact. */
enum kerr_code store_stat_case_assigned(struct store *st, int64_t case_id,
	const char *username, struct kerr *err);
/* The case's facts now belong to office (its code and distrito fiscal) and
 * to nobody: their counts leave every cube under the old keys and come
 * back under the new ones. Facts not derived yet
 * need nothing: they are derived from the case as it is then. */
enum kerr_code store_stat_case_moved(struct store *st, int64_t case_id,
	const char *office, const char *distrito_fiscal, struct kerr *err);

/* ---- imports ---- */
struct store_stat_source {
	const char *tag, *format, *file;
	int64_t records, rejected, imported_by, imported_at;
};
/* KERR_CONFLICT when the tag exists (the file was imported already). */
enum kerr_code store_stat_source_insert(struct store *st, const struct store_stat_source *s,
	int64_t *id, struct kerr *err);
/* One imported fact; year 0 = unknown; NULL strings = unknown. seq numbers
 * the imported facts (1, 2, ... across imports): the fact's id is seq * 8 + 5,
 * which the insert returns. */
struct store_stat_fact {
	int64_t seq;
	const char *kind, *source;
	int year;
	const char *sex, *age_band, *age_group, *nationality, *exploitation_country;
};
enum kerr_code store_stat_fact_insert(struct store *st, const struct store_stat_fact *f,
	int64_t *id, struct kerr *err);
enum kerr_code store_stat_code_insert(struct store *st, int64_t fact, const char *dim,
	const char *code, struct kerr *err);

/* ---- exports: every victim fact of a source, in id order ---- */
struct store_stat_victim {
	int64_t id;
	int year;                     /* 0 = unknown */
	const char *sex, *age_band, *age_group, *nationality, *exploitation_country;
	const char *codes;            /* "exploitation:forced_labour,means_of_control:threats" */
};
/* cb returns non-zero to stop. Strings live for the call only. */
typedef int (*store_stat_victim_cb)(void *ctx, const struct store_stat_victim *v);
enum kerr_code store_stat_victims(struct store *st, const char *source,
	store_stat_victim_cb cb, void *ctx, struct kerr *err);

#endif
