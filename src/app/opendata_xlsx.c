/*
 * opendata_xlsx.c — `khipu export xlsx` (libxlsxwriter) and `khipu export
 * unodc`: the standard tables in a workbook, one sheet each, labelled in the
 * user's language; the GLOTIP questionnaire tables in UNODC's long format.
 */
#include "app/opendata.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "app/app_int.h"
#include "app/stats.h"
#include "lib/buf.h"
#include "core/codebook.h"
#include "lib/i18n.h"

#define LANG(en) ((en) ? I18N_EN : I18N_ES)

static enum kerr_code export_xlsx(struct app *app, const struct policy_actor *actor,
	const char *path, const struct app_stat_filter *flt, int lang_en, size_t *sheets,
	struct kerr *err);

static enum kerr_code
audit_detail(struct app *app, const struct policy_actor *actor, json_t *detail,
	struct kerr *err)
{
	char *text = json_dumps(detail, JSON_COMPACT);
	enum kerr_code rc;

	json_decref(detail);
	if ((rc = store_begin(app->st, err)) == KERR_OK) {
		rc = app_audit(app, actor, POL_DATA_EXPORT, "stats", text, err);
		rc = rc == KERR_OK ? store_commit(app->st, err) : (store_rollback(app->st), rc);
	}
	free(text);
	return rc;
}

/* A sheet name: at most 31 characters, none of []:*?/\ (Excel's rules). */
static void
sheet_name(char *out, size_t n, size_t idx, const char *title)
{
	size_t i, j = 0, len;

	len = (size_t)snprintf(out, n, "%zu ", idx + 1);
	for (i = 0; title[i] && len + j + 1 < n && len + j < 31; i++) {
		unsigned char c = (unsigned char)title[i];
		if (strchr("[]:*?/\\", c))
			continue;
		/* do not cut a UTF-8 sequence at the end */
		if (c >= 0xC0 && len + j + 4 > 31)
			break;
		out[len + j++] = (char)c;
	}
	out[len + j] = '\0';
	while (len + j > 0 && (out[len + j - 1] & 0xC0) == 0x80 && len + j >= 31)
		out[--j + len] = '\0';
}

static void
write_sheet(lxw_workbook *wb, const struct app_table *t, size_t idx, lxw_format *bold,
	lxw_format *const fmt[3], int lang_en)
{
	char name[64];
	lxw_worksheet *ws;
	size_t i, j;

	sheet_name(name, sizeof(name), idx, t->title);
	ws = workbook_add_worksheet(wb, name);
	if (ws == NULL)
		return;
	worksheet_set_column(ws, 0, 0, 34, NULL);
	worksheet_set_column(ws, 1, (lxw_col_t)t->ncols, 14, NULL);
	worksheet_write_string(ws, 0, 0, t->title, bold);
	worksheet_write_string(ws, 2, 0, t->corner, bold);
	for (j = 0; j < t->ncols; j++)
		worksheet_write_string(ws, 2, (lxw_col_t)(j + 1), t->head[j], bold);
	for (i = 0; i < t->nrows; i++) {
		worksheet_write_string(ws, (lxw_row_t)(i + 3), 0, t->label[i], NULL);
		for (j = 0; j < t->ncols; j++) {
			int d = t->decimals ? t->decimals[j] : 0;
			double v = (double)t->cell[i * t->ncols + j] / pow(10, d);
			worksheet_write_number(ws, (lxw_row_t)(i + 3), (lxw_col_t)(j + 1), v,
				fmt[d < 0 ? 0 : d > 2 ? 2 : d]);
		}
	}
	if (t->note != NULL)
		worksheet_write_string(ws, (lxw_row_t)(t->nrows + 4), 0, t->note, NULL);
	worksheet_write_string(ws, (lxw_row_t)(t->nrows + 5), 0,
		i18n_gettext(LANG(lang_en), "Source: Khipu register; no identity is included"), NULL);
}

enum kerr_code
app_export_xlsx(struct app *app, const struct policy_actor *actor, const char *path,
	int from, int to, int lang_en, size_t *sheets, struct kerr *err)
{
	struct app_stat_filter f = { .from = from, .to = to };

	return export_xlsx(app, actor, path, &f, lang_en, sheets, err);
}

enum kerr_code
app_export_xlsx_buf(struct app *app, const struct policy_actor *actor,
	const struct app_stat_filter *f, int lang_en, struct buf *out, struct kerr *err)
{
	const char *tmp = getenv("TMPDIR");
	char dir[PATH_MAX], path[PATH_MAX + 16], chunk[8192];
	size_t sheets, got;
	enum kerr_code rc;
	FILE *fp;

	/* libxlsxwriter writes a file: a private directory of our own, removed
	 * at once (the workbook holds counts only, never an identity) */
	if (snprintf(dir, sizeof(dir), "%s/khipu-xlsx-XXXXXX", tmp && *tmp ? tmp : "/tmp") >=
	    (int)sizeof(dir) || mkdtemp(dir) == NULL)
		return kerr_set(err, KERR_IO, _("cannot make a temporary directory for the workbook"));
	snprintf(path, sizeof(path), "%s/stats.xlsx", dir);
	rc = export_xlsx(app, actor, path, f, lang_en, &sheets, err);
	if (rc == KERR_OK && (fp = fopen(path, "rb")) != NULL) {
		while ((got = fread(chunk, 1, sizeof(chunk), fp)) > 0 && rc == KERR_OK)
			if (buf_add(out, chunk, got) < 0)
				rc = kerr_set(err, KERR_IO, _("the workbook is too large"));
		if (ferror(fp) && rc == KERR_OK)
			rc = kerr_set(err, KERR_IO, _("cannot read the workbook back"));
		fclose(fp);
	} else if (rc == KERR_OK) {
		rc = kerr_set(err, KERR_IO, _("cannot read the workbook back"));
	}
	unlink(path);
	rmdir(dir);
	return rc;
}

static enum kerr_code
export_xlsx(struct app *app, const struct policy_actor *actor, const char *path,
	const struct app_stat_filter *flt, int lang_en, size_t *sheets, struct kerr *err)
{
	struct app_table *t;
	struct arena a;
	struct stat st;
	lxw_workbook *wb;
	lxw_format *bold, *fmt[3];
	lxw_error xe;
	size_t n, i;
	enum kerr_code rc;

	*sheets = 0;
	if ((rc = app_allow(app, actor, POL_DATA_EXPORT, NULL, "stats", err)) != KERR_OK)
		return rc;
	if (stat(path, &st) == 0)
		return kerr_field(err, KERR_CONFLICT, "--out", _("'%s' exists; name a new file"), path);
	arena_init(&a);
	if ((rc = app_stat_tables_where(app, actor, flt, lang_en, &a, &t, &n, err)) != KERR_OK)
		goto out;
	if ((wb = workbook_new(path)) == NULL) {
		rc = kerr_field(err, KERR_IO, "--out", _("cannot create '%s'"), path);
		goto out;
	}
	bold = workbook_add_format(wb);
	format_set_bold(bold);
	fmt[0] = NULL;
	fmt[1] = workbook_add_format(wb);
	format_set_num_format(fmt[1], "#,##0.0");
	fmt[2] = workbook_add_format(wb);
	format_set_num_format(fmt[2], "#,##0.00");
	for (i = 0; i < n; i++)
		write_sheet(wb, &t[i], i, bold, fmt, lang_en);
	if ((xe = workbook_close(wb)) != LXW_NO_ERROR) {
		unlink(path);
		rc = kerr_field(err, KERR_IO, "--out", _("cannot write '%s': %s"), path,
			lxw_strerror(xe));
		goto out;
	}
	*sheets = n;
	{
		json_t *d = json_pack("{s:s,s:i,s:i,s:I}", "format", "xlsx", "from", flt->from,
			"to", flt->to, "sheets", (json_int_t)n);
		/* the filters are codes (an office's, an INEI department's), no identity */
		if (d != NULL && flt->office != NULL)
			json_object_set_new(d, "office", json_string(flt->office));
		if (d != NULL && flt->region != NULL)
			json_object_set_new(d, "region", json_string(flt->region));
		rc = audit_detail(app, actor, d, err);
	}
out:
	arena_release(&a);
	return rc;
}

/* ---- UNODC GLOTIP ---- */

struct glotip {
	struct arena *a;
	struct app_glotip_row *rows;
	size_t n, cap;
	int year;
};

static void
glotip_add(struct glotip *g, const char *ind, const char *dim, const char *cat,
	const char *sex, const char *age, int64_t v)
{
	if (g->n == g->cap) {
		struct app_glotip_row *big;
		g->cap = g->cap ? g->cap * 2 : 64;
		big = arena_alloc(g->a, g->cap * sizeof(*big));
		if (g->rows)
			memcpy(big, g->rows, g->n * sizeof(*big));
		g->rows = big;
	}
	g->rows[g->n++] = (struct app_glotip_row){ ind, dim, cat, sex, age, g->year, v };
}

/* GLOTIP's sex and age words for a fact's sex and age group. */
static const char *
glotip_sex(enum i18n_lang L, const char *sex)
{
	if (sex != NULL && strcmp(sex, "female") == 0)
		return i18n_gettext(L, "Female");
	if (sex != NULL && strcmp(sex, "male") == 0)
		return i18n_gettext(L, "Male");
	return i18n_gettext(L, "Unknown");
}

static const char *
glotip_age(enum i18n_lang L, const char *group)
{
	if (group != NULL && strcmp(group, "child") == 0)
		return i18n_gettext(L, "0 to 17 years");
	if (group != NULL && strcmp(group, "adult") == 0)
		return i18n_gettext(L, "18 years or over");
	return i18n_gettext(L, "Unknown");
}

static enum kerr_code
glotip_query(struct app *app, const struct policy_actor *actor, struct glotip *g,
	enum stat_measure m, const char *by, struct stat_result *r, struct kerr *err)
{
	struct stat_query q = { .measure = m, .from = g->year, .to = g->year };

	if (stat_parse_by(&q, by, err) != KERR_OK ||
	    stat_parse_where(&q, "source=register", err) != KERR_OK)
		return err->code;
	return app_stats(app, actor, &q, g->a, r, err);
}

/* The rows of one GLOTIP indicator of persons (prosecuted, convicted): by
 * sex and age group with their total, by citizenship and by article of
 * the Penal Code (each by sex). */
static enum kerr_code
glotip_persons(struct app *app, const struct policy_actor *actor, struct glotip *g,
	enum stat_measure m, const char *ind, int lang_en, struct kerr *err)
{
	enum i18n_lang L = lang_en ? I18N_EN : I18N_ES;
	const char *total = i18n_gettext(L, "Total");
	struct stat_result r;
	int64_t t = 0;
	size_t i;
	enum kerr_code rc;

	if ((rc = glotip_query(app, actor, g, m, "sex,age_group", &r, err)))
		return rc;
	for (i = 0; i < r.nrows; i++) {
		glotip_add(g, ind, total, total, glotip_sex(L, r.rows[i].keys[0]),
			glotip_age(L, r.rows[i].keys[1]), r.rows[i].value);
		t += r.rows[i].value;
	}
	glotip_add(g, ind, total, total, total, total, t);
	if ((rc = glotip_query(app, actor, g, m, "nationality,sex", &r, err)))
		return rc;
	for (i = 0; i < r.nrows; i++)
		glotip_add(g, ind, i18n_gettext(L, "by citizenship"),
			stat_value_label(STAT_D_NATIONALITY, r.rows[i].keys[0], lang_en),
			glotip_sex(L, r.rows[i].keys[1]), total, r.rows[i].value);
	if ((rc = glotip_query(app, actor, g, m, "offence,sex", &r, err)))
		return rc;
	for (i = 0; i < r.nrows; i++)
		glotip_add(g, ind, i18n_gettext(L, "by article of the Penal Code"),
			stat_value_label(STAT_D_OFFENCE, r.rows[i].keys[0], lang_en),
			glotip_sex(L, r.rows[i].keys[1]), total, r.rows[i].value);
	return KERR_OK;
}

enum kerr_code
app_export_unodc(struct app *app, const struct policy_actor *actor, int year, int lang_en,
	struct arena *a, struct app_glotip_row **out, size_t *n, struct kerr *err)
{
	enum i18n_lang L = LANG(lang_en);
	struct glotip g = { .a = a, .year = year };
	struct stat_result r;
	const char *victims = i18n_gettext(L, "Detected trafficking victims");
	const char *total = i18n_gettext(L, "Total");
	int64_t tv = 0;
	size_t i;
	enum kerr_code rc;

	*out = NULL;
	*n = 0;
	if ((rc = app_allow(app, actor, POL_DATA_EXPORT, NULL, "stats", err)) != KERR_OK)
		return rc;
	if (year < 1900 || year > 2100)
		return kerr_field(err, KERR_INVALID, "--year", _("'%d' is not a year"), year);
	/* detected victims by sex and age group */
	if ((rc = glotip_query(app, actor, &g, STAT_VICTIMS, "sex,age_group", &r, err)))
		return rc;
	for (i = 0; i < r.nrows; i++) {
		glotip_add(&g, victims, total, total, glotip_sex(L, r.rows[i].keys[0]),
			glotip_age(L, r.rows[i].keys[1]), r.rows[i].value);
		tv += r.rows[i].value;
	}
	glotip_add(&g, victims, total, total, total, total, tv);
	/* by form of exploitation (a victim counts once per form) */
	if ((rc = glotip_query(app, actor, &g, STAT_VICTIMS, "exploitation,sex,age_group", &r, err)))
		return rc;
	for (i = 0; i < r.nrows; i++)
		glotip_add(&g, victims, i18n_gettext(L, "by form of exploitation"),
			stat_value_label(STAT_D_EXPLOITATION, r.rows[i].keys[0], lang_en),
			glotip_sex(L, r.rows[i].keys[1]), glotip_age(L, r.rows[i].keys[2]),
			r.rows[i].value);
	/* by citizenship */
	if ((rc = glotip_query(app, actor, &g, STAT_VICTIMS, "nationality,sex,age_group", &r, err)))
		return rc;
	for (i = 0; i < r.nrows; i++)
		glotip_add(&g, victims, i18n_gettext(L, "by citizenship"),
			stat_value_label(STAT_D_NATIONALITY, r.rows[i].keys[0], lang_en),
			glotip_sex(L, r.rows[i].keys[1]), glotip_age(L, r.rows[i].keys[2]),
			r.rows[i].value);
	/* persons suspected (the complaint's year), by sex */
	if ((rc = glotip_query(app, actor, &g, STAT_SUSPECTS, "sex", &r, err)))
		return rc;
	for (i = 0; i < r.nrows; i++)
		glotip_add(&g, i18n_gettext(L, "Persons suspected"), total, total,
			glotip_sex(L, r.rows[i].keys[0]), total, r.rows[i].value);
	/* persons prosecuted and convicted (docs/statistics.md): each in the
	 * year of its own step, by sex and age group, by citizenship, by article */
	if ((rc = glotip_persons(app, actor, &g, STAT_PROSECUTED,
	    i18n_gettext(L, "Persons prosecuted"), lang_en, err)) ||
	    (rc = glotip_persons(app, actor, &g, STAT_CONVICTIONS,
	    i18n_gettext(L, "Persons convicted"), lang_en, err)))
		return rc;
	*out = g.rows;
	*n = g.n;
	return audit_detail(app, actor, json_pack("{s:s,s:i,s:I}", "format", "unodc", "year", year,
		"rows", (json_int_t)g.n), err);
}
