/*
 * norm.h — normalisation of names and identifiers before blind indexing.
 *
 * Names (Spanish-aware): NFKD, case folding, accents removed (ñ becomes n),
 * punctuation dropped, particles of compound surnames ("de", "la", "del",
 * "los", "las", "y", "e", "da", "di", "van", "von") dropped, tokens sorted so
 * that word order does not matter.
 * The phonetic form of a token folds the spellings Spanish speakers and
 * registrars confuse: b/v, s/z/c(e,i), ll/y, silent h, qu/k/c(a,o,u), gu/g(e,i)->j,
 * x->j (México/Méjico), double letters, final d after vowel... so
 * "Quispe" = "Kispe", "Vásquez" = "Basques", "Yupanqui" = "Llupanki".
 */
#ifndef KHIPU_NORM_H
#define KHIPU_NORM_H

#include <stddef.h>

#define NORM_MAX_TOKENS 12
#define NORM_TOKEN_LEN 64

/* Exact form of a full name: folded tokens, sorted, joined by one space.
 * Returns 0, or -1 when nothing is left (empty or only particles). */
int norm_name(const char *in, char *out, size_t outsz);
/* Folded tokens (no particles) of a name, in order; returns their number. */
size_t norm_name_tokens(const char *in, char tokens[][NORM_TOKEN_LEN], size_t max);
/* norm_name of a name whose nt tokens norm_name_tokens gave (they are
 * sorted in place): lets a caller that needs both fold the name once. */
int norm_name_join(char tokens[][NORM_TOKEN_LEN], size_t nt, char *out, size_t outsz);
/* Phonetic key of one folded token into out; returns 0, -1 if empty. */
int norm_phonetic(const char *token, char *out, size_t outsz);
/* Phone to E.164 digits without '+'; a 9-digit Peruvian mobile gets 51.
 * Returns 0, or -1 when fewer than 6 or more than 15 digits remain. */
int norm_phone(const char *in, char *out, size_t outsz);
/* Document numbers, plates, accounts, tax ids: upper-case letters and digits
 * only. Returns 0, -1 when empty. */
int norm_alnum(const char *in, char *out, size_t outsz);
/* E-mail and handles: trimmed, lower case, leading '@' dropped. */
int norm_lower(const char *in, char *out, size_t outsz);
/* Normalise an identifier of a codebook kind (phone, email, bank_account,
 * vehicle_plate, company_ruc, address, social_media, imei, ...). */
int norm_identifier(const char *kind, const char *in, char *out, size_t outsz);

#endif
