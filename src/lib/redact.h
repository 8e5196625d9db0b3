/*
 * redact.h — masking identity values inside free text.
 *
 * A case summary, an event note or an asset description may name a person
 * ("Rosalinda, 17, captada en Sicuani, llamaba al 987 654 321"). Without a
 * reveal such text is shown with every identity value of the case's
 * persons masked: a set is filled with the names, aliases, addresses,
 * document numbers and identifiers, then each text is rewritten:
 *   - a word that equals (folded: case, accents) a significant word of a
 *     name, alias or address becomes its first letter and "***";
 *   - a run of digits (groups joined by spaces, '-', '.', '(' ')', '/',
 *     a leading '+') whose digits equal an identity number of at least
 *     five digits, or one of its last nine or more, becomes "***";
 *   - a chunk between spaces whose letters and digits (upper-cased) equal
 *     an identifier such as an e-mail, handle or plate becomes "***".
 * Particles ("de", "la", "y"...) and one-letter words are never masked.
 * Pure: no I/O; memory from the caller's arena.
 */
#ifndef KHIPU_REDACT_H
#define KHIPU_REDACT_H

#include <stddef.h>

#include "lib/arena.h"

struct redact;

/* An empty set whose memory lives in a. */
struct redact *redact_new(struct arena *a);
/* A name or alias: each significant word (two letters or more) is masked
 * wherever it stands. NULL or empty: nothing. */
void redact_add_name(struct redact *r, const char *value);
/* An address: the same with words of three letters or more (street
 * abbreviations such as "Jr" or "Av" belong to every address). */
void redact_add_address(struct redact *r, const char *value);
/* A document number, phone or other identifier: masked as a number (five
 * digits or more), else as a whole chunk. NULL or empty: nothing. */
void redact_add_value(struct redact *r, const char *value);
/* The number of values added (0: redact_text returns text unchanged). */
size_t redact_count(const struct redact *r);
/* text with the set's values masked, in the set's arena; NULL for NULL. */
const char *redact_text(const struct redact *r, const char *text);

#endif
