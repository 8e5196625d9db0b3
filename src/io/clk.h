/*
 * clk.h — privacy-preserving record linkage (PPRL, as clkhash and anonlink):
 * cryptographic long-term keys (Schnell, Bachteler, Reiher 2011). Each
 * record becomes one 1024-bit Bloom filter: each field's value is folded
 * (core/match.h's preparation), cut into bigrams, and each bigram sets k
 * bits chosen by a keyed BLAKE2b hash (libsodium) whose key is derived from
 * the secret both parties agreed and the field's position, so that nobody
 * without the secret can test a guessed name against a filter.
 *
 * The file: one JSON header line {"format":"khipu-clk","version":1,
 * "bits":1024,"schema":"text:10,date:10,...","fingerprint":HEX,"records":N}
 * then one line per record, "id,BASE64". The fingerprint is a keyed hash of
 * the schema under the secret: two files match only when both were made with
 * the same schema and the same secret, and a mismatch is refused rather than
 * compared into noise. No value in clear is written, only the ids.
 */
#ifndef KHIPU_CLK_H
#define KHIPU_CLK_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "core/match.h"
#include "lib/kerr.h"

#define CLK_BITS 1024
#define CLK_WORDS (CLK_BITS / 64)
#define CLK_SECRET_MIN 16
#define CLK_FP_HEX 33          /* 16 bytes in hex and the NUL */
#define CLK_SCHEMA_LEN 256
#define CLK_K_MAX 64

struct clk_field {
	enum match_kind kind;
	int k;                     /* bits per bigram, 1..CLK_K_MAX */
};

/* The encoder: derived keys, the schema and its fingerprint (opaque). */
struct clk_encoder;

/* A new encoder for the fields with the secret's bytes (trailing newlines
 * are not part of it). KERR_INVALID when the secret is shorter than
 * CLK_SECRET_MIN bytes or a k is out of range. */
enum kerr_code clk_encoder_new(const struct clk_field *f, size_t nfields, const void *secret,
	size_t len, struct clk_encoder **out, struct kerr *err);
void clk_encoder_free(struct clk_encoder *e);
const char *clk_encoder_schema(const struct clk_encoder *e);
const char *clk_encoder_fingerprint(const struct clk_encoder *e);
/* The filter of one record: values[i] is field i's value (NULL or "" =
 * missing: no bit). Returns the number of bits set. */
int clk_encode(const struct clk_encoder *e, const char *const *values, uint64_t *filter);

/* Write the header line, then each record with clk_write_record. */
void clk_write_header(FILE *f, const struct clk_encoder *e, size_t nrecords);
void clk_write_record(FILE *f, const char *id, const uint64_t *filter);

/* An encoded file read back. */
struct clk_file {
	char schema[CLK_SCHEMA_LEN];
	char fingerprint[CLK_FP_HEX];
	size_t n;
	char **ids;
	uint64_t *filters;        /* n x CLK_WORDS */
	uint16_t *pop;            /* bits set per filter */
};

/* Read path; KERR_INVALID naming the line for anything that is not a
 * khipu-clk file of this version and size. */
enum kerr_code clk_read(const char *path, struct clk_file *cf, struct kerr *err);
void clk_release(struct clk_file *cf);

/* ---- comparing ---- */

/* Dice coefficient of two filters with bit counts pa and pb. */
double clk_dice(const uint64_t *a, const uint64_t *b, unsigned pa, unsigned pb);

struct clk_match {
	uint32_t a, b;
	float score;
};

struct clk_stats {
	uint64_t compared;        /* pairs whose bit counts could reach the threshold */
	size_t candidates;        /* pairs at or above it */
};

/* Every pair of A x B with a Dice coefficient >= threshold, then a
 * one-to-one assignment (greedy: best score first, each record used once).
 * Pairs whose bit counts cannot reach the threshold are skipped:
 * dice <= 2 min(pa,pb) / (pa+pb). Returns the matches (malloc'd, best
 * first) and their number in *n. */
struct clk_match *clk_link(const struct clk_file *A, const struct clk_file *B, double threshold,
	size_t *n, struct clk_stats *st);

/* The scan kernel alone (for bench/bench_dice.c): count the filters of
 * B[0..nb) whose Dice with a is >= threshold (popcnt instructions where the
 * processor has them). */
size_t clk_scan_count(const uint64_t *a, unsigned pa, const uint64_t *B, const uint16_t *popb,
	size_t nb, double threshold);

#endif
