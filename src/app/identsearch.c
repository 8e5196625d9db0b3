/*
 * identsearch.c — an identifier across every case (identsearch.h).
 *
 * The identifier's normalised value is hashed with the register's key
 * (vault_blind, kind "ident:KIND", as protect.c indexes it) and looked up;
 * each row names an identifier whose case is read for its office and
 * shares only, and checked against the actor's scope (POL_CASE_READ).
 */
#include "app/identsearch.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_int.h"
#include "core/codebook.h"
#include "lib/i18n.h"
#include "lib/norm.h"

#define IDENT_MAX_ROWS 5000    /* identifiers read for one value: a guard */

static int
by_case(const void *x, const void *y)
{
	const struct app_ident_hit *a = x, *b = y;

	if (a->visible != b->visible)
		return b->visible - a->visible;
	if (a->visible)
		return (a->case_id > b->case_id) - (a->case_id < b->case_id);
	return (a->office_id > b->office_id) - (a->office_id < b->office_id);
}

/* Hits of one identifier row: the case it belongs to, seen or not. */
static enum kerr_code
hit_of(struct app *app, const struct policy_actor *actor, int64_t row, struct arena *a,
	struct app_ident_hit *h, struct kerr *err)
{
	struct identifier id;
	struct kcase c;
	struct office o;
	struct kerr ignored;
	size_t i;
	enum kerr_code rc;

	memset(h, 0, sizeof(*h));
	if ((rc = store_identifier_get(app->st, row, a, &id, err)) != KERR_OK)
		return rc;
	if ((rc = store_case_get(app->st, id.case_id, a, &c, err)) != KERR_OK)
		return rc;
	struct policy_case pc = { c.office_id, c.shared_with, c.nshared };
	h->visible = policy_check(actor, POL_CASE_READ, &pc, &ignored) == KERR_OK;
	h->office_id = c.office_id;
	if ((rc = store_office_get(app->st, c.office_id, a, &o, err)) != KERR_OK)
		return rc;
	h->office_code = o.code;
	h->office_name = o.name;
	if (!h->visible)
		return KERR_OK;
	h->case_id = c.id;
	h->case_number = c.number;
	h->person_id = id.person_id;
	for (i = 0; id.person_id > 0 && i < c.nparts; i++)
		if (c.parts[i].person_id == id.person_id)
			h->role = c.parts[i].role;
	return KERR_OK;
}

/* One hit per visible case and one per other office, in that order. */
static size_t
dedupe(struct app_ident_hit *h, size_t n)
{
	size_t i, k = 0;

	if (n > 1)
		qsort(h, n, sizeof(*h), by_case);
	for (i = 0; i < n; i++) {
		if (k > 0 && h[k - 1].visible == h[i].visible &&
		    (h[i].visible ? h[k - 1].case_id == h[i].case_id :
		    h[k - 1].office_id == h[i].office_id))
			continue;
		h[k++] = h[i];
	}
	return k;
}

enum kerr_code
app_identifier_search(struct app *app, const struct policy_actor *actor, const char *kind,
	const char *value, struct arena *a, struct app_ident_hit **out, size_t *n,
	struct kerr *err)
{
	unsigned char h[VAULT_BLIND_LEN];
	char norm[512], bkind[64];
	int64_t *rows = NULL;
	size_t nrows = 0, i, seen = 0;
	enum kerr_code rc;

	*out = NULL;
	*n = 0;
	if ((rc = app_allow(app, actor, POL_PERSON_SEARCH, NULL, "identifier", err)) != KERR_OK)
		return rc;
	if (kind == NULL || cb_lookup(CB_IDENTIFIER_KIND, kind) == NULL)
		return kerr_set(err, KERR_INVALID, _("--kind: unknown kind of identifier '%s' "
			"(see 'khipu codebook identifier_kind')"), kind ? kind : "");
	if (value == NULL || strlen(value) > 300 ||
	    norm_identifier(kind, value, norm, sizeof(norm)) != 0)
		return kerr_set(err, KERR_INVALID, _("--value: not a %s (1 to 300 characters; "
			"a phone has 6 to 15 digits)"), cb_label(CB_IDENTIFIER_KIND, kind,
			i18n_current() == I18N_EN ? CB_EN : CB_ES));
	snprintf(bkind, sizeof(bkind), "ident:%s", kind);
	vault_blind(app->vault, bkind, norm, h);
	sodium_memzero(norm, sizeof(norm));
	/* the reads and the audit entry in one transaction */
	if ((rc = store_begin(app->st, err)) != KERR_OK)
		return rc;
	rc = store_blind_find(app->st, bkind, h, sizeof(h), "identifier", a, &rows, &nrows,
		IDENT_MAX_ROWS, err);
	if (rc == KERR_OK) {
		*out = arena_alloc(a, (nrows + 1) * sizeof(**out));
		for (i = 0; i < nrows && rc == KERR_OK; i++)
			rc = hit_of(app, actor, rows[i], a, &(*out)[i], err);
	}
	if (rc == KERR_OK) {
		*n = dedupe(*out, nrows);
		for (i = 0; i < *n; i++)
			seen += (*out)[i].visible;
		/* the audit names the kind and what was shown, never the value */
		char *detail = app_audit_detail(json_pack("{s:s,s:s,s:I,s:I}", "by", "identifier",
			"kind", kind, "cases", (json_int_t)seen, "other_offices",
			(json_int_t)(*n - seen)));
		rc = app_audit(app, actor, POL_PERSON_SEARCH, "identifier", detail, err);
		free(detail);
	}
	if (rc == KERR_OK)
		rc = store_commit(app->st, err);
	if (rc != KERR_OK) {
		store_rollback(app->st);
		*out = NULL;
		*n = 0;
	}
	return rc;
}
