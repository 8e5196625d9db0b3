/*
 * htcds.c — a case document to and from HTCDS v2.0 field and value names
 * (htcds.h says what goes where and what never leaves).
 */
#include "io/htcds.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codebook.h"
#include "lib/i18n.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const char *const include_names[] = { "victims", "suspects", "events", "assets",
	"identifiers" };
_Static_assert(NELEM(include_names) == 5, "one name per enum htcds_include flag");

int
htcds_include_parse(const char *list, unsigned *out, const char **bad)
{
	static char word[64];
	const char *p = list;
	size_t len, i;

	*out = 0;
	while (p != NULL && *p != '\0') {
		len = strcspn(p, ",");
		snprintf(word, sizeof(word), "%.*s", (int)(len < 63 ? len : 63), p);
		for (i = 0; i < NELEM(include_names); i++)
			if (strcmp(word, include_names[i]) == 0)
				break;
		if (i == NELEM(include_names) || len == 0 || len > 63) {
			*bad = word;
			return -1;
		}
		*out |= 1u << i;
		p += len + (p[len] == ',');
	}
	return 0;
}

json_t *
htcds_include_json(unsigned include)
{
	json_t *arr = json_array();
	size_t i;

	for (i = 0; i < NELEM(include_names); i++)
		if (include & (1u << i))
			json_array_append_new(arr, json_string(include_names[i]));
	return arr;
}

/* ---- out: a case document to HTCDS ---- */

/* A copy of obj with only the keys listed (the others never leave). */
static json_t *
pick(json_t *obj, const char *const *keys)
{
	json_t *o = json_object(), *v;

	for (; *keys != NULL; keys++)
		if ((v = json_object_get(obj, *keys)) != NULL && !json_is_null(v))
			json_object_set(o, *keys, v);
	return o;
}

/* The HTCDS value names of a list of codes of dim (those without one are
 * left to the khipu part); no repeats (several codes may share a name). */
static json_t *
htcds_list(enum cb_dim dim, json_t *codes)
{
	json_t *arr = json_array(), *v, *w;
	const struct cb_entry *e;
	size_t i, j;
	int seen;

	json_array_foreach(codes, i, v) {
		e = cb_lookup(dim, json_string_value(v));
		if (e == NULL || e->htcds == NULL)
			continue;
		seen = 0;
		json_array_foreach(arr, j, w)
			seen |= strcmp(json_string_value(w), e->htcds) == 0;
		if (!seen)
			json_array_append_new(arr, json_string(e->htcds));
	}
	return arr;
}

static void
htcds_one(json_t *o, const char *key, enum cb_dim dim, json_t *code)
{
	const struct cb_entry *e = json_is_string(code) ?
		cb_lookup(dim, json_string_value(code)) : NULL;

	if (e != NULL && e->htcds != NULL)
		json_object_set_new(o, key, json_string(e->htcds));
}

/* prs_FirstName / prs_SecondName from a full name: the first word, the rest
 * (joined again with one space on the way in). */
static void
split_name(json_t *o, json_t *name)
{
	const char *s = json_string_value(name), *sp;

	if (s == NULL || *s == '\0')
		return;
	sp = strchr(s, ' ');
	json_object_set_new(o, "prs_FirstName", sp != NULL ? json_stringn(s, (size_t)(sp - s)) :
		json_string(s));
	if (sp != NULL && sp[1] != '\0')
		json_object_set_new(o, "prs_SecondName", json_string(sp + 1));
}

static const char *const victim_keep[] = { "age_at_recruitment", "trafficking_status",
	"exploitation", "control", "recruitment", "assistance", "means", "vulnerability",
	"relationship", "recruitment_place", "exploitation_place", "recruitment_date",
	"exploitation_start", "exploitation_end", "rescue_date", "protection", NULL };
static const char *const suspect_keep[] = { "network_roles", "charges", "measures", "path",
	"payments", NULL };
static const char *const victim_person_keep[] = { "role", "birth_year", "sex", "nationality",
	"origin_ubigeo", NULL };
static const char *const suspect_person_keep[] = { "role", "name", "alias", "doc_type",
	"doc_number", "birth_date", "birth_year", "address", "sex", "nationality",
	"origin_ubigeo", NULL };
static const char *const ident_keep[] = { "kind", "value", NULL };

static json_t *
idents_out(json_t *ids)
{
	json_t *arr = json_array(), *v;
	size_t i;

	json_array_foreach(ids, i, v)
		json_array_append_new(arr, pick(v, ident_keep));
	return arr;
}

/* One person of the case in HTCDS, with its khipu part. */
static json_t *
person_out(json_t *p, unsigned include)
{
	const char *role = json_string_value(json_object_get(p, "role"));
	int victim = role != NULL && strcmp(role, "victim") == 0;
	json_t *o = json_object(), *k, *va, *nat = json_object_get(p, "nationality");

	htcds_one(o, "prs_Gender", CB_SEX, json_object_get(p, "sex"));
	if (json_is_string(nat))
		json_object_set_new(o, "prs_Citizenship", json_pack("[O]", nat));
	k = pick(p, victim ? victim_person_keep : suspect_person_keep);
	if (victim) {
		va = json_object_get(p, "victim");
		if (json_is_object(va)) {
			json_t *age = json_object_get(va, "age_at_recruitment");
			htcds_one(o, "vic_TraffickingStatus", CB_TRAFFICKING_STATUS,
				json_object_get(va, "trafficking_status"));
			if (json_is_integer(age) && json_integer_value(age) >= 0)
				json_object_set(o, "vic_AgeWhenTrafficked", age);
			htcds_one(o, "vic_RelationshipToTrafficker", CB_RELATIONSHIP,
				json_object_get(va, "relationship"));
			json_object_set_new(o, "vic_TypeOfExploitation",
				htcds_list(CB_EXPLOITATION, json_object_get(va, "exploitation")));
			json_object_set_new(o, "vic_MethodsOfControl",
				htcds_list(CB_CONTROL, json_object_get(va, "control")));
			json_object_set_new(o, "vic_MethodOfRecruitment",
				htcds_list(CB_RECRUITMENT, json_object_get(va, "recruitment")));
			json_object_set_new(k, "victim", pick(va, victim_keep));
		}
	} else {
		json_t *sa = json_object_get(p, "suspect");
		split_name(o, json_object_get(p, "name"));
		if (json_is_string(json_object_get(p, "birth_date")))
			json_object_set(o, "prs_Birthdate", json_object_get(p, "birth_date"));
		if (json_is_string(json_object_get(p, "doc_number")))
			json_object_set(o, "prs_IdentityNumber", json_object_get(p, "doc_number"));
		if (json_is_string(json_object_get(p, "address")))
			json_object_set(o, "prs_MailingStreet", json_object_get(p, "address"));
		if (json_is_object(sa)) {
			json_object_set_new(o, "per_RoleInProcess",
				htcds_list(CB_NETWORK_ROLE, json_object_get(sa, "network_roles")));
			json_object_set_new(k, "suspect", pick(sa, suspect_keep));
		}
		if (include & HTCDS_IDENTIFIERS)
			json_object_set_new(k, "identifiers",
				idents_out(json_object_get(p, "identifiers")));
	}
	json_object_set_new(o, "khipu", k);
	return o;
}

static int
wanted(json_t *p, unsigned include)
{
	const char *role = json_string_value(json_object_get(p, "role"));

	if (role == NULL)
		return 0;
	if (strcmp(role, "victim") == 0)
		return (include & HTCDS_VICTIMS) != 0;
	if (strcmp(role, "suspect") == 0)
		return (include & HTCDS_SUSPECTS) != 0;
	return 0;   /* witnesses and complainants stay */
}

static json_t *
assets_out(json_t *assets, const long *newpos, unsigned include)
{
	static const char *const keep[] = { "kind", "value", "currency", "measures",
		"forfeiture_file", NULL };
	json_t *arr = json_array(), *v, *o, *owner, *pos;
	size_t i;

	json_array_foreach(assets, i, v) {
		o = pick(v, keep);
		owner = json_object_get(v, "owner");
		pos = json_is_object(owner) ? json_object_get(owner, "person") : NULL;
		/* its owner: the position among the persons that travel */
		if (json_is_integer(pos) && newpos[json_integer_value(pos)] >= 0)
			json_object_set_new(o, "owner", json_pack("{s:I, s:O}", "person",
				(json_int_t)newpos[json_integer_value(pos)], "relation",
				json_object_get(owner, "relation")));
		if (include & HTCDS_IDENTIFIERS)
			json_object_set_new(o, "identifiers", idents_out(json_object_get(v, "identifiers")));
		json_array_append_new(arr, o);
	}
	return arr;
}

json_t *
htcds_from_casedoc(json_t *doc, unsigned include)
{
	static const char *const case_keep[] = { "number", "complaint_date", "complaint_source",
		"place", "offences", "related_offences", "aggravating", "stage", NULL };
	static const char *const event_keep[] = { "stage", "date", NULL };
	static const char *const request_keep[] = { "direction", "country", "authority", "type",
		"status", "sent", "due", "received", "answered", "reference", "legal_basis", "channel",
		"assistance", NULL };
	json_t *h = json_object(), *persons = json_array(), *arr, *v;
	json_t *src = json_object_get(doc, "persons");
	const struct cb_entry *stage = cb_lookup(CB_STAGE,
		json_string_value(json_object_get(doc, "stage")));
	size_t i, n = json_array_size(src), k = 0;
	long *newpos = calloc(n + 1, sizeof(*newpos));

	json_object_set_new(h, "format", json_string("khipu-htcds/1"));
	json_object_set_new(h, "standard", json_string("HTCDS 2.0"));
	json_object_set_new(h, "cas_Status", json_string(cb_has_flag(stage, "archive") ||
		cb_has_flag(stage, "final") ? "Closed" : "Active"));
	json_object_set(h, "cas_IncomingReferralDate", json_object_get(doc, "complaint_date"));
	json_object_set_new(h, "khipu_case", pick(doc, case_keep));
	json_array_foreach(src, i, v) {
		newpos[i] = -1;
		if (!wanted(v, include))
			continue;
		newpos[i] = (long)k++;
		json_array_append_new(persons, person_out(v, include));
	}
	json_object_set_new(h, "persons", persons);
	if (include & HTCDS_EVENTS) {
		arr = json_array();
		json_array_foreach(json_object_get(doc, "events"), i, v)
			json_array_append_new(arr, pick(v, event_keep));
		json_object_set_new(h, "khipu_events", arr);
	}
	if (include & HTCDS_ASSETS)
		json_object_set_new(h, "khipu_assets", assets_out(json_object_get(doc, "assets"),
			newpos, include));
	if (include & HTCDS_IDENTIFIERS)
		json_object_set_new(h, "khipu_identifiers",
			idents_out(json_object_get(doc, "identifiers")));
	arr = json_array();
	json_array_foreach(json_object_get(doc, "requests"), i, v)
		json_array_append_new(arr, pick(v, request_keep));
	json_object_set_new(h, "khipu_requests", arr);
	free(newpos);
	return h;
}

/* ---- in: HTCDS to a case document ---- */

static json_t *
fail(struct kerr *err, json_t *doc, const char *field, const char *msg, const char *value)
{
	json_decref(doc);
	kerr_field(err, KERR_INVALID, field, msg, value);
	return NULL;
}

/* The code of dim whose HTCDS name is v; NULL when v is unknown. */
static const char *
from_htcds(enum cb_dim dim, json_t *v)
{
	const struct cb_entry *e = json_is_string(v) ?
		cb_lookup_htcds(dim, json_string_value(v)) : NULL;

	return e != NULL ? e->code : NULL;
}

/* A list of HTCDS names into codes of dim under key of o; 0, or -1 with
 * *at the position of an unknown one. */
static int
codes_in(json_t *o, const char *key, enum cb_dim dim, json_t *names, size_t *at)
{
	json_t *arr = json_array(), *v;
	const char *c;
	size_t i;

	json_array_foreach(names, i, v) {
		if ((c = from_htcds(dim, v)) == NULL) {
			json_decref(arr);
			*at = i;
			return -1;
		}
		json_array_append_new(arr, json_string(c));
	}
	json_object_set_new(o, key, arr);
	return 0;
}

/* A person of a document that holds only the standard's fields. */
static json_t *
person_in(json_t *p, size_t i, struct kerr *err)
{
	static const struct { const char *key, *doc; enum cb_dim dim; } lists[] = {
		{ "vic_TypeOfExploitation", "exploitation", CB_EXPLOITATION },
		{ "vic_MethodsOfControl", "control", CB_CONTROL },
		{ "vic_MethodOfRecruitment", "recruitment", CB_RECRUITMENT },
	};
	json_t *o = json_object(), *va = NULL, *v, *cit;
	const char *k, *c, *first, *second;
	char field[96], name[512];
	int victim = 0, perp = 0;
	size_t j, at;

	json_object_foreach(p, k, v) {
		victim |= strncmp(k, "vic_", 4) == 0;
		perp |= strncmp(k, "per_", 4) == 0;
	}
	snprintf(field, sizeof(field), "persons[%zu]", i);
	if (victim == perp)
		return fail(err, o, field, _("has %s: a victim has vic_ fields, a perpetrator "
			"per_ fields"), victim ? _("both") : _("neither"));
	json_object_set_new(o, "role", json_string(victim ? "victim" : "suspect"));
	if ((v = json_object_get(p, "prs_Gender")) != NULL) {
		snprintf(field, sizeof(field), "persons[%zu].prs_Gender", i);
		if ((c = from_htcds(CB_SEX, v)) == NULL)
			return fail(err, o, field, _("unknown HTCDS value '%s'"),
				json_is_string(v) ? json_string_value(v) : "?");
		json_object_set_new(o, "sex", json_string(c));
	}
	cit = json_object_get(p, "prs_Citizenship");
	if (json_is_array(cit) && json_array_size(cit) > 0)
		json_object_set(o, "nationality", json_array_get(cit, 0));
	first = json_string_value(json_object_get(p, "prs_FirstName"));
	second = json_string_value(json_object_get(p, "prs_SecondName"));
	if (first != NULL || second != NULL) {
		snprintf(name, sizeof(name), "%s%s%s", first ? first : "", first && second ? " " : "",
			second ? second : "");
		json_object_set_new(o, "name", json_string(name));
	}
	if ((v = json_object_get(p, "prs_Birthdate")) != NULL)
		json_object_set(o, "birth_date", v);
	if ((v = json_object_get(p, "prs_IdentityNumber")) != NULL) {
		json_object_set(o, "doc_number", v);
		json_object_set_new(o, "doc_type", json_string("foreign_id"));
	}
	if ((v = json_object_get(p, "prs_MailingStreet")) != NULL)
		json_object_set(o, "address", v);
	if (victim) {
		va = json_object();
		json_object_set_new(o, "victim", va);
		if ((v = json_object_get(p, "vic_TraffickingStatus")) != NULL) {
			snprintf(field, sizeof(field), "persons[%zu].vic_TraffickingStatus", i);
			if ((c = from_htcds(CB_TRAFFICKING_STATUS, v)) == NULL)
				return fail(err, o, field, _("unknown HTCDS value '%s'"),
					json_is_string(v) ? json_string_value(v) : "?");
			json_object_set_new(va, "trafficking_status", json_string(c));
		}
		if ((v = json_object_get(p, "vic_RelationshipToTrafficker")) != NULL) {
			snprintf(field, sizeof(field), "persons[%zu].vic_RelationshipToTrafficker", i);
			if ((c = from_htcds(CB_RELATIONSHIP, v)) == NULL)
				return fail(err, o, field, _("unknown HTCDS value '%s'"),
					json_is_string(v) ? json_string_value(v) : "?");
			json_object_set_new(va, "relationship", json_string(c));
		}
		if (json_is_integer(v = json_object_get(p, "vic_AgeWhenTrafficked")))
			json_object_set(va, "age_at_recruitment", v);
		for (j = 0; j < NELEM(lists); j++)
			if (codes_in(va, lists[j].doc, lists[j].dim, json_object_get(p, lists[j].key),
			    &at) != 0) {
				snprintf(field, sizeof(field), "persons[%zu].%s[%zu]", i, lists[j].key, at);
				v = json_array_get(json_object_get(p, lists[j].key), at);
				return fail(err, o, field, _("unknown HTCDS value '%s'"),
					json_is_string(v) ? json_string_value(v) : "?");
			}
	} else {
		json_t *sa = json_object();
		json_object_set_new(o, "suspect", sa);
		if (codes_in(sa, "network_roles", CB_NETWORK_ROLE,
		    json_object_get(p, "per_RoleInProcess"), &at) != 0) {
			snprintf(field, sizeof(field), "persons[%zu].per_RoleInProcess[%zu]", i, at);
			v = json_array_get(json_object_get(p, "per_RoleInProcess"), at);
			return fail(err, o, field, _("unknown HTCDS value '%s'"),
				json_is_string(v) ? json_string_value(v) : "?");
		}
	}
	return o;
}

json_t *
htcds_to_casedoc(json_t *h, struct kerr *err)
{
	static const char *const case_keep[] = { "complaint_date", "complaint_source", "place",
		"offences", "related_offences", "aggravating", NULL };
	static const struct { const char *from, *to; } parts[] = {
		{ "khipu_events", "events" }, { "khipu_assets", "assets" },
		{ "khipu_identifiers", "identifiers" }, { "khipu_requests", "requests" },
	};
	json_t *doc, *kc = json_object_get(h, "khipu_case"), *persons = json_array(), *p, *k, *v;
	size_t i;

	if (!json_is_object(h)) {
		kerr_set(err, KERR_INVALID, _("not an HTCDS document (a JSON object)"));
		json_decref(persons);
		return NULL;
	}
	if (json_is_object(kc)) {
		doc = pick(kc, case_keep);
	} else {
		/* only the standard: the referral's date is the complaint's, the
		 * offence trafficking (CP art. 129-A), the facts abroad until known */
		doc = json_object();
		v = json_object_get(h, "cas_IncomingReferralDate");
		if (!json_is_string(v)) {
			json_decref(persons);
			return fail(err, doc, "cas_IncomingReferralDate",
				_("missing%s: without khipu_case the referral's date is the complaint's"), "");
		}
		json_object_set(doc, "complaint_date", v);
		json_object_set_new(doc, "complaint_source", json_string("abroad"));
		json_object_set_new(doc, "offences", json_pack("[s]", "cp_129a"));
		json_object_set_new(doc, "place", json_pack("{s:s}", "country", "PE"));
	}
	json_array_foreach(json_object_get(h, "persons"), i, p) {
		k = json_object_get(p, "khipu");
		if (json_is_object(k)) {
			json_array_append(persons, k);
			continue;
		}
		if ((k = person_in(p, i, err)) == NULL) {
			json_decref(persons);
			json_decref(doc);
			return NULL;
		}
		json_array_append_new(persons, k);
	}
	json_object_set_new(doc, "persons", persons);
	for (i = 0; i < NELEM(parts); i++)
		if (json_is_array(v = json_object_get(h, parts[i].from)))
			json_object_set(doc, parts[i].to, v);
	return doc;
}
