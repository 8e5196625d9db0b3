/*
 * revisions.c — the history of a case (issue 9, REQ-CASE-REV): the
 * document in clear for the app's own diffs, the diff between two
 * versions, writing a revision (its changes, reason and the document it
 * replaced sealed like every identity), and reading back the history and
 * any version, masked as the reader's role allows.
 *
 * Version 1 is the case as registered; revision N (N >= 2) made version N
 * and keeps the document of version N - 1, so version N is rebuilt from
 * revision N + 1, or from the tables when N is the current version.
 */
#include "app/app_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "app/casedoc.h"
#include "lib/i18n.h"

#define REV_TABLE "revision"
#define PATH_LEN 160

/* ---- the document in clear ---- */

enum kerr_code
app_case_load_clear(struct app *app, int64_t id, struct arena *a, struct kcase *c,
	const char **office, struct kerr *err)
{
	struct office o;
	size_t i;
	enum kerr_code rc;

	rc = store_case_get(app->st, id, a, c, err);
	if (rc == KERR_NOTFOUND)
		return kerr_set(err, KERR_NOTFOUND, _("no case %lld; see 'khipu case list'"),
			(long long)id);
	if (rc != KERR_OK)
		return rc;
	if ((rc = store_office_get(app->st, c->office_id, a, &o, err)) != KERR_OK)
		return rc;
	*office = o.code;
	for (i = 0; i < c->nparts && rc == KERR_OK; i++) {
		c->parts[i].person.id = c->parts[i].person_id;
		rc = app_unseal_person(app, a, &c->parts[i].person, err);
	}
	for (i = 0; i < c->nidents && rc == KERR_OK; i++)
		rc = app_unseal(app, a, "identifier", c->idents[i].id, "value", &c->idents[i].value,
			err);
	for (i = 0; i < c->nevents && rc == KERR_OK; i++)
		rc = app_unseal(app, a, "event", c->events[i].id, "note", &c->events[i].note, err);
	for (i = 0; i < c->nassets && rc == KERR_OK; i++)
		rc = app_unseal(app, a, "asset", c->assets[i].id, "description",
			&c->assets[i].description, err);
	if (rc == KERR_OK)
		rc = app_unseal(app, a, "case", c->id, "summary", &c->summary, err);
	return rc;
}

json_t *
app_case_doc(const struct kcase *c, const char *office)
{
	json_t *o = casedoc_to_json(c, office, NULL, CASEDOC_WITH_CHILDREN);

	json_object_set_new(o, "version", json_integer(c->version));
	return o;
}

/* ---- the diff ---- */

/* Keys that are not part of what a revision changes. */
static int
volatile_key(const char *k)
{
	return strcmp(k, "version") == 0 || strcmp(k, "identities") == 0 ||
		strcmp(k, "created_at") == 0;
}

static void
add_change(json_t *out, const char *path, json_t *o, json_t *n)
{
	json_array_append_new(out, json_pack("{s:s, s:O, s:O}", "path", path,
		"old", o != NULL ? o : json_null(), "new", n != NULL ? n : json_null()));
}

/* An array of children: its elements are objects with an "id". */
static int
child_array(json_t *arr)
{
	size_t i;
	json_t *v;

	json_array_foreach(arr, i, v)
		if (json_is_object(v) && json_object_get(v, "id") != NULL)
			return 1;
	return 0;
}

static json_int_t
child_id(json_t *v)
{
	return json_integer_value(json_object_get(v, "id"));
}

static void diff_value(json_t *out, const char *path, json_t *o, json_t *n, int top);

/* path.k into p; 0 when it does not fit in PATH_LEN. */
static int
join_path(char p[PATH_LEN], const char *path, const char *k)
{
	return snprintf(p, PATH_LEN, "%s%s%s", path, path[0] ? "." : "", k) < PATH_LEN;
}

/* 1 when every member path of o and n fits in PATH_LEN. */
static int
paths_fit(const char *path, json_t *o, json_t *n)
{
	char p[PATH_LEN];
	const char *k;
	json_t *v;

	json_object_foreach(o, k, v)
		if (!join_path(p, path, k))
			return 0;
	json_object_foreach(n, k, v)
		if (!join_path(p, path, k))
			return 0;
	return 1;
}

static void
diff_object(json_t *out, const char *path, json_t *o, json_t *n, int top)
{
	char p[PATH_LEN];
	const char *k;
	json_t *v;

	/* a path too long to name (deeper than any document Khipu writes) is
	 * never cut, which could make two paths one: the object changes whole */
	if (!paths_fit(path, o, n)) {
		if (!json_equal(o, n))
			add_change(out, path, o, n);
		return;
	}
	json_object_foreach(o, k, v) {
		if (top && volatile_key(k))
			continue;
		(void)join_path(p, path, k);
		diff_value(out, p, v, json_object_get(n, k), 0);
	}
	json_object_foreach(n, k, v) {
		if ((top && volatile_key(k)) || json_object_get(o, k) != NULL)
			continue;
		(void)join_path(p, path, k);
		diff_value(out, p, NULL, v, 0);
	}
}

static json_t *
find_child(json_t *arr, json_int_t id)
{
	size_t i;
	json_t *v;

	json_array_foreach(arr, i, v)
		if (json_is_object(v) && child_id(v) == id && id != 0)
			return v;
	return NULL;
}

static void
diff_children(json_t *out, const char *path, json_t *o, json_t *n)
{
	char p[PATH_LEN];
	size_t i;
	json_t *v, *w;

	json_array_foreach(o, i, v) {
		snprintf(p, sizeof(p), "%s[id=%lld]", path, (long long)child_id(v));
		if ((w = find_child(n, child_id(v))) != NULL)
			diff_object(out, p, v, w, 0);
		else
			add_change(out, p, v, NULL);
	}
	json_array_foreach(n, i, w) {
		if (find_child(o, child_id(w)) != NULL)
			continue;
		snprintf(p, sizeof(p), "%s[id=%lld]", path, (long long)child_id(w));
		add_change(out, p, NULL, w);
	}
}

static void
diff_value(json_t *out, const char *path, json_t *o, json_t *n, int top)
{
	json_t *oo = json_is_null(o) ? NULL : o, *nn = json_is_null(n) ? NULL : n;

	if (oo == NULL && nn == NULL)
		return;
	if (oo != NULL && nn != NULL && json_equal(oo, nn))
		return;
	if (json_is_object(oo) && json_is_object(nn)) {
		diff_object(out, path, oo, nn, top);
		return;
	}
	if (json_is_array(oo) && json_is_array(nn) && (child_array(oo) || child_array(nn))) {
		diff_children(out, path, oo, nn);
		return;
	}
	/* an empty list and an absent one are the same */
	if ((oo == NULL && json_is_array(nn) && json_array_size(nn) == 0) ||
	    (nn == NULL && json_is_array(oo) && json_array_size(oo) == 0))
		return;
	if (json_is_array(oo) && json_is_array(nn) == 0 && nn == NULL && child_array(oo)) {
		diff_children(out, path, oo, json_array());
		return;
	}
	add_change(out, path, oo, nn);
}

json_t *
app_rev_diff(json_t *old, json_t *nw)
{
	json_t *out = json_array();

	diff_value(out, "", old, nw, 1);
	return out;
}

/* ---- writing a revision ---- */

static enum kerr_code
seal_json(struct app *app, int64_t rev, const char *column, json_t *v, struct kerr *err)
{
	char *text = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS);
	enum kerr_code rc;

	if (text == NULL)
		return kerr_set(err, KERR_INTERNAL, "revision %lld: cannot write its %s",
			(long long)rev, column);
	rc = app_seal_raw(app, REV_TABLE, rev, column, text, strlen(text), err);
	sodium_memzero(text, strlen(text));
	free(text);
	return rc;
}

enum kerr_code
app_rev_record(struct app *app, const struct policy_actor *actor, int64_t case_id,
	int64_t version, json_t *before, json_t *changes, const char *reason, int64_t *rev_id,
	struct kerr *err)
{
	struct store_revision r = {
		.case_id = case_id, .version = version, .ts = (int64_t)time(NULL),
		.actor = actor->name, .changes = (int)json_array_size(changes),
	};
	enum kerr_code rc;

	if ((rc = store_revision_insert(app->st, &r, err)) != KERR_OK)
		return rc;
	*rev_id = r.id;
	if ((rc = seal_json(app, r.id, "changes", changes, err)) != KERR_OK ||
	    (rc = seal_json(app, r.id, "before", before, err)) != KERR_OK)
		return rc;
	return app_seal(app, REV_TABLE, r.id, "reason", reason, err);
}

static json_t *
clear_doc(struct app *app, int64_t case_id, int64_t *version, struct kerr *err)
{
	struct arena a;
	struct kcase c;
	const char *office;
	json_t *doc = NULL;

	arena_init(&a);
	if (app_case_load_clear(app, case_id, &a, &c, &office, err) == KERR_OK) {
		*version = c.version;
		if ((doc = app_case_doc(&c, office)) == NULL)
			kerr_set(err, KERR_INTERNAL, "case %lld: out of memory for its document",
				(long long)case_id);
	}
	arena_release(&a);
	return doc;   /* NULL: err says why */
}

enum kerr_code
app_rev_snapshot(struct app *app, int64_t case_id, json_t **before, int64_t *version,
	struct kerr *err)
{
	*before = clear_doc(app, case_id, version, err);
	return *before != NULL ? KERR_OK : err->code;
}

enum kerr_code
app_rev_after(struct app *app, const struct policy_actor *actor, int64_t case_id,
	int64_t version, json_t *before, const char *reason, struct kerr *err)
{
	int64_t now, rev;
	json_t *after = clear_doc(app, case_id, &now, err), *changes;
	enum kerr_code rc = KERR_OK;

	if (after == NULL)
		return err->code;
	changes = app_rev_diff(before, after);
	if (json_array_size(changes) > 0 &&
	    (rc = store_case_bump(app->st, case_id, version, err)) == KERR_OK)
		rc = app_rev_record(app, actor, case_id, version + 1, before, changes, reason,
			&rev, err);
	json_decref(changes);
	json_decref(after);
	return rc;
}

/* ---- showing identities ---- */

enum level { L_NONE, L_MASKED, L_CLEAR };

static const char *const identity_keys[] = { "name", "alias", "doc_number", "birth_date",
	"address", "value", "summary", "note", "description", NULL };

static int
identity_key(const char *k)
{
	const char *const *p;

	for (p = identity_keys; *p != NULL; p++)
		if (strcmp(*p, k) == 0)
			return 1;
	return 0;
}

/* The masked form case show prints for the identity field key. */
static json_t *
masked(struct arena *a, const char *key, json_t *v)
{
	if (!json_is_string(v))
		return json_incref(v);
	if (strcmp(key, "doc_number") == 0)
		return json_string("********");
	if (strcmp(key, "birth_date") == 0)
		return json_string("****-**-**");
	if (strcmp(key, "address") == 0)
		return json_string("***");
	return json_string(app_mask(a, json_string_value(v)));
}

/* Identity values inside v (a whole added or removed child) at level. */
static void
hide_within(struct arena *a, json_t *v, enum level lv)
{
	const char *k;
	json_t *x;
	size_t i;

	if (lv == L_CLEAR)
		return;
	if (json_is_array(v)) {
		json_array_foreach(v, i, x)
			hide_within(a, x, lv);
		return;
	}
	if (!json_is_object(v))
		return;
	json_object_foreach(v, k, x) {
		if (identity_key(k) && json_is_string(x))
			json_object_set_new(v, k, lv == L_NONE ? json_null() : masked(a, k, x));
		else
			hide_within(a, x, lv);
	}
}

/* The last key of a change's path ("persons[id=3].name" -> "name"). */
static const char *
leaf(const char *path)
{
	const char *dot = strrchr(path, '.');

	return dot != NULL ? dot + 1 : path;
}

static void
hide_change(struct arena *a, json_t *ch, enum level lv)
{
	const char *k = leaf(json_string_value(json_object_get(ch, "path")));
	const char *side[2] = { "old", "new" };
	size_t i;

	for (i = 0; i < 2 && lv != L_CLEAR; i++) {
		json_t *v = json_object_get(ch, side[i]);
		if (json_is_string(v) && identity_key(k))
			json_object_set_new(ch, side[i], lv == L_NONE ? json_null() : masked(a, k, v));
		else
			hide_within(a, v, lv);
	}
}

/* ---- reading ---- */

static enum kerr_code
unseal_json(struct app *app, struct arena *a, int64_t rev, const char *column, json_t **out,
	struct kerr *err)
{
	const char *text;
	json_error_t je;
	enum kerr_code rc = app_unseal(app, a, REV_TABLE, rev, column, &text, err);

	*out = NULL;
	if (rc != KERR_OK)
		return rc;
	if (text == NULL)
		return kerr_set(err, KERR_INTEGRITY, "revision %lld has no %s", (long long)rev,
			column);
	*out = json_loads(text, 0, &je);
	sodium_memzero((char *)text, strlen(text));
	if (*out == NULL)
		return kerr_set(err, KERR_INTEGRITY, "revision %lld: its %s is malformed",
			(long long)rev, column);
	return KERR_OK;
}

/* Unix seconds as "YYYY-MM-DDTHH:MM:SSZ". */
static json_t *
jtime(int64_t t)
{
	char s[32];
	struct tm tm;
	time_t tt = (time_t)t;

	if (gmtime_r(&tt, &tm) == NULL)
		return json_null();
	strftime(s, sizeof(s), "%Y-%m-%dT%H:%M:%SZ", &tm);
	return json_string(s);
}

/* The case, read for actor (case.read), and the level it sees identities
 * at; a reveal is checked (and refused with an audit entry) here. */
static enum kerr_code
open_case(struct app *app, const struct policy_actor *actor, int64_t id,
	enum app_reveal reveal, struct arena *a, struct kcase *c, struct policy_case *pc,
	enum level *lv, struct kerr *err)
{
	struct kerr ignored;
	char object[48];
	enum kerr_code rc;

	rc = store_case_get(app->st, id, a, c, err);
	if (rc == KERR_NOTFOUND)
		return kerr_set(err, KERR_NOTFOUND, _("no case %lld; see 'khipu case list'"),
			(long long)id);
	if (rc != KERR_OK)
		return rc;
	app_policy_case(c, pc);
	snprintf(object, sizeof(object), "case:%lld", (long long)id);
	if ((rc = app_allow(app, actor, POL_CASE_READ, pc, object, err)) != KERR_OK)
		return rc;
	*lv = policy_check(actor, POL_REVEAL_VICTIM, pc, &ignored) == KERR_OK ? L_MASKED : L_NONE;
	if (reveal == APP_REVEAL) {
		if ((rc = app_allow(app, actor, POL_REVEAL_VICTIM, pc, object, err)) != KERR_OK)
			return rc;
		*lv = L_CLEAR;
	}
	return KERR_OK;
}

static enum kerr_code
user_name(struct app *app, struct arena *a, int64_t uid, const char **out, struct kerr *err)
{
	struct user u;
	enum kerr_code rc;

	*out = "system";
	if (uid == 0)
		return KERR_OK;
	rc = store_user_get(app->st, uid, a, &u, err);
	if (rc == KERR_NOTFOUND) {
		kerr_clear(err);
		return KERR_OK;
	}
	if (rc == KERR_OK)
		*out = u.name;
	return rc;
}

static json_t *
revision_json(const struct store_revision *r, const char *reason, json_t *changes)
{
	json_t *o = json_object();

	json_object_set_new(o, "version", json_integer(r->version));
	json_object_set_new(o, "at", jtime(r->ts));
	json_object_set_new(o, "by", json_string(r->actor));
	json_object_set_new(o, "reason", reason != NULL ? json_string(reason) : json_null());
	json_object_set_new(o, "changes", changes);
	return o;
}

static enum kerr_code
history_entries(struct app *app, const struct kcase *c, enum level lv, struct arena *a,
	json_t *arr, struct kerr *err)
{
	struct store_revision *revs, first = { .version = 1, .ts = c->created_at };
	const char *reason, *creator;
	json_t *changes, *ch;
	size_t n, i, j;
	enum kerr_code rc;

	if ((rc = user_name(app, a, c->created_by, &creator, err)) != KERR_OK)
		return rc;
	first.actor = creator;
	json_array_append_new(arr, revision_json(&first, NULL, json_array()));
	json_object_set_new(json_array_get(arr, 0), "registered", json_true());
	if ((rc = store_revision_list(app->st, c->id, a, &revs, &n, err)) != KERR_OK)
		return rc;
	for (i = 0; i < n; i++) {
		if ((rc = unseal_json(app, a, revs[i].id, "changes", &changes, err)) != KERR_OK)
			return rc;
		if ((rc = app_unseal(app, a, REV_TABLE, revs[i].id, "reason", &reason, err))) {
			json_decref(changes);
			return rc;
		}
		json_array_foreach(changes, j, ch)
			hide_change(a, ch, lv);
		/* the reason is free text: shown as the case's summary is */
		json_array_append_new(arr, revision_json(&revs[i], lv == L_NONE ? NULL : reason,
			changes));
	}
	return KERR_OK;
}

static enum kerr_code
audit_history_reveal(struct app *app, const struct policy_actor *actor, int64_t id,
	const char *what, struct kerr *err)
{
	char object[48], *detail;
	enum kerr_code rc;

	snprintf(object, sizeof(object), "case:%lld", (long long)id);
	if ((rc = store_begin(app->st, err)) != KERR_OK)
		return rc;
	detail = app_audit_detail(json_pack("{s:b}", what, 1));
	rc = app_audit(app, actor, POL_REVEAL_VICTIM, object, detail, err);
	free(detail);
	if (rc != KERR_OK) {
		store_rollback(app->st);
		return rc;
	}
	return store_commit(app->st, err);
}

enum kerr_code
app_case_history(struct app *app, const struct policy_actor *actor, int64_t id,
	enum app_reveal reveal, json_t **out, struct kerr *err)
{
	struct arena a;
	struct kcase c;
	struct policy_case pc;
	enum level lv = L_NONE;
	json_t *arr;
	enum kerr_code rc;

	*out = NULL;
	arena_init(&a);
	rc = open_case(app, actor, id, reveal, &a, &c, &pc, &lv, err);
	/* the reveal is in the trail before anything is shown */
	if (rc == KERR_OK && lv == L_CLEAR)
		rc = audit_history_reveal(app, actor, id, "history", err);
	if (rc == KERR_OK) {
		arr = json_array();
		rc = history_entries(app, &c, lv, &a, arr, err);
		if (rc == KERR_OK)
			*out = json_pack("{s:I, s:s, s:I, s:s, s:o}", "case", (json_int_t)c.id,
				"number", c.number, "version", (json_int_t)c.version, "identities",
				lv == L_NONE ? "none" : lv == L_MASKED ? "masked" : "revealed",
				"revisions", arr);
		else
			json_decref(arr);
	}
	arena_release(&a);
	return rc;
}

/* ---- a whole version ---- */

/* A person's identity fields and identifiers in doc object p at level lv. */
static void
show_person(struct arena *a, json_t *p, enum level lv)
{
	const char *k;
	json_t *v, *ids;
	size_t i;

	if (lv == L_CLEAR)
		return;
	json_object_foreach(p, k, v)
		if (identity_key(k) && json_is_string(v))
			json_object_set_new(p, k, lv == L_NONE ? json_null() : masked(a, k, v));
	ids = json_object_get(p, "identifiers");
	json_array_foreach(ids, i, v)
		show_person(a, v, lv);
}

/* Identities as app_case_show shows them (caseview.c): per person by the
 * reveal right for the role, free text only to roles that may reveal
 * victims. Every person revealed is audited as a reveal. */
static enum kerr_code
show_doc(struct app *app, const struct policy_actor *actor, const struct policy_case *pc,
	json_t *doc, enum app_reveal reveal, int64_t version, struct arena *a, struct kerr *err)
{
	struct kerr ignored;
	json_t *p, *ids, *v;
	char object[48], *detail;
	size_t i;
	int victims = policy_check(actor, POL_REVEAL_VICTIM, pc, &ignored) == KERR_OK;
	enum kerr_code rc;

	json_array_foreach(json_object_get(doc, "persons"), i, p) {
		const char *role = json_string_value(json_object_get(p, "role"));
		int victim = role != NULL && strcmp(role, "victim") == 0;
		int may = policy_check(actor, victim ? POL_REVEAL_VICTIM : POL_REVEAL_OTHER, pc,
			&ignored) == KERR_OK;
		enum level lv = !may ? L_NONE : reveal == APP_REVEAL ? L_CLEAR : L_MASKED;
		show_person(a, p, lv);
		if (lv != L_CLEAR)
			continue;
		snprintf(object, sizeof(object), "person:%lld",
			(long long)json_integer_value(json_object_get(p, "person_id")));
		detail = app_audit_detail(json_pack("{s:I,s:s,s:I}", "case",
		    json_integer_value(json_object_get(doc, "id")), "role", victim ? "victim" :
		    role != NULL && strcmp(role, "suspect") == 0 ? "suspect" : "other",
		    "version", (json_int_t)version));
		rc = app_audit(app, actor, victim ? POL_REVEAL_VICTIM : POL_REVEAL_OTHER, object,
			detail, err);
		free(detail);
		if (rc != KERR_OK)
			return rc;
	}
	ids = json_object_get(doc, "identifiers");
	json_array_foreach(ids, i, v)
		show_person(a, v, !victims ? L_NONE : reveal == APP_REVEAL ? L_CLEAR : L_MASKED);
	if (!victims) {
		json_object_set_new(doc, "summary", json_null());
		json_array_foreach(json_object_get(doc, "events"), i, v)
			json_object_set_new(v, "note", json_null());
		json_array_foreach(json_object_get(doc, "assets"), i, v)
			json_object_set_new(v, "description", json_null());
	}
	return KERR_OK;
}

/* The document of version in clear: the tables for the current one, else
 * the document revision version + 1 replaced. */
static enum kerr_code
version_clear(struct app *app, const struct kcase *c, int64_t version, struct arena *a,
	json_t **out, struct kerr *err)
{
	struct store_revision *revs;
	struct kcase cur;
	const char *office;
	size_t n, i;
	enum kerr_code rc;

	if (version == c->version) {
		if ((rc = app_case_load_clear(app, c->id, a, &cur, &office, err)) != KERR_OK)
			return rc;
		*out = app_case_doc(&cur, office);
		return KERR_OK;
	}
	if ((rc = store_revision_list(app->st, c->id, a, &revs, &n, err)) != KERR_OK)
		return rc;
	for (i = 0; i < n; i++)
		if (revs[i].version == version + 1)
			return unseal_json(app, a, revs[i].id, "before", out, err);
	return kerr_set(err, KERR_INTEGRITY, "case %lld: the revision that followed version %lld "
		"is missing", (long long)c->id, (long long)version);
}

enum kerr_code
app_case_version_doc(struct app *app, const struct policy_actor *actor, int64_t id,
	int64_t version, enum app_reveal reveal, json_t **out, struct kerr *err)
{
	struct arena a;
	struct kcase c;
	struct policy_case pc;
	struct kerr ignored;
	json_t *doc = NULL;
	enum kerr_code rc;

	*out = NULL;
	arena_init(&a);
	rc = store_case_get(app->st, id, &a, &c, err);
	if (rc == KERR_NOTFOUND)
		rc = kerr_set(err, KERR_NOTFOUND, _("no case %lld; see 'khipu case list'"),
			(long long)id);
	if (rc == KERR_OK) {
		char object[48];
		app_policy_case(&c, &pc);
		snprintf(object, sizeof(object), "case:%lld", (long long)id);
		rc = app_allow(app, actor, POL_CASE_READ, &pc, object, err);
	}
	if (rc == KERR_OK && (version < 1 || version > c.version))
		rc = kerr_field(err, KERR_NOTFOUND, "--version",
			_("case %lld has no version %lld (it has versions 1 to %lld)"),
			(long long)id, (long long)version, (long long)c.version);
	if (rc == KERR_OK && reveal == APP_REVEAL &&
	    policy_check(actor, POL_REVEAL_VICTIM, &pc, &ignored) != KERR_OK &&
	    policy_check(actor, POL_REVEAL_OTHER, &pc, &ignored) != KERR_OK)
		rc = app_allow(app, actor, POL_REVEAL_OTHER, &pc, "case", err);
	if (rc == KERR_OK)
		rc = version_clear(app, &c, version, &a, &doc, err);
	if (rc == KERR_OK && (rc = store_begin(app->st, err)) == KERR_OK) {
		rc = show_doc(app, actor, &pc, doc, reveal, version, &a, err);
		if (rc == KERR_OK)
			rc = store_commit(app->st, err);
		else
			store_rollback(app->st);
	}
	if (rc == KERR_OK) {
		json_object_set_new(doc, "version", json_integer(version));
		json_object_set_new(doc, "current_version", json_integer(c.version));
		json_object_set_new(doc, "identities", json_string(reveal == APP_REVEAL ?
			"revealed" : "masked"));
		*out = doc;
	} else {
		json_decref(doc);
	}
	arena_release(&a);
	return rc;
}
