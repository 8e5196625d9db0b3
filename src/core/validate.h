/*
 * validate.h — pure validators for input fields. They write nothing and
 * return KERR_OK or KERR_INVALID with a message naming the field.
 */
#ifndef KHIPU_VALIDATE_H
#define KHIPU_VALIDATE_H

#include "core/codebook.h"
#include "lib/kerr.h"

/* A real calendar date "YYYY-MM-DD" between 1900-01-01 and today. */
enum kerr_code validate_date(const char *field, const char *s, struct kerr *err);
/* Same, but "" is accepted (unknown). */
enum kerr_code validate_date_opt(const char *field, const char *s, struct kerr *err);
/* A code of the dimension; the message lists a few valid codes. */
enum kerr_code validate_code(const char *field, enum cb_dim dim, const char *code, struct kerr *err);
/* INEI UBIGEO: 2, 4 or 6 digits whose department exists (01..25). */
enum kerr_code validate_ubigeo(const char *field, const char *code, struct kerr *err);
/* ISO 3166-1 alpha-2, upper case. */
enum kerr_code validate_country(const char *field, const char *code, struct kerr *err);
/* Printable UTF-8 of at most max bytes, no control characters but \n and \t. */
enum kerr_code validate_text(const char *field, const char *s, size_t max, struct kerr *err);
/* Login names: 2-32 of [a-z0-9._-], starting with a letter. */
enum kerr_code validate_username(const char *field, const char *s, struct kerr *err);
/* Compare two ISO dates: <0, 0, >0 like strcmp ("" sorts first). */
int validate_date_cmp(const char *a, const char *b);
/* Today's date as "YYYY-MM-DD" (UTC), into out[11]. */
void validate_today(char out[11]);

#endif
