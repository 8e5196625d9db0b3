/*
 * match.h — probabilistic record matching (Fellegi–Sunter), pure: no I/O.
 *
 * Records are prepared field by field (folded text, Spanish phonetic keys,
 * dates), candidate pairs come from blocking (records sharing a field's
 * value or its phonetic key), each pair gets one comparison level per field,
 * m and u are estimated by expectation–maximisation on the blocked pairs
 * (Winkler's EM: both classes free, from the agreement patterns), and each
 * pair's weight is log2 of the prior odds plus log2(m/u) per field, with a
 * term-frequency adjustment on exact agreement (a shared "quispe" weighs
 * less than a shared "ccorimanya"; Splink's log2(u/tf)).
 * See docs/linkage.md for the levels and the model.
 */
#ifndef KHIPU_MATCH_H
#define KHIPU_MATCH_H

#include <stddef.h>
#include <stdint.h>

#define MATCH_MAX_FIELDS 16
#define MATCH_NAME_LEN 64

/* How a field is compared. */
enum match_kind {
	MATCH_TEXT,      /* names, places: exact, phonetic or Jaro–Winkler bands */
	MATCH_DATE,      /* a date (YYYYMMDD, YYYY-MM-DD, DD/MM/YYYY) or a year: birth-year bands */
	MATCH_ID,        /* document, phone, account, number: exact or one typo */
	MATCH_KIND__MAX
};

/* The comparison levels of one field for one pair, worst to best. */
enum match_level {
	MATCH_L_MISSING,    /* either side empty: the field says nothing */
	MATCH_L_DIFFERENT,
	MATCH_L_WEAK,       /* text JW >= 0.70; date: birth years one apart */
	MATCH_L_CLOSE,      /* text JW >= 0.85; date: same birth year */
	MATCH_L_NEAR,       /* text: same phonetic key or JW >= 0.94; date, id: one typo
	                       (one character changed, or two swapped; day and month swapped) */
	MATCH_L_EXACT,
	MATCH_L__MAX
};

/* "missing", "different", "weak", "close", "near", "exact". */
const char *match_level_name(enum match_level l);
/* "text", "date", "id"; match_kind_parse returns -1 for an unknown name. */
const char *match_kind_name(enum match_kind k);
int match_kind_parse(const char *s);

/* ---- comparison functions (exposed for tests and the PPRL encoder) ---- */

/* Jaro–Winkler similarity of two byte strings, in [0, 1] (prefix scale 0.1,
 * at most 4 characters); two empty strings are 1. */
double match_jaro_winkler(const char *a, const char *b);
/* 1 when a and b differ by one changed, inserted or deleted character or
 * by two neighbours swapped (not when equal). */
int match_one_edit(const char *a, const char *b);
/* A date as YYYYMMDD in *out (month and day 0 when only a year is given).
 * Accepts YYYYMMDD, YYYY-MM-DD, YYYY/MM/DD, DD/MM/YYYY, DD-MM-YYYY, YYYY.
 * Returns 0, -1 when the text is no date. */
int match_date_parse(const char *s, int32_t *out);
/* The level of two prepared values (what match_data_set stores). */
enum match_level match_level_text(const char *a, const char *pa, const char *b,
	const char *pb);
enum match_level match_level_date(int32_t a, int32_t b);
enum match_level match_level_id(const char *a, const char *b);

/* ---- records ---------------------------------------------------------- */

struct match_field {
	char name[MATCH_NAME_LEN];
	enum match_kind kind;
};

/* The records to deduplicate, prepared once (opaque). */
struct match_data;

/* Room for nrecords records of the given fields (copied). Aborts on
 * exhaustion (xalloc). */
struct match_data *match_data_new(const struct match_field *fields, size_t nfields,
	size_t nrecords);
void match_data_free(struct match_data *d);
/* Prepare record rec's value of field f (UTF-8; NULL or "" = missing).
 * Returns 0, -1 when the value is not valid UTF-8 or, for a date field,
 * not a date (the field is then missing for this record). */
int match_data_set(struct match_data *d, size_t rec, size_t f, const char *value);

/* ---- the model -------------------------------------------------------- */

struct match_model {
	size_t nfields;
	double lambda;                                   /* prior P(match) among blocked pairs */
	double m[MATCH_MAX_FIELDS][MATCH_L__MAX];        /* P(level | match) */
	double u[MATCH_MAX_FIELDS][MATCH_L__MAX];        /* P(level | non-match) */
	int iterations;                                  /* EM iterations run */
};

/* One candidate pair above the threshold. */
struct match_pair {
	uint32_t a, b;                                   /* record indexes, a < b */
	double weight;                                   /* match weight (log2 odds) */
	double probability;
	uint8_t levels[MATCH_MAX_FIELDS];                /* enum match_level per field */
};

struct match_opts {
	double threshold;          /* keep pairs with probability >= this, in (0,1) */
	size_t max_block;          /* blocks larger than this are not paired (0 = 200) */
	int em_iterations;         /* at most (0 = 100) */
	int tf_adjust;             /* term-frequency adjustment on exact text levels */
};

struct match_result {
	struct match_model model;
	size_t npairs_compared;    /* candidate pairs from blocking */
	struct match_pair *pairs;  /* above the threshold, best first; free() it */
	size_t npairs;
};

/* Block, compare, estimate m/u by EM and score: the pairs of d at or above
 * o->threshold in res (res->pairs malloc'd). Returns 0. */
int match_dedup(const struct match_data *d, const struct match_opts *o,
	struct match_result *res);

/* Weight of one pattern of levels under a model, without term frequencies
 * (for tests and docs). */
double match_weight(const struct match_model *mm, const uint8_t *levels);

#endif
