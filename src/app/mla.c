/*
 * mla.c — international requests (mutual legal assistance, extradition...)
 * followed as a workflow (issue 13). A request is a child of its case's
 * document: adding or changing one amends the case (app_case_amend_how),
 * so it is one revision and one audit entry, allowed and audited as
 * request.manage (the liaison does not otherwise update cases). Lists show
 * the requests of the cases the actor may manage requests on, overdue first.
 */
#include "app/app_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codebook.h"
#include "core/mla.h"
#include "core/validate.h"
#include "lib/date.h"
#include "lib/i18n.h"

#define TRY_RC(x) do { enum kerr_code rc_ = (x); if (rc_ != KERR_OK) return rc_; } while (0)

/* ---- helpers shared with case documents (app_int.h) ---- */

int
app_codes_equal(const char *const *x, size_t nx, const char *const *y, size_t ny)
{
	size_t i;

	if (nx != ny)
		return 0;
	for (i = 0; i < nx; i++)
		if (strcmp(x[i], y[i]) != 0)
			return 0;
	return 1;
}

int
app_ids_equal(const int64_t *x, size_t nx, const int64_t *y, size_t ny)
{
	return nx == ny && (nx == 0 || memcmp(x, y, nx * sizeof(*x)) == 0);
}

enum kerr_code
app_request_links_check(const struct kcase *c, size_t i, struct kerr *err)
{
	const struct intl_request *r = &c->requests[i];
	char field[64];
	size_t j, k;

	for (j = 0; j < r->npersons; j++) {
		for (k = 0; k < c->nparts; k++)
			if (c->parts[k].person_id == r->persons[j])
				break;
		if (k == c->nparts) {
			snprintf(field, sizeof(field), "requests[%zu].persons[%zu]", i, j);
			return kerr_field(err, KERR_INVALID, field,
				_("person %lld is not a person of this case; see persons[].person_id "
				  "of 'khipu case show ID --format json'"), (long long)r->persons[j]);
		}
	}
	for (j = 0; j < r->nassets; j++) {
		for (k = 0; k < c->nassets; k++)
			if (c->assets[k].id == r->assets[j])
				break;
		if (k == c->nassets) {
			snprintf(field, sizeof(field), "requests[%zu].assets[%zu]", i, j);
			return kerr_field(err, KERR_INVALID, field,
				_("asset %lld is not an asset of this case; see assets[].id of "
				  "'khipu case show ID --format json'"), (long long)r->assets[j]);
		}
	}
	return KERR_OK;
}

/* ---- reading the options of a request ---- */

/* A date of an option: "" clears it (an update), else a real calendar date;
 * past dates only unless future_ok (a due date). */
static enum kerr_code
opt_date(const char *opt, const char *v, int future_ok, char out[MODEL_DATE_LEN],
	struct kerr *err)
{
	int64_t day;

	if (v == NULL)
		return KERR_OK;
	if (v[0] == '\0') {
		out[0] = '\0';
		return KERR_OK;
	}
	if (!future_ok)
		TRY_RC(validate_date(opt, v, err));
	else if (strlen(v) != 10 || !date_parse(v, &day) || strcmp(v, "1900-01-01") < 0)
		return kerr_field(err, KERR_INVALID, opt, _("'%s' is not a date YYYY-MM-DD"), v);
	snprintf(out, MODEL_DATE_LEN, "%s", v);
	return KERR_OK;
}

static enum kerr_code
opt_code(const char *opt, enum cb_dim dim, const char *v, const char **out, struct kerr *err)
{
	if (v == NULL)
		return KERR_OK;
	if (v[0] == '\0' && dim != CB_REQUEST_DIRECTION && dim != CB_COUNTRY &&
	    dim != CB_REQUEST_TYPE && dim != CB_REQUEST_STATUS) {
		*out = NULL;
		return KERR_OK;
	}
	if (dim == CB_COUNTRY)
		TRY_RC(validate_country(opt, v, err));
	else
		TRY_RC(validate_code(opt, dim, v, err));
	*out = cb_lookup(dim, v) != NULL ? cb_lookup(dim, v)->code : v;
	return KERR_OK;
}

/* "a,b" into distinct codes of dim, in an arena list. */
static enum kerr_code
opt_codes(struct arena *a, const char *opt, const char *v, const char ***out, size_t *n,
	struct kerr *err)
{
	char *copy, *tok, *save = NULL;
	const char **list;
	size_t k = 0, j, cap = 1;
	const char *p;

	if (v == NULL)
		return KERR_OK;
	for (p = v; *p != '\0'; p++)
		cap += *p == ',';
	list = arena_alloc(a, cap * sizeof(*list));
	copy = arena_strdup(a, v);
	for (tok = strtok_r(copy, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save)) {
		TRY_RC(validate_code(opt, CB_REQUEST_ASSISTANCE, tok, err));
		for (j = 0; j < k; j++)
			if (strcmp(list[j], tok) == 0)
				return kerr_field(err, KERR_INVALID, opt, _("duplicate code '%s'"), tok);
		list[k++] = cb_lookup(CB_REQUEST_ASSISTANCE, tok)->code;
	}
	*out = list;
	*n = k;
	return KERR_OK;
}

/* "12,15" into distinct positive ids. */
static enum kerr_code
opt_ids(struct arena *a, const char *opt, const char *v, int64_t **out, size_t *n,
	struct kerr *err)
{
	char *copy, *tok, *save = NULL, *end;
	int64_t *list;
	size_t k = 0, j, cap = 1;
	const char *p;
	long long id;

	if (v == NULL)
		return KERR_OK;
	for (p = v; *p != '\0'; p++)
		cap += *p == ',';
	list = arena_alloc(a, cap * sizeof(*list));
	copy = arena_strdup(a, v);
	for (tok = strtok_r(copy, ",", &save); tok != NULL; tok = strtok_r(NULL, ",", &save)) {
		id = strtoll(tok, &end, 10);
		if (*end != '\0' || id <= 0)
			return kerr_field(err, KERR_INVALID, opt,
				_("'%s' is not an id (a positive integer)"), tok);
		for (j = 0; j < k; j++)
			if (list[j] == id)
				return kerr_field(err, KERR_INVALID, opt, _("duplicate id %lld"), id);
		list[k++] = (int64_t)id;
	}
	*out = list;
	*n = k;
	return KERR_OK;
}

/* The options given in f laid over r (an update: what is not given stays). */
static enum kerr_code
apply_fields(struct arena *a, const struct app_mla_fields *f, struct intl_request *r,
	struct kerr *err)
{
	TRY_RC(opt_code("--direction", CB_REQUEST_DIRECTION, f->direction, &r->direction, err));
	TRY_RC(opt_code("--country", CB_COUNTRY, f->country, &r->country, err));
	TRY_RC(opt_code("--type", CB_REQUEST_TYPE, f->type, &r->type, err));
	TRY_RC(opt_code("--status", CB_REQUEST_STATUS, f->status, &r->status, err));
	TRY_RC(opt_code("--basis", CB_LEGAL_BASIS, f->legal_basis, &r->legal_basis, err));
	TRY_RC(opt_code("--channel", CB_REQUEST_CHANNEL, f->channel, &r->channel, err));
	TRY_RC(opt_codes(a, "--asks", f->assistance, &r->assistance, &r->nassistance, err));
	TRY_RC(opt_ids(a, "--person", f->persons, &r->persons, &r->npersons, err));
	TRY_RC(opt_ids(a, "--asset", f->assets, &r->assets, &r->nassets, err));
	TRY_RC(opt_date("--sent", f->sent, 0, r->sent, err));
	TRY_RC(opt_date("--received", f->received, 0, r->received, err));
	TRY_RC(opt_date("--answered", f->answered, 0, r->answered, err));
	TRY_RC(opt_date("--due", f->due, 1, r->due, err));
	if (f->authority != NULL) {
		TRY_RC(validate_text("--authority", f->authority, 200, err));
		r->authority = f->authority[0] != '\0' ? arena_strdup(a, f->authority) : NULL;
	}
	if (f->reference != NULL) {
		TRY_RC(validate_text("--reference", f->reference, 100, err));
		r->reference = f->reference[0] != '\0' ? arena_strdup(a, f->reference) : NULL;
	}
	return KERR_OK;
}

/* The rules of a request once its options are laid over it. */
static enum kerr_code
check_request(const struct kcase *c, size_t i, struct kerr *err)
{
	static const char *const opt[][2] = { { "due", "--due" }, { "answered", "--answered" },
		{ NULL, NULL } };
	const struct intl_request *r = &c->requests[i];
	struct mla_fault f;
	struct kerr tmp;
	size_t k;

	if (mla_check(r, &f) != 0) {
		for (k = 0; opt[k][0] != NULL && strcmp(opt[k][0], f.field) != 0; k++)
			;
		return kerr_field(err, KERR_INVALID, opt[k][0] != NULL ? opt[k][1] : f.field,
			"%s", _(f.msg));
	}
	memset(&tmp, 0, sizeof(tmp));
	if (app_request_links_check(c, i, &tmp) != KERR_OK) {
		const char *msg = strchr(tmp.msg, ':');
		return kerr_field(err, KERR_INVALID, strstr(tmp.field, ".persons") != NULL ?
			"--person" : "--asset", "%s", msg != NULL ? msg + 2 : tmp.msg);
	}
	return KERR_OK;
}

/* ---- adding and changing ---- */

struct mla_ctx {
	const struct app_mla_fields *f;
	int64_t request_id;          /* 0: add one */
};

static enum kerr_code
amend_request(void *vctx, struct kcase *nw, struct arena *a, struct kerr *err)
{
	struct mla_ctx *x = vctx;
	struct intl_request *reqs, *r;
	size_t i;

	if (x->request_id == 0) {
		reqs = arena_alloc(a, (nw->nrequests + 1) * sizeof(*reqs));
		if (nw->nrequests > 0)
			memcpy(reqs, nw->requests, nw->nrequests * sizeof(*reqs));
		nw->requests = reqs;
		i = nw->nrequests++;
		r = &reqs[i];
		memset(r, 0, sizeof(*r));
		r->case_id = nw->id;
	} else {
		for (i = 0; i < nw->nrequests && nw->requests[i].id != x->request_id; i++)
			;
		if (i == nw->nrequests)
			return kerr_set(err, KERR_NOTFOUND, _("no request %lld; see 'khipu mla list'"),
				(long long)x->request_id);
		r = &nw->requests[i];
	}
	TRY_RC(apply_fields(a, x->f, r, err));
	if (x->request_id == 0 && r->status == NULL)
		/* what it is when first recorded, unless the user says */
		r->status = strcmp(r->direction, "incoming") == 0 ? "received" :
			r->sent[0] != '\0' ? "sent" : "draft";
	return check_request(nw, i, err);
}

static enum kerr_code
amend(struct app *app, const struct policy_actor *actor, int64_t case_id, struct mla_ctx *x,
	const char *reason, int64_t *id, struct kerr *err)
{
	struct app_amend_how how = { .by_request = 1, .new_request_id = id };
	enum kerr_code rc;

	how.audit_extra = x->request_id != 0 ? json_pack("{s:I}", "request",
		(json_int_t)x->request_id) : json_pack("{s:s}", "request", "new");
	if (how.audit_extra == NULL)
		return kerr_set(err, KERR_INTERNAL, "out of memory");
	rc = app_case_amend_how(app, actor, case_id, &how, amend_request, x, reason, err);
	json_decref(how.audit_extra);
	if (rc == KERR_OK && x->request_id != 0 && id != NULL)
		*id = x->request_id;
	return rc;
}

enum kerr_code
app_mla_add(struct app *app, const struct policy_actor *actor, int64_t case_id,
	const struct app_mla_fields *f, const char *reason, int64_t *id, struct kerr *err)
{
	struct mla_ctx x = { f, 0 };

	*id = 0;
	if (f->direction == NULL)
		return kerr_field(err, KERR_INVALID, "--direction",
			_("missing: 'outgoing' (sent abroad) or 'incoming' (received from abroad)"));
	if (f->country == NULL)
		return kerr_field(err, KERR_INVALID, "--country",
			_("missing: the other country's ISO 3166 code, such as BO"));
	if (f->type == NULL)
		return kerr_field(err, KERR_INVALID, "--type",
			_("missing: see 'khipu codebook request_type'"));
	return amend(app, actor, case_id, &x, reason, id, err);
}

enum kerr_code
app_mla_update(struct app *app, const struct policy_actor *actor, int64_t request_id,
	const struct app_mla_fields *f, const char *reason, int64_t *case_id, struct kerr *err)
{
	struct mla_ctx x = { f, request_id };
	enum kerr_code rc;

	rc = store_request_case(app->st, request_id, case_id, err);
	if (rc == KERR_NOTFOUND)
		return kerr_set(err, KERR_NOTFOUND, _("no request %lld; see 'khipu mla list'"),
			(long long)request_id);
	if (rc != KERR_OK)
		return rc;
	return amend(app, actor, *case_id, &x, reason, NULL, err);
}

/* ---- lists ---- */

enum kerr_code
app_mla_list(struct app *app, const struct policy_actor *actor,
	const struct app_mla_filter *f, struct arena *a, struct app_mla_row **out, size_t *n,
	struct kerr *err)
{
	struct store_request_row *rows;
	struct app_mla_row *res;
	size_t i, k = 0, nrows;
	int64_t office = 0, today = f->today != 0 ? f->today : date_today(), left;
	int dated, pass;
	enum kerr_code rc;

	*out = NULL;
	*n = 0;
	if ((rc = app_allow(app, actor, POL_REQUEST_MANAGE, NULL, "request", err)) != KERR_OK)
		return rc;
	/* office-scoped roles see the requests of their office's cases and of
	 * cases shared with it */
	if (policy_scope(actor->role, POL_REQUEST_MANAGE) == POL_SCOPE_OFFICE)
		office = actor->office_id > 0 ? actor->office_id : -1;
	rc = store_request_list(app->rd != NULL ? app->rd : app->st, office, a, &rows, &nrows,
		err);
	if (rc != KERR_OK)
		return rc;
	res = arena_alloc(a, (nrows + 1) * sizeof(*res));
	/* two passes over the store's order (due date first): the overdue
	 * ones, most overdue first, then every other */
	for (pass = 0; pass < 2; pass++)
	for (i = 0; i < nrows; i++) {
		dated = mla_days_left(&rows[i].r, today, &left);
		if ((dated && left < 0) != (pass == 0))
			continue;
		if (f->overdue && !(dated && left < 0))
			continue;
		if (f->due_within >= 0 && !(dated && left >= 0 && left <= f->due_within))
			continue;
		if (f->open_only && !mla_is_open(rows[i].r.status))
			continue;
		if (f->case_id != 0 && rows[i].r.case_id != f->case_id)
			continue;
		if (f->country != NULL && strcmp(f->country, rows[i].r.country) != 0)
			continue;
		res[k].r = rows[i].r;
		res[k].case_number = rows[i].case_number;
		res[k].dated = dated;
		res[k].days_left = left;
		k++;
	}
	*out = res;
	*n = k;
	return KERR_OK;
}

enum kerr_code
app_mla_show(struct app *app, const struct policy_actor *actor, int64_t request_id,
	struct arena *a, struct app_mla_row *out, struct kerr *err)
{
	struct kcase c;
	struct policy_case pc;
	char object[48];
	int64_t case_id;
	size_t i;
	enum kerr_code rc;

	memset(out, 0, sizeof(*out));
	rc = store_request_case(app->st, request_id, &case_id, err);
	if (rc == KERR_NOTFOUND)
		return kerr_set(err, KERR_NOTFOUND, _("no request %lld; see 'khipu mla list'"),
			(long long)request_id);
	if (rc != KERR_OK)
		return rc;
	memset(&c, 0, sizeof(c));
	if ((rc = store_case_get(app->st, case_id, a, &c, err)) != KERR_OK)
		return rc;
	app_policy_case(&c, &pc);
	snprintf(object, sizeof(object), "case:%lld", (long long)case_id);
	if ((rc = app_allow(app, actor, POL_REQUEST_MANAGE, &pc, object, err)) != KERR_OK)
		return rc;
	for (i = 0; i < c.nrequests; i++)
		if (c.requests[i].id == request_id) {
			out->r = c.requests[i];
			out->case_number = c.number;
			out->dated = mla_days_left(&out->r, date_today(), &out->days_left);
			return KERR_OK;
		}
	return kerr_set(err, KERR_NOTFOUND, _("no request %lld; see 'khipu mla list'"),
		(long long)request_id);
}
