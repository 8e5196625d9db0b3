/*
 * stats.c — `khipu stats`: the dimensions and measures, parsing a query,
 * keeping the statistical facts up to date, and running the GROUP BY.
 *
 * The facts (migration 0003_stats) are derived from the case tables by
 * id ranges: the meta key "stats.marks" holds the highest case,
 * participation, event and asset ids already derived. A refresh reads the
 * current maxima inside a write transaction (BEGIN IMMEDIATE on SQLite), so
 * a concurrent writer either committed before (and is derived now) or
 * commits after (and is derived next time); two refreshers serialise.
 */
#include "app/stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_int.h"
#include "core/codebook.h"
#include "lib/i18n.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define META_MARKS "stats.marks"

/* Which measures a dimension applies to. */
#define K_VICTIM  (1u << STAT_VICTIMS)
#define K_CASE    ((1u << STAT_CASES) | (1u << STAT_OPEN_CASES))
#define K_SUSPECT ((1u << STAT_SUSPECTS) | (1u << STAT_CONVICTIONS) | (1u << STAT_PROSECUTED))
#define K_JUDGED  ((1u << STAT_CONVICTIONS) | (1u << STAT_PROSECUTED))
#define K_ASSET   (1u << STAT_ASSETS_VALUE)
#define K_PROT    ((1u << STAT_PROTECTIONS) | (1u << STAT_PROTECTED_VICTIMS))
#define K_RASSET  ((1u << STAT_ASSETS) | (1u << STAT_ASSETS_STAGE_VALUE) | \
	(1u << STAT_SEIZED_VALUE) | (1u << STAT_CONFISCATED_VALUE) | (1u << STAT_REALISED_VALUE))
#define K_RESP    (K_PROT | K_RASSET)
#define K_ALL     (K_VICTIM | K_CASE | K_SUSPECT | K_ASSET | K_RESP)
#define K_PERSON  (K_VICTIM | K_SUSPECT | K_PROT)
#define K_REQ     ((1u << STAT_REQUESTS) | (1u << STAT_REQUEST_DAYS))

struct stat_dim_def {
	const char *name;
	int col;             /* enum store_stat_col, or SSC_NONE for multi-valued */
	const char *multi;   /* stat_codes dim */
	int cb;              /* enum cb_dim for labels and checks, or -1 */
	unsigned kinds;
};

static const struct stat_dim_def stat_dims[STAT_D__MAX] = {
	[STAT_D_YEAR] = { "year", SSC_YEAR, NULL, -1, K_ALL | K_REQ },
	[STAT_D_REGION] = { "region", SSC_REGION, NULL, CB_DEPARTMENT, K_ALL },
	[STAT_D_DISTRITO_FISCAL] = { "distrito_fiscal", SSC_DISTRITO_FISCAL, NULL,
		CB_DISTRITO_FISCAL, K_ALL },
	[STAT_D_OFFICE] = { "office", SSC_OFFICE, NULL, -1, K_ALL },
	[STAT_D_SEX] = { "sex", SSC_SEX, NULL, CB_SEX, K_PERSON },
	[STAT_D_AGE_BAND] = { "age_band", SSC_AGE_BAND, NULL, -1, K_VICTIM | K_SUSPECT },
	[STAT_D_AGE_GROUP] = { "age_group", SSC_AGE_GROUP, NULL, -1, K_PERSON },
	[STAT_D_NATIONALITY] = { "nationality", SSC_NATIONALITY, NULL, CB_COUNTRY, K_PERSON },
	[STAT_D_ORIGIN_REGION] = { "origin_region", SSC_ORIGIN_REGION, NULL, CB_DEPARTMENT,
		K_VICTIM | K_SUSPECT },
	[STAT_D_EXPLOITATION_COUNTRY] = { "exploitation_country", SSC_EXPLOITATION_COUNTRY, NULL,
		CB_COUNTRY, K_VICTIM },
	[STAT_D_EXPLOITATION_REGION] = { "exploitation_region", SSC_EXPLOITATION_REGION, NULL,
		CB_DEPARTMENT, K_VICTIM },
	[STAT_D_STAGE] = { "stage", SSC_STAGE, NULL, CB_STAGE, K_VICTIM | K_CASE | K_SUSPECT |
		K_ASSET },
	[STAT_D_OUTCOME] = { "outcome", SSC_OUTCOME, NULL, CB_OUTCOME, K_SUSPECT },
	[STAT_D_SOURCE] = { "source", SSC_SOURCE, NULL, -1, K_VICTIM | K_CASE | K_SUSPECT |
		K_ASSET },
	[STAT_D_CURRENCY] = { "currency", SSC_CURRENCY, NULL, CB_CURRENCY, K_ASSET | K_RASSET },
	[STAT_D_EXPLOITATION] = { "exploitation", SSC_NONE, "exploitation", CB_EXPLOITATION,
		K_VICTIM | K_CASE },
	[STAT_D_MEANS_OF_CONTROL] = { "means_of_control", SSC_NONE, "means_of_control",
		CB_CONTROL, K_VICTIM },
	[STAT_D_RECRUITMENT] = { "recruitment", SSC_NONE, "recruitment", CB_RECRUITMENT,
		K_VICTIM },
	[STAT_D_RELATIONSHIP] = { "relationship", SSC_NONE, "relationship", CB_RELATIONSHIP,
		K_VICTIM },
	[STAT_D_ASSET_MEASURE] = { "asset_measure", SSC_NONE, "asset_measure", CB_ASSET_MEASURE,
		K_ASSET },
	[STAT_D_ASSET_KIND] = { "asset_kind", SSC_NONE, "asset_kind", CB_ASSET_KIND,
		K_ASSET | K_RASSET },
	[STAT_D_ORIGIN_UN_REGION] = { "origin_un_region", SSC_NONE, "origin_un_region", -1,
		K_VICTIM },
	[STAT_D_EXPLOITATION_UN_REGION] = { "exploitation_un_region", SSC_NONE,
		"exploitation_un_region", -1, K_VICTIM },
	[STAT_D_YEAR_BAND] = { "year_band", SSC_NONE, "year_band", -1, K_VICTIM },
	[STAT_D_LABOUR_SECTOR] = { "labour_sector", SSC_NONE, "labour_sector", -1, K_VICTIM },
	[STAT_D_SEXUAL_EXPLOITATION_TYPE] = { "sexual_exploitation_type", SSC_NONE,
		"sexual_exploitation_type", -1, K_VICTIM },
	[STAT_D_SENTENCE_YEARS] = { "sentence_years", SSC_NONE, "sentence_years", -1, K_SUSPECT },
	[STAT_D_ASSIGNEE] = { "assignee", SSC_ASSIGNEE, NULL, -1, K_CASE },
	[STAT_D_MONTH] = { "month", SSC_NONE, NULL, -1, K_RESP },
	[STAT_D_PROTECTION] = { "protection_measure", SSC_NONE, NULL, CB_PROTECTION, K_PROT },
	[STAT_D_PROVIDER] = { "provider", SSC_NONE, NULL, CB_PROVIDER, K_PROT },
	[STAT_D_PROTECTION_RESULT] = { "protection_result", SSC_NONE, NULL, CB_PROTECTION_RESULT,
		K_PROT },
	[STAT_D_CONSENT] = { "consent", SSC_NONE, NULL, -1, K_PROT },
	[STAT_D_ASSET_STAGE] = { "asset_stage", SSC_NONE, NULL, CB_ASSET_MEASURE, K_RASSET },
	[STAT_D_OFFENCE] = { "offence", SSC_NONE, "offence", CB_OFFENCE, K_JUDGED },
	[STAT_D_MEANS] = { "means", SSC_NONE, "means", CB_MEANS, K_VICTIM },
	[STAT_D_VULNERABILITY] = { "vulnerability", SSC_NONE, "vulnerability", CB_VULNERABILITY,
		K_VICTIM },
	[STAT_D_AGGRAVATING] = { "aggravating", SSC_NONE, "aggravating", CB_AGGRAVATING, K_CASE },
	/* of an international request (mla_stats.c) */
	[STAT_D_COUNTRY] = { "country", SSC_NONE, NULL, CB_COUNTRY, K_REQ },
	[STAT_D_DIRECTION] = { "direction", SSC_NONE, NULL, CB_REQUEST_DIRECTION, K_REQ },
	[STAT_D_REQUEST_TYPE] = { "request_type", SSC_NONE, NULL, CB_REQUEST_TYPE, K_REQ },
	[STAT_D_REQUEST_STATUS] = { "request_status", SSC_NONE, NULL, CB_REQUEST_STATUS, K_REQ },
	[STAT_D_CHANNEL] = { "channel", SSC_NONE, NULL, CB_REQUEST_CHANNEL, K_REQ },
};

static const char *const stat_measure_names[STAT_MEASURE__MAX] = {
	[STAT_VICTIMS] = "victims",
	[STAT_CASES] = "cases",
	[STAT_SUSPECTS] = "suspects",
	[STAT_CONVICTIONS] = "convictions",
	[STAT_ASSETS_VALUE] = "assets_value",
	[STAT_OPEN_CASES] = "open_cases",
	[STAT_PROTECTIONS] = "protections",
	[STAT_PROTECTED_VICTIMS] = "protected_victims",
	[STAT_ASSETS] = "assets",
	[STAT_ASSETS_STAGE_VALUE] = "assets_stage_value",
	[STAT_SEIZED_VALUE] = "seized_value",
	[STAT_CONFISCATED_VALUE] = "confiscated_value",
	[STAT_REALISED_VALUE] = "realised_value",
	[STAT_PROSECUTED] = "prosecuted",
	[STAT_REQUESTS] = "requests",
	[STAT_REQUEST_DAYS] = "request_days",
};

static const char *const stat_measure_kinds[STAT_MEASURE__MAX] = {
	[STAT_VICTIMS] = "victim",
	[STAT_CASES] = "case",
	[STAT_SUSPECTS] = "suspect",
	[STAT_CONVICTIONS] = "conviction",
	[STAT_ASSETS_VALUE] = "asset",
	[STAT_OPEN_CASES] = "case",
	[STAT_PROTECTIONS] = "protection",
	[STAT_PROTECTED_VICTIMS] = "protection",
	[STAT_ASSETS] = "asset",
	[STAT_ASSETS_STAGE_VALUE] = "asset",
	[STAT_SEIZED_VALUE] = "asset",
	[STAT_CONFISCATED_VALUE] = "asset",
	[STAT_REALISED_VALUE] = "asset",
	[STAT_PROSECUTED] = "prosecuted",
	[STAT_REQUESTS] = "request",
	[STAT_REQUEST_DAYS] = "request",
};

/* CTDC ageBroad bands and the UNODC split, as the facts hold them. */
static const char *const age_bands[] = {
	"0--8", "9--17", "18--20", "21--23", "24--26", "27--29", "30--38", "39--47", "48+",
};
static const char *const age_groups[] = { "child", "adult" };
/* How people write them (an en dash, not CTDC's double hyphen): the
 * labels of tables, charts and workbooks; codes, CSV and --where keep
 * CTDC's spelling. Same order as age_bands. */
static const char *const age_band_labels[] = {
	"0–8", "9–17", "18–20", "21–23", "24–26", "27–29", "30–38", "39–47", "48+",
};
_Static_assert(sizeof(age_band_labels) == sizeof(age_bands), "one label per age band");

const char *
stat_measure_name(enum stat_measure m)
{
	return (unsigned)m < STAT_MEASURE__MAX ? stat_measure_names[m] : "";
}

int
stat_measure_by_name(const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < STAT_MEASURE__MAX; i++)
		if (strcmp(stat_measure_names[i], name) == 0)
			return (int)i;
	return -1;
}

const char *
stat_dim_name(enum stat_dim d)
{
	return (unsigned)d < STAT_D__MAX ? stat_dims[d].name : "";
}

int
stat_dim_by_name(const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < STAT_D__MAX; i++)
		if (strcmp(stat_dims[i].name, name) == 0)
			return (int)i;
	return -1;
}

int
stat_dim_codebook(enum stat_dim d)
{
	return (unsigned)d < STAT_D__MAX ? stat_dims[d].cb : -1;
}

int
stat_dim_applies(enum stat_dim d, enum stat_measure m)
{
	return (unsigned)d < STAT_D__MAX && (unsigned)m < STAT_MEASURE__MAX &&
		(stat_dims[d].kinds & (1u << m)) != 0;
}

const char *
stat_value_label(enum stat_dim d, const char *value, int lang_en)
{
	int cb = stat_dim_codebook(d);

	if (value == NULL && d == STAT_D_ASSIGNEE)
		return lang_en ? "nobody" : "sin asignar";
	if (value == NULL)
		return lang_en ? "unknown" : "desconocido";
	if (d == STAT_D_CONSENT)
		return strcmp(value, "yes") == 0 ? (lang_en ? "yes" : "sí") : "no";
	if (d == STAT_D_AGE_BAND)
		for (size_t i = 0; i < sizeof(age_bands) / sizeof(age_bands[0]); i++)
			if (strcmp(value, age_bands[i]) == 0)
				return age_band_labels[i];
	if (d == STAT_D_AGE_GROUP && strcmp(value, "child") == 0)
		return lang_en ? "child (0-17)" : "niño/a (0-17)";
	if (d == STAT_D_AGE_GROUP && strcmp(value, "adult") == 0)
		return lang_en ? "adult (18+)" : "adulto/a (18+)";
	if (cb < 0)
		return value;
	return cb_label((enum cb_dim)cb, value, lang_en ? CB_EN : CB_ES);
}

/* ---- parsing ---- */

enum kerr_code
stat_parse_by(struct stat_query *q, const char *list, struct kerr *err)
{
	char name[64];
	const char *p = list;
	size_t len, i;
	int d;

	q->nby = 0;
	if (list == NULL || *list == '\0')
		return kerr_field(err, KERR_INVALID, "--by",
			_("no dimension given; name one or more, e.g. --by year,sex"));
	for (;;) {
		len = strcspn(p, ",");
		if (len == 0 || len >= sizeof(name))
			return kerr_field(err, KERR_INVALID, "--by",
				_("empty or overlong dimension in '%s'"), list);
		memcpy(name, p, len);
		name[len] = '\0';
		if ((d = stat_dim_by_name(name)) < 0)
			return kerr_field(err, KERR_INVALID, "--by",
				_("unknown dimension '%s'; see 'khipu stats --help'"), name);
		for (i = 0; i < q->nby; i++)
			if (q->by[i] == (enum stat_dim)d)
				return kerr_field(err, KERR_INVALID, "--by",
					_("dimension '%s' is named twice"), name);
		if (q->nby == STAT_MAXDIMS)
			return kerr_field(err, KERR_INVALID, "--by",
				_("at most %d dimensions at once"), STAT_MAXDIMS);
		q->by[q->nby++] = (enum stat_dim)d;
		if (p[len] == '\0')
			break;
		p += len + 1;
	}
	return KERR_OK;
}

static int
in_list(const char *v, const char *const *list, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(list[i], v) == 0)
			return 1;
	return 0;
}

/* A code that an import may have added (lower-case letters, digits, _ -). */
static int
plain_code(const char *v)
{
	if (*v == '\0')
		return 0;
	for (; *v; v++)
		if (!((*v >= 'a' && *v <= 'z') || (*v >= '0' && *v <= '9') || *v == '_' ||
		      *v == '-' || *v == '/' || *v == ' ' || (*v >= 'A' && *v <= 'Z')))
			return 0;
	return 1;
}

static enum kerr_code
check_value(enum stat_dim d, const char *v, struct kerr *err)
{
	const struct stat_dim_def *def = &stat_dims[d];
	char *end;
	long y;

	switch (d) {
	case STAT_D_YEAR:
		y = strtol(v, &end, 10);
		if (*end != '\0' || y < 1900 || y > 2100)
			return kerr_field(err, KERR_INVALID, "--where", _("'%s' is not a year"), v);
		return KERR_OK;
	case STAT_D_AGE_BAND:
		if (!in_list(v, age_bands, NELEM(age_bands)))
			return kerr_field(err, KERR_INVALID, "--where",
				_("unknown age band '%s'; expected 0--8, 9--17, 18--20, 21--23, "
				  "24--26, 27--29, 30--38, 39--47 or 48+"), v);
		return KERR_OK;
	case STAT_D_MONTH:
		if (strlen(v) != 7 || v[4] != '-' || atoi(v) < 1900 || atoi(v + 5) < 1 ||
		    atoi(v + 5) > 12)
			return kerr_field(err, KERR_INVALID, "--where",
				_("'%s' is not a month (YYYY-MM)"), v);
		return KERR_OK;
	case STAT_D_CONSENT:
		if (strcmp(v, "yes") != 0 && strcmp(v, "no") != 0)
			return kerr_field(err, KERR_INVALID, "--where",
				_("consent is 'yes' or 'no'"));
		return KERR_OK;
	case STAT_D_AGE_GROUP:
		if (!in_list(v, age_groups, NELEM(age_groups)))
			return kerr_field(err, KERR_INVALID, "--where",
				_("unknown age group '%s'; expected child or adult"), v);
		return KERR_OK;
	default:
		break;
	}
	/* single-valued coded dimensions hold codebook codes only; multi-valued
	 * ones may also hold the coarser categories an import brought */
	if (def->cb >= 0 && cb_lookup((enum cb_dim)def->cb, v) == NULL &&
	    (def->multi == NULL || !plain_code(v)))
		return kerr_field(err, KERR_INVALID, "--where",
			_("unknown %s '%s'; see 'khipu codebook %s'"), def->name, v,
			cb_dim_name((enum cb_dim)def->cb));
	for (const char *c = v; *c; c++)
		if ((unsigned char)*c < 0x20)
			return kerr_field(err, KERR_INVALID, "--where",
				_("'%s' is not a valid value"), v);
	return KERR_OK;
}

enum kerr_code
stat_parse_where(struct stat_query *q, const char *spec, struct kerr *err)
{
	const char *eq = spec ? strchr(spec, '=') : NULL;
	char name[64];
	size_t len;
	int d;

	if (eq == NULL || eq == spec || eq[1] == '\0')
		return kerr_field(err, KERR_INVALID, "--where",
			_("'%s' is not DIM=VALUE"), spec ? spec : "");
	len = (size_t)(eq - spec);
	if (len >= sizeof(name))
		return kerr_field(err, KERR_INVALID, "--where", _("unknown dimension in '%s'"), spec);
	memcpy(name, spec, len);
	name[len] = '\0';
	if ((d = stat_dim_by_name(name)) < 0)
		return kerr_field(err, KERR_INVALID, "--where",
			_("unknown dimension '%s'; see 'khipu stats --help'"), name);
	if (q->nwhere == STAT_MAXWHERE)
		return kerr_field(err, KERR_INVALID, "--where", _("at most %d filters at once"),
			STAT_MAXWHERE);
	if (check_value((enum stat_dim)d, eq + 1, err) != KERR_OK)
		return err->code;
	q->where_dim[q->nwhere] = (enum stat_dim)d;
	q->where_val[q->nwhere] = eq + 1;
	q->nwhere++;
	return KERR_OK;
}

static enum kerr_code
parse_year(const char *s, const char *opt, int *out, struct kerr *err)
{
	char *end;
	long y;

	*out = 0;
	if (s == NULL)
		return KERR_OK;
	y = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || y < 1900 || y > 2100)
		return kerr_field(err, KERR_INVALID, opt, _("'%s' is not a year (YYYY)"), s);
	*out = (int)y;
	return KERR_OK;
}

enum kerr_code
stat_parse_years(struct stat_query *q, const char *from, const char *to, struct kerr *err)
{
	if (parse_year(from, "--from", &q->from, err) != KERR_OK ||
	    parse_year(to, "--to", &q->to, err) != KERR_OK)
		return err->code;
	if (q->from && q->to && q->from > q->to)
		return kerr_field(err, KERR_INVALID, "--from",
			_("empty range: --from %d is after --to %d"), q->from, q->to);
	return KERR_OK;
}

/* ---- keeping the facts up to date ---- */

static void
marks_parse(const char *s, struct store_stat_marks *m)
{
	long long c = 0, p = 0, e = 0, a = 0;

	memset(m, 0, sizeof(*m));
	if (s != NULL && sscanf(s, "%lld,%lld,%lld,%lld", &c, &p, &e, &a) == 4) {
		m->cases = c;
		m->parts = p;
		m->events = e;
		m->assets = a;
	}
}

static int
marks_equal(const struct store_stat_marks *a, const struct store_stat_marks *b)
{
	return a->cases == b->cases && a->parts == b->parts && a->events == b->events &&
		a->assets == b->assets;
}

/* ",convicted,plea_convicted,": the outcomes the codebook flags as convictions. */
static void
conviction_codes(char *out, size_t n)
{
	const struct cb_entry *e;
	size_t i, ne, len = 0;

	e = cb_entries(CB_OUTCOME, &ne);
	snprintf(out, n, ",");
	for (i = 0; i < ne; i++)
		if (cb_has_flag(&e[i], "conviction")) {
			len = strlen(out);
			snprintf(out + len, n - len, "%s,", e[i].code);
		}
}

static enum kerr_code
read_marks(struct app *app, struct store_stat_marks *done, struct store_stat_marks *now,
	struct kerr *err)
{
	struct arena a;
	const char *v = NULL;
	enum kerr_code rc;

	arena_init(&a);
	rc = store_meta_get(app->st, META_MARKS, &a, &v, err);
	if (rc == KERR_NOTFOUND) {
		kerr_clear(err);
		rc = KERR_OK;
	}
	marks_parse(v, done);
	arena_release(&a);
	if (rc == KERR_OK)
		rc = store_stat_marks(app->st, now, err);
	return rc;
}

/* Facts and no cube: a migration that changed the cubes' keys emptied them
 * (0020_stat_cubes.sql); they are added up again from the facts, once. */
static enum kerr_code
cubes_rebuild(struct app *app, struct kerr *err)
{
	enum kerr_code rc;
	int missing;

	if ((rc = store_stat_cubes_missing(app->st, &missing, err)) != KERR_OK || !missing)
		return rc;
	if ((rc = store_begin(app->st, err)) != KERR_OK)
		return rc;
	/* again under the write lock: another process may have done it */
	if ((rc = store_stat_cubes_missing(app->st, &missing, err)) == KERR_OK && missing)
		rc = store_stat_cube_rebuild(app->st, err);
	if (rc != KERR_OK) {
		store_rollback(app->st);
		return rc;
	}
	return store_commit(app->st, err);
}

enum kerr_code
app_stats_refresh(struct app *app, struct kerr *err)
{
	struct store_stat_marks done, now;
	char codes[128], val[128];
	enum kerr_code rc;

	if ((rc = cubes_rebuild(app, err)) != KERR_OK ||
	    (rc = read_marks(app, &done, &now, err)) != KERR_OK)
		return rc;
	if (marks_equal(&done, &now))
		return KERR_OK;
	/* again inside the write transaction: what counts is what it sees */
	if ((rc = store_begin(app->st, err)) != KERR_OK)
		return rc;
	rc = read_marks(app, &done, &now, err);
	if (rc == KERR_OK && !marks_equal(&done, &now)) {
		conviction_codes(codes, sizeof(codes));
		rc = store_stat_refresh(app->st, &done, &now, codes, err);
		snprintf(val, sizeof(val), "%lld,%lld,%lld,%lld", (long long)now.cases,
			(long long)now.parts, (long long)now.events, (long long)now.assets);
		if (rc == KERR_OK)
			rc = store_meta_set(app->st, META_MARKS, val, err);
	}
	if (rc != KERR_OK) {
		store_rollback(app->st);
		return rc;
	}
	return store_commit(app->st, err);
}

/* After an amendment of case_id, inside its transaction: the facts already
 * derived from the case are derived again (REQ-STAT-UPD). Facts not yet
 * derived come with the next refresh, from the case as it then is. */
enum kerr_code
app_stats_case_changed(struct app *app, int64_t case_id, struct kerr *err)
{
	struct store_stat_marks done;
	struct arena a;
	const char *v = NULL;
	char codes[128];
	enum kerr_code rc;

	arena_init(&a);
	rc = store_meta_get(app->st, META_MARKS, &a, &v, err);
	if (rc == KERR_NOTFOUND) {
		kerr_clear(err);
		arena_release(&a);
		return KERR_OK;   /* nothing derived yet */
	}
	marks_parse(v, &done);
	arena_release(&a);
	if (rc != KERR_OK || case_id > done.cases)
		return rc;
	conviction_codes(codes, sizeof(codes));
	return store_stat_case_redo(app->st, case_id, &done, codes, err);
}

/* ---- querying ---- */

/* ",archive,final_sentence,": the stages at which a case is closed, those
 * the codebook flags archive (provisional archive included: a case comes
 * back only when reopened, a stage of its own) or final. */
static void
closed_stages(char *out, size_t n)
{
	const struct cb_entry *e;
	size_t i, ne, len;

	e = cb_entries(CB_STAGE, &ne);
	snprintf(out, n, ",");
	for (i = 0; i < ne; i++)
		if (cb_has_flag(&e[i], "archive") || cb_has_flag(&e[i], "final")) {
			len = strlen(out);
			snprintf(out + len, n - len, "%s,", e[i].code);
		}
}

static enum kerr_code
build_query(const struct stat_query *q, struct store_stat_query *sq, struct kerr *err)
{
	size_t i, nmulti = 0, nw = 0, nmw = 0;
	const struct stat_dim_def *d;

	memset(sq, 0, sizeof(*sq));
	if ((unsigned)q->measure >= STAT_MEASURE__MAX)
		return kerr_field(err, KERR_INVALID, "--measure", _("unknown measure"));
	if (q->nby == 0 || q->nby > STAT_MAXDIMS)
		return kerr_field(err, KERR_INVALID, "--by", _("name one to %d dimensions"),
			STAT_MAXDIMS);
	if (q->from && q->to && q->from > q->to)
		return kerr_field(err, KERR_INVALID, "--from",
			_("empty range: --from %d is after --to %d"), q->from, q->to);
	sq->kind = stat_measure_kinds[q->measure];
	sq->convicted_only = q->measure == STAT_CONVICTIONS;
	sq->from = q->from;
	sq->to = q->to;
	for (i = 0; i < q->nby; i++) {
		if ((unsigned)q->by[i] >= STAT_D__MAX)
			return kerr_field(err, KERR_INVALID, "--by", _("unknown dimension"));
		d = &stat_dims[q->by[i]];
		if (!stat_dim_applies(q->by[i], q->measure))
			return kerr_field(err, KERR_INVALID, "--by",
				_("dimension '%s' does not apply to measure '%s'"), d->name,
				stat_measure_name(q->measure));
		if (d->multi != NULL) {
			if (nmulti == 2)
				return kerr_field(err, KERR_INVALID, "--by",
					_("at most two multi-valued dimensions at once ('%s')"), d->name);
			sq->multi[nmulti] = d->multi;
			sq->cols[i] = nmulti == 0 ? SSC_MULTI1 : SSC_MULTI2;
			nmulti++;
		} else {
			sq->cols[i] = d->col;
		}
	}
	for (i = 0; i < q->nwhere; i++) {
		d = &stat_dims[q->where_dim[i]];
		/* a year is a range of one year */
		if (q->where_dim[i] == STAT_D_YEAR) {
			int y = atoi(q->where_val[i]);
			if (sq->from < y)
				sq->from = y;
			if (sq->to == 0 || sq->to > y)
				sq->to = y;
			if (sq->from > sq->to)
				return kerr_field(err, KERR_INVALID, "--where",
					_("year %d is outside the range asked for"), y);
			continue;
		}
		if (!stat_dim_applies(q->where_dim[i], q->measure))
			return kerr_field(err, KERR_INVALID, "--where",
				_("dimension '%s' does not apply to measure '%s'"), d->name,
				stat_measure_name(q->measure));
		if (q->where_dim[i] == STAT_D_CURRENCY) {
			sq->currency = q->where_val[i];
		} else if (d->multi != NULL) {
			if (nmw == STORE_STAT_MAXMULTIWHERE)
				return kerr_field(err, KERR_INVALID, "--where",
					_("at most %d filters on multi-valued dimensions"),
					STORE_STAT_MAXMULTIWHERE);
			sq->where_dim[nmw] = d->multi;
			sq->where_code[nmw++] = q->where_val[i];
		} else {
			if (nw == STORE_STAT_MAXWHERE)
				return kerr_field(err, KERR_INVALID, "--where",
					_("at most %d filters on single-valued dimensions"),
					STORE_STAT_MAXWHERE);
			sq->where_col[nw] = d->col;
			sq->where_val[nw++] = q->where_val[i];
		}
	}
	/* values of different currencies never add up: one currency per query,
	 * the register's own unless another is asked for */
	if (q->measure == STAT_ASSETS_VALUE && sq->currency == NULL) {
		for (i = 0; i < q->nby && q->by[i] != STAT_D_CURRENCY; i++)
			;
		if (i == q->nby)
			sq->currency = "PEN";
	}
	return KERR_OK;
}

/* The cube column (store_stats.h: 1 year, 2 source, 3..6 k1..k4) of dimension
 * d in cube c, or 0 when the cube does not have it. */
static int
cube_col(enum store_stat_cube c, enum stat_dim d)
{
	/* one line per cube of store_cube_sql.h, its keys k1..k4 */
#define N STAT_D__MAX
#define CODE_BY_PLACE(d) { d, STAT_D_OFFICE, STAT_D_REGION, N }
	static const enum stat_dim cols[STORE_CUBE__MAX][4] = {
		[STORE_CUBE_PERSON] = { STAT_D_SEX, STAT_D_AGE_BAND, STAT_D_AGE_GROUP, STAT_D_NATIONALITY },
		[STORE_CUBE_PLACE] = { STAT_D_ORIGIN_REGION, STAT_D_EXPLOITATION_REGION,
			STAT_D_EXPLOITATION_COUNTRY, STAT_D_REGION },
		[STORE_CUBE_EXPLOITATION] = CODE_BY_PLACE(STAT_D_EXPLOITATION),
		[STORE_CUBE_SUSPECT] = { STAT_D_SEX, STAT_D_OUTCOME, N, STAT_D_AGE_GROUP },
		[STORE_CUBE_SENTENCE] = { STAT_D_SENTENCE_YEARS, STAT_D_SEX, N, N },
		[STORE_CUBE_CONTROL] = CODE_BY_PLACE(STAT_D_MEANS_OF_CONTROL),
		[STORE_CUBE_RECRUITMENT] = CODE_BY_PLACE(STAT_D_RECRUITMENT),
		[STORE_CUBE_OFFICE] = { STAT_D_OFFICE, STAT_D_DISTRITO_FISCAL, STAT_D_STAGE,
			STAT_D_REGION },
		[STORE_CUBE_CASE] = { STAT_D_OFFICE, STAT_D_DISTRITO_FISCAL, STAT_D_STAGE,
			STAT_D_REGION },
		[STORE_CUBE_MEANS] = CODE_BY_PLACE(STAT_D_MEANS),
		[STORE_CUBE_VULNERABILITY] = CODE_BY_PLACE(STAT_D_VULNERABILITY),
		[STORE_CUBE_AGGRAVATING] = CODE_BY_PLACE(STAT_D_AGGRAVATING),
		[STORE_CUBE_VICTIM_OFFICE] = { STAT_D_SEX, STAT_D_AGE_BAND, STAT_D_NATIONALITY,
			STAT_D_OFFICE },
		[STORE_CUBE_VICTIM_REGION] = { STAT_D_SEX, STAT_D_AGE_BAND, STAT_D_NATIONALITY,
			STAT_D_REGION },
		[STORE_CUBE_PLACE_OFFICE] = { STAT_D_ORIGIN_REGION, STAT_D_EXPLOITATION_REGION,
			STAT_D_OFFICE, N },
		[STORE_CUBE_CONVICTION] = { STAT_D_SEX, STAT_D_NATIONALITY, STAT_D_OFFICE,
			STAT_D_REGION },
		[STORE_CUBE_PROSECUTED] = { STAT_D_SEX, STAT_D_NATIONALITY, STAT_D_OFFICE,
			STAT_D_REGION },
		[STORE_CUBE_CONVICTION_SENTENCE] = { STAT_D_SENTENCE_YEARS, STAT_D_SEX,
			STAT_D_OFFICE, STAT_D_REGION },
	};
#undef CODE_BY_PLACE
#undef N
	int k;

	if (d == STAT_D_YEAR)
		return 1;
	if (d == STAT_D_SOURCE)
		return 2;
	for (k = 0; k < 4; k++)
		if (cols[c][k] == d)
			return 3 + k;
	return 0;
}

/* q groups by d or keeps one value of it */
static int
query_uses(const struct stat_query *q, enum stat_dim d)
{
	size_t i;

	for (i = 0; i < q->nby; i++)
		if (q->by[i] == d)
			return 1;
	for (i = 0; i < q->nwhere; i++)
		if (q->where_dim[i] == d)
			return 1;
	return 0;
}

static int
multi_filtered_and_grouped(const struct stat_query *q, enum stat_dim d)
{
	size_t i, j;

	for (i = 0; i < q->nwhere; i++)
		for (j = 0; j < q->nby; j++)
			if (q->where_dim[i] == d && q->by[j] == d)
				return 1;
	return 0;
}

/* The measure a cube counts. */
static enum stat_measure
cube_measure(enum store_stat_cube c)
{
	switch (c) {
	case STORE_CUBE_SUSPECT:
	case STORE_CUBE_SENTENCE:
		return STAT_SUSPECTS;
	case STORE_CUBE_CASE:
	case STORE_CUBE_AGGRAVATING:
		return STAT_CASES;
	case STORE_CUBE_CONVICTION:
	case STORE_CUBE_CONVICTION_SENTENCE:
		return STAT_CONVICTIONS;
	case STORE_CUBE_PROSECUTED:
		return STAT_PROSECUTED;
	default:
		return STAT_VICTIMS;
	}
}

/* The multi-valued dimension of a cube that counts (victim, code) pairs,
 * or STAT_D__MAX. */
static enum stat_dim
cube_multi(enum store_stat_cube c)
{
	switch (c) {
	case STORE_CUBE_EXPLOITATION:
		return STAT_D_EXPLOITATION;
	case STORE_CUBE_CONTROL:
		return STAT_D_MEANS_OF_CONTROL;
	case STORE_CUBE_RECRUITMENT:
		return STAT_D_RECRUITMENT;
	case STORE_CUBE_MEANS:
		return STAT_D_MEANS;
	case STORE_CUBE_VULNERABILITY:
		return STAT_D_VULNERABILITY;
	case STORE_CUBE_AGGRAVATING:
		return STAT_D_AGGRAVATING;
	case STORE_CUBE_SENTENCE:
	case STORE_CUBE_CONVICTION_SENTENCE:
		return STAT_D_SENTENCE_YEARS;
	default:
		return STAT_D__MAX;
	}
}

/* A cube that answers q (victims, cases, suspects or convictions grouped
 * and filtered by one cube's columns, the year and the source only): 1 and
 * cq filled, else 0. */
static int
cube_for(const struct stat_query *q, const struct store_stat_query *sq,
	struct store_stat_cube_query *cq)
{
	enum stat_measure m = q->measure;
	int c;
	size_t i, w;

	/* convictions and prosecutions have facts of their own (kinds
	 * 'conviction', 'prosecuted'), dated by the judgement: their cubes' year
	 * is that year */
	for (c = 0; c < STORE_CUBE__MAX; c++) {
		if (cube_measure((enum store_stat_cube)c) != m)
			continue;
		memset(cq, 0, sizeof(*cq));
		cq->cube = (enum store_stat_cube)c;
		cq->from = sq->from;
		cq->to = sq->to;
		for (i = 0; i < q->nby && (cq->cols[i] = cube_col(cq->cube, q->by[i])) != 0; i++)
			;
		if (i < q->nby)
			continue;
		w = 0;
		for (i = 0; i < q->nwhere; i++) {
			if (q->where_dim[i] == STAT_D_YEAR)
				continue;   /* already in from..to */
			if (w == STORE_STAT_MAXWHERE ||
			    (cq->where_col[w] = cube_col(cq->cube, q->where_dim[i])) == 0)
				break;
			cq->where_val[w++] = q->where_val[i];
		}
		if (i < q->nwhere)
			continue;
		/* the exploitation cube counts (victim, form) pairs: a filter on a
		 * form keeps the victims, and their other forms, only in the facts
		 * (so with means of control and recruitment) */
		if (cube_multi(cq->cube) != STAT_D__MAX &&
		    multi_filtered_and_grouped(q, cube_multi(cq->cube)))
			continue;
		/* ... and its rows add up to victims only over the codes of one
		 * (grouped by them, or one of them kept): --by office alone is
		 * not the sum of the (victim, form) pairs by office */
		if (cube_multi(cq->cube) != STAT_D__MAX && !query_uses(q, cube_multi(cq->cube)))
			continue;
		return 1;
	}
	return 0;
}

enum kerr_code
app_stats(struct app *app, const struct policy_actor *actor, const struct stat_query *q,
	struct arena *a, struct stat_result *out, struct kerr *err)
{
	struct store_stat_query sq;
	struct store_stat_cube_query cq;
	char closed[256];
	enum kerr_code rc;
	size_t i;

	memset(out, 0, sizeof(*out));
	if ((rc = app_allow(app, actor, POL_STATS_READ, NULL, "stats", err)) != KERR_OK)
		return rc;
	if (stat_measure_is_response(q->measure))
		return app_response_stats(app, q, a, out, err);
	if (stat_measure_is_request(q->measure))
		return app_request_stats(app, q, a, out, err);
	if ((rc = build_query(q, &sq, err)) != KERR_OK)
		return rc;
	if (q->measure == STAT_OPEN_CASES) {
		closed_stages(closed, sizeof(closed));
		sq.without_stages = closed;
	}
	if ((rc = app_stats_refresh(app, err)) != KERR_OK)
		return rc;
	/* KHIPU_STATS_NO_CUBE=1 reads the facts always (tests compare both) */
	if (getenv("KHIPU_STATS_NO_CUBE") == NULL && cube_for(q, &sq, &cq))
		rc = store_stat_cube_query(app->st, &cq, a, &out->rows, &out->nrows, err);
	else
		rc = store_stat_query(app->st, &sq, a, &out->rows, &out->nrows, err);
	if (rc != KERR_OK)
		return rc;
	out->q = *q;
	out->currency = sq.currency;
	for (i = 0; i < out->nrows; i++)
		out->total += out->rows[i].value;
	return KERR_OK;
}
