/*
 * casedoc.c — the JSON case document (docs/case-document.md): parsing into
 * struct kcase with every field checked and named by its JSON path, and
 * writing a case back out. Identity values never reach an error message.
 */
#include "app/casedoc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/codebook.h"
#include "core/mla.h"
#include "core/outcome.h"
#include "core/validate.h"
#include "lib/i18n.h"

#define PATH_MAX_LEN 96          /* = sizeof(struct kerr.field) */
#define MONEY_LIMIT 1e13         /* money values are below this, in units */

#define TRY(x) do { enum kerr_code rc_ = (x); if (rc_ != KERR_OK) return rc_; } while (0)

/* How free text and dates are checked. */
enum sens { PLAIN, IDENTITY };
enum need { OPTIONAL, REQUIRED };
enum datek { DATE_PAST, DATE_ANY };   /* DATE_ANY: a deadline may be in the future */

struct doc {
	struct arena *a;
	struct kerr *err;
	int this_year;
	int update;                  /* an amended document (casedoc_parse_update) */
	size_t asset_pos;            /* the asset whose identifiers are parsed (+1), or 0 */
	struct identifier *idents;   /* capacity counted before parsing */
	size_t nidents, capidents;
};

/* ------------------------------------------------------------------ */
/* Field names of each object: anything else is an unknown field.     */

static const char *const case_keys[] = { "number", "office", "complaint_date",
	"complaint_source", "place", "offences", "related_offences", "aggravating", "summary",
	"persons",
	"events", "assets", "identifiers", "requests", "shared_with", "police_report", NULL };
static const char *const police_keys[] = { "kind", "number", "unit", "reta", "sidpol",
	"received", NULL };
static const char *const protection_keys[] = { "measure", "provider", "date", "end_date",
	"consent", "result", NULL };
static const char *const owner_keys[] = { "person", "relation", NULL };
static const char *const place_keys[] = { "country", "ubigeo", NULL };
static const char *const person_keys[] = { "role", "person_id", "name", "alias", "doc_type",
	"doc_number", "birth_date", "birth_year", "address", "sex", "nationality",
	"origin_ubigeo", "identifiers", "victim", "suspect", NULL };
static const char *const victim_keys[] = { "age_at_recruitment", "trafficking_status",
	"exploitation", "control", "recruitment", "assistance", "means", "vulnerability",
	"relationship", "recruitment_place", "exploitation_place", "recruitment_date", "exploitation_start",
	"exploitation_end", "rescue_date", "protection", NULL };
static const char *const suspect_keys[] = { "network_roles", "charges", "measures",
	"path", "payments", "outcome", "sentence_years", "reparation", NULL };
static const char *const step_keys[] = { "step", "date", "offence", "prison_years",
	"prison_months", "suspended", "days_fine", "disqualification_years",
	"disqualification_months", "disqualification", "reparation", NULL };
static const char *const payment_keys[] = { "date", "amount", NULL };
static const char *const cmeasure_keys[] = { "kind", "date", NULL };
static const char *const reparation_keys[] = { "amount", "currency", NULL };
static const char *const event_keys[] = { "stage", "date", "note", NULL };
static const char *const asset_keys[] = { "kind", "description", "value", "currency",
	"measures", "owner", "forfeiture_file", "identifiers", NULL };
static const char *const ameasure_keys[] = { "measure", "date", "value", "reference", NULL };
static const char *const ident_keys[] = { "kind", "value", NULL };
static const char *const request_keys[] = { "direction", "country", "authority", "type",
	"status", "sent", "due", "received", "reference", "legal_basis", "channel", "assistance",
	"answered", "persons", "assets", NULL };

/* What an amended document may carry besides (case show's output fields). */
static const char *const update_case_keys[] = { "id", "version", "stage", "synthetic",
	"assigned_to", "transfers",
	"created_at", "identities", NULL };

const char casedoc_keep[] = "";

/* Identity fields a participation may not carry together with person_id. */
static const char *const person_identity_keys[] = { "name", "alias", "doc_type",
	"doc_number", "birth_date", "address", NULL };

/* Text limits in bytes (the document's, and ours where it names none). */
#define MAX_NUMBER_CHARS 64
#define MIN_NUMBER_CHARS 3
#define MAX_OFFICE 64
#define MAX_SUMMARY 20000
#define MAX_NAME 200
#define MAX_ALIAS 100
#define MAX_DOC_NUMBER 32
#define MAX_ADDRESS 300
#define MAX_NOTE 4000
#define MAX_DESCRIPTION 2000
#define MAX_IDENT_VALUE 200
#define MAX_AUTHORITY 200
#define MAX_REFERENCE 100
#define MAX_POLICE_UNIT 200

/* ------------------------------------------------------------------ */
/* Paths and small helpers                                            */

/* A path only names a field in a message: one too long for PATH_MAX_LEN
 * (a document nested deeper than any real one) is cut and ends in "...". */
static void
path_fit(char out[PATH_MAX_LEN], int len)
{
	if (len >= PATH_MAX_LEN)
		memcpy(out + PATH_MAX_LEN - 4, "...", 4);
}

static void
path_key(char out[PATH_MAX_LEN], const char *parent, const char *key)
{
	if (parent == NULL || parent[0] == '\0')
		path_fit(out, snprintf(out, PATH_MAX_LEN, "%s", key));
	else
		path_fit(out, snprintf(out, PATH_MAX_LEN, "%s.%s", parent, key));
}

static void
path_idx(char out[PATH_MAX_LEN], const char *parent, size_t i)
{
	path_fit(out, snprintf(out, PATH_MAX_LEN, "%s[%zu]", parent, i));
}

/* The member key of obj, or NULL when absent or JSON null. */
static json_t *
member(json_t *obj, const char *key)
{
	json_t *v = json_object_get(obj, key);

	return json_is_null(v) ? NULL : v;
}

static enum kerr_code
missing(struct doc *d, const char *path)
{
	return kerr_field(d->err, KERR_INVALID, path, _("missing"));
}

static enum kerr_code
wrong_type(struct doc *d, const char *path, const char *what)
{
	/* TRANSLATORS: %s is a kind of JSON value: "an object", "a string"... */
	return kerr_field(d->err, KERR_INVALID, path, _("expected %s"), _(what));
}

/* A key is echoed in messages only when it looks like a field name. */
static int
key_printable(const char *k)
{
	size_t i;

	for (i = 0; k[i] != '\0'; i++)
		if (i >= 40 || !((k[i] >= 'a' && k[i] <= 'z') || (k[i] >= 'A' && k[i] <= 'Z') ||
		    (k[i] >= '0' && k[i] <= '9') || k[i] == '_' || k[i] == '-'))
			return 0;
	return i > 0;
}

static int
key_known(const char *const *keys, const char *k)
{
	for (; *keys != NULL; keys++)
		if (strcmp(*keys, k) == 0)
			return 1;
	return 0;
}

/* v must be an object whose keys all are in keys. */
static enum kerr_code
check_object(struct doc *d, json_t *v, const char *path, const char *const *keys)
{
	const char *k;
	json_t *val;
	char p[PATH_MAX_LEN];

	if (!json_is_object(v))
		return wrong_type(d, path, N_("an object"));
	json_object_foreach(v, k, val) {
		if (key_known(keys, k))
			continue;
		if (d->update && ((strcmp(k, "id") == 0 && (keys == person_keys ||
		    keys == event_keys || keys == asset_keys || keys == ident_keys ||
		    keys == request_keys)) || (keys == case_keys && key_known(update_case_keys, k))))
			continue;
		path_key(p, path, key_printable(k) ? k : "?");
		return kerr_field(d->err, KERR_INVALID, p, _("unknown field"));
	}
	return KERR_OK;
}

/* After a failed check of an identity value, replace the validator's
 * message (which may quote the value) by our own, which does not. */
static enum kerr_code
scrub(struct doc *d, enum kerr_code rc, enum sens s, const char *path, const char *what)
{
	if (rc == KERR_OK || s != IDENTITY)
		return rc;
	return kerr_field(d->err, rc, path, "%s", _(what));
}

static size_t
utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* ------------------------------------------------------------------ */
/* Typed getters: a member of obj, checked, copied into the arena.    */

static enum kerr_code
get_array(struct doc *d, json_t *obj, const char *parent, const char *key, enum need need,
	json_t **out)
{
	char p[PATH_MAX_LEN];
	json_t *v = member(obj, key);

	path_key(p, parent, key);
	*out = NULL;
	if (v == NULL)
		return need == REQUIRED ? missing(d, p) : KERR_OK;
	if (!json_is_array(v))
		return wrong_type(d, p, N_("an array"));
	*out = v;
	return KERR_OK;
}

/* Free text of at most max bytes. Absent optional text, or "", is NULL. */
static enum kerr_code
get_text(struct doc *d, json_t *obj, const char *parent, const char *key, enum need need,
	size_t max, enum sens sens, const char **out)
{
	char p[PATH_MAX_LEN];
	json_t *v = member(obj, key);
	const char *s;

	path_key(p, parent, key);
	if (v == NULL && d->update && sens == IDENTITY && json_object_get(obj, key) == NULL) {
		*out = casedoc_keep;   /* absent from an amended document: unchanged */
		return KERR_OK;
	}
	if (v == NULL)
		return need == REQUIRED ? missing(d, p) : KERR_OK;
	if (!json_is_string(v))
		return wrong_type(d, p, N_("a string"));
	s = json_string_value(v);
	if (s[0] == '\0')
		return need == REQUIRED ? kerr_field(d->err, KERR_INVALID, p, _("must not be empty"))
			: KERR_OK;
	if (json_string_length(v) > max)
		return kerr_field(d->err, KERR_INVALID, p, _("too long (at most %zu bytes)"), max);
	TRY(scrub(d, validate_text(p, s, max, d->err), sens, p,
		N_("not printable UTF-8 text (control characters or bad encoding)")));
	*out = arena_strdup(d->a, s);
	return KERR_OK;
}

/* A string member, type-checked only; *out NULL when absent. */
static enum kerr_code
get_string(struct doc *d, json_t *obj, const char *parent, const char *key, enum need need,
	const char **out)
{
	char p[PATH_MAX_LEN];
	json_t *v = member(obj, key);

	path_key(p, parent, key);
	*out = NULL;
	if (v == NULL)
		return need == REQUIRED ? missing(d, p) : KERR_OK;
	if (!json_is_string(v))
		return wrong_type(d, p, N_("a string"));
	*out = json_string_value(v);
	return KERR_OK;
}

/* The codebook's own copy of a valid code (static), else an arena copy. */
static const char *
code_ptr(struct doc *d, enum cb_dim dim, const char *s)
{
	const struct cb_entry *e = cb_lookup(dim, s);

	return e != NULL ? e->code : arena_strdup(d->a, s);
}

static enum kerr_code
check_code(struct doc *d, const char *path, enum cb_dim dim, const char *s,
	const char **out)
{
	if (dim == CB_COUNTRY)
		TRY(validate_country(path, s, d->err));
	else
		TRY(validate_code(path, dim, s, d->err));
	*out = code_ptr(d, dim, s);
	return KERR_OK;
}

/* A code of dimension dim (countries through validate_country). */
static enum kerr_code
get_code(struct doc *d, json_t *obj, const char *parent, const char *key, enum cb_dim dim,
	enum need need, const char **out)
{
	char p[PATH_MAX_LEN];
	const char *s;

	TRY(get_string(d, obj, parent, key, need, &s));
	if (s == NULL || (s[0] == '\0' && need == OPTIONAL))
		return KERR_OK;
	path_key(p, parent, key);
	return check_code(d, p, dim, s, out);
}

/* A list of distinct codes; REQUIRED means present with at least one. */
static enum kerr_code
get_codes(struct doc *d, json_t *obj, const char *parent, const char *key, enum cb_dim dim,
	enum need need, const char ***out, size_t *n)
{
	char p[PATH_MAX_LEN], pi[PATH_MAX_LEN];
	json_t *arr, *v;
	size_t i, j, len;
	const char **list;

	TRY(get_array(d, obj, parent, key, need, &arr));
	if (arr == NULL)
		return KERR_OK;
	path_key(p, parent, key);
	len = json_array_size(arr);
	if (len == 0)
		return need == REQUIRED ? kerr_field(d->err, KERR_INVALID, p, _("must not be empty"))
			: KERR_OK;
	list = arena_alloc(d->a, len * sizeof(*list));
	json_array_foreach(arr, i, v) {
		path_idx(pi, p, i);
		if (!json_is_string(v))
			return wrong_type(d, pi, N_("a string"));
		TRY(check_code(d, pi, dim, json_string_value(v), &list[i]));
		for (j = 0; j < i; j++)
			if (strcmp(list[j], list[i]) == 0)
				return kerr_field(d->err, KERR_INVALID, pi, _("duplicate code '%s'"),
					list[i]);
	}
	*out = list;
	*n = len;
	return KERR_OK;
}

/* "YYYY-MM-DD", a real calendar date of 1900..2199 (future allowed). */
static int
date_shape_ok(const char *s)
{
	static const int mdays[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int i, y, m, dd, max;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return 0;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return 0;
	y = atoi(s);
	m = atoi(s + 5);
	dd = atoi(s + 8);
	if (y < 1900 || y > 2199 || m < 1 || m > 12)
		return 0;
	max = mdays[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	return dd >= 1 && dd <= max;
}

static enum kerr_code
check_date(struct doc *d, const char *p, const char *s, enum need need, enum datek kind,
	enum sens sens)
{
	enum kerr_code rc;

	if (kind == DATE_ANY) {
		if (s[0] == '\0' && need == OPTIONAL)
			return KERR_OK;
		if (!date_shape_ok(s))
			return kerr_field(d->err, KERR_INVALID, p, _("not a date (YYYY-MM-DD)"));
		return KERR_OK;
	}
	rc = need == REQUIRED ? validate_date(p, s, d->err) : validate_date_opt(p, s, d->err);
	return scrub(d, rc, sens, p, date_shape_ok(s) ? N_("not between 1900-01-01 and today")
		: N_("not a date (YYYY-MM-DD)"));
}

/* A date into out ("" when absent and optional). */
static enum kerr_code
get_date(struct doc *d, json_t *obj, const char *parent, const char *key, enum need need,
	enum datek kind, enum sens sens, char out[MODEL_DATE_LEN])
{
	char p[PATH_MAX_LEN];
	const char *s;

	out[0] = '\0';
	TRY(get_string(d, obj, parent, key, need, &s));
	if (s == NULL)
		return KERR_OK;
	path_key(p, parent, key);
	TRY(check_date(d, p, s, need, kind, sens));
	snprintf(out, MODEL_DATE_LEN, "%s", s);
	return KERR_OK;
}

/* An integer in [min, max]; *present tells whether it was given. */
static enum kerr_code
get_int(struct doc *d, json_t *obj, const char *parent, const char *key, json_int_t min,
	json_int_t max, json_int_t *out, int *present)
{
	char p[PATH_MAX_LEN];
	json_t *v = member(obj, key);
	json_int_t x;

	path_key(p, parent, key);
	*present = 0;
	if (v == NULL)
		return KERR_OK;
	if (!json_is_integer(v))
		return wrong_type(d, p, N_("an integer"));
	x = json_integer_value(v);
	if (x < min || x > max)
		return kerr_field(d->err, KERR_INVALID, p, _("out of range (%lld to %lld)"),
			(long long)min, (long long)max);
	*out = x;
	*present = 1;
	return KERR_OK;
}

/* A JSON number (integer or real) in [0, limit); *present as in get_int. */
static enum kerr_code
get_number(struct doc *d, json_t *obj, const char *parent, const char *key, double limit,
	int inclusive, double *out, int *present)
{
	char p[PATH_MAX_LEN];
	json_t *v = member(obj, key);
	double x;

	path_key(p, parent, key);
	*present = 0;
	if (v == NULL)
		return KERR_OK;
	if (!json_is_number(v))
		return wrong_type(d, p, N_("a number"));
	x = json_number_value(v);
	if (!isfinite(x) || x < 0 || (inclusive ? x > limit : x >= limit))
		return inclusive ? kerr_field(d->err, KERR_INVALID, p, _("out of range (0 to %g)"), limit)
			: kerr_field(d->err, KERR_INVALID, p, _("out of range (0 to %.2f)"),
				limit - 0.01);
	*out = x;
	*present = 1;
	return KERR_OK;
}

/* x (>= 0, < 1e13) in minor units, rounding half up the decimal the user
 * most likely wrote: its 15 significant digits (so 1.005 is 101 cents,
 * where x * 100 in binary would give 100). */
static int64_t
to_cents(double x)
{
	char s[64], *dot;
	int64_t cents;

	snprintf(s, sizeof(s), "%.15g", x);
	if (strchr(s, 'e') != NULL)
		return (int64_t)llround(x * 100.0);
	cents = (int64_t)strtoll(s, &dot, 10) * 100;
	if (*dot != '.')
		return cents;
	dot++;
	if (dot[0] >= '0' && dot[0] <= '9')
		cents += (dot[0] - '0') * 10;
	else
		return cents;
	if (dot[1] >= '0' && dot[1] <= '9')
		cents += dot[1] - '0';
	else
		return cents;
	return cents + (dot[2] >= '5' && dot[2] <= '9');
}

/* Money in units to minor units (see to_cents). */
static enum kerr_code
get_money(struct doc *d, json_t *obj, const char *parent, const char *key, int64_t *cents,
	int *present)
{
	json_t *v = member(obj, key);
	double x = 0;

	if (json_is_integer(v) && json_integer_value(v) >= 0 &&
	    json_integer_value(v) < (json_int_t)MONEY_LIMIT) {
		*cents = (int64_t)json_integer_value(v) * 100;
		*present = 1;
		return KERR_OK;
	}
	TRY(get_number(d, obj, parent, key, MONEY_LIMIT, 0, &x, present));
	if (*present)
		*cents = to_cents(x);
	return KERR_OK;
}

/* A place object {country, ubigeo}; ubigeo only (and checked) in Peru. */
static enum kerr_code
get_place(struct doc *d, json_t *obj, const char *parent, const char *key, enum need need,
	struct place *out)
{
	char p[PATH_MAX_LEN], pu[PATH_MAX_LEN];
	json_t *v = member(obj, key);
	const char *ub;

	path_key(p, parent, key);
	if (v == NULL)
		return need == REQUIRED ? missing(d, p) : KERR_OK;
	TRY(check_object(d, v, p, place_keys));
	TRY(get_code(d, v, p, "country", CB_COUNTRY, REQUIRED, &out->country));
	TRY(get_string(d, v, p, "ubigeo", OPTIONAL, &ub));
	out->ubigeo = "";
	if (ub == NULL || ub[0] == '\0')
		return KERR_OK;
	path_key(pu, p, "ubigeo");
	if (strcmp(out->country, "PE") != 0)
		return kerr_field(d->err, KERR_INVALID, pu, _("only allowed when country is 'PE'"));
	TRY(validate_ubigeo(pu, ub, d->err));
	out->ubigeo = arena_strdup(d->a, ub);
	return KERR_OK;
}

/* A bare UBIGEO member (origin_ubigeo); "" when absent. */
static enum kerr_code
get_ubigeo(struct doc *d, json_t *obj, const char *parent, const char *key, const char **out)
{
	char p[PATH_MAX_LEN];
	const char *s;

	*out = "";
	TRY(get_string(d, obj, parent, key, OPTIONAL, &s));
	if (s == NULL || s[0] == '\0')
		return KERR_OK;
	path_key(p, parent, key);
	TRY(validate_ubigeo(p, s, d->err));
	*out = arena_strdup(d->a, s);
	return KERR_OK;
}

/* Each element of the array member key must be an object; fn parses it
 * into slot i of an arena array of elem bytes. */
typedef enum kerr_code (*elem_fn)(struct doc *d, json_t *v, const char *path, void *slot,
	size_t i);

static enum kerr_code
get_list(struct doc *d, json_t *obj, const char *parent, const char *key, size_t elem,
	elem_fn fn, void **out, size_t *n)
{
	char p[PATH_MAX_LEN], pi[PATH_MAX_LEN];
	json_t *arr, *v;
	size_t i;
	unsigned char *base;

	TRY(get_array(d, obj, parent, key, OPTIONAL, &arr));
	if (arr == NULL || json_array_size(arr) == 0)
		return KERR_OK;
	path_key(p, parent, key);
	base = arena_alloc(d->a, json_array_size(arr) * elem);
	json_array_foreach(arr, i, v) {
		path_idx(pi, p, i);
		TRY(fn(d, v, pi, base + i * elem, i));
	}
	*out = base;
	*n = json_array_size(arr);
	return KERR_OK;
}

/* ------------------------------------------------------------------ */
/* The objects of the document                                        */

/* The id of a child an amended document keeps; 0 when absent (a new one). */
static enum kerr_code
get_child_id(struct doc *d, json_t *v, const char *path, int64_t *out)
{
	char p[PATH_MAX_LEN];
	json_int_t id;
	int present;

	*out = 0;
	if (!d->update)
		return KERR_OK;
	path_key(p, path, "id");
	if (get_int(d, v, path, "id", 1, INT64_MAX, &id, &present) != KERR_OK)
		return kerr_field(d->err, KERR_INVALID, p, _("expected a positive integer"));
	*out = present ? (int64_t)id : 0;
	return KERR_OK;
}

/* A list of distinct positive ids (persons.id, assets.id of the case); the
 * app checks they belong to the case when it writes them. */
static enum kerr_code
get_ids(struct doc *d, json_t *obj, const char *parent, const char *key, int64_t **out,
	size_t *n)
{
	char p[PATH_MAX_LEN], pi[PATH_MAX_LEN];
	json_t *arr, *v;
	size_t i, j, len;
	int64_t *list;

	*out = NULL;
	*n = 0;
	TRY(get_array(d, obj, parent, key, OPTIONAL, &arr));
	if (arr == NULL || (len = json_array_size(arr)) == 0)
		return KERR_OK;
	path_key(p, parent, key);
	list = arena_alloc(d->a, len * sizeof(*list));
	json_array_foreach(arr, i, v) {
		path_idx(pi, p, i);
		if (!json_is_integer(v) || json_integer_value(v) <= 0)
			return wrong_type(d, pi, N_("a positive integer"));
		list[i] = (int64_t)json_integer_value(v);
		for (j = 0; j < i; j++)
			if (list[j] == list[i])
				return kerr_field(d->err, KERR_INVALID, pi, _("duplicate id %lld"),
					(long long)list[i]);
	}
	*out = list;
	*n = len;
	return KERR_OK;
}

static enum kerr_code
parse_cmeasure(struct doc *d, json_t *v, const char *path, void *slot, size_t i)
{
	struct coercive_measure *m = slot;

	(void)i;
	TRY(check_object(d, v, path, cmeasure_keys));
	TRY(get_code(d, v, path, "kind", CB_COERCIVE_MEASURE, REQUIRED, &m->kind));
	return get_date(d, v, path, "date", OPTIONAL, DATE_PAST, PLAIN, m->date);
}

static enum kerr_code
parse_ameasure(struct doc *d, json_t *v, const char *path, void *slot, size_t i)
{
	struct asset_measure *m = slot;

	(void)i;
	char p[PATH_MAX_LEN];
	int present;

	TRY(check_object(d, v, path, ameasure_keys));
	TRY(get_code(d, v, path, "measure", CB_ASSET_MEASURE, REQUIRED, &m->measure));
	TRY(get_date(d, v, path, "date", OPTIONAL, DATE_PAST, PLAIN, m->date));
	TRY(get_money(d, v, path, "value", &m->value_cents, &present));
	if (present && m->value_cents <= 0) {
		path_key(p, path, "value");
		return kerr_field(d->err, KERR_INVALID, p, _("must be more than 0"));
	}
	return get_text(d, v, path, "reference", OPTIONAL, MAX_REFERENCE, PLAIN, &m->reference);
}

/* An identifier, appended to d->idents with the given person index. */
static enum kerr_code
parse_identifier(struct doc *d, json_t *v, const char *path, int person_index)
{
	struct identifier *id;

	if (d->nidents == d->capidents)   /* counted beforehand: cannot happen */
		return kerr_field(d->err, KERR_INTERNAL, path, _("identifier count changed"));
	id = &d->idents[d->nidents];
	TRY(check_object(d, v, path, ident_keys));
	TRY(get_child_id(d, v, path, &id->id));
	TRY(get_code(d, v, path, "kind", CB_IDENTIFIER_KIND, REQUIRED, &id->kind));
	TRY(get_text(d, v, path, "value", REQUIRED, MAX_IDENT_VALUE, IDENTITY, &id->value));
	id->person_index = person_index;
	id->asset_pos = d->asset_pos;
	d->nidents++;
	return KERR_OK;
}

static enum kerr_code
parse_identifiers(struct doc *d, json_t *obj, const char *parent, int person_index)
{
	char p[PATH_MAX_LEN], pi[PATH_MAX_LEN];
	json_t *arr, *v;
	size_t i;

	TRY(get_array(d, obj, parent, "identifiers", OPTIONAL, &arr));
	if (arr == NULL)
		return KERR_OK;
	path_key(p, parent, "identifiers");
	json_array_foreach(arr, i, v) {
		path_idx(pi, p, i);
		TRY(parse_identifier(d, v, pi, person_index));
	}
	return KERR_OK;
}

/* exploitation_end may not precede exploitation_start. */
static enum kerr_code
check_period(struct doc *d, const char *path, const struct victim_attrs *va)
{
	char p[PATH_MAX_LEN];

	if (va->exploitation_start[0] == '\0' || va->exploitation_end[0] == '\0' ||
	    validate_date_cmp(va->exploitation_start, va->exploitation_end) <= 0)
		return KERR_OK;
	path_key(p, path, "exploitation_end");
	return kerr_field(d->err, KERR_INVALID, p, _("before 'exploitation_start'"));
}

/* "No means required" is art. 129-A(3)'s rule for a victim under 18: an
 * adult recruited at a known age cannot have it. */
static enum kerr_code
check_minor_means(struct doc *d, const char *path, const struct victim_attrs *va)
{
	char p[PATH_MAX_LEN];
	size_t i;

	if (va->age_at_recruitment < 18)
		return KERR_OK;
	for (i = 0; i < va->nmeans; i++)
		if (strcmp(va->means[i], "not_required_minor") == 0) {
			path_key(p, path, "means");
			return kerr_field(d->err, KERR_INVALID, p,
				_("'not_required_minor' is for a victim under 18, and the age at "
				  "recruitment is %d"), va->age_at_recruitment);
		}
	return KERR_OK;
}

/* One protection measure of a victim: codes, dates, consent (true,
 * false or null), result. */
static enum kerr_code
parse_protection(struct doc *d, json_t *v, const char *path, void *slot, size_t i)
{
	struct protection *pr = slot;
	char p[PATH_MAX_LEN];
	json_t *c;

	(void)i;
	TRY(check_object(d, v, path, protection_keys));
	TRY(get_code(d, v, path, "measure", CB_PROTECTION, REQUIRED, &pr->measure));
	TRY(get_code(d, v, path, "provider", CB_PROVIDER, OPTIONAL, &pr->provider));
	TRY(get_date(d, v, path, "date", REQUIRED, DATE_PAST, PLAIN, pr->date));
	TRY(get_date(d, v, path, "end_date", OPTIONAL, DATE_PAST, PLAIN, pr->end_date));
	if (pr->end_date[0] != '\0' && validate_date_cmp(pr->date, pr->end_date) > 0) {
		path_key(p, path, "end_date");
		return kerr_field(d->err, KERR_INVALID, p, _("before 'date'"));
	}
	pr->consent = -1;
	if ((c = member(v, "consent")) != NULL) {
		path_key(p, path, "consent");
		if (!json_is_boolean(c))
			return wrong_type(d, p, N_("true or false"));
		pr->consent = json_is_true(c);
	}
	return get_code(d, v, path, "result", CB_PROTECTION_RESULT, OPTIONAL, &pr->result);
}

static enum kerr_code
parse_victim(struct doc *d, json_t *v, const char *path, struct victim_attrs *va)
{
	json_int_t age;
	int present;

	TRY(check_object(d, v, path, victim_keys));
	TRY(get_int(d, v, path, "age_at_recruitment", 0, 120, &age, &present));
	if (present)
		va->age_at_recruitment = (int)age;
	TRY(get_code(d, v, path, "trafficking_status", CB_TRAFFICKING_STATUS, OPTIONAL,
		&va->trafficking_status));
	TRY(get_codes(d, v, path, "exploitation", CB_EXPLOITATION, OPTIONAL,
		&va->exploitation, &va->nexploitation));
	TRY(get_codes(d, v, path, "control", CB_CONTROL, OPTIONAL, &va->control,
		&va->ncontrol));
	TRY(get_codes(d, v, path, "recruitment", CB_RECRUITMENT, OPTIONAL, &va->recruitment,
		&va->nrecruitment));
	TRY(get_codes(d, v, path, "assistance", CB_ASSISTANCE, OPTIONAL, &va->assistance,
		&va->nassistance));
	TRY(get_codes(d, v, path, "means", CB_MEANS, OPTIONAL, &va->means, &va->nmeans));
	TRY(get_codes(d, v, path, "vulnerability", CB_VULNERABILITY, OPTIONAL,
		&va->vulnerability, &va->nvulnerability));
	TRY(get_code(d, v, path, "relationship", CB_RELATIONSHIP, OPTIONAL,
		&va->relationship));
	TRY(get_place(d, v, path, "recruitment_place", OPTIONAL, &va->recruitment_place));
	TRY(get_place(d, v, path, "exploitation_place", OPTIONAL, &va->exploitation_place));
	TRY(get_date(d, v, path, "recruitment_date", OPTIONAL, DATE_PAST, PLAIN,
		va->recruitment_date));
	TRY(get_date(d, v, path, "exploitation_start", OPTIONAL, DATE_PAST, PLAIN,
		va->exploitation_start));
	TRY(get_date(d, v, path, "exploitation_end", OPTIONAL, DATE_PAST, PLAIN,
		va->exploitation_end));
	TRY(get_date(d, v, path, "rescue_date", OPTIONAL, DATE_PAST, PLAIN, va->rescue_date));
	TRY(get_list(d, v, path, "protection", sizeof(*va->protection), parse_protection,
		(void **)&va->protection, &va->nprotection));
	TRY(check_minor_means(d, path, va));
	return check_period(d, path, va);
}

static enum kerr_code
parse_reparation(struct doc *d, json_t *v, const char *path, int64_t *cents,
	const char **currency)
{
	char p[PATH_MAX_LEN];
	int present;

	TRY(check_object(d, v, path, reparation_keys));
	TRY(get_money(d, v, path, "amount", cents, &present));
	if (!present) {
		path_key(p, path, "amount");
		return missing(d, p);
	}
	return get_code(d, v, path, "currency", CB_CURRENCY, REQUIRED, currency);
}

/* The clauses of CP art. 36 a disqualification names: [1, 2, 8] -> "1,2,8". */
static enum kerr_code
get_clauses(struct doc *d, json_t *obj, const char *parent, const char **out)
{
	char p[PATH_MAX_LEN], buf[64] = "";
	json_t *arr, *x;
	size_t i, len = 0;

	*out = NULL;
	TRY(get_array(d, obj, parent, "disqualification", OPTIONAL, &arr));
	if (arr == NULL || json_array_size(arr) == 0)
		return KERR_OK;
	path_key(p, parent, "disqualification");
	if (json_array_size(arr) > 13)
		return kerr_field(d->err, KERR_INVALID, p, _("at most 13 clauses"));
	json_array_foreach(arr, i, x) {
		if (!json_is_integer(x) || json_integer_value(x) < 1 || json_integer_value(x) > 13)
			return kerr_field(d->err, KERR_INVALID, p,
				_("expected the clauses of CP art. 36 as numbers from 1 to 13"));
		len += (size_t)snprintf(buf + len, sizeof(buf) - len, "%s%lld", i ? "," : "",
			(long long)json_integer_value(x));
	}
	*out = arena_strdup(d->a, buf);
	return KERR_OK;
}

/* One step of a suspect's path (core/outcome.h checks the sequence). */
static enum kerr_code
parse_step(struct doc *d, json_t *v, const char *path, void *slot, size_t i)
{
	struct path_step *s = slot;
	char p[PATH_MAX_LEN];
	json_int_t y = 0, m = 0, n = 0;
	json_t *b, *rep;
	int yp, mp, present;

	(void)i;
	memset(s, 0, sizeof(*s));
	TRY(check_object(d, v, path, step_keys));
	TRY(get_code(d, v, path, "step", CB_PATH_STEP, REQUIRED, &s->step));
	TRY(get_date(d, v, path, "date", REQUIRED, DATE_PAST, PLAIN, s->date));
	TRY(get_code(d, v, path, "offence", CB_OFFENCE, OPTIONAL, &s->offence));
	TRY(get_int(d, v, path, "prison_years", 0, 99, &y, &yp));
	TRY(get_int(d, v, path, "prison_months", 0, 11, &m, &mp));
	s->prison_months = (int)(y * 12 + m);
	if ((b = member(v, "suspended")) != NULL) {
		path_key(p, path, "suspended");
		if (!json_is_boolean(b))
			return wrong_type(d, p, N_("true or false"));
		s->suspended = json_is_true(b);
	}
	TRY(get_int(d, v, path, "days_fine", 0, 1095, &n, &present));
	s->days_fine = (int)n;
	y = m = 0;
	TRY(get_int(d, v, path, "disqualification_years", 0, 20, &y, &yp));
	TRY(get_int(d, v, path, "disqualification_months", 0, 11, &m, &mp));
	s->disqualification_months = (int)(y * 12 + m);
	TRY(get_clauses(d, v, path, &s->disqualification));
	if ((rep = member(v, "reparation")) == NULL)
		return KERR_OK;
	path_key(p, path, "reparation");
	return parse_reparation(d, rep, p, &s->reparation_cents, &s->reparation_currency);
}

static enum kerr_code
parse_payment(struct doc *d, json_t *v, const char *path, void *slot, size_t i)
{
	struct reparation_payment *x = slot;
	char p[PATH_MAX_LEN];
	int present;

	(void)i;
	TRY(check_object(d, v, path, payment_keys));
	TRY(get_date(d, v, path, "date", REQUIRED, DATE_PAST, PLAIN, x->date));
	TRY(get_money(d, v, path, "amount", &x->amount_cents, &present));
	path_key(p, path, "amount");
	return present ? KERR_OK : missing(d, p);
}

/* A derived field the document gave must be what the path gives. */
static enum kerr_code
disagrees(struct doc *d, const char *path, const char *key)
{
	char p[PATH_MAX_LEN];

	path_key(p, path, key);
	return kerr_field(d->err, KERR_INVALID, p,
		_("does not follow from 'path'; record the decision as a dated step of 'path' "
		  "(docs/case-document.md), this field follows"));
}

/* The path and payments, checked (core/outcome.h), and the fields they
 * decide; outcome, sentence_years and reparation may come along (case show
 * writes them) only as the path gives them. */
static enum kerr_code
parse_path(struct doc *d, json_t *v, const char *path, struct suspect_attrs *sa)
{
	char p[PATH_MAX_LEN], key[48];
	struct outcome_fault f;
	const char *outcome = NULL, *cur = NULL;
	int64_t cents = 0;
	double years = 0;
	int ypresent;
	json_t *rep;

	TRY(get_list(d, v, path, "path", sizeof(*sa->path), parse_step, (void **)&sa->path,
		&sa->npath));
	TRY(get_list(d, v, path, "payments", sizeof(*sa->payments), parse_payment,
		(void **)&sa->payments, &sa->npayments));
	TRY(get_code(d, v, path, "outcome", CB_OUTCOME, OPTIONAL, &outcome));
	TRY(get_number(d, v, path, "sentence_years", 99, 1, &years, &ypresent));
	if ((rep = member(v, "reparation")) != NULL) {
		path_key(p, path, "reparation");
		TRY(parse_reparation(d, rep, p, &cents, &cur));
	}
	if (outcome_derive(sa, &f) != 0) {
		if (f.step >= 0)
			snprintf(key, sizeof(key), "path[%ld].%s", f.step, f.key);
		else
			snprintf(key, sizeof(key), "payments[%ld].%s", f.payment, f.key);
		path_key(p, path, key);
		return kerr_field(d->err, KERR_INVALID, p, "%s", f.msg);
	}
	if (outcome != NULL && strcmp(outcome, sa->outcome) != 0)
		return disagrees(d, path, "outcome");
	if (ypresent && lround(years * 12.0) != sa->sentence_months)
		return disagrees(d, path, "sentence_years");
	if (rep != NULL && (cents != sa->reparation_cents || sa->reparation_currency == NULL ||
	    strcmp(cur, sa->reparation_currency) != 0))
		return disagrees(d, path, "reparation");
	return KERR_OK;
}

static enum kerr_code
parse_suspect(struct doc *d, json_t *v, const char *path, struct suspect_attrs *sa)
{
	TRY(check_object(d, v, path, suspect_keys));
	TRY(get_codes(d, v, path, "network_roles", CB_NETWORK_ROLE, OPTIONAL,
		&sa->network_roles, &sa->nnetwork_roles));
	TRY(get_codes(d, v, path, "charges", CB_OFFENCE, OPTIONAL, &sa->charges,
		&sa->ncharges));
	TRY(get_list(d, v, path, "measures", sizeof(*sa->measures), parse_cmeasure,
		(void **)&sa->measures, &sa->nmeasures));
	return parse_path(d, v, path, sa);
}

/* person_id, a positive integer naming an existing person; 0 when absent. */
static enum kerr_code
get_person_id(struct doc *d, json_t *v, const char *path, int64_t *out)
{
	char p[PATH_MAX_LEN];
	json_int_t id;
	int present;

	path_key(p, path, "person_id");
	if (get_int(d, v, path, "person_id", 1, INT64_MAX, &id, &present) != KERR_OK)
		return kerr_field(d->err, KERR_INVALID, p, _("expected a positive integer"));
	*out = present ? (int64_t)id : 0;
	return KERR_OK;
}

/* With person_id the person exists: no identity field may come along. */
static enum kerr_code
check_person_ref(struct doc *d, json_t *v, const char *path, int64_t person_id)
{
	const char *const *k;
	char p[PATH_MAX_LEN];

	/* a participation already in the case: its person's fields may change */
	if (d->update && json_object_get(v, "id") != NULL)
		return KERR_OK;

	for (k = person_identity_keys; *k != NULL; k++) {
		if (member(v, *k) == NULL)
			continue;
		path_key(p, path, *k);
		if (person_id > 0)
			return kerr_field(d->err, KERR_INVALID, p, _("not allowed with 'person_id'"));
	}
	if (person_id == 0 && member(v, "name") == NULL) {
		path_key(p, path, "name");
		return missing(d, p);
	}
	return KERR_OK;
}

/* birth_year from birth_date when absent; both given must agree. */
static enum kerr_code
settle_birth_year(struct doc *d, const char *path, struct person *pe, int year_given)
{
	char p[PATH_MAX_LEN];
	int from_date;

	if (pe->birth_date == NULL || pe->birth_date == casedoc_keep)
		return KERR_OK;
	from_date = atoi(pe->birth_date);
	if (!year_given) {
		pe->birth_year = from_date;
		return KERR_OK;
	}
	if (pe->birth_year == from_date)
		return KERR_OK;
	path_key(p, path, "birth_year");
	return kerr_field(d->err, KERR_INVALID, p, _("does not match 'birth_date'"));
}

static enum kerr_code
get_birth_date(struct doc *d, json_t *v, const char *path, struct person *pe)
{
	char date[MODEL_DATE_LEN];
	json_t *bd = json_object_get(v, "birth_date");

	/* an amended document leaves it as it is when absent or masked */
	if (d->update && (bd == NULL || (json_is_string(bd) &&
	    strcmp(json_string_value(bd), "****-**-**") == 0))) {
		pe->birth_date = casedoc_keep;
		return KERR_OK;
	}
	TRY(get_date(d, v, path, "birth_date", OPTIONAL, DATE_PAST, IDENTITY, date));
	if (date[0] != '\0')
		pe->birth_date = arena_strdup(d->a, date);
	return KERR_OK;
}

/* The identity and descriptive fields of the person. */
static enum kerr_code
parse_person_fields(struct doc *d, json_t *v, const char *path, struct person *pe)
{
	char p[PATH_MAX_LEN];
	json_int_t year;
	int year_given;

	TRY(get_text(d, v, path, "name", OPTIONAL, MAX_NAME, IDENTITY, &pe->name));
	TRY(get_text(d, v, path, "alias", OPTIONAL, MAX_ALIAS, IDENTITY, &pe->alias));
	TRY(get_code(d, v, path, "doc_type", CB_DOC_TYPE, OPTIONAL, &pe->doc_type));
	TRY(get_text(d, v, path, "doc_number", OPTIONAL, MAX_DOC_NUMBER, IDENTITY,
		&pe->doc_number));
	if (pe->doc_number != NULL && pe->doc_number != casedoc_keep && pe->doc_type == NULL) {
		path_key(p, path, "doc_type");
		return kerr_field(d->err, KERR_INVALID, p, _("required with 'doc_number'"));
	}
	TRY(get_birth_date(d, v, path, pe));
	TRY(get_int(d, v, path, "birth_year", 1900, d->this_year, &year, &year_given));
	if (year_given)
		pe->birth_year = (int)year;
	TRY(settle_birth_year(d, path, pe, year_given));
	TRY(get_text(d, v, path, "address", OPTIONAL, MAX_ADDRESS, IDENTITY, &pe->address));
	TRY(get_code(d, v, path, "sex", CB_SEX, OPTIONAL, &pe->sex));
	TRY(get_code(d, v, path, "nationality", CB_COUNTRY, OPTIONAL, &pe->nationality));
	return get_ubigeo(d, v, path, "origin_ubigeo", &pe->origin_ubigeo);
}

/* The victim / suspect blocks, each only with its role. */
static enum kerr_code
parse_role_blocks(struct doc *d, json_t *v, const char *path, struct participation *pt)
{
	char p[PATH_MAX_LEN];
	json_t *b;

	pt->victim.age_at_recruitment = -1;
	if ((b = member(v, "victim")) != NULL) {
		path_key(p, path, "victim");
		if (strcmp(pt->role, "victim") != 0)
			return kerr_field(d->err, KERR_INVALID, p, _("only allowed when role is 'victim'"));
		TRY(parse_victim(d, b, p, &pt->victim));
	}
	if ((b = member(v, "suspect")) != NULL) {
		path_key(p, path, "suspect");
		if (strcmp(pt->role, "suspect") != 0)
			return kerr_field(d->err, KERR_INVALID, p,
				_("only allowed when role is 'suspect'"));
		TRY(parse_suspect(d, b, p, &pt->suspect));
	} else if (strcmp(pt->role, "suspect") == 0) {
		struct outcome_fault f;
		(void)outcome_derive(&pt->suspect, &f);   /* no path: pending, cannot fail */
	}
	return KERR_OK;
}

static enum kerr_code
parse_participation(struct doc *d, json_t *v, const char *path, void *slot, size_t i)
{
	struct participation *pt = slot;

	TRY(check_object(d, v, path, person_keys));
	TRY(get_child_id(d, v, path, &pt->id));
	TRY(get_code(d, v, path, "role", CB_PERSON_ROLE, REQUIRED, &pt->role));
	TRY(get_person_id(d, v, path, &pt->person_id));
	TRY(check_person_ref(d, v, path, pt->person_id));
	TRY(parse_person_fields(d, v, path, &pt->person));
	if (pt->person.sex == NULL && pt->person_id == 0)   /* a new person: say so */
		pt->person.sex = code_ptr(d, CB_SEX, "unknown");
	TRY(parse_identifiers(d, v, path, (int)i));
	return parse_role_blocks(d, v, path, pt);
}

static enum kerr_code
parse_event(struct doc *d, json_t *v, const char *path, void *slot, size_t i)
{
	struct event *ev = slot;

	(void)i;
	TRY(check_object(d, v, path, event_keys));
	TRY(get_child_id(d, v, path, &ev->id));
	TRY(get_code(d, v, path, "stage", CB_STAGE, REQUIRED, &ev->stage));
	TRY(get_date(d, v, path, "date", REQUIRED, DATE_PAST, PLAIN, ev->date));
	return get_text(d, v, path, "note", OPTIONAL, MAX_NOTE, IDENTITY, &ev->note);
}

/* "owner": {"person": index in persons, "relation": code}; the index is
 * checked against the persons by the app (app_response_check). */
static enum kerr_code
parse_owner(struct doc *d, json_t *v, const char *path, struct asset *as)
{
	char p[PATH_MAX_LEN], pp[PATH_MAX_LEN];
	json_t *o = member(v, "owner");
	json_int_t idx;
	int present;

	if (o == NULL)
		return KERR_OK;
	path_key(p, path, "owner");
	TRY(check_object(d, o, p, owner_keys));
	TRY(get_int(d, o, p, "person", 0, 100000, &idx, &present));
	if (!present) {
		path_key(pp, p, "person");
		return missing(d, pp);
	}
	as->owner_pos = (size_t)idx + 1;
	return get_code(d, o, p, "relation", CB_OWNER_RELATION, OPTIONAL, &as->owner_relation);
}

static enum kerr_code
parse_asset(struct doc *d, json_t *v, const char *path, void *slot, size_t i)
{
	struct asset *as = slot;
	int present;

	TRY(check_object(d, v, path, asset_keys));
	TRY(get_child_id(d, v, path, &as->id));
	TRY(get_code(d, v, path, "kind", CB_ASSET_KIND, REQUIRED, &as->kind));
	TRY(get_text(d, v, path, "description", OPTIONAL, MAX_DESCRIPTION, IDENTITY,
		&as->description));
	TRY(get_money(d, v, path, "value", &as->value_cents, &present));
	TRY(get_code(d, v, path, "currency", CB_CURRENCY, present ? REQUIRED : OPTIONAL,
		&as->currency));
	TRY(parse_owner(d, v, path, as));
	TRY(get_text(d, v, path, "forfeiture_file", OPTIONAL, MAX_REFERENCE, PLAIN,
		&as->forfeiture_file));
	d->asset_pos = i + 1;
	TRY(parse_identifiers(d, v, path, -1));
	d->asset_pos = 0;
	return get_list(d, v, path, "measures", sizeof(*as->measures), parse_ameasure,
		(void **)&as->measures, &as->nmeasures);
}

static enum kerr_code
parse_request(struct doc *d, json_t *v, const char *path, void *slot, size_t i)
{
	struct intl_request *r = slot;
	struct mla_fault f;
	char p[PATH_MAX_LEN];

	(void)i;
	TRY(check_object(d, v, path, request_keys));
	TRY(get_child_id(d, v, path, &r->id));
	TRY(get_code(d, v, path, "direction", CB_REQUEST_DIRECTION, REQUIRED, &r->direction));
	TRY(get_code(d, v, path, "country", CB_COUNTRY, REQUIRED, &r->country));
	TRY(get_text(d, v, path, "authority", OPTIONAL, MAX_AUTHORITY, PLAIN, &r->authority));
	TRY(get_code(d, v, path, "type", CB_REQUEST_TYPE, REQUIRED, &r->type));
	TRY(get_code(d, v, path, "status", CB_REQUEST_STATUS, REQUIRED, &r->status));
	TRY(get_date(d, v, path, "sent", OPTIONAL, DATE_PAST, PLAIN, r->sent));
	TRY(get_date(d, v, path, "due", OPTIONAL, DATE_ANY, PLAIN, r->due));
	TRY(get_date(d, v, path, "received", OPTIONAL, DATE_PAST, PLAIN, r->received));
	TRY(get_date(d, v, path, "answered", OPTIONAL, DATE_PAST, PLAIN, r->answered));
	TRY(get_text(d, v, path, "reference", OPTIONAL, MAX_REFERENCE, PLAIN, &r->reference));
	TRY(get_code(d, v, path, "legal_basis", CB_LEGAL_BASIS, OPTIONAL, &r->legal_basis));
	TRY(get_code(d, v, path, "channel", CB_REQUEST_CHANNEL, OPTIONAL, &r->channel));
	TRY(get_codes(d, v, path, "assistance", CB_REQUEST_ASSISTANCE, OPTIONAL, &r->assistance,
		&r->nassistance));
	TRY(get_ids(d, v, path, "persons", &r->persons, &r->npersons));
	TRY(get_ids(d, v, path, "assets", &r->assets, &r->nassets));
	if (mla_check(r, &f) != 0) {
		path_key(p, path, f.field);
		return kerr_field(d->err, KERR_INVALID, p, "%s", _(f.msg));
	}
	return KERR_OK;
}

/* The case number: 3 to 64 characters of printable text. */
static enum kerr_code
parse_number(struct doc *d, json_t *root, struct kcase *c)
{
	size_t n;

	TRY(get_text(d, root, "", "number", REQUIRED, 4 * MAX_NUMBER_CHARS, PLAIN, &c->number));
	n = utf8_chars(c->number);
	if (n < MIN_NUMBER_CHARS || n > MAX_NUMBER_CHARS)
		return kerr_field(d->err, KERR_INVALID, "number",
			_("must have %d to %d characters"), MIN_NUMBER_CHARS, MAX_NUMBER_CHARS);
	/* ids and numbers never mix: digits alone (or '#' first) name a case id */
	if (c->number[0] == '#' || c->number[strspn(c->number, "0123456789")] == '\0')
		return kerr_field(d->err, KERR_INVALID, "number",
			_("must hold a letter or a sign such as '-' and not begin with '#': "
			"digits alone name a case id"));
	return KERR_OK;
}

static enum kerr_code
parse_shared(struct doc *d, json_t *root, const char ***codes, size_t *n)
{
	char pi[PATH_MAX_LEN];
	json_t *arr, *v;
	size_t i;
	const char **list;

	TRY(get_array(d, root, "", "shared_with", OPTIONAL, &arr));
	if (arr == NULL || json_array_size(arr) == 0)
		return KERR_OK;
	list = arena_alloc(d->a, json_array_size(arr) * sizeof(*list));
	json_array_foreach(arr, i, v) {
		path_idx(pi, "shared_with", i);
		/* an amended document may name offices by id, as case show does */
		if (d->update && json_is_integer(v) && json_integer_value(v) > 0) {
			char idtext[32];
			snprintf(idtext, sizeof(idtext), "#%lld", (long long)json_integer_value(v));
			list[i] = arena_strdup(d->a, idtext);
			continue;
		}
		if (!json_is_string(v))
			return wrong_type(d, pi, N_("a string"));
		if (json_string_value(v)[0] == '\0')
			return kerr_field(d->err, KERR_INVALID, pi, _("must not be empty"));
		TRY(validate_text(pi, json_string_value(v), MAX_OFFICE, d->err));
		list[i] = arena_strdup(d->a, json_string_value(v));
	}
	*codes = list;
	*n = json_array_size(arr);
	return KERR_OK;
}

/* Identifiers in the whole document, to size d->idents once. */
static size_t
count_identifiers(json_t *root)
{
	json_t *persons = json_object_get(root, "persons"), *p;
	size_t n = json_array_size(json_object_get(root, "identifiers")), i;

	json_array_foreach(persons, i, p)
		if (json_is_object(p))
			n += json_array_size(json_object_get(p, "identifiers"));
	json_array_foreach(json_object_get(root, "assets"), i, p)
		if (json_is_object(p))
			n += json_array_size(json_object_get(p, "identifiers"));
	return n;
}

/* "police_report": the police report the case came from (all optional). */
static enum kerr_code
parse_police(struct doc *d, json_t *root, struct kcase *c)
{
	struct police_intake *pi = &c->police;
	json_t *v = member(root, "police_report");
	const char *p = "police_report";

	if (v == NULL)
		return KERR_OK;
	TRY(check_object(d, v, p, police_keys));
	TRY(get_code(d, v, p, "kind", CB_POLICE_REPORT_KIND, OPTIONAL, &pi->kind));
	TRY(get_text(d, v, p, "number", OPTIONAL, MAX_REFERENCE, PLAIN, &pi->number));
	TRY(get_text(d, v, p, "unit", OPTIONAL, MAX_POLICE_UNIT, PLAIN, &pi->unit));
	TRY(get_text(d, v, p, "reta", OPTIONAL, MAX_REFERENCE, PLAIN, &pi->reta));
	TRY(get_text(d, v, p, "sidpol", OPTIONAL, MAX_REFERENCE, PLAIN, &pi->sidpol));
	return get_date(d, v, p, "received", OPTIONAL, DATE_PAST, PLAIN, pi->received);
}

/* The case's own fields, in document order. */
static enum kerr_code
parse_case_fields(struct doc *d, json_t *root, struct kcase *c, const char **office)
{
	TRY(parse_number(d, root, c));
	/* an amended document may leave the office out: it does not change */
	TRY(get_text(d, root, "", "office", d->update ? OPTIONAL : REQUIRED, MAX_OFFICE, PLAIN,
		office));
	TRY(get_date(d, root, "", "complaint_date", REQUIRED, DATE_PAST, PLAIN,
		c->complaint_date));
	TRY(get_code(d, root, "", "complaint_source", CB_COMPLAINT_SOURCE, REQUIRED,
		&c->complaint_source));
	TRY(get_place(d, root, "", "place", REQUIRED, &c->place));
	TRY(get_codes(d, root, "", "offences", CB_OFFENCE, REQUIRED, &c->offences,
		&c->noffences));
	TRY(get_codes(d, root, "", "related_offences", CB_RELATED_OFFENCE, OPTIONAL,
		&c->related, &c->nrelated));
	TRY(get_codes(d, root, "", "aggravating", CB_AGGRAVATING, OPTIONAL, &c->aggravating,
		&c->naggravating));
	TRY(get_text(d, root, "", "summary", OPTIONAL, MAX_SUMMARY, IDENTITY, &c->summary));
	return parse_police(d, root, c);
}

static enum kerr_code
parse_case(struct doc *d, json_t *root, struct kcase *c, const char **office,
	const char ***shared, size_t *nshared)
{
	TRY(check_object(d, root, "", case_keys));
	TRY(parse_case_fields(d, root, c, office));
	d->capidents = count_identifiers(root);
	if (d->capidents > 0)
		d->idents = arena_alloc(d->a, d->capidents * sizeof(*d->idents));
	TRY(get_list(d, root, "", "persons", sizeof(*c->parts), parse_participation,
		(void **)&c->parts, &c->nparts));
	TRY(get_list(d, root, "", "events", sizeof(*c->events), parse_event,
		(void **)&c->events, &c->nevents));
	TRY(get_list(d, root, "", "assets", sizeof(*c->assets), parse_asset,
		(void **)&c->assets, &c->nassets));
	TRY(parse_identifiers(d, root, "", -1));
	TRY(get_list(d, root, "", "requests", sizeof(*c->requests), parse_request,
		(void **)&c->requests, &c->nrequests));
	TRY(parse_shared(d, root, shared, nshared));
	c->idents = d->nidents > 0 ? d->idents : NULL;
	c->nidents = d->nidents;
	return KERR_OK;
}

/* jansson's text without its " near '...'" tail, which may quote input. */
static void
json_error_text(const json_error_t *je, char *out, size_t n)
{
	const char *near = strstr(je->text, " near ");

	snprintf(out, n, "%.*s", near != NULL ? (int)(near - je->text) : (int)strlen(je->text),
		je->text);
}

/* The id and version an amended document names (0 when absent). */
static enum kerr_code
parse_version(struct doc *d, json_t *root, struct kcase *c)
{
	json_int_t x;
	int present;

	TRY(get_int(d, root, "", "id", 1, INT64_MAX, &x, &present));
	c->id = present ? (int64_t)x : 0;
	TRY(get_int(d, root, "", "version", 1, INT64_MAX, &x, &present));
	c->version = present ? (int64_t)x : 0;
	return KERR_OK;
}

static enum kerr_code
parse_text(const char *text, size_t n, struct arena *a, struct kcase *c,
	const char **office_code, const char ***shared_codes, size_t *nshared, int update,
	struct kerr *err)
{
	struct doc d = { .a = a, .err = err, .update = update };
	json_error_t je;
	json_t *root;
	char today[11], why[sizeof(je.text)];
	enum kerr_code rc;

	memset(c, 0, sizeof(*c));
	*office_code = NULL;
	*shared_codes = NULL;
	*nshared = 0;
	root = json_loadb(text, n, JSON_REJECT_DUPLICATES, &je);
	if (root == NULL) {
		json_error_text(&je, why, sizeof(why));
		return kerr_set(err, KERR_INVALID, _("invalid JSON at line %d, column %d: %s"),
			je.line, je.column, why);
	}
	if (!json_is_object(root)) {
		json_decref(root);
		return kerr_set(err, KERR_INVALID, _("case document: expected a JSON object"));
	}
	validate_today(today);
	d.this_year = atoi(today);
	rc = parse_case(&d, root, c, office_code, shared_codes, nshared);
	if (rc == KERR_OK && update) {
		rc = parse_version(&d, root, c);
		/* shares absent from an amended document stay as they are */
		if (rc == KERR_OK && json_object_get(root, "shared_with") == NULL)
			*shared_codes = NULL, *nshared = (size_t)-1;
	}
	json_decref(root);
	return rc;
}

enum kerr_code
casedoc_parse_ex(const char *text, size_t n, struct arena *a, struct kcase *c,
	const char **office_code, const char ***shared_codes, size_t *nshared, struct kerr *err)
{
	return parse_text(text, n, a, c, office_code, shared_codes, nshared, 0, err);
}

enum kerr_code
casedoc_parse_update(const char *text, size_t n, struct arena *a, struct kcase *c,
	const char **office_code, const char ***shared_codes, size_t *nshared, struct kerr *err)
{
	return parse_text(text, n, a, c, office_code, shared_codes, nshared, 1, err);
}

enum kerr_code
casedoc_parse(const char *text, size_t n, struct arena *a, struct kcase *c,
	const char **office_code, struct kerr *err)
{
	const char **shared;
	size_t nshared;

	return casedoc_parse_ex(text, n, a, c, office_code, &shared, &nshared, err);
}

/* ------------------------------------------------------------------ */
/* Writing                                                            */

/* s as a JSON string; NULL, "" (and bytes jansson refuses) as null. */
static json_t *
jstr(const char *s)
{
	json_t *v;

	if (s == NULL || s[0] == '\0')
		return json_null();
	v = json_string(s);
	return v != NULL ? v : json_null();
}

static json_t *
jcodes(const char *const *codes, size_t n)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(arr, jstr(codes[i]));
	return arr;
}

/* Minor units as a number of units: an integer when whole. */
static json_t *
jmoney(int64_t cents)
{
	if (cents % 100 == 0)
		return json_integer(cents / 100);
	return json_real((double)cents / 100.0);
}

static json_t *
jplace(const struct place *p)
{
	if (p->country == NULL || p->country[0] == '\0')
		return json_null();
	return json_pack("{s:s, s:o}", "country", p->country, "ubigeo", jstr(p->ubigeo));
}

/* Unix seconds as "YYYY-MM-DDTHH:MM:SSZ"; 0 as null. */
static json_t *
jtime(int64_t t)
{
	char s[32];
	struct tm tm;
	time_t tt = (time_t)t;

	if (t == 0 || gmtime_r(&tt, &tm) == NULL)
		return json_null();
	strftime(s, sizeof(s), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_string(s);
}

static json_t *
protection_json(const struct victim_attrs *va)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < va->nprotection; i++) {
		const struct protection *pr = &va->protection[i];
		json_array_append_new(arr, json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}",
			"measure", jstr(pr->measure), "provider", jstr(pr->provider),
			"date", jstr(pr->date), "end_date", jstr(pr->end_date),
			"consent", pr->consent < 0 ? json_null() : json_boolean(pr->consent),
			"result", jstr(pr->result)));
	}
	return arr;
}

static json_t *
victim_json(const struct victim_attrs *va)
{
	json_t *o = json_object();

	json_object_set_new(o, "age_at_recruitment", va->age_at_recruitment < 0 ? json_null()
		: json_integer(va->age_at_recruitment));
	json_object_set_new(o, "trafficking_status", jstr(va->trafficking_status));
	json_object_set_new(o, "exploitation", jcodes(va->exploitation, va->nexploitation));
	json_object_set_new(o, "control", jcodes(va->control, va->ncontrol));
	json_object_set_new(o, "recruitment", jcodes(va->recruitment, va->nrecruitment));
	json_object_set_new(o, "assistance", jcodes(va->assistance, va->nassistance));
	json_object_set_new(o, "means", jcodes(va->means, va->nmeans));
	json_object_set_new(o, "vulnerability", jcodes(va->vulnerability, va->nvulnerability));
	json_object_set_new(o, "relationship", jstr(va->relationship));
	json_object_set_new(o, "recruitment_place", jplace(&va->recruitment_place));
	json_object_set_new(o, "exploitation_place", jplace(&va->exploitation_place));
	json_object_set_new(o, "recruitment_date", jstr(va->recruitment_date));
	json_object_set_new(o, "exploitation_start", jstr(va->exploitation_start));
	json_object_set_new(o, "exploitation_end", jstr(va->exploitation_end));
	json_object_set_new(o, "rescue_date", jstr(va->rescue_date));
	json_object_set_new(o, "protection", protection_json(va));
	return o;
}

/* The path as parse_step reads it: only the fields a step carries. */
static json_t *
path_json(const struct suspect_attrs *sa)
{
	json_t *arr = json_array(), *o, *cl;
	size_t i;

	for (i = 0; i < sa->npath; i++) {
		const struct path_step *x = &sa->path[i];
		o = json_pack("{s:o, s:o}", "step", jstr(x->step), "date", jstr(x->date));
		if (x->offence != NULL)
			json_object_set_new(o, "offence", jstr(x->offence));
		if (x->prison_months > 0) {
			json_object_set_new(o, "prison_years", json_integer(x->prison_months / 12));
			json_object_set_new(o, "prison_months", json_integer(x->prison_months % 12));
		}
		if (x->suspended)
			json_object_set_new(o, "suspended", json_true());
		if (x->days_fine > 0)
			json_object_set_new(o, "days_fine", json_integer(x->days_fine));
		if (x->disqualification_months > 0) {
			json_object_set_new(o, "disqualification_years",
				json_integer(x->disqualification_months / 12));
			json_object_set_new(o, "disqualification_months",
				json_integer(x->disqualification_months % 12));
		}
		if (x->disqualification != NULL) {
			const char *c = x->disqualification;
			cl = json_array();
			while (*c) {
				json_array_append_new(cl, json_integer(strtol(c, (char **)&c, 10)));
				if (*c == ',')
					c++;
				else if (*c != '\0')
					break;
			}
			json_object_set_new(o, "disqualification", cl);
		}
		if (x->reparation_currency != NULL)
			json_object_set_new(o, "reparation", json_pack("{s:o, s:o}", "amount",
				jmoney(x->reparation_cents), "currency", jstr(x->reparation_currency)));
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *
suspect_json(const struct suspect_attrs *sa)
{
	json_t *o = json_object(), *ms = json_array();
	size_t i;

	json_object_set_new(o, "network_roles", jcodes(sa->network_roles, sa->nnetwork_roles));
	json_object_set_new(o, "charges", jcodes(sa->charges, sa->ncharges));
	for (i = 0; i < sa->nmeasures; i++)
		json_array_append_new(ms, json_pack("{s:o, s:o}", "kind",
			jstr(sa->measures[i].kind), "date", jstr(sa->measures[i].date)));
	json_object_set_new(o, "measures", ms);
	json_object_set_new(o, "path", path_json(sa));
	ms = json_array();
	for (i = 0; i < sa->npayments; i++)
		json_array_append_new(ms, json_pack("{s:o, s:o}", "date",
			jstr(sa->payments[i].date), "amount", jmoney(sa->payments[i].amount_cents)));
	json_object_set_new(o, "payments", ms);
	json_object_set_new(o, "outcome", jstr(sa->outcome));
	json_object_set_new(o, "sentence_years", sa->sentence_months == 0 ? json_null()
		: json_real(sa->sentence_months / 12.0));
	if (sa->reparation_currency != NULL || sa->reparation_cents != 0)
		json_object_set_new(o, "reparation", json_pack("{s:o, s:o}", "amount",
			jmoney(sa->reparation_cents), "currency", jstr(sa->reparation_currency)));
	else
		json_object_set_new(o, "reparation", json_null());
	return o;
}

json_t *
casedoc_participation_json(const struct participation *p)
{
	const struct person *pe = &p->person;
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(p->id));
	json_object_set_new(o, "person_id", p->person_id > 0 ? json_integer(p->person_id)
		: json_null());
	json_object_set_new(o, "role", jstr(p->role));
	json_object_set_new(o, "name", jstr(pe->name));
	json_object_set_new(o, "alias", jstr(pe->alias));
	json_object_set_new(o, "doc_type", jstr(pe->doc_type));
	json_object_set_new(o, "doc_number", jstr(pe->doc_number));
	json_object_set_new(o, "birth_date", jstr(pe->birth_date));
	json_object_set_new(o, "birth_year", pe->birth_year > 0 ? json_integer(pe->birth_year)
		: json_null());
	json_object_set_new(o, "address", jstr(pe->address));
	json_object_set_new(o, "sex", jstr(pe->sex));
	json_object_set_new(o, "nationality", jstr(pe->nationality));
	json_object_set_new(o, "origin_ubigeo", jstr(pe->origin_ubigeo));
	if (p->role != NULL && strcmp(p->role, "victim") == 0)
		json_object_set_new(o, "victim", victim_json(&p->victim));
	if (p->role != NULL && strcmp(p->role, "suspect") == 0)
		json_object_set_new(o, "suspect", suspect_json(&p->suspect));
	return o;
}

static json_t *
ident_json(const struct identifier *id)
{
	return json_pack("{s:I, s:o, s:o}", "id", (json_int_t)id->id, "kind", jstr(id->kind),
		"value", jstr(id->value));
}

/* Whether identifier id belongs to participation i: by person id once
 * stored, by the document's person_index before. */
static int
ident_of(const struct kcase *c, const struct identifier *id, size_t i)
{
	if (id->person_id != 0)
		return id->person_id == c->parts[i].person_id;
	return c->id == 0 && id->person_index >= 0 && (size_t)id->person_index == i;
}

static int
ident_is_case_level(const struct kcase *c, const struct identifier *id)
{
	size_t i;

	if (id->asset_id != 0 || id->asset_pos != 0)
		return 0;
	for (i = 0; i < c->nparts; i++)
		if (ident_of(c, id, i))
			return 0;
	return 1;
}

static json_t *
persons_json(const struct kcase *c)
{
	json_t *arr = json_array(), *o, *ids;
	size_t i, j;

	for (i = 0; i < c->nparts; i++) {
		o = casedoc_participation_json(&c->parts[i]);
		ids = json_array();
		for (j = 0; j < c->nidents; j++)
			if (ident_of(c, &c->idents[j], i))
				json_array_append_new(ids, ident_json(&c->idents[j]));
		json_object_set_new(o, "identifiers", ids);
		json_array_append_new(arr, o);
	}
	return arr;
}

static json_t *
events_json(const struct kcase *c)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < c->nevents; i++)
		json_array_append_new(arr, json_pack("{s:I, s:o, s:o, s:o}",
			"id", (json_int_t)c->events[i].id, "stage", jstr(c->events[i].stage),
			"date", jstr(c->events[i].date), "note", jstr(c->events[i].note)));
	return arr;
}

/* Whether identifier id leads to asset i (by asset id once stored, by the
 * document's position before). */
static int
ident_of_asset(const struct kcase *c, const struct identifier *id, size_t i)
{
	if (id->asset_id != 0)
		return id->asset_id == c->assets[i].id;
	return id->asset_pos == i + 1;
}

static json_t *
asset_json(const struct kcase *c, size_t k)
{
	const struct asset *as = &c->assets[k];
	json_t *o, *ms = json_array(), *ids = json_array(), *m;
	size_t i;

	for (i = 0; i < as->nmeasures; i++) {
		const struct asset_measure *am = &as->measures[i];
		m = json_pack("{s:o, s:o}", "measure", jstr(am->measure), "date", jstr(am->date));
		if (am->value_cents != 0)
			json_object_set_new(m, "value", jmoney(am->value_cents));
		if (am->reference != NULL && am->reference[0] != '\0')
			json_object_set_new(m, "reference", jstr(am->reference));
		json_array_append_new(ms, m);
	}
	o = json_pack("{s:I, s:o, s:o, s:o, s:o}", "id", (json_int_t)as->id,
		"kind", jstr(as->kind), "description", jstr(as->description),
		"value", jmoney(as->value_cents), "currency", jstr(as->currency));
	json_object_set_new(o, "measures", ms);
	json_object_set_new(o, "owner", as->owner_pos == 0 ? json_null() :
		json_pack("{s:I, s:o}", "person", (json_int_t)(as->owner_pos - 1),
		"relation", jstr(as->owner_relation)));
	json_object_set_new(o, "forfeiture_file", jstr(as->forfeiture_file));
	for (i = 0; i < c->nidents; i++)
		if (ident_of_asset(c, &c->idents[i], k))
			json_array_append_new(ids, ident_json(&c->idents[i]));
	json_object_set_new(o, "identifiers", ids);
	return o;
}

static json_t *
jids(const int64_t *ids, size_t n)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < n; i++)
		json_array_append_new(arr, json_integer(ids[i]));
	return arr;
}

static json_t *
request_json(const struct intl_request *r)
{
	json_t *o = json_object();

	json_object_set_new(o, "id", json_integer(r->id));
	json_object_set_new(o, "direction", jstr(r->direction));
	json_object_set_new(o, "country", jstr(r->country));
	json_object_set_new(o, "authority", jstr(r->authority));
	json_object_set_new(o, "type", jstr(r->type));
	json_object_set_new(o, "status", jstr(r->status));
	json_object_set_new(o, "sent", jstr(r->sent));
	json_object_set_new(o, "due", jstr(r->due));
	json_object_set_new(o, "received", jstr(r->received));
	json_object_set_new(o, "answered", jstr(r->answered));
	json_object_set_new(o, "reference", jstr(r->reference));
	json_object_set_new(o, "legal_basis", jstr(r->legal_basis));
	json_object_set_new(o, "channel", jstr(r->channel));
	json_object_set_new(o, "assistance", jcodes(r->assistance, r->nassistance));
	json_object_set_new(o, "persons", jids(r->persons, r->npersons));
	json_object_set_new(o, "assets", jids(r->assets, r->nassets));
	return o;
}

static void
add_children(json_t *o, const struct kcase *c)
{
	json_t *assets = json_array(), *ids = json_array(), *reqs = json_array();
	size_t i;

	json_object_set_new(o, "persons", persons_json(c));
	json_object_set_new(o, "events", events_json(c));
	for (i = 0; i < c->nassets; i++)
		json_array_append_new(assets, asset_json(c, i));
	json_object_set_new(o, "assets", assets);
	for (i = 0; i < c->nidents; i++)
		if (ident_is_case_level(c, &c->idents[i]))
			json_array_append_new(ids, ident_json(&c->idents[i]));
	json_object_set_new(o, "identifiers", ids);
	for (i = 0; i < c->nrequests; i++)
		json_array_append_new(reqs, request_json(&c->requests[i]));
	json_object_set_new(o, "requests", reqs);
}

/* The case's moves between offices (app/assign.c): read only, like "id". */
static json_t *
transfers_json(const struct kcase *c)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < c->ntransfers; i++) {
		const struct case_transfer *t = &c->transfers[i];
		json_array_append_new(arr, json_pack("{s:s?,s:s?,s:o,s:s?,s:o}",
			"from", t->from_code, "to", t->to_code, "at", jtime(t->at),
			"by", t->by_name, "reason", jstr(t->reason)));
	}
	return arr;
}

/* The police report, or null when nothing of it is recorded. */
static json_t *
police_json(const struct police_intake *pi)
{
	if (pi->kind == NULL && pi->number == NULL && pi->unit == NULL && pi->reta == NULL &&
	    pi->sidpol == NULL && pi->received[0] == '\0')
		return json_null();
	return json_pack("{s:o, s:o, s:o, s:o, s:o, s:o}", "kind", jstr(pi->kind),
		"number", jstr(pi->number), "unit", jstr(pi->unit), "reta", jstr(pi->reta),
		"sidpol", jstr(pi->sidpol), "received", jstr(pi->received));
}

json_t *
casedoc_to_json(const struct kcase *c, const char *office_code, const char *identities,
	int flags)
{
	json_t *o = json_object(), *shared = json_array();
	size_t i;

	json_object_set_new(o, "id", json_integer(c->id));
	json_object_set_new(o, "number", jstr(c->number));
	json_object_set_new(o, "office", jstr(office_code));
	json_object_set_new(o, "complaint_date", jstr(c->complaint_date));
	json_object_set_new(o, "complaint_source", jstr(c->complaint_source));
	json_object_set_new(o, "place", jplace(&c->place));
	json_object_set_new(o, "offences", jcodes(c->offences, c->noffences));
	json_object_set_new(o, "related_offences", jcodes(c->related, c->nrelated));
	json_object_set_new(o, "aggravating", jcodes(c->aggravating, c->naggravating));
	json_object_set_new(o, "summary", jstr(c->summary));
	json_object_set_new(o, "stage", jstr(c->stage));
	json_object_set_new(o, "synthetic", json_boolean(c->synthetic));
	json_object_set_new(o, "created_at", jtime(c->created_at));
	if (c->version > 0)   /* the version an amended document is made from */
		json_object_set_new(o, "version", json_integer(c->version));
	if (identities != NULL)
		json_object_set_new(o, "identities", json_string(identities));
	for (i = 0; i < c->nshared; i++)
		json_array_append_new(shared, json_integer(c->shared_with[i]));
	json_object_set_new(o, "shared_with", shared);
	json_object_set_new(o, "assigned_to", jstr(c->assignee));
	json_object_set_new(o, "transfers", transfers_json(c));
	json_object_set_new(o, "police_report", police_json(&c->police));
	if (flags & CASEDOC_WITH_CHILDREN)
		add_children(o, c);
	return o;
}
