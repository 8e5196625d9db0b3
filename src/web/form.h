/*
 * form.h — application/x-www-form-urlencoded bodies and query strings.
 *
 * Names and values are percent-decoded ('+' is a space) into the request's
 * arena. Input that is not a form (a bad escape, a NUL byte, invalid UTF-8,
 * more than FORM_MAX_FIELDS fields) is refused whole.
 */
#ifndef KHIPU_FORM_H
#define KHIPU_FORM_H

#include <stddef.h>

#include "lib/arena.h"

#define FORM_MAX_FIELDS 1024

struct form_field {
	const char *name;
	const char *value;
};

struct form {
	struct form_field *f;
	size_t n;
};

/* Parse s (n bytes). Returns 0, or -1 when s is not a well-formed form
 * (then f is empty). */
int form_parse(struct form *f, const char *s, size_t n, struct arena *a);
/* The first value of name, or NULL. */
const char *form_get(const struct form *f, const char *name);
/* The first value of name when it is present and not blank, else NULL. */
const char *form_nonblank(const struct form *f, const char *name);
/* Every value of name, in order, into an arena array; *n their number. */
const char **form_all(const struct form *f, const char *name, struct arena *a, size_t *n);
/* Percent-decode s (n bytes) into the arena; NULL when malformed. */
char *form_decode(const char *s, size_t n, int plus_is_space, struct arena *a);

/* An amount of money as people write it, into cents: "1200", "1200.50",
 * "1,200.50" (English), "1.200,50" and "1 200,50" (Peru), "S/ 1.200". The
 * last '.' or ',' is the decimal mark when one or two digits follow it and it
 * is the only mark of its kind or both kinds appear; any other mark groups
 * thousands (groups of three). Returns 0, or -1 when s is not an amount or is
 * larger than 10^13. */
int form_amount(const char *s, long long *cents);
/* A date as "YYYY-MM-DD" or "DD/MM/YYYY" (also with '-' or '.') into
 * out[11] as "YYYY-MM-DD"; 0, or -1 when it is neither (the calendar is
 * checked by validate_date afterwards). */
int form_date(const char *s, char out[11]);

#endif
