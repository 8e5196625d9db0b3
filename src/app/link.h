/*
 * link.h — record linkage on files, without a register (issue 12): an
 * analyst's CSV deduplicated with the Fellegi–Sunter engine (core/match.h),
 * the precision and recall of a pairs file against a ground truth, and
 * privacy-preserving linkage (io/clk.h): encoding a CSV into keyed Bloom
 * filters and matching two encoded files. These use cases touch no register,
 * so they take no actor and write no audit entry.
 */
#ifndef KHIPU_LINK_H
#define KHIPU_LINK_H

#include <stddef.h>

#include "core/match.h"
#include "lib/kerr.h"

/* ---- deduplication of a CSV ---- */

struct app_link_dedup_opts {
	const char *csv;          /* path or "-" */
	const char *id;           /* id column */
	const char *fields;       /* "a,b:date,c:id" (kind inferred when not given) */
	double threshold;         /* in (0,1) */
	const char *out;          /* pairs CSV, path or "-" */
};

struct app_link_report {
	size_t records, candidates, pairs;
	size_t nfields;
	struct match_field fields[MATCH_MAX_FIELDS];
	size_t unusable[MATCH_MAX_FIELDS];   /* values left out (empty, not a date) */
	struct match_model model;
	double seconds;
};

/* Read o->csv, compare the records on o->fields, write the pairs at or above
 * o->threshold to o->out (a_id,b_id,probability,match_weight, then the
 * level of each field), best first. Refuses (KERR_INVALID, naming the option
 * or the row and column) an unknown column, an empty or repeated id, text
 * that is not UTF-8. Nothing is written on failure. */
enum kerr_code app_link_dedup(const struct app_link_dedup_opts *o,
	struct app_link_report *rep, struct kerr *err);

/* ---- evaluation against a ground truth ---- */

struct app_link_eval_opts {
	const char *pairs;        /* CSV whose first two columns are record ids */
	const char *csv_a;        /* the records (dedup) or the first file (linkage) */
	const char *csv_b;        /* NULL for deduplication */
	const char *id;           /* id column of both files */
	const char *truth;        /* "febrl" (rec-N-org = rec-N-dup-K) or an entity column */
};

struct app_link_eval {
	size_t true_pairs, predicted, tp, fp, fn;
	double precision, recall, f1;
};

enum kerr_code app_link_evaluate(const struct app_link_eval_opts *o, struct app_link_eval *ev,
	struct kerr *err);

/* ---- privacy-preserving linkage (io/clk.h) ---- */

struct app_link_encode_opts {
	const char *csv, *id, *fields;   /* as for dedup */
	const char *secret_file;         /* the secret both sides agreed, >= 16 bytes */
	const char *out;
};

struct app_link_encode_report {
	size_t records;
	char fingerprint[17];            /* schema and secret, hex (first 8 bytes) */
};

/* The secret of --secret-file (malloc'd, at most 4096 bytes; the caller
 * wipes and frees it). */
enum kerr_code app_link_read_secret(const char *path, char **out, size_t *len,
	struct kerr *err);

/* Encode each record of o->csv into a keyed Bloom filter (no value in
 * clear), the file headed by the schema and its fingerprint. */
enum kerr_code app_link_encode(const struct app_link_encode_opts *o,
	struct app_link_encode_report *rep, struct kerr *err);

struct app_link_match_opts {
	const char *a, *b;        /* encoded files */
	double threshold;         /* Dice, in (0,1) */
	const char *out;          /* a_id,b_id,score */
};

struct app_link_match_report {
	size_t na, nb, candidates, compared, matches;
	double seconds;
};

/* Compare two encoded files (same schema and secret, or KERR_INVALID):
 * Dice coefficients at or above the threshold, one-to-one by greedy
 * assignment (best score first), written as a_id,b_id,score. */
enum kerr_code app_link_match(const struct app_link_match_opts *o,
	struct app_link_match_report *rep, struct kerr *err);

#endif
