/*
 * policy.c — the one rule book: a role x action table of scopes, and the
 * check every path goes through. Deny by default: POL_SCOPE_NONE is zero, so
 * a cell nobody filled in refuses.
 */
#include "core/policy.h"

#include <stdio.h>
#include <string.h>

#include "core/codebook.h"
#include "lib/i18n.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Stable action names: they appear in the audit trail, so never rename. */
static const char *const pol_action_names[] = {
	[POL_CASE_CREATE]    = "case.create",
	[POL_CASE_LIST]      = "case.list",
	[POL_CASE_READ]      = "case.read",
	[POL_CASE_UPDATE]    = "case.update",
	[POL_CASE_SHARE]     = "case.share",
	[POL_REVEAL_VICTIM]  = "identity.reveal_victim",
	[POL_REVEAL_OTHER]   = "identity.reveal_other",
	[POL_PERSON_SEARCH]  = "person.search",
	[POL_REQUEST_MANAGE] = "request.manage",
	[POL_STATS_READ]     = "stats.read",
	[POL_DATA_EXPORT]    = "data.export",
	[POL_DATA_IMPORT]    = "data.import",
	[POL_USER_MANAGE]    = "user.manage",
	[POL_OFFICE_MANAGE]  = "office.manage",
	[POL_AUDIT_READ]     = "audit.read",
	[POL_BACKUP]         = "backup",
	[POL_KEY_ROTATE]     = "key.rotate",
	[POL_CASE_ASSIGN]    = "case.assign",
	[POL_CASE_TRANSFER]  = "case.transfer",
	[POL_ATTACHMENT_READ] = "attachment.read",
	[POL_EXCHANGE_MANAGE] = "exchange.manage",
	[POL_EXCHANGE_SEND]   = "exchange.send",
	[POL_EXCHANGE_RECEIVE] = "exchange.receive",
};
_Static_assert(NELEM(pol_action_names) == POL__MAX, "one name per enum pol_action");

/* Actions that concern one case, where OFFICE scope compares offices. The
 * others (stats, users, backup...) ignore any case they are given. */
static const unsigned char pol_on_case[POL__MAX] = {
	[POL_CASE_CREATE] = 1, [POL_CASE_LIST] = 1, [POL_CASE_READ] = 1,
	[POL_CASE_UPDATE] = 1, [POL_CASE_SHARE] = 1, [POL_REVEAL_VICTIM] = 1,
	[POL_REVEAL_OTHER] = 1, [POL_REQUEST_MANAGE] = 1, [POL_CASE_ASSIGN] = 1,
	[POL_CASE_TRANSFER] = 1, [POL_ATTACHMENT_READ] = 1, [POL_EXCHANGE_SEND] = 1,
};

/*
 * The matrix (REQ-POL-001..003). Reasoning, role by role:
 *
 * admin      runs the installation: users, offices, backups, the sealing key.
 *            Sees the list of cases (numbers, stages, no identities) to know
 *            what the register holds, but opens no case and no identity: the
 *            person who holds the keys must not also be able to read victims'
 *            files (REQ-POL-002). Does not read the audit trail either: the
 *            auditor checks the admin, not the other way round.
 * prosecutor owns the cases of the office: everything on them, including
 *            both kinds of identity and sharing with another office, always
 *            within the office (own cases or shared with it). Statistics are
 *            aggregates, so national. Exports are the observatory's. Only
 *            the office that owns a case decides who works on it: it
 *            assigns the case to one of its prosecutors and transfers it to
 *            another office (derivación); an office the case is merely
 *            shared with does neither (scope OWN).
 * police     takes the complaint and runs the operation, so registers and
 *            updates cases and sees victims' and suspects' identities within
 *            its office; shares nothing and handles no international request.
 *            The prosecutor directs the investigation (NCPP art. 60.2), so
 *            the police neither assign a case to a prosecutor nor transfer
 *            it to another office.
 * analyst    the observatory: reads every case masked, never an identity and
 *            never a person search (REQ-POL-001); produces statistics,
 *            anonymised exports and the statistical (CTDC) imports.
 * auditor    reads and verifies the audit trail, nothing else: not even the
 *            list of cases, which the audit names by id only.
 * liaison    the international cooperation unit works on cases from every
 *            office: reads them, manages MLA/extradition requests, and sees
 *            suspects' identities (requests name them) but never a victim's.
 *
 * Case exchange with another country's register (issue 13): the
 * installation's identity and its trusted peers (exchange.manage) are the
 * administrator's and the liaison's; packing a case for a peer or exporting
 * it as HTCDS (exchange.send) sends suspects' identities abroad, so it is the
 * liaison's (every case) and the prosecutor's (the office's cases); opening
 * a peer's package or importing an HTCDS file (exchange.receive) registers a
 * new case in the liaison's office: the liaison only.
 *
 * Attached files (attachment.read) are treated as a reveal of a victim: a
 * photograph or a police report can identify one, and nothing tells which
 * file does. So exactly the roles that may reveal victims may open them,
 * within their office, and every opening is audited (REQ-ATTACH-004).
 * Attaching is a case.update; the list of a case's files is a case.read.
 */
static const enum pol_scope pol_table[ROLE__MAX][POL__MAX] = {
	/* admin: list only, plus administration */
	[ROLE_ADMIN] = {
		[POL_CASE_LIST] = POL_SCOPE_NATIONAL,
		[POL_USER_MANAGE] = POL_SCOPE_NATIONAL,
		[POL_OFFICE_MANAGE] = POL_SCOPE_NATIONAL,
		[POL_BACKUP] = POL_SCOPE_NATIONAL,
		[POL_KEY_ROTATE] = POL_SCOPE_NATIONAL,
		[POL_EXCHANGE_MANAGE] = POL_SCOPE_NATIONAL,
	},
	/* prosecutor: full case work within the office, national statistics */
	[ROLE_PROSECUTOR] = {
		[POL_CASE_CREATE] = POL_SCOPE_OFFICE,
		[POL_CASE_LIST] = POL_SCOPE_OFFICE,
		[POL_CASE_READ] = POL_SCOPE_OFFICE,
		[POL_CASE_UPDATE] = POL_SCOPE_OFFICE,
		[POL_CASE_SHARE] = POL_SCOPE_OFFICE,
		[POL_REVEAL_VICTIM] = POL_SCOPE_OFFICE,
		[POL_REVEAL_OTHER] = POL_SCOPE_OFFICE,
		[POL_PERSON_SEARCH] = POL_SCOPE_OFFICE,
		[POL_REQUEST_MANAGE] = POL_SCOPE_OFFICE,
		[POL_STATS_READ] = POL_SCOPE_NATIONAL,
		[POL_CASE_ASSIGN] = POL_SCOPE_OWN,
		[POL_CASE_TRANSFER] = POL_SCOPE_OWN,
		[POL_ATTACHMENT_READ] = POL_SCOPE_OFFICE,
		[POL_EXCHANGE_SEND] = POL_SCOPE_OFFICE,
	},
	/* police: registers and updates cases of its office, no sharing */
	[ROLE_POLICE] = {
		[POL_CASE_CREATE] = POL_SCOPE_OFFICE,
		[POL_CASE_LIST] = POL_SCOPE_OFFICE,
		[POL_CASE_READ] = POL_SCOPE_OFFICE,
		[POL_CASE_UPDATE] = POL_SCOPE_OFFICE,
		[POL_REVEAL_VICTIM] = POL_SCOPE_OFFICE,
		[POL_REVEAL_OTHER] = POL_SCOPE_OFFICE,
		[POL_PERSON_SEARCH] = POL_SCOPE_OFFICE,
		[POL_ATTACHMENT_READ] = POL_SCOPE_OFFICE,
	},
	/* analyst: everything masked, nothing identifying */
	[ROLE_ANALYST] = {
		[POL_CASE_LIST] = POL_SCOPE_NATIONAL,
		[POL_CASE_READ] = POL_SCOPE_NATIONAL,
		[POL_STATS_READ] = POL_SCOPE_NATIONAL,
		[POL_DATA_EXPORT] = POL_SCOPE_NATIONAL,
		[POL_DATA_IMPORT] = POL_SCOPE_NATIONAL,
	},
	/* auditor: the audit trail only */
	[ROLE_AUDITOR] = {
		[POL_AUDIT_READ] = POL_SCOPE_NATIONAL,
	},
	/* liaison: national reading and requests, suspects' identities only */
	[ROLE_LIAISON] = {
		[POL_CASE_LIST] = POL_SCOPE_NATIONAL,
		[POL_CASE_READ] = POL_SCOPE_NATIONAL,
		[POL_REVEAL_OTHER] = POL_SCOPE_NATIONAL,
		[POL_PERSON_SEARCH] = POL_SCOPE_NATIONAL,
		[POL_REQUEST_MANAGE] = POL_SCOPE_NATIONAL,
		[POL_EXCHANGE_MANAGE] = POL_SCOPE_NATIONAL,
		[POL_EXCHANGE_SEND] = POL_SCOPE_NATIONAL,
		[POL_EXCHANGE_RECEIVE] = POL_SCOPE_NATIONAL,
	},
};
_Static_assert(POL_SCOPE_NONE == 0, "an unfilled cell must deny");

const char *
policy_action_name(enum pol_action a)
{
	return (unsigned)a < POL__MAX ? pol_action_names[a] : "unknown";
}

int
policy_action_by_name(const char *name)
{
	size_t i;

	if (name == NULL)
		return -1;
	for (i = 0; i < POL__MAX; i++)
		if (strcmp(pol_action_names[i], name) == 0)
			return (int)i;
	return -1;
}

/* Role names are the codebook's user_role codes, in enum role order. */
const char *
policy_role_name(enum role r)
{
	const struct cb_entry *e;
	size_t n;

	e = cb_entries(CB_USER_ROLE, &n);
	return (unsigned)r < n ? e[r].code : "unknown";
}

int
policy_role_by_name(const char *name)
{
	const struct cb_entry *e;
	size_t i, n;

	if (name == NULL)
		return -1;
	e = cb_entries(CB_USER_ROLE, &n);
	for (i = 0; i < n && i < ROLE__MAX; i++)
		if (strcmp(e[i].code, name) == 0)
			return (int)i;
	return -1;
}

enum pol_scope
policy_scope(enum role r, enum pol_action a)
{
	if ((unsigned)r >= ROLE__MAX || (unsigned)a >= POL__MAX)
		return POL_SCOPE_NONE;
	return pol_table[r][a];
}

/* The case belongs to the actor's office or is shared with it. An actor
 * without an office (office_id 0) has no office cases. */
static int
in_office(const struct policy_actor *actor, const struct policy_case *c)
{
	size_t i;

	if (actor->office_id == 0)
		return 0;
	if (c->office_id == actor->office_id)
		return 1;
	for (i = 0; i < c->nshared && c->shared_with != NULL; i++)
		if (c->shared_with[i] == actor->office_id)
			return 1;
	return 0;
}

/* The case belongs to the actor's own office (shares do not count). */
static int
own_office(const struct policy_actor *actor, const struct policy_case *c)
{
	return actor->office_id != 0 && c->office_id == actor->office_id;
}

/* "prosecutor, police": the roles whose row allows a, for messages. */
static void
roles_allowed(enum pol_action a, char *out, size_t n)
{
	size_t len = 0;
	int r;

	out[0] = '\0';
	for (r = 0; r < ROLE__MAX; r++)
		if (pol_table[r][a] != POL_SCOPE_NONE && len < n)
			len += (size_t)snprintf(out + len, n - len, "%s%s", len ? ", " : "",
			    policy_role_name((enum role)r));
}

enum kerr_code
policy_check(const struct policy_actor *actor, enum pol_action a,
	const struct policy_case *c, struct kerr *err)
{
	const char *name;
	char roles[96];
	enum pol_scope scope;

	if (actor == NULL)
		return kerr_set(err, KERR_DENIED, _("no user: sign in first"));
	name = actor->name == NULL ? "" : actor->name;
	if (actor->locked)
		return kerr_set(err, KERR_DENIED,
		    _("user '%s' is locked; an administrator can unlock it with 'khipu user unlock %s'"),
		    name, name);
	if ((unsigned)a >= POL__MAX)
		return kerr_set(err, KERR_DENIED, _("user '%s' may not do an unknown action"), name);
	scope = policy_scope(actor->role, a);
	if (scope == POL_SCOPE_NONE) {
		roles_allowed(a, roles, sizeof(roles));
		return kerr_set(err, KERR_DENIED, _("user '%s' (%s) may not '%s'; roles that may: %s"),
		    name, policy_role_name(actor->role), policy_action_name(a), roles);
	}
	if (scope == POL_SCOPE_OFFICE && c != NULL && pol_on_case[a] && !in_office(actor, c))
		return a == POL_CASE_CREATE ?
		    kerr_set(err, KERR_DENIED, _("user '%s' may not '%s' on a case of another office; "
			"name your own office in the case document"), name, policy_action_name(a)) :
		    kerr_set(err, KERR_DENIED, _("user '%s' may not '%s' on a case of another office; "
			"that office can share the case with yours"), name, policy_action_name(a));
	if (scope == POL_SCOPE_OWN && c != NULL && pol_on_case[a] && !own_office(actor, c))
		return kerr_set(err, KERR_DENIED, _("user '%s' may not '%s' on a case of another "
			"office, even one shared with yours; only the office that owns the case may"),
		    name, policy_action_name(a));
	return KERR_OK;
}

/* REQ-POL-004: a case is assigned to a prosecutor of its own office. */
enum kerr_code
policy_check_assignee(const struct policy_actor *assignee, const struct policy_case *c,
	struct kerr *err)
{
	const char *name;

	if (assignee == NULL || c == NULL)
		return kerr_field(err, KERR_INVALID, "assignee", _("no user named"));
	name = assignee->name == NULL ? "" : assignee->name;
	if (assignee->role != ROLE_PROSECUTOR)
		return kerr_field(err, KERR_INVALID, "assignee",
		    _("user '%s' is %s, not a prosecutor; a case is assigned to a prosecutor of "
			"its office"), name, policy_role_name(assignee->role));
	if (assignee->office_id == 0 || assignee->office_id != c->office_id)
		return kerr_field(err, KERR_INVALID, "assignee",
		    _("user '%s' is a prosecutor of another office; a case is assigned to a "
			"prosecutor of its own office (or transferred first)"), name);
	if (assignee->locked)
		return kerr_field(err, KERR_INVALID, "assignee",
		    _("user '%s' is locked; unlock the user or choose another prosecutor"), name);
	return KERR_OK;
}
