/*
 * opendata_tables.c — the observatory's standard tables, built from
 * `khipu stats` queries (app/stats.h), for the XLSX workbook, the UNODC
 * questionnaire and the /stats dashboard.
 */
#include "app/opendata.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_int.h"
#include "app/stats.h"
#include "core/codebook.h"
#include "io/chart.h"
#include "lib/xalloc.h"
#include "store/store_stats.h"
#include "lib/i18n.h"

#define LANG(en) ((en) ? I18N_EN : I18N_ES)

/* Run one query of measure m by the dims "a,b" over the filter's years,
 * office and region (set as values, never parsed: they may hold any byte). */
static enum kerr_code
query(struct app *app, const struct policy_actor *actor, enum stat_measure m, const char *by,
	const char *where, const struct app_stat_filter *f, struct arena *a,
	struct stat_result *r, struct kerr *err)
{
	struct stat_query q = { .measure = m, .from = f->from, .to = f->to };

	if (stat_parse_by(&q, by, err) != KERR_OK ||
	    (where != NULL && stat_parse_where(&q, where, err) != KERR_OK))
		return err->code;
	if (f->office != NULL) {
		q.where_dim[q.nwhere] = STAT_D_OFFICE;
		q.where_val[q.nwhere++] = f->office;
	}
	if (f->region != NULL) {
		q.where_dim[q.nwhere] = STAT_D_REGION;
		q.where_val[q.nwhere++] = f->region;
	}
	return app_stats(app, actor, &q, a, r, err);
}

/* Index of key in keys[0..n) (NULL matches NULL), appending it if absent. */
static size_t
key_index(const char **keys, size_t *n, const char *key)
{
	size_t i;

	for (i = 0; i < *n; i++)
		if ((keys[i] == NULL && key == NULL) ||
		    (keys[i] != NULL && key != NULL && strcmp(keys[i], key) == 0))
			return i;
	keys[*n] = key;
	return (*n)++;
}

/* Age bands in age order ("9--17" before "18--20"), unknown last. */
static int
band_cmp(const void *a, const void *b)
{
	const char *x = *(const char *const *)a, *y = *(const char *const *)b;

	if (x == NULL || y == NULL)
		return (x == NULL) - (y == NULL);
	return atoi(x) - atoi(y);
}

/* Dimensions whose values have an order of their own (time, age, the
 * procedure's steps): their rows keep it. The others are read faster most
 * frequent first (issue 11). */
static int
ordered_dim(enum stat_dim d)
{
	return d == STAT_D_YEAR || d == STAT_D_MONTH || d == STAT_D_AGE_BAND ||
		d == STAT_D_AGE_GROUP || d == STAT_D_STAGE || d == STAT_D_SENTENCE_YEARS ||
		d == STAT_D_YEAR_BAND || d == STAT_D_ASSET_STAGE || d == STAT_D_ASSET_MEASURE;
}

struct keyed_total {
	const char *key;
	int64_t total;
};

/* Largest total first, unknown (NULL) last, ties by key for a stable page. */
static int
total_cmp(const void *a, const void *b)
{
	const struct keyed_total *x = a, *y = b;

	if (x->key == NULL || y->key == NULL)
		return (x->key == NULL) - (y->key == NULL);
	if (x->total != y->total)
		return x->total > y->total ? -1 : 1;
	return strcmp(x->key, y->key);
}

static void
sort_by_total(struct arena *a, const struct stat_result *r, const char **rk, size_t nr)
{
	struct keyed_total *kt = arena_alloc(a, (nr + 1) * sizeof(*kt));
	size_t i, n = nr;

	for (i = 0; i < nr; i++)
		kt[i] = (struct keyed_total){ rk[i], 0 };
	for (i = 0; i < r->nrows; i++)
		kt[key_index(rk, &n, r->rows[i].keys[0])].total += r->rows[i].value;
	qsort(kt, nr, sizeof(*kt), total_cmp);
	for (i = 0; i < nr; i++)
		rk[i] = kt[i].key;
}

/*
 * A table from a result by one or two dimensions: rows are the values of the
 * first, columns those of the second (or one column named col1), plus a
 * total column when there are several columns.
 */
static struct app_table *
pivot(struct arena *a, const struct stat_result *r, int lang_en, const char *id,
	const char *title, const char *corner, const char *col1, enum app_table_kind kind)
{
	struct app_table *t = arena_alloc(a, sizeof(*t));
	const char **rk = arena_alloc(a, (r->nrows + 1) * sizeof(*rk));
	const char **ck = arena_alloc(a, (r->nrows + 1) * sizeof(*ck));
	size_t nr = 0, nc = 0, i, j, total;
	int two = r->q.nby > 1;

	for (i = 0; i < r->nrows; i++) {
		key_index(rk, &nr, r->rows[i].keys[0]);
		if (two)
			key_index(ck, &nc, r->rows[i].keys[1]);
	}
	if (r->q.by[0] == STAT_D_AGE_BAND)
		qsort(rk, nr, sizeof(*rk), band_cmp);
	else if (!ordered_dim(r->q.by[0]))
		sort_by_total(a, r, rk, nr);
	if (!two)
		nc = 1;
	total = nc > 1 && kind != APP_TABLE_MATRIX ? 1 : 0;
	t->id = id;
	t->title = title;
	t->kind = kind;
	t->corner = corner;
	t->ncols = nc + total;
	t->nrows = nr;
	t->head = arena_alloc(a, (t->ncols + 1) * sizeof(*t->head));
	for (j = 0; j < nc; j++)
		t->head[j] = two ? stat_value_label(r->q.by[1], ck[j], lang_en) : col1;
	if (total)
		t->head[nc] = i18n_gettext(LANG(lang_en), "Total");
	t->label = arena_alloc(a, (nr + 1) * sizeof(*t->label));
	for (i = 0; i < nr; i++)
		t->label[i] = stat_value_label(r->q.by[0], rk[i], lang_en);
	t->cell = arena_alloc(a, (nr * t->ncols + 1) * sizeof(*t->cell));
	for (i = 0; i < r->nrows; i++) {
		size_t ri = key_index(rk, &nr, r->rows[i].keys[0]);
		size_t ci = two ? key_index(ck, &nc, r->rows[i].keys[1]) : 0;
		t->cell[ri * t->ncols + ci] += r->rows[i].value;
		if (total)
			t->cell[ri * t->ncols + nc] += r->rows[i].value;
	}
	return t;
}

/* ---- the procedural funnel (docs/statistics.md, "The funnel") ---- */

enum { F_COMPLAINT, F_FORMALISED, F_INDICTED, F_SENTENCED, F_CONVICTED, F_ARCHIVED, F__MAX };

/* Whether a case's event of stage e means it reached step s at that date.
 * Judgements and convictions are never read from the case's stage: they
 * come from its suspects' paths (path_reaches). */
static int
stage_reaches(const struct cb_entry *e, int s)
{
	static const char *const indicted[] = { "direct_indictment", "indictment", "trial_order",
		"trial", "conviction_first_instance", "acquittal_first_instance" };
	size_t i;

	if (e == NULL || cb_has_flag(e, "act"))
		return 0;
	switch (s) {
	case F_FORMALISED:
		return !cb_has_flag(e, "archive") && e->rank >= 40;
	case F_INDICTED:
		/* a plea agreement (terminación anticipada) is a conviction, not an
		 * indictment; a request for dismissal is none either */
		for (i = 0; i < sizeof(indicted) / sizeof(indicted[0]); i++)
			if (strcmp(e->code, indicted[i]) == 0)
				return 1;
		return 0;
	case F_ARCHIVED:
		return cb_has_flag(e, "archive");
	}
	return 0;
}

/* The same for a suspect's path step ("convicted": a conviction in force). */
static int
path_reaches(const char *step, int s)
{
	const struct cb_entry *e = cb_lookup(CB_PATH_STEP, step);

	if (strcmp(step, "convicted") == 0)
		return s == F_CONVICTED;
	if (e == NULL)
		return 0;
	switch (s) {
	case F_FORMALISED:
		return strcmp(step, "archive") != 0 && strcmp(step, "absent") != 0 &&
			strcmp(step, "extinguished") != 0;
	case F_INDICTED:
		return strcmp(step, "indictment") == 0 || cb_has_flag(e, "trial");
	case F_SENTENCED:
		return cb_has_flag(e, "judgement");
	}
	return 0;
}

/* Days since 1970-01-01 of "YYYY-MM-DD" (H. Hinnant's days_from_civil). */
static long
days(const char *d)
{
	int y, m, dd;
	long era, yoe, doy, doe;

	if (d == NULL || sscanf(d, "%4d-%2d-%2d", &y, &m, &dd) != 3)
		return -1;
	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + dd - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

struct stage_times {
	int64_t case_id;
	long complaint;          /* days, of the current case */
	long first[F__MAX];      /* days of the first event of each step, -1 none */
	double *months[F__MAX];  /* per step, one value per case */
	size_t n[F__MAX], cap[F__MAX];
	int64_t reached[F__MAX]; /* cases that reached each step */
};

static void
times_flush(struct stage_times *t)
{
	int s;

	for (s = F_FORMALISED; s < F__MAX; s++) {
		if (t->first[s] >= 0)
			t->reached[s]++;
		if (t->first[s] < 0 || t->complaint < 0)
			continue;
		if (t->n[s] == t->cap[s]) {
			t->cap[s] = t->cap[s] ? t->cap[s] * 2 : 64;
			t->months[s] = xrealloc(t->months[s], t->cap[s] * sizeof(double));
		}
		t->months[s][t->n[s]++] = (double)(t->first[s] - t->complaint) / 30.436875;
	}
	for (s = 0; s < F__MAX; s++)
		t->first[s] = -1;
}

static int
times_row(void *ctx, int64_t case_id, const char *stage, const char *complaint, const char *date)
{
	struct stage_times *t = ctx;
	int path = strncmp(stage, "path:", 5) == 0;
	const struct cb_entry *e = path ? NULL : cb_lookup(CB_STAGE, stage);
	long d = days(date);
	int s;

	if (case_id != t->case_id) {
		times_flush(t);
		t->case_id = case_id;
		t->complaint = days(complaint);
	}
	for (s = F_FORMALISED; s < F__MAX && d >= 0; s++)
		if ((path ? path_reaches(stage + 5, s) : stage_reaches(e, s)) &&
		    (t->first[s] < 0 || d < t->first[s]))
			t->first[s] = d;
	return 0;
}

static int
double_cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static double
median(double *v, size_t n)
{
	if (n == 0)
		return -1;
	qsort(v, n, sizeof(*v), double_cmp);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* The funnel: cases per step by their current stage (a case counts for
 * every step its stage has passed), the share of the complaints, and the
 * median months from the complaint to the first event of the step. */
static enum kerr_code
funnel(struct app *app, const struct stat_result *r, const struct app_stat_filter *flt,
	int lang_en, struct arena *a, struct app_table **out, struct kerr *err)
{
	static const char *const steps[F__MAX] = {
		N_("Complaints"), N_("Formalised investigation"), N_("Indicted"),
		N_("Judged"), N_("Convicted"), N_("Archived"),
	};
	static const int decimals[3] = { 0, 1, 1 };
	struct app_table *t = arena_alloc(a, sizeof(*t));
	struct stage_times times;
	enum kerr_code rc;
	size_t i;
	int s;

	memset(&times, 0, sizeof(times));
	for (s = 0; s < F__MAX; s++)
		times.first[s] = -1;
	times.case_id = -1;
	rc = store_stat_stage_dates_where(app->st, flt->from, flt->to, flt->office, flt->region,
		times_row, &times, err);
	times_flush(&times);
	t->id = "funnel";
	t->title = i18n_gettext(LANG(lang_en), "Cases: from complaint to conviction");
	t->kind = APP_TABLE_FUNNEL;
	t->corner = i18n_gettext(LANG(lang_en), "Step");
	t->ncols = 3;
	t->head = arena_alloc(a, 3 * sizeof(*t->head));
	t->head[0] = i18n_gettext(LANG(lang_en), "Cases");
	t->head[1] = i18n_gettext(LANG(lang_en), "Share of complaints (percent)");
	t->head[2] = i18n_gettext(LANG(lang_en), "Median months since the complaint");
	t->decimals = decimals;
	t->nrows = F__MAX;
	t->label = arena_alloc(a, F__MAX * sizeof(*t->label));
	t->cell = arena_alloc(a, F__MAX * 3 * sizeof(*t->cell));
	for (s = 0; s < F__MAX; s++)
		t->label[s] = i18n_gettext(LANG(lang_en), steps[s]);
	/* the complaints and the archived by the cases' current stage; the
	 * other steps by what each case ever reached */
	for (i = 0; i < r->nrows; i++) {
		t->cell[F_COMPLAINT * 3] += r->rows[i].value;
		if (cb_has_flag(cb_lookup(CB_STAGE, r->rows[i].keys[0]), "archive"))
			t->cell[F_ARCHIVED * 3] += r->rows[i].value;
	}
	for (s = F_FORMALISED; s < F_ARCHIVED; s++)
		t->cell[s * 3] = times.reached[s];
	for (s = 0; s < F__MAX; s++) {
		double m = median(times.months[s], times.n[s]);
		t->cell[s * 3 + 1] = t->cell[0] ? (t->cell[s * 3] * 1000 + t->cell[0] / 2) / t->cell[0] : 0;
		t->cell[s * 3 + 2] = m < 0 ? 0 : (int64_t)(m * 10 + 0.5);
		free(times.months[s]);
	}
	t->note = i18n_gettext(LANG(lang_en), "the cases of the complaint years chosen: each "
		"step counts the cases that ever reached it (indicted: an indictment or a trial, "
		"never a plea agreement; sentenced and convicted: a suspect judged, a suspect's "
		"conviction in force); archived: the cases archived now, the archive rate; months: "
		"median from the complaint to the step's first date (0 when none)");
	*out = t;
	return rc;
}

enum kerr_code
app_stat_tables(struct app *app, const struct policy_actor *actor, int from, int to,
	int lang_en, struct arena *a, struct app_table **out, size_t *n, struct kerr *err)
{
	struct app_stat_filter f = { .from = from, .to = to };

	return app_stat_tables_where(app, actor, &f, lang_en, a, out, n, err);
}

enum kerr_code
app_stat_tables_where(struct app *app, const struct policy_actor *actor,
	const struct app_stat_filter *flt, int lang_en, struct arena *a, struct app_table **out,
	size_t *n, struct kerr *err)
{
	enum i18n_lang L = LANG(lang_en);
	struct app_table *t = arena_alloc(a, 11 * sizeof(*t));
	struct stat_result r;
	enum kerr_code rc;
	size_t k = 0;

	*out = t;
	*n = 0;
#define ADD(expr) do { t[k++] = *(expr); } while (0)
	if ((rc = query(app, actor, STAT_VICTIMS, "year,sex", "source=register", flt, a, &r,
	    err)))
		return rc;
	ADD(pivot(a, &r, lang_en, "victims_by_year", i18n_gettext(L, "Victims by year and sex"),
		i18n_gettext(L, "Year"), NULL, APP_TABLE_BARS));
	if ((rc = query(app, actor, STAT_VICTIMS, "age_band,sex", "source=register", flt, a,
	    &r, err)))
		return rc;
	ADD(pivot(a, &r, lang_en, "victims_by_age", i18n_gettext(L, "Victims by age and sex"),
		i18n_gettext(L, "Age at the complaint"), NULL, APP_TABLE_BARS));
	if ((rc = query(app, actor, STAT_VICTIMS, "exploitation", "source=register", flt, a,
	    &r, err)))
		return rc;
	ADD(pivot(a, &r, lang_en, "victims_by_exploitation",
		i18n_gettext(L, "Victims by form of exploitation"),
		i18n_gettext(L, "Form of exploitation"), i18n_gettext(L, "Victims"), APP_TABLE_BARS));
	t[k - 1].note = i18n_gettext(L, "a victim exploited in several forms counts in each");
	if ((rc = query(app, actor, STAT_VICTIMS, "nationality", "source=register", flt, a,
	    &r, err)))
		return rc;
	ADD(pivot(a, &r, lang_en, "victims_by_nationality",
		i18n_gettext(L, "Victims by nationality"), i18n_gettext(L, "Nationality"),
		i18n_gettext(L, "Victims"), APP_TABLE_BARS));
	if ((rc = query(app, actor, STAT_VICTIMS, "origin_region,exploitation_region",
	    "source=register", flt, a, &r, err)))
		return rc;
	ADD(pivot(a, &r, lang_en, "region_matrix",
		i18n_gettext(L, "Victims by region of origin (rows) and of exploitation (columns)"),
		i18n_gettext(L, "Region of origin"), NULL, APP_TABLE_MATRIX));
	if ((rc = query(app, actor, STAT_CASES, "stage", NULL, flt, a, &r, err)))
		return rc;
	struct app_table *f;
	if ((rc = funnel(app, &r, flt, lang_en, a, &f, err)))
		return rc;
	ADD(f);
	if ((rc = query(app, actor, STAT_PROSECUTED, "year,sex", NULL, flt, a, &r, err)))
		return rc;
	ADD(pivot(a, &r, lang_en, "prosecuted_by_year",
		i18n_gettext(L, "Persons prosecuted by year of the indictment and sex"),
		i18n_gettext(L, "Year"), NULL, APP_TABLE_BARS));
	t[k - 1].note = i18n_gettext(L, "a suspect counts once, in the year of the first "
		"indictment or judgement (a plea agreement included)");
	if ((rc = query(app, actor, STAT_CONVICTIONS, "year,sex", NULL, flt, a, &r, err)))
		return rc;
	ADD(pivot(a, &r, lang_en, "convicted_by_year",
		i18n_gettext(L, "Persons convicted by year of the judgement and sex"),
		i18n_gettext(L, "Year"), NULL, APP_TABLE_BARS));
	t[k - 1].note = i18n_gettext(L, "convictions in force (plea agreements included), in "
		"the year of the judgement that convicted; an appeal that upholds it does not "
		"move it, one that reverses or annuls it removes it");
	if ((rc = query(app, actor, STAT_SUSPECTS, "outcome,sex", NULL, flt, a, &r, err)))
		return rc;
	ADD(pivot(a, &r, lang_en, "suspects_by_outcome",
		i18n_gettext(L, "Suspects by outcome and sex"), i18n_gettext(L, "Outcome"), NULL,
		APP_TABLE_BARS));
	if ((rc = query(app, actor, STAT_CONVICTIONS, "sentence_years,sex", NULL, flt, a, &r,
	    err)))
		return rc;
	ADD(pivot(a, &r, lang_en, "sentences", i18n_gettext(L, "Persons convicted by sentence (years)"),
		i18n_gettext(L, "Years of prison"), NULL, APP_TABLE_BARS));
	t[k - 1].note = i18n_gettext(L, "'unknown': convicted, no sentence recorded");
	if ((rc = query(app, actor, STAT_ASSETS_VALUE, "asset_measure", NULL, flt, a, &r,
	    err)))
		return rc;
	ADD(pivot(a, &r, lang_en, "assets", i18n_gettext(L, "Value of assets by measure (PEN)"),
		i18n_gettext(L, "Measure"), i18n_gettext(L, "Value (PEN)"), APP_TABLE_BARS));
	static const int cents[1] = { 2 };
	t[k - 1].decimals = cents;
	t[k - 1].note = i18n_gettext(L, "an asset seized and then forfeited counts under each measure");
#undef ADD
	*n = k;
	return KERR_OK;
}

int
app_table_svg(const struct app_table *t, struct buf *out)
{
	return app_table_svg_lang(t, -1, out);
}

int
app_table_svg_lang(const struct app_table *t, int lang_en, struct buf *out)
{
	/* the table's own way of writing numbers (i18n_format_int): U+202F and a
	 * comma in Spanish, a comma and a point in English; -1: plain digits */
	const char *group = lang_en < 0 ? NULL : lang_en ? "," : "\xe2\x80\xaf";
	const char *point = lang_en > 0 || lang_en < 0 ? "." : ",";
	size_t nc = t->ncols, i, j;
	double *v;
	int rc;

	/* a last column that sums the others is the bar's length already; a
	 * funnel's bars are its counts */
	if (t->kind == APP_TABLE_BARS && nc > 1)
		nc--;
	if (t->kind == APP_TABLE_FUNNEL)
		nc = 1;
	v = xcalloc(t->nrows * nc + 1, sizeof(*v));
	for (i = 0; i < t->nrows; i++)
		for (j = 0; j < nc; j++)
			v[i * nc + j] = (double)t->cell[i * t->ncols + j] /
				pow(10, t->decimals ? t->decimals[j] : 0);
	if (t->kind == APP_TABLE_MATRIX) {
		struct chart_matrix m = { t->title, t->nrows, nc, t->label, t->head, v, 0, group,
			point };
		rc = chart_matrix_svg(out, &m);
	} else {
		struct chart_bars b = { t->title, t->nrows, t->label, nc, nc > 1 ? t->head : NULL, v,
			t->decimals ? t->decimals[0] : 0, 0, group, point };
		rc = chart_bars_svg(out, &b);
	}
	free(v);
	return rc;
}

struct app_table *
app_table_from_stats(struct arena *a, const struct stat_result *r, int lang_en,
	const char *title, int matrix)
{
	struct app_table *t = pivot(a, r, lang_en, "stats", title, stat_dim_name(r->q.by[0]),
		stat_measure_name(r->q.measure), matrix ? APP_TABLE_MATRIX : APP_TABLE_BARS);

	static const int cents[2] = { 2, 2 };
	if (r->q.measure == STAT_ASSETS_VALUE)
		t->decimals = cents;
	return t;
}
