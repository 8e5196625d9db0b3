/*
 * opendata.c — CTDC imports (opendata.h). The rows are read by io/ctdc.c and
 * written as statistical facts (store_stats.h) in one transaction.
 */
#include "app/opendata.h"

#include <errno.h>
#include <jansson.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/app_int.h"
#include "lib/i18n.h"
#include "store/store_stats.h"

struct import_ctx {
	struct app *app;
	struct app_import_report *rep;
	int write;                       /* insert records (not a dry run, nothing rejected) */
	struct kerr *err;
	enum kerr_code rc;               /* a store failure stops the read */
	int64_t seq;                     /* the last imported fact's number (meta) */
};

#define META_IMPORT_SEQ "stats.import_seq"

static enum kerr_code
insert_record(struct import_ctx *c, const struct ctdc_record *rec)
{
	struct store_stat_fact f = {
		.seq = ++c->seq, .kind = "victim", .source = c->rep->source, .year = rec->year, .sex = rec->sex,
		.age_band = rec->age_band, .age_group = rec->age_group,
		.nationality = rec->nationality, .exploitation_country = rec->exploitation_country,
	};
	int64_t id;
	enum kerr_code rc;
	size_t i;

	if ((rc = store_stat_fact_insert(c->app->st, &f, &id, c->err)) != KERR_OK)
		return rc;
	for (i = 0; i < rec->ncodes && rc == KERR_OK; i++)
		rc = store_stat_code_insert(c->app->st, id, rec->codes[i].dim, rec->codes[i].code,
			c->err);
	return rc;
}

static int
import_row(void *vctx, size_t row, const struct ctdc_record *rec, const struct kerr *why)
{
	struct import_ctx *c = vctx;
	struct app_import_report *rep = c->rep;

	if (rec == NULL) {
		if (rep->nlisted < APP_IMPORT_LISTED) {
			rep->listed[rep->nlisted].row = row;
			snprintf(rep->listed[rep->nlisted].field, sizeof(rep->listed[0].field), "%s",
				why->field);
			/* the message without its "field: " prefix */
			const char *m = why->msg;
			size_t fl = strlen(why->field);
			if (fl && strncmp(m, why->field, fl) == 0 && strncmp(m + fl, ": ", 2) == 0)
				m += fl + 2;
			snprintf(rep->listed[rep->nlisted].msg, sizeof(rep->listed[0].msg), "%s", m);
			rep->nlisted++;
		}
		rep->rejected++;
		c->write = 0;   /* all or nothing: the transaction will be rolled back */
		return 0;
	}
	rep->records++;
	if (c->write && (c->rc = insert_record(c, rec)) != KERR_OK)
		return 1;
	return 0;
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s ? s + 1 : path;
}

/* The number of facts imported so far (imported ids are seq * 8 + 5). */
static enum kerr_code
read_seq(struct app *app, int64_t *seq, struct kerr *err)
{
	struct arena a;
	const char *v = NULL;
	enum kerr_code rc;

	arena_init(&a);
	rc = store_meta_get(app->st, META_IMPORT_SEQ, &a, &v, err);
	*seq = v != NULL ? strtoll(v, NULL, 10) : 0;
	if (rc == KERR_NOTFOUND) {
		kerr_clear(err);
		rc = KERR_OK;
	}
	arena_release(&a);
	return rc;
}

static enum kerr_code
finish_import(struct app *app, const struct policy_actor *actor, const char *path,
	struct app_import_report *rep, int64_t seq, struct kerr *err)
{
	struct store_stat_source src = {
		.tag = rep->source, .format = ctdc_format_name(rep->info.format),
		.file = base_name(path), .records = (int64_t)rep->records,
		.rejected = (int64_t)rep->rejected, .imported_by = actor->user_id,
		.imported_at = (int64_t)time(NULL),
	};
	json_t *detail;
	char *text, object[200];
	int64_t id;
	enum kerr_code rc;

	char seqtext[32];

	snprintf(seqtext, sizeof(seqtext), "%lld", (long long)seq);
	if ((rc = store_stat_source_insert(app->st, &src, &id, err)) != KERR_OK ||
	    (rc = store_meta_set(app->st, META_IMPORT_SEQ, seqtext, err)) != KERR_OK)
		return rc;
	detail = json_pack("{s:s,s:s,s:I}", "source", rep->source, "format", src.format,
		"records", (json_int_t)rep->records);
	text = json_dumps(detail, JSON_COMPACT);
	json_decref(detail);
	snprintf(object, sizeof(object), "stat_source:%lld", (long long)id);
	rc = app_audit(app, actor, POL_DATA_IMPORT, object, text, err);
	free(text);
	return rc;
}

/* A dry run must fail where the import would: the source's row is tried
 * in a transaction that is rolled back, so the same uniqueness check
 * answers (KERR_CONFLICT when the source was imported already). */
static enum kerr_code
source_free(struct app *app, const struct policy_actor *actor, const char *tag,
	struct kerr *err)
{
	struct store_stat_source src = {
		.tag = tag, .format = "dry-run", .file = "", .imported_by = actor->user_id,
		.imported_at = (int64_t)time(NULL),
	};
	int64_t id;
	enum kerr_code rc;

	if ((rc = store_begin(app->st, err)) != KERR_OK)
		return rc;
	rc = store_stat_source_insert(app->st, &src, &id, err);
	store_rollback(app->st);
	return rc;
}

enum kerr_code
app_import_ctdc(struct app *app, const struct policy_actor *actor, const char *path,
	const char *source, int flags, struct app_import_report *rep, struct kerr *err)
{
	struct import_ctx c = { .app = app, .rep = rep, .err = err, .rc = KERR_OK };
	int dry = (flags & APP_IMPORT_DRY_RUN) != 0;
	FILE *f;
	enum kerr_code rc;

	memset(rep, 0, sizeof(*rep));
	if ((rc = app_allow(app, actor, POL_DATA_IMPORT, NULL, "stats", err)) != KERR_OK)
		return rc;
	if (source != NULL && (*source == '\0' || strlen(source) >= sizeof(rep->source) ||
	    strpbrk(source, "\n\r\t") != NULL))
		return kerr_field(err, KERR_INVALID, "--source",
			_("a source name is one line of 1 to 127 bytes"));
	if (source != NULL)
		snprintf(rep->source, sizeof(rep->source), "%s", source);
	else
		snprintf(rep->source, sizeof(rep->source), "ctdc:%.120s", base_name(path));
	if ((f = fopen(path, "rb")) == NULL)
		return kerr_set(err, KERR_IO, _("cannot open '%s': %s"), path, strerror(errno));
	if (dry && (rc = source_free(app, actor, rep->source, err)) != KERR_OK) {
		fclose(f);
		return rc;
	}
	c.write = !dry;
	if (!dry && (rc = store_begin(app->st, err)) != KERR_OK) {
		fclose(f);
		return rc;
	}
	if (!dry && (rc = read_seq(app, &c.seq, err)) != KERR_OK) {
		store_rollback(app->st);
		fclose(f);
		return rc;
	}
	int64_t seq0 = c.seq;
	rc = ctdc_read(f, (flags & APP_IMPORT_IGNORE_UNKNOWN) ? CTDC_IGNORE_UNKNOWN : 0,
		import_row, &c, &rep->info, err);
	fclose(f);
	if (rc == KERR_OK && c.rc != KERR_OK)
		rc = c.rc;
	if (rc == KERR_OK && rep->rejected > 0)
		rc = kerr_set(err, KERR_INVALID,
			_("%zu of %zu rows rejected (first: row %zu, %s: %s); nothing imported"),
			rep->rejected, rep->info.rows, rep->listed[0].row, rep->listed[0].field,
			rep->listed[0].msg);
	if (rc == KERR_OK && rep->records == 0)
		rc = kerr_set(err, KERR_INVALID, _("'%s' has a header but no rows; nothing imported"),
			path);
	if (dry)
		return rc;
	/* the cubes get the new records, as a whole (0003_stats.sql) */
	if (rc == KERR_OK)
		rc = store_stat_cube_add(app->st, seq0 * 8 + 5, c.seq * 8 + 5, 5, err);
	if (rc == KERR_OK)
		rc = finish_import(app, actor, path, rep, c.seq, err);
	if (rc != KERR_OK) {
		store_rollback(app->st);
		return rc;
	}
	if ((rc = store_commit(app->st, err)) == KERR_OK)
		rep->imported = 1;
	return rc;
}
