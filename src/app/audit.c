/*
 * audit.c — the hash-chained audit trail.
 *
 * Each entry's hash is a keyed BLAKE2b (vault_audit_mac) over the previous
 * entry's hash and the entry's own fields, length-prefixed so no two field
 * lists serialise alike. Changing, deleting, inserting or reordering rows
 * breaks a MAC or a link; the key means a thief of the database alone cannot
 * forge a new chain. The head (last seq and hash) is also kept in meta so a
 * truncated tail shows. Entries name objects by type and id, never by an
 * identity (REQ-AUDIT-001).
 */
#include "app/app_int.h"

#include <jansson.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <sodium.h>
#include <stdlib.h>

#include "lib/buf.h"
#include "lib/i18n.h"

#define META_AUDIT_HEAD "audit_head"

static void
put_field(struct buf *b, const char *s)
{
	size_t n = s == NULL ? 0 : strlen(s);

	if (buf_addf(b, "%zu:", n) < 0 || buf_add(b, s == NULL ? "" : s, n) < 0 ||
	    buf_addc(b, ';') < 0)
		abort();   /* BUG: capped far above any entry */
}

static enum kerr_code
entry_mac(struct app *app, const struct audit_entry *e, unsigned char out[32],
	struct kerr *err)
{
	struct buf b;
	enum kerr_code rc;
	char num[64];

	buf_init(&b, BUF_CAP_DOC);
	if (buf_add(&b, e->prev, sizeof(e->prev)) < 0)
		abort();
	snprintf(num, sizeof(num), "%lld", (long long)e->seq);
	put_field(&b, num);
	snprintf(num, sizeof(num), "%lld", (long long)e->ts);
	put_field(&b, num);
	put_field(&b, e->actor);
	put_field(&b, e->action);
	put_field(&b, e->object);
	put_field(&b, e->detail);
	snprintf(num, sizeof(num), "%u", e->key_id);
	put_field(&b, num);
	rc = vault_audit_mac(app->vault, e->key_id, b.s, b.len, out, err);
	buf_release(&b);
	return rc;
}

static void
hex(const unsigned char *p, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n; i++) {
		out[2 * i] = digits[p[i] >> 4];
		out[2 * i + 1] = digits[p[i] & 15];
	}
	out[2 * n] = '\0';
}

/* Append inside the caller's transaction. */
enum kerr_code
app_audit_named(struct app *app, const char *actor, const char *action,
	const char *object, const char *detail, struct kerr *err)
{
	struct arena a;
	struct audit_entry last, e;
	enum kerr_code rc;
	char head[32 + 1 + 65];
	char h[65];

	memset(&e, 0, sizeof(e));
	arena_init(&a);
	rc = store_audit_last(app->st, &a, &last, err);
	if (rc == KERR_OK) {
		e.seq = last.seq + 1;
		memcpy(e.prev, last.hash, sizeof(e.prev));
	} else if (rc == KERR_NOTFOUND) {
		e.seq = 1;
		rc = KERR_OK;
	}
	e.ts = (int64_t)time(NULL);
	e.actor = actor;
	e.action = action;
	e.object = object == NULL ? "" : object;
	e.detail = detail == NULL ? "{}" : detail;
	e.key_id = vault_current_key(app->vault);
	if (rc == KERR_OK)
		rc = entry_mac(app, &e, e.hash, err);
	if (rc == KERR_OK)
		rc = store_audit_append(app->st, &e, err);
	if (rc == KERR_OK) {
		hex(e.hash, sizeof(e.hash), h);
		snprintf(head, sizeof(head), "%lld:%s", (long long)e.seq, h);
		rc = store_meta_set(app->st, META_AUDIT_HEAD, head, err);
	}
	arena_release(&a);
	return rc;
}

enum kerr_code
app_audit(struct app *app, const struct policy_actor *actor, enum pol_action action,
	const char *object, const char *detail, struct kerr *err)
{
	return app_audit_named(app, actor->name, policy_action_name(action), object, detail,
		err);
}

/* ---- verification ---- */

struct verify_walk {
	struct app *app;
	struct app_audit_report *report;
	int64_t expect_seq;
	unsigned char prev[32];
	struct kerr *err;
	int failed;
};

static int
verify_fail(struct verify_walk *w, int64_t seq, const char *why)
{
	w->report->bad_seq = seq;
	snprintf(w->report->reason, sizeof(w->report->reason), "%s", _(why));
	w->failed = 1;
	return 1;
}

static int
verify_one(void *ctx, const struct audit_entry *e)
{
	struct verify_walk *w = ctx;
	unsigned char mac[32];
	struct kerr sub;

	if (e->seq != w->expect_seq)
		return verify_fail(w, w->expect_seq, e->seq > w->expect_seq ?
			N_("entry missing (gap in the sequence)") : N_("entry out of order"));
	if (memcmp(e->prev, w->prev, sizeof(w->prev)) != 0)
		return verify_fail(w, e->seq, N_("does not link to the previous entry"));
	if (entry_mac(w->app, e, mac, &sub) != KERR_OK)
		return verify_fail(w, e->seq,
			N_("its key is not in the key file (an old copy of the key file?)"));
	if (sodium_memcmp(mac, e->hash, sizeof(mac)) != 0)
		return verify_fail(w, e->seq, N_("contents changed after it was written"));
	memcpy(w->prev, e->hash, sizeof(w->prev));
	w->expect_seq++;
	w->report->entries++;
	return 0;
}

static void
verify_head(struct verify_walk *w)
{
	struct arena a;
	const char *head = NULL;
	char want[32 + 1 + 65], h[65];
	struct kerr sub;

	arena_init(&a);
	if (store_meta_get(w->app->st, META_AUDIT_HEAD, &a, &head, &sub) == KERR_OK) {
		hex(w->prev, sizeof(w->prev), h);
		snprintf(want, sizeof(want), "%lld:%s", (long long)(w->expect_seq - 1), h);
		if (strcmp(head, want) != 0) {
			long long headseq = atoll(head);
			verify_fail(w, headseq > w->expect_seq - 1 ? w->expect_seq : headseq,
				headseq > w->expect_seq - 1 ?
				N_("entries missing at the end of the trail") :
				N_("trail does not end where the recorded head says"));
		}
	} else if (w->expect_seq > 1) {
		verify_fail(w, 1, N_("the recorded head of the trail is missing"));
	}
	arena_release(&a);
}

enum kerr_code
app_audit_verify(struct app *app, const struct policy_actor *actor,
	struct app_audit_report *report, struct kerr *err)
{
	struct verify_walk w;
	enum kerr_code rc;

	memset(report, 0, sizeof(*report));
	rc = app_is_system(actor) ? KERR_OK : policy_check(actor, POL_AUDIT_READ, NULL, err);
	if (rc != KERR_OK)
		return rc;
	memset(&w, 0, sizeof(w));
	w.app = app;
	w.report = report;
	w.expect_seq = 1;
	w.err = err;
	rc = store_audit_foreach(app->st, 0, verify_one, &w, err);
	if (rc != KERR_OK && !w.failed)
		return rc;
	if (!w.failed)
		verify_head(&w);
	if (w.failed)
		return kerr_set(err, KERR_INTEGRITY, _("audit trail broken at entry %lld: %s; "
			"see 'When something fails' in docs/admin-guide.md"),
			(long long)report->bad_seq, report->reason);
	return KERR_OK;
}

enum kerr_code
app_audit_list(struct app *app, const struct policy_actor *actor, int64_t from_seq,
	app_audit_cb cb, void *ctx, struct kerr *err)
{
	enum kerr_code rc = app_is_system(actor) ? KERR_OK :
		policy_check(actor, POL_AUDIT_READ, NULL, err);

	if (rc != KERR_OK)
		return rc;
	rc = store_audit_foreach(app->st, from_seq, cb, ctx, err);
	return rc;
}

enum kerr_code
app_audit_page(struct app *app, const struct policy_actor *actor,
	const struct store_audit_filter *f, struct arena *a, struct audit_entry **out,
	size_t *n, struct kerr *err)
{
	/* a refusal is itself recorded (app_allow) */
	enum kerr_code rc = app_is_system(actor) ? KERR_OK :
		app_allow(app, actor, POL_AUDIT_READ, NULL, "audit", err);

	*out = NULL;
	*n = 0;
	if (rc != KERR_OK)
		return rc;
	return store_audit_page(app->st, f, a, out, n, err);
}

char *
app_audit_detail(json_t *o)
{
	char *s = o == NULL ? NULL : json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);

	json_decref(o);
	if (s == NULL)
		abort();
	return s;
}
