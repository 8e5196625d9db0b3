/*
 * exchange.c — signed, encrypted case exchange between two registers and
 * HTCDS export/import (issue 13, items 2 and 3).
 *
 * The installation's identity (crypto/sign.h) is sealed in the register
 * with every other sealed value ("exchange"/1/"identity": the secret keys
 * in hex), so backups, restores and key rotation carry it and a stolen
 * database file does not give it away. The trusted peers, the packages
 * already opened (against replays) and the provenance of received cases
 * are settings of the register (store_meta "exchange.peers",
 * "exchange.seen", "exchange.received"): public keys, ids and codes, nothing
 * identifying. Every change and every package packed or opened is audited;
 * a package refused is audited with its reason, and nothing is imported.
 */
#include "app/app_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "app/casedoc.h"
#include "crypto/sign.h"
#include "io/htcds.h"
#include "lib/i18n.h"
#include "lib/xalloc.h"

#define META_PEERS "exchange.peers"
#define META_SEEN "exchange.seen"
#define META_RECEIVED "exchange.received"
#define PACKAGE_MAX (16u << 20)

/* An audit entry in its own transaction (nothing else is written). */
static enum kerr_code
audit_alone(struct app *app, const struct policy_actor *actor, enum pol_action action,
	const char *object, json_t *detail_json, struct kerr *err)
{
	char *detail = app_audit_detail(detail_json);
	enum kerr_code rc;

	if ((rc = store_begin(app->st, err)) == KERR_OK) {
		rc = app_audit(app, actor, action, object, detail, err);
		if (rc == KERR_OK)
			rc = store_commit(app->st, err);
		else
			store_rollback(app->st);
	}
	free(detail);
	return rc;
}

/* ---- the identity ---- */

static enum kerr_code
identity_load(struct app *app, struct sign_identity *id, struct kerr *err)
{
	struct arena a;
	const char *hex;
	unsigned char sec[SIGN_SEC_LEN];
	size_t n = 0;
	enum kerr_code rc;

	arena_init(&a);
	rc = app_unseal(app, &a, "exchange", 1, "identity", &hex, err);
	if (rc == KERR_OK && hex == NULL)
		rc = kerr_set(err, KERR_NOTFOUND, _("this installation has no exchange identity "
			"yet; run 'khipu exchange keygen'"));
	if (rc == KERR_OK && (sodium_hex2bin(sec, sizeof(sec), hex, strlen(hex), NULL, &n,
	    NULL) != 0 || n != SIGN_SEC_LEN))
		rc = kerr_set(err, KERR_INTERNAL, "the stored exchange identity is damaged");
	if (rc == KERR_OK)
		sign_identity_from_secret(id, sec);
	sodium_memzero(sec, sizeof(sec));
	if (hex != NULL)
		sodium_memzero((char *)hex, strlen(hex));
	arena_release(&a);
	return rc;
}

static void
identity_public(const struct sign_identity *id, struct app_exchange_identity *out)
{
	sign_pub_encode(id->pub, out->key);
	sign_fingerprint(id->pub, out->fingerprint);
}

enum kerr_code
app_exchange_keygen(struct app *app, const struct policy_actor *actor,
	struct app_exchange_identity *out, struct kerr *err)
{
	struct sign_identity id;
	char hex[2 * SIGN_SEC_LEN + 1];
	enum kerr_code rc;

	if ((rc = app_allow(app, actor, POL_EXCHANGE_MANAGE, NULL, "exchange", err)) != KERR_OK)
		return rc;
	if (identity_load(app, &id, err) == KERR_OK)
		return kerr_set(err, KERR_CONFLICT, _("this installation already has an exchange "
			"identity (fingerprint %s); its peers trust it, so it is kept"),
			(identity_public(&id, out), out->fingerprint));
	kerr_clear(err);
	if (sign_keygen(&id) != 0)
		return kerr_set(err, KERR_INTERNAL, "no random source for the exchange keys");
	sodium_bin2hex(hex, sizeof(hex), id.sec, SIGN_SEC_LEN);
	identity_public(&id, out);
	if ((rc = store_begin(app->st, err)) != KERR_OK)
		goto out;
	rc = app_seal(app, "exchange", 1, "identity", hex, err);
	if (rc == KERR_OK) {
		char *detail = app_audit_detail(json_pack("{s:s,s:s}", "op", "keygen",
		    "fingerprint", out->fingerprint));
		rc = app_audit(app, actor, POL_EXCHANGE_MANAGE, "exchange", detail, err);
		free(detail);
	}
	if (rc == KERR_OK)
		rc = store_commit(app->st, err);
	else
		store_rollback(app->st);
out:
	sodium_memzero(hex, sizeof(hex));
	sodium_memzero(&id, sizeof(id));
	return rc;
}

enum kerr_code
app_exchange_key(struct app *app, struct app_exchange_identity *out, struct kerr *err)
{
	struct sign_identity id;
	enum kerr_code rc = identity_load(app, &id, err);

	if (rc == KERR_OK)
		identity_public(&id, out);
	sodium_memzero(&id, sizeof(id));
	return rc;
}

/* ---- settings held as JSON ---- */

static json_t *
meta_json(struct app *app, const char *key, json_t *dflt)
{
	struct arena a;
	struct kerr ignored;
	const char *v = NULL;
	json_t *j = NULL;

	arena_init(&a);
	if (store_meta_get(app->st, key, &a, &v, &ignored) == KERR_OK && v != NULL)
		j = json_loads(v, 0, NULL);
	arena_release(&a);
	if (j == NULL)
		return dflt;
	json_decref(dflt);
	return j;
}

static enum kerr_code
meta_put(struct app *app, const char *key, json_t *j, struct kerr *err)
{
	char *s = json_dumps(j, JSON_COMPACT | JSON_SORT_KEYS);
	enum kerr_code rc = store_meta_set(app->st, key, s, err);

	free(s);
	return rc;
}

/* ---- peers ---- */

/* A peer's name: 1-32 of [A-Za-z0-9._-]. */
static int
name_ok(const char *s)
{
	size_t n = strlen(s);

	return n >= 1 && n <= 32 && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
		"0123456789._-") == n;
}

static enum kerr_code
peers_change(struct app *app, const struct policy_actor *actor, json_t *peers,
	const char *op, const char *name, const char *fp, struct kerr *err)
{
	enum kerr_code rc;

	if ((rc = store_begin(app->st, err)) != KERR_OK)
		return rc;
	rc = meta_put(app, META_PEERS, peers, err);
	if (rc == KERR_OK) {
		char *detail = app_audit_detail(json_pack("{s:s,s:s,s:s}", "op", op, "peer", name,
		    "fingerprint", fp));
		rc = app_audit(app, actor, POL_EXCHANGE_MANAGE, "exchange", detail, err);
		free(detail);
	}
	if (rc == KERR_OK)
		rc = store_commit(app->st, err);
	else
		store_rollback(app->st);
	return rc;
}

enum kerr_code
app_exchange_peer_add(struct app *app, const struct policy_actor *actor, const char *name,
	const char *key, char fingerprint[SIGN_FP_LEN], struct kerr *err)
{
	unsigned char pub[SIGN_PUB_LEN];
	struct sign_identity me;
	json_t *peers, *p;
	const char *k;
	enum kerr_code rc;

	if ((rc = app_allow(app, actor, POL_EXCHANGE_MANAGE, NULL, "exchange", err)) != KERR_OK)
		return rc;
	if (!name_ok(name))
		return kerr_field(err, KERR_INVALID, "NAME", _("'%s' is not a peer name (1 to 32 "
			"letters, digits, '.', '_' or '-')"), name);
	if (sign_pub_decode(key, pub) != 0)
		return kerr_field(err, KERR_INVALID, "KEY", _("not an exchange key: it begins with "
			"'khx1:' (see 'khipu exchange key' on the other installation)"));
	sign_fingerprint(pub, fingerprint);
	if (identity_load(app, &me, err) == KERR_OK && memcmp(me.pub, pub, SIGN_PUB_LEN) == 0) {
		sodium_memzero(&me, sizeof(me));
		return kerr_field(err, KERR_INVALID, "KEY", _("this is this installation's own key"));
	}
	sodium_memzero(&me, sizeof(me));
	kerr_clear(err);
	peers = meta_json(app, META_PEERS, json_object());
	json_object_foreach(peers, k, p) {
		int active = json_is_null(json_object_get(p, "removed")) ||
			json_object_get(p, "removed") == NULL;
		if (active && strcmp(k, name) == 0) {
			json_decref(peers);
			return kerr_field(err, KERR_CONFLICT, "NAME", _("a peer '%s' exists; remove it "
				"first"), name);
		}
		if (active && strcmp(json_string_value(json_object_get(p, "key")), key) == 0) {
			json_decref(peers);
			return kerr_field(err, KERR_CONFLICT, "KEY", _("this key is already peer '%s'"),
				k);
		}
	}
	json_object_set_new(peers, name, json_pack("{s:s,s:s,s:I}", "key", key, "fingerprint",
		fingerprint, "added", (json_int_t)time(NULL)));
	rc = peers_change(app, actor, peers, "peer.add", name, fingerprint, err);
	json_decref(peers);
	return rc;
}

enum kerr_code
app_exchange_peer_remove(struct app *app, const struct policy_actor *actor, const char *name,
	struct kerr *err)
{
	json_t *peers, *p;
	enum kerr_code rc;

	if ((rc = app_allow(app, actor, POL_EXCHANGE_MANAGE, NULL, "exchange", err)) != KERR_OK)
		return rc;
	peers = meta_json(app, META_PEERS, json_object());
	p = json_object_get(peers, name);
	if (p == NULL || json_object_get(p, "removed") != NULL) {
		json_decref(peers);
		return kerr_set(err, KERR_NOTFOUND, _("no peer '%s'; see 'khipu exchange peer list'"),
			name);
	}
	/* kept, marked removed: the history says whom a received case came from */
	json_object_set_new(p, "removed", json_integer((json_int_t)time(NULL)));
	rc = peers_change(app, actor, peers, "peer.remove", name,
		json_string_value(json_object_get(p, "fingerprint")), err);
	json_decref(peers);
	return rc;
}

enum kerr_code
app_exchange_peer_list(struct app *app, const struct policy_actor *actor, json_t **out,
	struct kerr *err)
{
	json_t *peers, *p, *arr;
	const char *k;
	enum kerr_code rc;

	*out = NULL;
	if ((rc = app_allow(app, actor, POL_EXCHANGE_MANAGE, NULL, "exchange", err)) != KERR_OK)
		return rc;
	peers = meta_json(app, META_PEERS, json_object());
	arr = json_array();
	json_object_foreach(peers, k, p) {
		json_t *o = json_pack("{s:s,s:O,s:O,s:O,s:O}", "name", k, "key",
			json_object_get(p, "key"), "fingerprint", json_object_get(p, "fingerprint"),
			"added", json_object_get(p, "added"), "removed",
			json_object_get(p, "removed") != NULL ? json_object_get(p, "removed") :
			json_null());
		json_array_append_new(arr, o);
	}
	json_decref(peers);
	*out = arr;
	return KERR_OK;
}

/* The active peer named name (its public key into pub), or KERR_NOTFOUND. */
static enum kerr_code
peer_by_name(struct app *app, const char *name, unsigned char pub[SIGN_PUB_LEN],
	struct kerr *err)
{
	json_t *peers = meta_json(app, META_PEERS, json_object()), *p = json_object_get(peers, name);
	int ok = p != NULL && json_object_get(p, "removed") == NULL &&
		sign_pub_decode(json_string_value(json_object_get(p, "key")), pub) == 0;

	json_decref(peers);
	return ok ? KERR_OK : kerr_field(err, KERR_NOTFOUND, "--to", _("no peer '%s'; see 'khipu "
		"exchange peer list'"), name);
}

/* The peer whose Ed25519 key is signer: its name (arena) and whether it was
 * removed; NULL when no peer ever had it. */
static const char *
peer_by_signer(struct app *app, struct arena *a, const unsigned char signer[32], int *removed,
	unsigned char pub[SIGN_PUB_LEN])
{
	json_t *peers = meta_json(app, META_PEERS, json_object()), *p;
	const char *k, *found = NULL;

	*removed = 0;
	json_object_foreach(peers, k, p) {
		if (sign_pub_decode(json_string_value(json_object_get(p, "key")), pub) != 0 ||
		    memcmp(pub, signer, 32) != 0)
			continue;
		if (found != NULL && !*removed)
			continue;   /* an active entry wins over a removed one */
		found = arena_strdup(a, k);
		*removed = json_object_get(p, "removed") != NULL;
	}
	json_decref(peers);
	return found;
}

/* ---- HTCDS of a case ---- */

/* The case in clear and its HTCDS document, after exchange.send on it. */
static enum kerr_code
case_htcds(struct app *app, const struct policy_actor *actor, int64_t case_id,
	unsigned include, json_t **out, const char **number, struct arena *a, struct kerr *err)
{
	struct kcase c;
	struct policy_case pc;
	const char *office;
	char object[48];
	json_t *doc;
	enum kerr_code rc;

	*out = NULL;
	memset(&c, 0, sizeof(c));
	rc = app_case_load_clear(app, case_id, a, &c, &office, err);
	if (rc == KERR_NOTFOUND)
		return kerr_set(err, KERR_NOTFOUND, _("no case %lld; see 'khipu case list'"),
			(long long)case_id);
	if (rc != KERR_OK)
		return rc;
	app_policy_case(&c, &pc);
	snprintf(object, sizeof(object), "case:%lld", (long long)case_id);
	if ((rc = app_allow(app, actor, POL_EXCHANGE_SEND, &pc, object, err)) != KERR_OK)
		return rc;
	doc = app_case_doc(&c, office);
	*out = htcds_from_casedoc(doc, include);
	*number = c.number;
	json_decref(doc);
	return KERR_OK;
}

enum kerr_code
app_htcds_export(struct app *app, const struct policy_actor *actor, int64_t case_id,
	unsigned include, json_t **out, struct kerr *err)
{
	struct arena a;
	const char *number;
	char object[48];
	enum kerr_code rc;

	arena_init(&a);
	rc = case_htcds(app, actor, case_id, include, out, &number, &a, err);
	if (rc == KERR_OK) {
		/* suspects' identities leave the register: audited like a reveal */
		snprintf(object, sizeof(object), "case:%lld", (long long)case_id);
		rc = audit_alone(app, actor, POL_EXCHANGE_SEND, object, json_pack("{s:s,s:o}", "op",
		    "export.htcds", "include", htcds_include_json(include)), err);
	}
	if (rc != KERR_OK) {
		json_decref(*out);
		*out = NULL;
	}
	arena_release(&a);
	return rc;
}

/* ---- packing ---- */

enum kerr_code
app_exchange_pack(struct app *app, const struct policy_actor *actor, int64_t case_id,
	const char *peer, unsigned include, unsigned char **pkg, size_t *n, char package[33],
	struct kerr *err)
{
	struct arena a;
	struct sign_identity me;
	unsigned char pub[SIGN_PUB_LEN], rnd[16];
	char from[SIGN_FP_LEN], to[SIGN_FP_LEN], object[48], when[32];
	const char *number;
	json_t *h = NULL, *payload;
	char *text;
	time_t now = time(NULL);
	enum kerr_code rc;

	*pkg = NULL;
	*n = 0;
	arena_init(&a);
	if ((rc = case_htcds(app, actor, case_id, include, &h, &number, &a, err)) != KERR_OK ||
	    (rc = peer_by_name(app, peer, pub, err)) != KERR_OK ||
	    (rc = identity_load(app, &me, err)) != KERR_OK)
		goto out;
	randombytes_buf(rnd, sizeof(rnd));
	sodium_bin2hex(package, 33, rnd, sizeof(rnd));
	sign_fingerprint(me.pub, from);
	sign_fingerprint(pub, to);
	strftime(when, sizeof(when), "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	payload = json_pack("{s:s,s:s,s:s,s:s,s:s,s:o,s:O}", "format", "khipu-exchange/1",
		"package", package, "created", when, "from", from, "to", to, "include",
		htcds_include_json(include), "case", h);
	text = json_dumps(payload, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(payload);
	*pkg = sign_pack(&me, pub, (const unsigned char *)text, strlen(text), n);
	sodium_memzero(text, strlen(text));
	free(text);
	sodium_memzero(&me, sizeof(me));
	snprintf(object, sizeof(object), "case:%lld", (long long)case_id);
	rc = audit_alone(app, actor, POL_EXCHANGE_SEND, object, json_pack("{s:s,s:s,s:s,s:o}",
	    "op", "pack", "peer", peer, "package", package, "include",
	    htcds_include_json(include)), err);
	if (rc != KERR_OK) {
		free(*pkg);
		*pkg = NULL;
		*n = 0;
	}
out:
	json_decref(h);
	arena_release(&a);
	return rc;
}

/* ---- importing a case from HTCDS ---- */

/* Register doc (a case document from htcds_to_casedoc) as a new case of
 * the actor's office, numbered number, as the system (the actor holds
 * exchange.receive, not case.create: the import is audited as that). */
static enum kerr_code
import_doc(struct app *app, const struct policy_actor *actor, json_t *doc, const char *number,
	app_case_then_fn then, void *ctx, int64_t *id, struct kerr *err)
{
	struct policy_actor sys;
	struct office o;
	struct arena a;
	char *text, pseudo[96];
	json_t *p;
	size_t i;
	enum kerr_code rc;

	arena_init(&a);
	if (actor->office_id <= 0 || (rc = store_office_get(app->st, actor->office_id, &a, &o,
	    err)) != KERR_OK) {
		arena_release(&a);
		return kerr_set(err, KERR_INVALID, _("user '%s' has no office to receive the case "
			"in"), actor->name);
	}
	json_object_set_new(doc, "number", json_string(number));
	json_object_set_new(doc, "office", json_string(o.code));
	/* a victim comes without her name: a pseudonym of this case in its
	 * place (a person needs a name; this one matches nobody elsewhere) */
	json_array_foreach(json_object_get(doc, "persons"), i, p)
		if (json_is_object(p) && !json_is_string(json_object_get(p, "name"))) {
			snprintf(pseudo, sizeof(pseudo), "%s/P%zu", number, i + 1);
			json_object_set_new(p, "name", json_string(pseudo));
		}
	text = json_dumps(doc, JSON_COMPACT);
	app_system_actor(&sys);
	rc = app_case_add_json_allowed(app, &sys, text, strlen(text),
		policy_action_name(POL_EXCHANGE_RECEIVE), then, ctx, id, err);
	sodium_memzero(text, strlen(text));
	free(text);
	arena_release(&a);
	return rc;
}

/* "RX-NAME-suffix", cut to the 64 characters of a case number. */
static void
received_number(char out[65], const char *peer, const char *suffix)
{
	snprintf(out, 65, "RX-%s-%s", peer, suffix);
}

/* The import's own audit entry, in the transaction that registers the case. */
static enum kerr_code
audit_htcds_import(struct app *app, void *ctx, int64_t case_id, struct kerr *err)
{
	const struct policy_actor *actor = ctx;
	char object[48], *detail;
	enum kerr_code rc;

	snprintf(object, sizeof(object), "case:%lld", (long long)case_id);
	detail = app_audit_detail(json_pack("{s:s}", "op", "import.htcds"));
	rc = app_audit(app, actor, POL_EXCHANGE_RECEIVE, object, detail, err);
	free(detail);
	return rc;
}

enum kerr_code
app_htcds_import(struct app *app, const struct policy_actor *actor, const char *text,
	size_t n, int64_t *case_id, char number[65], struct kerr *err)
{
	json_error_t jerr;
	json_t *h, *doc;
	const char *orig;
	unsigned char rnd[4];
	char suffix[40];
	enum kerr_code rc;

	*case_id = 0;
	if ((rc = app_allow(app, actor, POL_EXCHANGE_RECEIVE, NULL, "exchange", err)) != KERR_OK)
		return rc;
	if ((h = json_loadb(text, n, 0, &jerr)) == NULL)
		return kerr_set(err, KERR_INVALID, _("not JSON (line %d: %s)"), jerr.line, jerr.text);
	if ((doc = htcds_to_casedoc(h, err)) == NULL) {
		json_decref(h);
		return KERR_INVALID;
	}
	orig = json_string_value(json_object_get(json_object_get(h, "khipu_case"), "number"));
	randombytes_buf(rnd, sizeof(rnd));
	snprintf(suffix, sizeof(suffix), "%.30s-%02x%02x%02x%02x", orig != NULL ? orig : "htcds",
		rnd[0], rnd[1], rnd[2], rnd[3]);
	received_number(number, "HTCDS", suffix);
	rc = import_doc(app, actor, doc, number, audit_htcds_import, (void *)actor, case_id, err);
	json_decref(doc);
	json_decref(h);
	return rc;
}

/* ---- opening ---- */

/* Audit a refused package with its reason, then return rc with err as set. */
static enum kerr_code
refused(struct app *app, const struct policy_actor *actor, enum kerr_code rc,
	const char *why, struct kerr *err)
{
	struct kerr ignored;

	(void)err;   /* keeps the refusal's message */
	audit_alone(app, actor, POL_EXCHANGE_RECEIVE, "exchange", json_pack("{s:s,s:s}", "op",
		"open", "refused", why), &ignored);
	return rc;
}

static int
seen(json_t *list, const char *package)
{
	json_t *v;
	size_t i;

	json_array_foreach(list, i, v)
		if (json_is_string(v) && strcmp(json_string_value(v), package) == 0)
			return 1;
	return 0;
}

/* What opening a package writes besides the case: the package marked
 * opened, the provenance of the case, the audit entry. Run inside the
 * transaction that registers the case (app_case_add_json_allowed), so a
 * crash leaves either all of it or nothing: never a case without its
 * provenance, nor a package marked opened whose case is not there. */
struct opened {
	const struct policy_actor *actor;
	const char *peer, *peer_fp, *package;
	json_t *j;                      /* the package's contents */
};

static enum kerr_code
record_opened(struct app *app, void *ctx, int64_t case_id, struct kerr *err)
{
	struct opened *o = ctx;
	json_t *seenl, *recv;
	char object[48], *detail;
	enum kerr_code rc;

	/* read again inside the transaction: another open of the same
	 * package that committed meanwhile makes this one a replay */
	seenl = meta_json(app, META_SEEN, json_array());
	if (seen(seenl, o->package)) {
		json_decref(seenl);
		return kerr_set(err, KERR_CONFLICT, _("package %s was already opened here (a "
			"replay); nothing imported"), o->package);
	}
	json_array_append_new(seenl, json_string(o->package));
	recv = meta_json(app, META_RECEIVED, json_array());
	json_array_append_new(recv, json_pack("{s:I,s:s,s:s,s:s,s:O,s:I}", "case",
		(json_int_t)case_id, "peer", o->peer, "fingerprint", o->peer_fp, "package",
		o->package, "created", json_object_get(o->j, "created"), "at",
		(json_int_t)time(NULL)));
	rc = meta_put(app, META_SEEN, seenl, err);
	if (rc == KERR_OK)
		rc = meta_put(app, META_RECEIVED, recv, err);
	if (rc == KERR_OK) {
		snprintf(object, sizeof(object), "case:%lld", (long long)case_id);
		detail = app_audit_detail(json_pack("{s:s,s:s,s:s,s:s,s:O}", "op", "open",
		    "peer", o->peer, "fingerprint", o->peer_fp, "package", o->package, "include",
		    json_object_get(o->j, "include")));
		rc = app_audit(app, o->actor, POL_EXCHANGE_RECEIVE, object, detail, err);
		free(detail);
	}
	json_decref(seenl);
	json_decref(recv);
	return rc;
}

enum kerr_code
app_exchange_open(struct app *app, const struct policy_actor *actor, const unsigned char *pkg,
	size_t n, struct arena *a, struct app_exchange_received *out, struct kerr *err)
{
	static const char *const why[] = {
		[SIGN_NOT_PACKAGE] = N_("not a Khipu exchange package"),
		[SIGN_TRUNCATED] = N_("the package is truncated (shorter than its header says)"),
		[SIGN_OTHER_RECIPIENT] = N_("the package is encrypted to another installation"),
		[SIGN_INTEGRITY] = N_("the package was altered: it does not decrypt"),
		[SIGN_BAD_SIGNATURE] = N_("the package was altered: its signature does not verify"),
	};
	static const char *const code[] = { [SIGN_NOT_PACKAGE] = "not_package",
		[SIGN_TRUNCATED] = "truncated", [SIGN_OTHER_RECIPIENT] = "other_recipient",
		[SIGN_INTEGRITY] = "integrity", [SIGN_BAD_SIGNATURE] = "signature" };
	struct sign_identity me;
	unsigned char signer[32], pub[SIGN_PUB_LEN], *payload = NULL;
	char me_fp[SIGN_FP_LEN], peer_fp[SIGN_FP_LEN], number[65], suffix[48];
	json_t *j = NULL, *doc = NULL, *seenl = NULL;
	struct opened o;
	const char *peer, *package;
	size_t pn;
	int removed;
	enum sign_fault f;
	enum kerr_code rc;

	memset(out, 0, sizeof(out[0]));
	if ((rc = app_allow(app, actor, POL_EXCHANGE_RECEIVE, NULL, "exchange", err)) != KERR_OK)
		return rc;
	if ((rc = identity_load(app, &me, err)) != KERR_OK)
		return rc;
	/* the sender first: a package from no peer is not even opened */
	if ((f = sign_peek(pkg, n, signer)) != SIGN_OK) {
		kerr_set(err, KERR_INVALID, "%s", _(why[f]));
		rc = refused(app, actor, KERR_INVALID, code[f], err);
		goto out;
	}
	peer = peer_by_signer(app, a, signer, &removed, pub);
	if (peer == NULL || removed) {
		kerr_set(err, KERR_DENIED, peer == NULL ? _("the package comes from no trusted "
			"peer; add the sender with 'khipu exchange peer add' after checking its "
			"fingerprint") : _("the package comes from peer '%s', which was removed"),
			peer != NULL ? peer : "");
		rc = refused(app, actor, KERR_DENIED, peer == NULL ? "unknown_peer" : "removed_peer",
			err);
		goto out;
	}
	if ((f = sign_open(&me, pkg, n, signer, &payload, &pn)) != SIGN_OK) {
		kerr_set(err, KERR_INVALID, "%s", _(why[f]));
		rc = refused(app, actor, KERR_INVALID, code[f], err);
		goto out;
	}
	sign_fingerprint(me.pub, me_fp);
	sign_fingerprint(pub, peer_fp);
	j = json_loadb((const char *)payload, pn, 0, NULL);
	package = json_string_value(json_object_get(j, "package"));
	if (j == NULL || package == NULL || strlen(package) != 32 ||
	    !json_is_string(json_object_get(j, "to")) || !json_is_string(json_object_get(j, "from")) ||
	    strcmp(json_string_value(json_object_get(j, "to")), me_fp) != 0 ||
	    strcmp(json_string_value(json_object_get(j, "from")), peer_fp) != 0) {
		kerr_set(err, KERR_INVALID, "%s", _("the package's contents do not name this "
			"installation and its sender"));
		rc = refused(app, actor, KERR_INVALID, "contents", err);
		goto out;
	}
	seenl = meta_json(app, META_SEEN, json_array());
	if (seen(seenl, package)) {
		kerr_set(err, KERR_CONFLICT, _("package %s was already opened here (a replay); "
			"nothing imported"), package);
		rc = refused(app, actor, KERR_CONFLICT, "replay", err);
		goto out;
	}
	if ((doc = htcds_to_casedoc(json_object_get(j, "case"), err)) == NULL) {
		rc = refused(app, actor, KERR_INVALID, "contents", err);
		goto out;
	}
	/* the sender's number and the package: a replay under another id
	 * would still collide on the number */
	snprintf(suffix, sizeof(suffix), "%.30s-%.8s", json_string_value(json_object_get(
		json_object_get(json_object_get(j, "case"), "khipu_case"), "number")) ?
		json_string_value(json_object_get(json_object_get(json_object_get(j, "case"),
		"khipu_case"), "number")) : "case", package);
	received_number(number, peer, suffix);
	json_object_set_new(doc, "complaint_source", json_string("abroad"));
	json_decref(seenl);
	seenl = NULL;
	/* the case, its provenance, the package marked opened and the audit
	 * entry: one transaction */
	o.actor = actor;
	o.peer = peer;
	o.peer_fp = peer_fp;
	o.package = package;
	o.j = j;
	if ((rc = import_doc(app, actor, doc, number, record_opened, &o, &out->case_id,
	    err)) != KERR_OK) {
		rc = refused(app, actor, rc, rc == KERR_CONFLICT && strstr(err->msg, package) ?
			"replay" : "import", err);
		goto out;
	}
	if (rc == KERR_OK) {
		json_t *c = json_object_get(j, "case");
		out->number = arena_strdup(a, number);
		out->peer = peer;
		out->fingerprint = arena_strdup(a, peer_fp);
		out->package = arena_strdup(a, package);
		out->created = arena_strdup(a, json_string_value(json_object_get(j, "created")));
		out->persons = json_array_size(json_object_get(c, "persons"));
		out->events = json_array_size(json_object_get(c, "khipu_events"));
		out->assets = json_array_size(json_object_get(c, "khipu_assets"));
		out->requests = json_array_size(json_object_get(c, "khipu_requests"));
	}
out:
	if (payload != NULL) {
		sodium_memzero(payload, pn);
		free(payload);
	}
	json_decref(j);
	json_decref(doc);
	json_decref(seenl);
	sodium_memzero(&me, sizeof(me));
	return rc;
}

size_t
app_exchange_package_max(void)
{
	return PACKAGE_MAX;
}
