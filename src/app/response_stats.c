/*
 * response_stats.c — the statistics of the State's response (issue 10,
 * items 3 and 4; definitions in docs/statistics.md, "Protection of
 * victims" and "Asset recovery"): `khipu stats --measure protections |
 * protected_victims | assets | assets_stage_value | seized_value |
 * confiscated_value | realised_value`, grouped and filtered like every
 * other measure. They count events (a measure given, a step of an asset)
 * by the year and month of their own date, not of the complaint, so they
 * read the protection and asset tables directly (store_resp_stat_query)
 * instead of the statistical facts; removed children are left out.
 */
#include "app/stats.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_int.h"
#include "core/codebook.h"
#include "lib/i18n.h"

int
stat_measure_is_response(enum stat_measure m)
{
	return m >= STAT_PROTECTIONS && m <= STAT_REALISED_VALUE;
}

int
stat_measure_is_money(enum stat_measure m)
{
	return m == STAT_ASSETS_VALUE || (m >= STAT_ASSETS_STAGE_VALUE && m <= STAT_REALISED_VALUE);
}

/* The column of dimension d in the response statistics, or SRC_NONE. */
static int
resp_col(enum stat_dim d, int assets)
{
	switch (d) {
	case STAT_D_YEAR: return SRC_YEAR;
	case STAT_D_MONTH: return SRC_MONTH;
	case STAT_D_OFFICE: return SRC_OFFICE;
	case STAT_D_DISTRITO_FISCAL: return SRC_DISTRITO_FISCAL;
	case STAT_D_REGION: return SRC_REGION;
	case STAT_D_PROTECTION: return assets ? SRC_NONE : SRC_PROTECTION;
	case STAT_D_PROVIDER: return assets ? SRC_NONE : SRC_PROVIDER;
	case STAT_D_PROTECTION_RESULT: return assets ? SRC_NONE : SRC_RESULT;
	case STAT_D_CONSENT: return assets ? SRC_NONE : SRC_CONSENT;
	case STAT_D_SEX: return assets ? SRC_NONE : SRC_SEX;
	case STAT_D_AGE_GROUP: return assets ? SRC_NONE : SRC_AGE_GROUP;
	case STAT_D_NATIONALITY: return assets ? SRC_NONE : SRC_NATIONALITY;
	case STAT_D_ASSET_KIND: return assets ? SRC_ASSET_KIND : SRC_NONE;
	case STAT_D_ASSET_STAGE: return assets ? SRC_ASSET_STAGE : SRC_NONE;
	case STAT_D_CURRENCY: return assets ? SRC_CURRENCY : SRC_NONE;
	default: return SRC_NONE;
	}
}

/* ",seized,frozen,": the asset steps the codebook gives flag (or flag2). */
static const char *
steps_flagged(struct arena *a, const char *flag, const char *flag2)
{
	const struct cb_entry *e;
	char buf[512];
	size_t i, n, len;

	e = cb_entries(CB_ASSET_MEASURE, &n);
	snprintf(buf, sizeof(buf), ",");
	for (i = 0; i < n; i++)
		if (cb_has_flag(&e[i], flag) || (flag2 != NULL && cb_has_flag(&e[i], flag2))) {
			len = strlen(buf);
			snprintf(buf + len, sizeof(buf) - len, "%s,", e[i].code);
		}
	return arena_strdup(a, buf);
}

static enum kerr_code
build(const struct stat_query *q, struct arena *a, struct store_resp_query *rq,
	const char **currency, struct kerr *err)
{
	int assets = q->measure >= STAT_ASSETS, value = q->measure >= STAT_ASSETS_STAGE_VALUE;
	size_t i, nw = 0;

	memset(rq, 0, sizeof(*rq));
	*currency = NULL;
	if (q->nby == 0 || q->nby > 4)
		return kerr_field(err, KERR_INVALID, "--by", _("name one to %d dimensions"), 4);
	for (i = 0; i < q->nby; i++) {
		if (!stat_dim_applies(q->by[i], q->measure) || resp_col(q->by[i], assets) == SRC_NONE)
			return kerr_field(err, KERR_INVALID, "--by",
				_("dimension '%s' does not apply to measure '%s'"),
				stat_dim_name(q->by[i]), stat_measure_name(q->measure));
		rq->cols[i] = resp_col(q->by[i], assets);
	}
	rq->from = q->from;
	rq->to = q->to;
	for (i = 0; i < q->nwhere; i++) {
		int col = resp_col(q->where_dim[i], assets);
		if (q->where_dim[i] == STAT_D_YEAR) {
			int y = atoi(q->where_val[i]);
			if (rq->from < y)
				rq->from = y;
			if (rq->to == 0 || rq->to > y)
				rq->to = y;
			continue;
		}
		if (!stat_dim_applies(q->where_dim[i], q->measure) || col == SRC_NONE)
			return kerr_field(err, KERR_INVALID, "--where",
				_("dimension '%s' does not apply to measure '%s'"),
				stat_dim_name(q->where_dim[i]), stat_measure_name(q->measure));
		if (q->where_dim[i] == STAT_D_CURRENCY)
			*currency = q->where_val[i];
		if (nw == 3)
			return kerr_field(err, KERR_INVALID, "--where",
				_("at most %d filters on single-valued dimensions"), 3);
		rq->where_col[nw] = col;
		rq->where_val[nw++] = q->where_val[i];
	}
	if (rq->from && rq->to && rq->from > rq->to)
		return kerr_field(err, KERR_INVALID, "--where",
			_("empty range: --from %d is after --to %d"), rq->from, rq->to);
	/* values of different currencies never add up: PEN unless another is asked
	 * for or the currency is grouped by */
	if (value && *currency == NULL) {
		for (i = 0; i < q->nby && q->by[i] != STAT_D_CURRENCY; i++)
			;
		if (i == q->nby) {
			if (nw == 3)
				return kerr_field(err, KERR_INVALID, "--where",
					_("at most %d filters on single-valued dimensions"), 2);
			*currency = "PEN";
			rq->where_col[nw] = SRC_CURRENCY;
			rq->where_val[nw++] = "PEN";
		}
	}
	switch (q->measure) {
	case STAT_PROTECTIONS: rq->what = SRW_PROTECTIONS; break;
	case STAT_PROTECTED_VICTIMS: rq->what = SRW_PROTECTED_VICTIMS; break;
	case STAT_ASSETS: rq->what = SRW_ASSETS; break;
	case STAT_ASSETS_STAGE_VALUE: rq->what = SRW_STAGE_VALUE; break;
	case STAT_SEIZED_VALUE:
		rq->what = SRW_FIRST_VALUE;
		rq->codes = steps_flagged(a, "seizure", NULL);
		break;
	case STAT_CONFISCATED_VALUE:
		rq->what = SRW_FIRST_VALUE;
		rq->codes = steps_flagged(a, "confiscation", NULL);
		break;
	default:
		rq->what = SRW_REALISED_VALUE;
		rq->codes = steps_flagged(a, "realised", NULL);
		break;
	}
	return KERR_OK;
}

enum kerr_code
app_response_stats(struct app *app, const struct stat_query *q, struct arena *a,
	struct stat_result *out, struct kerr *err)
{
	struct store_resp_query rq;
	const char *currency;
	enum kerr_code rc;
	size_t i;

	memset(out, 0, sizeof(*out));
	if ((rc = build(q, a, &rq, &currency, err)) != KERR_OK)
		return rc;
	rc = store_resp_stat_query(app->rd != NULL ? app->rd : app->st, &rq, a, &out->rows,
		&out->nrows, err);
	if (rc != KERR_OK)
		return rc;
	out->q = *q;
	out->currency = currency;
	for (i = 0; i < out->nrows; i++)
		out->total += out->rows[i].value;
	return KERR_OK;
}
