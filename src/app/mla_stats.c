/*
 * mla_stats.c — statistics of international requests (issue 13; the
 * definitions are in docs/statistics.md, "International requests"):
 * `khipu stats --measure requests | request_days --by country,direction,
 * request_type,request_status,channel,year`. A register holds hundreds or
 * a few thousand requests, not millions: they are read from the requests
 * table (store_request_list, every office's) and grouped here, and the
 * median needs every value of a group anyway.
 */
#include "app/stats.h"

#include <stdlib.h>
#include <string.h>

#include "app/app_int.h"
#include "lib/date.h"
#include "lib/i18n.h"

int
stat_measure_is_request(enum stat_measure m)
{
	return m == STAT_REQUESTS || m == STAT_REQUEST_DAYS;
}

/* The date a request starts from: sent (outgoing) or received (incoming). */
static const char *
start_date(const struct intl_request *r)
{
	return strcmp(r->direction, "incoming") == 0 ? r->received : r->sent;
}

/* The value of dimension d for request r (NULL: unknown), year in y[5]. */
static const char *
req_value(const struct intl_request *r, enum stat_dim d, char y[5])
{
	const char *s;

	switch (d) {
	case STAT_D_YEAR:
		s = start_date(r);
		if (s[0] == '\0')
			return NULL;
		memcpy(y, s, 4);
		y[4] = '\0';
		return y;
	case STAT_D_COUNTRY: return r->country;
	case STAT_D_DIRECTION: return r->direction;
	case STAT_D_REQUEST_TYPE: return r->type;
	case STAT_D_REQUEST_STATUS: return r->status;
	case STAT_D_CHANNEL: return r->channel;
	default: return NULL;
	}
}

/* One request counted: its group's keys and its days to answer. */
struct req_item {
	const char *keys[STORE_STAT_MAXDIMS];
	int64_t days;
};

/* NULL first, then text (years are four digits: text order is theirs). */
static int
key_cmp(const char *x, const char *y)
{
	if (x == NULL || y == NULL)
		return (x != NULL) - (y != NULL);
	return strcmp(x, y);
}

static int
item_keys_cmp(const struct req_item *x, const struct req_item *y)
{
	int c, k;

	for (k = 0; k < STORE_STAT_MAXDIMS; k++)
		if ((c = key_cmp(x->keys[k], y->keys[k])) != 0)
			return c;
	return 0;
}

static int
item_cmp(const void *va, const void *vb)
{
	const struct req_item *x = va, *y = vb;
	int c = item_keys_cmp(x, y);

	return c != 0 ? c : (x->days > y->days) - (x->days < y->days);
}

static int
days_cmp(const void *va, const void *vb)
{
	const int64_t *x = va, *y = vb;

	return (*x > *y) - (*x < *y);
}

/* The median of n sorted values: the middle one, or the mean of the two
 * middle ones rounded down to a whole day. */
static int64_t
median(const int64_t *v, size_t n)
{
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static enum kerr_code
check_query(const struct stat_query *q, struct kerr *err)
{
	size_t i;

	if (q->nby == 0 || q->nby > STAT_MAXDIMS)
		return kerr_field(err, KERR_INVALID, "--by", _("name one to %d dimensions"),
			STAT_MAXDIMS);
	for (i = 0; i < q->nby; i++)
		if (!stat_dim_applies(q->by[i], q->measure))
			return kerr_field(err, KERR_INVALID, "--by",
				_("dimension '%s' does not apply to measure '%s'"),
				stat_dim_name(q->by[i]), stat_measure_name(q->measure));
	for (i = 0; i < q->nwhere; i++)
		if (!stat_dim_applies(q->where_dim[i], q->measure))
			return kerr_field(err, KERR_INVALID, "--where",
				_("dimension '%s' does not apply to measure '%s'"),
				stat_dim_name(q->where_dim[i]), stat_measure_name(q->measure));
	return KERR_OK;
}

/* 1 when request r is counted by q (year range, filters); the days to
 * answer in *days (-1: not answered, or without its start date). */
static int
counted(const struct stat_query *q, const struct intl_request *r, int64_t *days)
{
	char y[5];
	const char *v;
	int64_t d0, d1;
	int year;
	size_t i;

	*days = -1;
	v = req_value(r, STAT_D_YEAR, y);
	year = v != NULL ? atoi(v) : 0;
	if ((q->from != 0 || q->to != 0) &&
	    (year == 0 || (q->from != 0 && year < q->from) || (q->to != 0 && year > q->to)))
		return 0;
	for (i = 0; i < q->nwhere; i++) {
		v = req_value(r, q->where_dim[i], y);
		if (v == NULL || strcmp(v, q->where_val[i]) != 0)
			return 0;
	}
	if (r->answered[0] != '\0' && start_date(r)[0] != '\0' &&
	    date_parse(start_date(r), &d0) && date_parse(r->answered, &d1) && d1 >= d0)
		*days = d1 - d0;
	return 1;
}

/* The figure of q over the requests of office's cases and of the cases
 * shared with it (0: every office's). */
static enum kerr_code
request_stats(struct app *app, const struct stat_query *q, int64_t office, struct arena *a,
	struct stat_result *out, struct kerr *err)
{
	struct store_request_row *rows;
	struct req_item *items;
	struct store_stat_row *res;
	int64_t *all, days;
	size_t nrows, n = 0, nall = 0, i, j, k, g = 0;
	int med = q->measure == STAT_REQUEST_DAYS;
	char (*years)[5];
	enum kerr_code rc;

	memset(out, 0, sizeof(*out));
	if ((rc = check_query(q, err)) != KERR_OK)
		return rc;
	rc = store_request_list(app->rd != NULL ? app->rd : app->st, office, a, &rows, &nrows,
		err);
	if (rc != KERR_OK)
		return rc;
	items = arena_alloc(a, (nrows + 1) * sizeof(*items));
	years = arena_alloc(a, (nrows + 1) * sizeof(*years));
	for (i = 0; i < nrows; i++) {
		if (!counted(q, &rows[i].r, &days) || (med && days < 0))
			continue;
		memset(&items[n], 0, sizeof(items[n]));
		for (k = 0; k < q->nby; k++)
			items[n].keys[k] = req_value(&rows[i].r, q->by[k], years[i]);
		items[n].days = days;
		n++;
	}
	qsort(items, n, sizeof(*items), item_cmp);
	res = arena_alloc(a, (n + 1) * sizeof(*res));
	all = arena_alloc(a, (n + 1) * sizeof(*all));
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && item_keys_cmp(&items[i], &items[j]) == 0; j++)
			all[nall++] = items[j].days;
		memcpy(res[g].keys, items[i].keys, sizeof(res[g].keys));
		/* the group's days are sorted (item_cmp) */
		res[g].value = med ? median(all + nall - (j - i), j - i) : (int64_t)(j - i);
		g++;
	}
	out->q = *q;
	out->rows = res;
	out->nrows = g;
	if (med && nall > 0) {
		qsort(all, nall, sizeof(*all), days_cmp);
		out->total = median(all, nall);
	} else if (!med) {
		out->total = (int64_t)n;
	}
	return KERR_OK;
}

enum kerr_code
app_request_stats(struct app *app, const struct stat_query *q, struct arena *a,
	struct stat_result *out, struct kerr *err)
{
	/* every office's requests: statistics are of the whole register */
	return request_stats(app, q, 0, a, out, err);
}

enum kerr_code
app_mla_stats(struct app *app, const struct policy_actor *actor, const struct stat_query *q,
	struct arena *a, struct stat_result *out, struct kerr *err)
{
	int64_t office = 0;
	enum kerr_code rc;

	memset(out, 0, sizeof(*out));
	if ((rc = app_allow(app, actor, POL_REQUEST_MANAGE, NULL, "request", err)) != KERR_OK)
		return rc;
	/* the same requests as app_mla_list shows the actor */
	if (policy_scope(actor->role, POL_REQUEST_MANAGE) == POL_SCOPE_OFFICE)
		office = actor->office_id > 0 ? actor->office_id : -1;
	return request_stats(app, q, office, a, out, err);
}
