/*
 * identsearch.h — find an identifier everywhere (issue 12): a phone, an
 * account, a plate... in every case of the register, through the blind
 * indexes of identifiers (the value never reaches the database, a log or
 * the audit trail: only its keyed hash). The actor sees the cases she may
 * read; of the others only that a match exists and which office to
 * contact, never their number or content. Every search is audited.
 */
#ifndef KHIPU_IDENTSEARCH_H
#define KHIPU_IDENTSEARCH_H

#include "app/app.h"

struct app_ident_hit {
	int visible;                  /* 1: a case the actor may read */
	int64_t case_id;              /* visible only, else 0 */
	const char *case_number;      /* visible only, else NULL */
	const char *role;             /* visible, tied to a person: the person's role; else NULL */
	int64_t person_id;            /* visible, tied to a person: the person; else 0 */
	int64_t office_id;            /* the case's office: whom to contact */
	const char *office_code;
	const char *office_name;
};

/* Cases holding identifier kind (CB_IDENTIFIER_KIND) = value after
 * normalisation: the visible ones (one hit per case, by case id), then one
 * hit per other office holding a match (visible = 0). Allowed to whoever
 * may search persons (POL_PERSON_SEARCH); KERR_INVALID naming --kind or
 * --value for an unknown kind or a value that does not normalise.
 * Strings live in arena a. */
enum kerr_code app_identifier_search(struct app *app, const struct policy_actor *actor,
	const char *kind, const char *value, struct arena *a, struct app_ident_hit **out,
	size_t *n, struct kerr *err);

#endif
