/*
 * link_register.c — privacy-preserving matching from the register (issue
 * 12, `link encode --as`): the persons of the cases the actor may read and
 * reveal, their sealed identities opened in memory one at a time, folded
 * into keyed Bloom filters (io/clk.h) and wiped. The file holds "P<id>"
 * and the filters only; the other party asks back about matched ids
 * through official channels.
 */
#include "app/dedup.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_int.h"
#include "app/link.h"
#include "io/clk.h"
#include "io/linkcsv.h"
#include "lib/i18n.h"
#include "lib/xalloc.h"

struct enc_person {
	int64_t id;
	struct person person;         /* non-identifying fields */
};

/* The persons (in role, when given) the actor may read and reveal. */
static enum kerr_code
collect(struct app *app, const struct policy_actor *actor, const char *role, struct arena *a,
	struct enc_person **out, size_t *n, struct kerr *err)
{
	struct store_case_filter f;
	struct store_case_row *rows;
	struct kerr ignored;
	size_t nrows, i, k, j, cap = 0;
	enum kerr_code rc;

	*out = NULL;
	*n = 0;
	memset(&f, 0, sizeof(f));
	if ((rc = store_case_list(app->st, &f, a, &rows, &nrows, err)) != KERR_OK)
		return rc;
	for (i = 0; i < nrows; i++) {
		struct kcase c;
		struct policy_case pc = { rows[i].c.office_id, rows[i].c.shared_with,
			rows[i].c.nshared };
		if (policy_check(actor, POL_CASE_READ, &pc, &ignored) != KERR_OK)
			continue;
		if ((rc = store_case_get(app->st, rows[i].c.id, a, &c, err)) != KERR_OK)
			return rc;
		pc.shared_with = c.shared_with;
		pc.nshared = c.nshared;
		for (k = 0; k < c.nparts; k++) {
			const struct participation *p = &c.parts[k];
			if (role != NULL && strcmp(p->role, role) != 0)
				continue;
			if (policy_check(actor, strcmp(p->role, "victim") == 0 ? POL_REVEAL_VICTIM :
			    POL_REVEAL_OTHER, &pc, &ignored) != KERR_OK)
				continue;
			for (j = 0; j < *n && (*out)[j].id != p->person_id; j++)
				;   /* NEEDSWORK(linkage): a hash for large registers */
			if (j < *n)
				continue;
			if (*n == cap) {
				struct enc_person *g;
				cap = cap ? 2 * cap : 256;
				g = arena_alloc(a, cap * sizeof(*g));
				if (*n)
					memcpy(g, *out, *n * sizeof(*g));
				*out = g;
			}
			(*out)[(*n)++] = (struct enc_person){ p->person_id, p->person };
		}
	}
	return KERR_OK;
}

enum kerr_code
app_link_encode_register(struct app *app, const struct policy_actor *actor,
	const char *secret_file, const char *role, const char *out,
	struct app_link_register_report *rep, struct kerr *err)
{
	static const struct clk_field cf[4] = {
		{ MATCH_TEXT, 10 }, { MATCH_DATE, 10 }, { MATCH_ID, 8 }, { MATCH_ID, 8 },
	};
	struct clk_encoder *enc = NULL;
	struct enc_person *v = NULL;
	struct linkout o;
	struct arena a;
	uint64_t filter[CLK_WORDS];
	char *secret = NULL, id[32], year[16];
	size_t slen = 0, n = 0, i;
	enum kerr_code rc;

	memset(rep, 0, sizeof(*rep));
	if (role != NULL && strcmp(role, "victim") != 0 && strcmp(role, "suspect") != 0)
		return kerr_set(err, KERR_INVALID, _("--role: '%s' is neither victim nor suspect"), role);
	if (out == NULL)
		return kerr_set(err, KERR_INVALID, "%s", _("--out: the encoded file is required"));
	if ((rc = app_allow(app, actor, POL_PERSON_SEARCH, NULL, "person", err)) != KERR_OK)
		return rc;
	if (app_is_system(actor))
		return kerr_set(err, KERR_DENIED, "%s", _("--as: the system user reveals no identity"));
	if ((rc = app_link_read_secret(secret_file, &secret, &slen, err)) != KERR_OK)
		return rc;
	rc = clk_encoder_new(cf, 4, secret, slen, &enc, err);
	sodium_memzero(secret, slen);
	free(secret);
	if (rc != KERR_OK)
		return rc;
	arena_init(&a);
	if ((rc = store_begin(app->st, err)) == KERR_OK)
		rc = collect(app, actor, role, &a, &v, &n, err);
	if (rc == KERR_OK && (rc = linkout_open(&o, out, err)) == KERR_OK) {
		clk_write_header(o.f, enc, n);
		for (i = 0; i < n && rc == KERR_OK; i++) {
			struct person per = v[i].person;
			const char *vals[4];
			per.id = v[i].id;
			if ((rc = app_unseal_person(app, &a, &per, err)) != KERR_OK)
				break;
			year[0] = '\0';
			if ((per.birth_date == NULL || *per.birth_date == '\0') && per.birth_year > 0)
				snprintf(year, sizeof(year), "%d", per.birth_year);
			vals[0] = per.name;
			vals[1] = per.birth_date && *per.birth_date ? per.birth_date : year;
			vals[2] = per.sex;
			vals[3] = per.nationality;
			clk_encode(enc, vals, filter);
			app_person_wipe(&per);
			snprintf(id, sizeof(id), "P%lld", (long long)v[i].id);
			clk_write_record(o.f, id, filter);
		}
		sodium_memzero(filter, sizeof(filter));
		if (rc == KERR_OK)
			rc = linkout_commit(&o, err);
		else
			linkout_abort(&o);
	}
	if (rc == KERR_OK) {
		char *detail = app_audit_detail(json_pack("{s:s,s:o,s:I}", "by", "link.encode",
		    "role", role ? json_string(role) : json_null(), "persons", (json_int_t)n));
		rc = app_audit(app, actor, POL_PERSON_SEARCH, "person", detail, err);
		free(detail);
	}
	if (rc == KERR_OK)
		rc = store_commit(app->st, err);
	else
		store_rollback(app->st);
	if (rc == KERR_OK) {
		rep->persons = n;
		snprintf(rep->fingerprint, sizeof(rep->fingerprint), "%.16s",
			clk_encoder_fingerprint(enc));
	}
	clk_encoder_free(enc);
	arena_release(&a);
	return rc;
}
