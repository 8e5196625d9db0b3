/*
 * merge.c — one person registered twice made one, and undone (dedup.h).
 *
 * A merge moves every participation and identifier of person B to person
 * A through store_merge_apply, which remembers the rows it moved: unmerge
 * gives back exactly those rows, whatever was added to A since. Nothing is
 * deleted; B keeps its sealed identity. Every case whose rows moved gets a
 * revision (its document before, sealed, as for an assignment), its
 * statistical facts follow the person they now name, and the merge is one
 * audit entry naming ids and counts only.
 *
 * Who may: a merge rewrites every case holding either person and puts one
 * identity in place of the other there, so the actor must be allowed to
 * update, and to reveal the person in, every such case (removed rows
 * included). A person in one case of another office the actor cannot see
 * cannot be merged by her; a person she cannot read at all gets the same
 * answer as one who does not exist.
 */
#include "app/dedup.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "app/app_int.h"
#include "lib/i18n.h"
#include "store/store_merge.h"

static void
audit_denied(struct app *app, const struct policy_actor *actor, const char *action,
	int64_t person)
{
	struct kerr ignored;
	char object[48], *detail;

	snprintf(object, sizeof(object), "person:%lld", (long long)person);
	detail = app_audit_detail(json_pack("{s:s}", "action", action));
	if (store_begin(app->st, &ignored) == KERR_OK) {
		if (app_audit_named(app, actor->name, "access.denied", object, detail,
		    &ignored) == KERR_OK)
			store_commit(app->st, &ignored);
		else
			store_rollback(app->st);
	}
	free(detail);
}

/* 1 when every case holding the person allows action and the reveal of
 * the role held there; 0 when one does not, or none holds her. */
static int
allowed_everywhere(const struct policy_actor *actor, enum pol_action action,
	const struct store_merge_case *v, size_t n)
{
	struct kerr ignored;
	size_t i;

	if (n == 0 || app_is_system(actor))
		return 0;   /* the system actor never reveals */
	for (i = 0; i < n; i++) {
		struct policy_case pc = { v[i].office_id, v[i].shared_with, v[i].nshared };
		/* an identifier may be a victim's: the stricter reveal */
		enum pol_action reveal = strcmp(v[i].role, "victim") == 0 ||
		    strcmp(v[i].role, "identifier") == 0 ? POL_REVEAL_VICTIM : POL_REVEAL_OTHER;
		if (policy_check(actor, action, &pc, &ignored) != KERR_OK ||
		    policy_check(actor, reveal, &pc, &ignored) != KERR_OK)
			return 0;
	}
	return 1;
}

/* 1 when some case holding the person may be read by the actor. */
static int
readable_somewhere(const struct policy_actor *actor, const struct store_merge_case *v, size_t n)
{
	struct kerr ignored;
	size_t i;

	for (i = 0; i < n && !app_is_system(actor); i++) {
		struct policy_case pc = { v[i].office_id, v[i].shared_with, v[i].nshared };
		if (policy_check(actor, POL_CASE_READ, &pc, &ignored) == KERR_OK)
			return 1;
	}
	return 0;
}

/* Check person (named field in messages) for a merge or unmerge (action:
 * the audit name of the attempt). A refusal is the same for a person who
 * does not exist. Reads only: called before the write transaction. */
static enum kerr_code
check_person(struct app *app, const struct policy_actor *actor, int64_t person,
	const char *field, const char *action, struct kerr *err)
{
	struct store_merge_case *v;
	struct arena a;
	size_t n;
	int ok;
	enum kerr_code rc;

	arena_init(&a);
	rc = store_merge_cases(app->st, person, &a, &v, &n, err);
	ok = rc == KERR_OK && allowed_everywhere(actor, POL_CASE_UPDATE, v, n);
	arena_release(&a);
	if (rc != KERR_OK)
		return rc;
	if (ok)
		return KERR_OK;
	audit_denied(app, actor, action, person);
	return kerr_field(err, KERR_DENIED, field,
	    _("no person %lld is registered only in cases you may update and reveal her in; "
	      "a merge changes every case that holds a person"), (long long)person);
}

/* The documents of cases before the change, so that each gets a revision. */
struct snapshots {
	int64_t *ids;
	json_t **before;
	int64_t *version;
	size_t n;
};

static enum kerr_code
snap(struct app *app, struct arena *a, const int64_t *ids, size_t n, struct snapshots *s,
	struct kerr *err)
{
	enum kerr_code rc = KERR_OK;

	s->ids = arena_alloc(a, (n + 1) * sizeof(*s->ids));
	s->before = arena_alloc(a, (n + 1) * sizeof(*s->before));
	s->version = arena_alloc(a, (n + 1) * sizeof(*s->version));
	for (s->n = 0; s->n < n && rc == KERR_OK; s->n++) {
		s->ids[s->n] = ids[s->n];
		s->before[s->n] = NULL;
		rc = app_rev_snapshot(app, ids[s->n], &s->before[s->n], &s->version[s->n], err);
	}
	return rc;
}

/* After the rows moved: a revision and fresh statistics for each case. */
static enum kerr_code
after(struct app *app, const struct policy_actor *actor, struct snapshots *s,
	const char *reason, struct kerr *err)
{
	enum kerr_code rc = KERR_OK;
	size_t i;

	for (i = 0; i < s->n && rc == KERR_OK; i++) {
		rc = app_stats_case_changed(app, s->ids[i], err);
		if (rc == KERR_OK)
			rc = app_rev_after(app, actor, s->ids[i], s->version[i], s->before[i],
				reason, err);
	}
	return rc;
}

static void
snap_free(struct snapshots *s)
{
	size_t i;

	for (i = 0; i < s->n; i++)
		json_decref(s->before[i]);
	s->n = 0;
}

/* The distinct case ids of v, ascending (v comes sorted by case). */
static size_t
case_ids(const struct store_merge_case *v, size_t n, int64_t *out)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (k == 0 || out[k - 1] != v[i].case_id)
			out[k++] = v[i].case_id;
	return k;
}

static enum kerr_code
finish(struct app *app, const struct policy_actor *actor, const char *action,
	const struct store_merge *m, size_t ncases, enum kerr_code rc, struct kerr *err)
{
	char object[48], *detail;

	if (rc == KERR_OK) {
		snprintf(object, sizeof(object), "person:%lld", (long long)m->kept);
		detail = app_audit_detail(json_pack("{s:I,s:I,s:I,s:I,s:I}", "merge",
		    (json_int_t)m->id, "merged", (json_int_t)m->merged, "participations",
		    (json_int_t)m->nparts, "identifiers", (json_int_t)m->nidents, "cases",
		    (json_int_t)ncases));
		rc = app_audit_named(app, actor->name, action, object, detail, err);
		free(detail);
	}
	if (rc == KERR_OK)
		return store_commit(app->st, err);
	store_rollback(app->st);
	return rc;
}

enum kerr_code
app_person_merge(struct app *app, const struct policy_actor *actor, int64_t kept,
	int64_t merged, struct app_merge *out, struct kerr *err)
{
	struct store_merge m = { .kept = kept, .merged = merged };
	struct store_merge_case *v;
	struct snapshots s = { 0 };
	struct arena a;
	int64_t *ids;
	size_t n, nids = 0;
	char reason[96];
	enum kerr_code rc;

	memset(out, 0, sizeof(*out));
	if (kept <= 0 || merged <= 0)
		return kerr_field(err, KERR_INVALID, kept <= 0 ? "A" : "B", "%s",
		    _("a person id: a positive number, as 'khipu dedup' or 'person search' shows it"));
	if (kept == merged)
		return kerr_field(err, KERR_INVALID, "B", "%s",
		    _("the same person as A: a person cannot be merged with herself"));
	if ((rc = app_allow(app, actor, POL_PERSON_SEARCH, NULL, "person", err)) != KERR_OK ||
	    (rc = check_person(app, actor, kept, "A", "person.merge", err)) != KERR_OK ||
	    (rc = check_person(app, actor, merged, "B", "person.merge", err)) != KERR_OK)
		return rc;
	arena_init(&a);
	if ((rc = store_begin(app->st, err)) != KERR_OK)
		goto out;
	/* read again inside the transaction: what moves is what was checked */
	rc = store_merge_cases(app->st, merged, &a, &v, &n, err);
	if (rc == KERR_OK && !allowed_everywhere(actor, POL_CASE_UPDATE, v, n))
		rc = kerr_field(err, KERR_CONFLICT, "B", "%s",
		    _("the person changed while merging; try again"));
	if (rc == KERR_OK) {
		ids = arena_alloc(&a, (n + 1) * sizeof(*ids));
		nids = case_ids(v, n, ids);
		rc = snap(app, &a, ids, nids, &s, err);
	}
	m.merged_by = actor->name;
	m.merged_at = (int64_t)time(NULL);
	if (rc == KERR_OK)
		rc = store_merge_apply(app->st, &m, err);
	/* the reason is sealed with each revision; ids only */
	snprintf(reason, sizeof(reason), "person merge %lld: %lld -> %lld", (long long)m.id,
		(long long)merged, (long long)kept);
	if (rc == KERR_OK)
		rc = after(app, actor, &s, reason, err);
	rc = finish(app, actor, "person.merge", &m, nids, rc, err);
	if (rc == KERR_OK)
		*out = (struct app_merge){ m.id, kept, merged, m.nparts, m.nidents, nids };
out:
	snap_free(&s);
	arena_release(&a);
	return rc;
}

enum kerr_code
app_person_unmerge(struct app *app, const struct policy_actor *actor, int64_t kept,
	int64_t merged, struct app_merge *out, struct kerr *err)
{
	struct store_merge m, later;
	struct snapshots s = { 0 };
	struct arena a;
	struct kerr ignored;
	int64_t *ids;
	size_t nids = 0;
	char reason[96];
	enum kerr_code rc;

	memset(out, 0, sizeof(*out));
	if (kept <= 0 || merged <= 0 || kept == merged)
		return kerr_field(err, KERR_INVALID, kept <= 0 ? "A" : "B", "%s",
		    _("two different person ids, as 'person merge' was given them"));
	if ((rc = app_allow(app, actor, POL_PERSON_SEARCH, NULL, "person", err)) != KERR_OK)
		return rc;
	arena_init(&a);
	/* A merged into another person since holds nothing: the rule is checked
	 * on the person who holds A's rows now, and the answer says what to undo */
	if (store_merge_live(app->st, 0, kept, &a, &later, &ignored) == KERR_OK) {
		rc = check_person(app, actor, later.kept, "A", "person.unmerge", err);
		if (rc == KERR_OK)
			rc = kerr_field(err, KERR_CONFLICT, "A",
			    _("person %lld was merged into person %lld afterwards: unmerge that "
			      "first (khipu person unmerge %lld %lld)"), (long long)kept,
			    (long long)later.kept, (long long)later.kept, (long long)kept);
		arena_release(&a);
		return rc;
	}
	if ((rc = check_person(app, actor, kept, "A", "person.unmerge", err)) != KERR_OK) {
		arena_release(&a);
		return rc;
	}
	if ((rc = store_begin(app->st, err)) != KERR_OK)
		goto out;
	rc = store_merge_live(app->st, kept, merged, &a, &m, err);
	if (rc == KERR_NOTFOUND)
		rc = kerr_field(err, KERR_NOTFOUND, "B",
		    _("person %lld is not merged into person %lld (or the merge was undone)"),
		    (long long)merged, (long long)kept);
	if (rc == KERR_OK)
		rc = store_merge_moved_cases(app->st, m.id, &a, &ids, &nids, err);
	if (rc == KERR_OK)
		rc = snap(app, &a, ids, nids, &s, err);
	if (rc == KERR_OK)
		rc = store_merge_undo(app->st, &m, actor->name, (int64_t)time(NULL), err);
	snprintf(reason, sizeof(reason), "person unmerge %lld: %lld -> %lld", (long long)m.id,
		(long long)kept, (long long)merged);
	if (rc == KERR_OK)
		rc = after(app, actor, &s, reason, err);
	rc = finish(app, actor, "person.unmerge", &m, nids, rc, err);
	if (rc == KERR_OK)
		*out = (struct app_merge){ m.id, kept, merged, m.nparts, m.nidents, nids };
out:
	snap_free(&s);
	arena_release(&a);
	return rc;
}

enum kerr_code
app_dedup_reject(struct app *app, const struct policy_actor *actor, int64_t a_id,
	int64_t b_id, struct kerr *err)
{
	struct store_merge_case *v;
	struct arena a;
	size_t n;
	char object[48], *detail;
	const int64_t ids[2] = { a_id, b_id };
	int k;
	enum kerr_code rc;

	if (a_id <= 0 || b_id <= 0 || a_id == b_id)
		return kerr_field(err, KERR_INVALID, "B", "%s",
		    _("two different person ids, as 'khipu dedup' shows them"));
	if ((rc = app_allow(app, actor, POL_PERSON_SEARCH, NULL, "person", err)) != KERR_OK)
		return rc;
	arena_init(&a);
	for (k = 0; k < 2 && rc == KERR_OK; k++) {
		rc = store_merge_cases(app->st, ids[k], &a, &v, &n, err);
		if (rc == KERR_OK && !readable_somewhere(actor, v, n)) {
			audit_denied(app, actor, "dedup.reject", ids[k]);
			rc = kerr_field(err, KERR_DENIED, k ? "B" : "A",
			    _("no person %lld that you may read is registered"), (long long)ids[k]);
		}
	}
	arena_release(&a);
	if (rc != KERR_OK || (rc = store_begin(app->st, err)) != KERR_OK)
		return rc;
	rc = store_dedup_reject(app->st, a_id, b_id, actor->name, (int64_t)time(NULL), err);
	if (rc == KERR_OK) {
		snprintf(object, sizeof(object), "person:%lld", (long long)(a_id < b_id ? a_id : b_id));
		detail = app_audit_detail(json_pack("{s:I}", "other",
		    (json_int_t)(a_id < b_id ? b_id : a_id)));
		rc = app_audit_named(app, actor->name, "dedup.reject", object, detail, err);
		free(detail);
	}
	if (rc == KERR_OK)
		return store_commit(app->st, err);
	store_rollback(app->st);
	return rc;
}
