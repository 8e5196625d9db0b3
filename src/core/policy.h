/*
 * policy.h — the one rule book: who may do what, on which cases.
 *
 * Every path (CLI, web page, JSON API) asks policy_check() through the app
 * layer before acting; nothing else decides access. Deny by default: an
 * action absent from a role's row is refused.
 *
 * Scope of case actions:
 *   POL_SCOPE_OFFICE   cases of the actor's office or shared with it
 *   POL_SCOPE_NATIONAL every case
 *   POL_SCOPE_OWN      cases of the actor's own office only: a share is not
 *                      enough (assigning and transferring a case)
 * REQ-POL-001 analysts see no identities; REQ-POL-002 admins manage users but
 * see no victim identity; REQ-POL-003 locked users may do nothing;
 * REQ-POL-004 a case is assigned only to a prosecutor of its own office.
 */
#ifndef KHIPU_POLICY_H
#define KHIPU_POLICY_H

#include <stddef.h>
#include <stdint.h>

#include "core/model.h"
#include "lib/kerr.h"

enum pol_action {
	POL_CASE_CREATE,        /* register a new case */
	POL_CASE_LIST,          /* list cases (no identities) */
	POL_CASE_READ,          /* open a case (identities masked) */
	POL_CASE_UPDATE,        /* add events, persons, assets, identifiers */
	POL_CASE_SHARE,         /* share a case with another office */
	POL_REVEAL_VICTIM,      /* see a victim's identity in clear */
	POL_REVEAL_OTHER,       /* see a suspect's, witness's, complainant's identity */
	POL_PERSON_SEARCH,      /* search persons by name, document, phone */
	POL_REQUEST_MANAGE,     /* international requests */
	POL_STATS_READ,         /* aggregate statistics */
	POL_DATA_EXPORT,        /* anonymised exports (CTDC, UNODC, XLSX) */
	POL_DATA_IMPORT,        /* statistical imports (CTDC) */
	POL_USER_MANAGE,        /* add, lock, unlock users, reset passwords */
	POL_OFFICE_MANAGE,      /* add offices */
	POL_AUDIT_READ,         /* read and verify the audit trail */
	POL_BACKUP,             /* backup, restore, check */
	POL_KEY_ROTATE,         /* rotate the sealing key */
	POL_CASE_ASSIGN,        /* name the case's prosecutor (its assignee) */
	POL_CASE_TRANSFER,      /* move a case to another office (derivación) */
	POL_ATTACHMENT_READ,    /* open a case's attached files (a reveal: they may
	                           show a victim) */
	POL_EXCHANGE_MANAGE,    /* the installation's exchange identity and its trusted peers */
	POL_EXCHANGE_SEND,      /* pack a case for a peer, export it as HTCDS (suspects'
	                           identities travel: a reveal, audited) */
	POL_EXCHANGE_RECEIVE,   /* open a peer's package, import an HTCDS file: a new case */
	POL__MAX
};

enum pol_scope {
	POL_SCOPE_NONE,         /* denied */
	POL_SCOPE_OFFICE,       /* own office or shared with it */
	POL_SCOPE_NATIONAL,     /* everything */
	POL_SCOPE_OWN,          /* own office only, not cases shared with it */
};

struct policy_actor {
	int64_t user_id;
	const char *name;
	enum role role;
	int64_t office_id;       /* 0 = none */
	int locked;
};

/* The case an action touches; NULL for actions that touch no case. */
struct policy_case {
	int64_t office_id;
	const int64_t *shared_with;
	size_t nshared;
};

/* Stable names: "case.create", "identity.reveal_victim"... (audit and docs). */
const char *policy_action_name(enum pol_action a);
int policy_action_by_name(const char *name);            /* -1 if unknown */
const char *policy_role_name(enum role r);               /* "prosecutor" */
int policy_role_by_name(const char *name);               /* -1 if unknown */

/* The scope the table gives role for action (no case involved). */
enum pol_scope policy_scope(enum role r, enum pol_action a);

/*
 * Decide. Returns KERR_OK when allowed; otherwise KERR_DENIED with a message
 * naming the user, role and action ("user 'ana' (analyst) may not
 * 'identity.reveal_victim'"). c may be NULL for actions that touch no case;
 * for office-scoped actions on a case, the case must belong to the actor's
 * office or be shared with it.
 */
enum kerr_code policy_check(const struct policy_actor *actor, enum pol_action a,
	const struct policy_case *c, struct kerr *err);

/*
 * May the user described by assignee be the assigned prosecutor of case c?
 * Only a prosecutor of the case's own office who is not locked
 * (REQ-POL-004). KERR_OK, or KERR_INVALID with a message on the field
 * "assignee" that says why (never KERR_DENIED: the actor may assign, the
 * person named is the wrong one).
 */
enum kerr_code policy_check_assignee(const struct policy_actor *assignee,
	const struct policy_case *c, struct kerr *err);

#endif
