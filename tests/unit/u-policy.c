/* u-policy.c — unit tests for core/policy: the whole role x action matrix
 * written out independently of policy.c, office scope, locked users and
 * the wording of refusals. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "core/policy.h"

#define N POL_SCOPE_NONE
#define O POL_SCOPE_OFFICE
#define X POL_SCOPE_NATIONAL
#define W POL_SCOPE_OWN

/*
 * Expected scopes. Columns, in enum pol_action order:
 *  create list read update share rev_victim rev_other search request
 *  stats export import user office audit backup key assign transfer attachment.read
 *  exchange.manage exchange.send exchange.receive
 * (W: the case's own office only, a share is not enough)
 */
static const enum pol_scope expected[ROLE__MAX][POL__MAX] = {
	/*                 cre lis rea upd sha rvv rvo sea req sta exp imp usr off aud bak key asg trf att xma xse xre */
	[ROLE_ADMIN]      = { N,  X,  N,  N,  N,  N,  N,  N,  N,  N,  N,  N,  X,  X,  N,  X,  X,  N,  N,  N,  X,  N,  N },
	[ROLE_PROSECUTOR] = { O,  O,  O,  O,  O,  O,  O,  O,  O,  X,  N,  N,  N,  N,  N,  N,  N,  W,  W,  O,  N,  O,  N },
	[ROLE_POLICE]     = { O,  O,  O,  O,  N,  O,  O,  O,  N,  N,  N,  N,  N,  N,  N,  N,  N,  N,  N,  O,  N,  N,  N },
	[ROLE_ANALYST]    = { N,  X,  X,  N,  N,  N,  N,  N,  N,  X,  X,  X,  N,  N,  N,  N,  N,  N,  N,  N,  N,  N,  N },
	[ROLE_AUDITOR]    = { N,  N,  N,  N,  N,  N,  N,  N,  N,  N,  N,  N,  N,  N,  X,  N,  N,  N,  N,  N,  N,  N,  N },
	[ROLE_LIAISON]    = { N,  X,  X,  N,  N,  N,  X,  X,  X,  N,  N,  N,  N,  N,  N,  N,  N,  N,  N,  N,  X,  X,  X },
};
_Static_assert(POL__MAX == 23, "a new action needs a new column in the expected table");
_Static_assert(ROLE__MAX == 6, "a new role needs a new row in the expected table");

static const char *const action_names[POL__MAX] = {
	"case.create", "case.list", "case.read", "case.update", "case.share",
	"identity.reveal_victim", "identity.reveal_other", "person.search", "request.manage",
	"stats.read", "data.export", "data.import", "user.manage", "office.manage", "audit.read",
	"backup", "key.rotate", "case.assign", "case.transfer", "attachment.read",
	"exchange.manage", "exchange.send", "exchange.receive",
};

static const char *const role_names[ROLE__MAX] = {
	"admin", "prosecutor", "police", "analyst", "auditor", "liaison",
};

/* Actions that concern one case and so compare offices under OFFICE scope. */
static int
on_case(enum pol_action a)
{
	return a <= POL_REVEAL_OTHER || a == POL_REQUEST_MANAGE || a == POL_CASE_ASSIGN ||
		a == POL_CASE_TRANSFER || a == POL_ATTACHMENT_READ || a == POL_EXCHANGE_SEND;
}

static struct policy_actor
actor(enum role r, int64_t office)
{
	struct policy_actor a = { .user_id = 7, .name = "ana", .role = r, .office_id = office };

	return a;
}

static const int64_t shared_with[] = { 9, 3 };
static const struct policy_case own = { .office_id = 3 };
static const struct policy_case other = { .office_id = 4 };
static const struct policy_case shared = { .office_id = 4, .shared_with = shared_with,
	.nshared = 2 };

Test(policy, names_round_trip)
{
	int i;

	for (i = 0; i < POL__MAX; i++) {
		cr_assert_str_eq(policy_action_name((enum pol_action)i), action_names[i]);
		cr_assert_eq(policy_action_by_name(action_names[i]), i);
	}
	for (i = 0; i < ROLE__MAX; i++) {
		cr_assert_str_eq(policy_role_name((enum role)i), role_names[i]);
		cr_assert_eq(policy_role_by_name(role_names[i]), i);
	}
	cr_assert_eq(policy_action_by_name("case.delete"), -1);
	cr_assert_eq(policy_action_by_name(NULL), -1);
	cr_assert_eq(policy_role_by_name("judge"), -1);
	cr_assert_eq(policy_role_by_name("Admin"), -1);
	cr_assert_str_eq(policy_action_name(POL__MAX), "unknown");
	cr_assert_str_eq(policy_role_name(ROLE__MAX), "unknown");
}

Test(policy, full_matrix)
{
	int r, a;

	for (r = 0; r < ROLE__MAX; r++)
		for (a = 0; a < POL__MAX; a++)
			cr_assert_eq(policy_scope((enum role)r, (enum pol_action)a), expected[r][a],
			    "%s may %s: scope %d, expected %d", role_names[r], action_names[a],
			    policy_scope((enum role)r, (enum pol_action)a), expected[r][a]);
	cr_assert_eq(policy_scope(ROLE__MAX, POL_CASE_READ), POL_SCOPE_NONE);
	cr_assert_eq(policy_scope(ROLE_ADMIN, POL__MAX), POL_SCOPE_NONE);
}

/* policy_check agrees with the matrix for every role, action and case. */
Test(policy, check_follows_the_matrix)
{
	const struct policy_case *cases[] = { NULL, &own, &other, &shared };
	int r, a;
	size_t c;

	for (r = 0; r < ROLE__MAX; r++) {
		struct policy_actor ac = actor((enum role)r, 3);

		for (a = 0; a < POL__MAX; a++) {
			for (c = 0; c < sizeof(cases) / sizeof(cases[0]); c++) {
				struct kerr err;
				enum pol_scope s = expected[r][a];
				int allow = s == X || (s == O && (cases[c] != &other || !on_case(a))) ||
					(s == W && (cases[c] == NULL || cases[c] == &own || !on_case(a)));

				kerr_clear(&err);
				cr_assert_eq(policy_check(&ac, (enum pol_action)a, cases[c], &err),
				    allow ? KERR_OK : KERR_DENIED, "%s %s case #%zu: %s", role_names[r],
				    action_names[a], c, err.msg);
				cr_assert_eq(err.code, allow ? KERR_OK : KERR_DENIED);
			}
		}
	}
}

Test(policy, office_scope)
{
	struct policy_actor pros = actor(ROLE_PROSECUTOR, 3);
	struct policy_actor noffice = actor(ROLE_PROSECUTOR, 0);
	struct policy_actor liaison = actor(ROLE_LIAISON, 0);
	struct policy_case shared_nolist = { .office_id = 4, .shared_with = NULL, .nshared = 2 };
	struct kerr err;

	cr_assert_eq(policy_check(&pros, POL_CASE_READ, &own, &err), KERR_OK);
	cr_assert_eq(policy_check(&pros, POL_REVEAL_VICTIM, &shared, &err), KERR_OK,
	    "a case shared with the office");
	cr_assert_eq(policy_check(&pros, POL_CASE_UPDATE, &other, &err), KERR_DENIED);
	cr_assert_str_eq(err.msg, "user 'ana' may not 'case.update' on a case of another office; "
	    "that office can share the case with yours");
	cr_assert_eq(policy_check(&pros, POL_CASE_READ, &shared_nolist, &err), KERR_DENIED,
	    "a NULL share list shares nothing");
	cr_assert_eq(policy_check(&pros, POL_CASE_CREATE, &other, &err), KERR_DENIED,
	    "no creating cases for another office");
	cr_assert_str_eq(err.msg, "user 'ana' may not 'case.create' on a case of another office; "
	    "name your own office in the case document");
	cr_assert_eq(policy_check(&pros, POL_STATS_READ, &other, &err), KERR_OK,
	    "statistics touch no case and are national");
	cr_assert_eq(policy_check(&pros, POL_PERSON_SEARCH, &other, &err), KERR_OK,
	    "a search touches no case: hits are filtered case by case");
	/* without an office, office-scoped case actions find no case of one's own */
	cr_assert_eq(policy_check(&noffice, POL_CASE_READ, &(struct policy_case){ .office_id = 0 },
	    &err), KERR_DENIED);
	cr_assert_eq(policy_check(&noffice, POL_CASE_LIST, NULL, &err), KERR_OK);
	/* national scope ignores offices */
	cr_assert_eq(policy_check(&liaison, POL_REQUEST_MANAGE, &other, &err), KERR_OK);
	cr_assert_eq(policy_check(&liaison, POL_REVEAL_OTHER, &other, &err), KERR_OK);
}

Test(policy, locked_users_are_denied_everything)
{
	int r, a;

	for (r = 0; r < ROLE__MAX; r++) {
		struct policy_actor ac = actor((enum role)r, 3);

		ac.locked = 1;
		for (a = 0; a < POL__MAX; a++) {
			struct kerr err;

			cr_assert_eq(policy_check(&ac, (enum pol_action)a, NULL, &err), KERR_DENIED);
			cr_assert_eq(policy_check(&ac, (enum pol_action)a, &own, &err), KERR_DENIED);
			cr_assert_str_eq(err.msg, "user 'ana' is locked; an administrator can unlock "
			    "it with 'khipu user unlock ana'");
		}
	}
}

Test(policy, refusals_name_user_role_and_action)
{
	struct policy_actor an = actor(ROLE_ANALYST, 3);
	struct policy_actor ad = actor(ROLE_ADMIN, 0);
	struct kerr err;

	cr_assert_eq(policy_check(&an, POL_REVEAL_VICTIM, &own, &err), KERR_DENIED);
	cr_assert_str_eq(err.msg, "user 'ana' (analyst) may not 'identity.reveal_victim'; "
	    "roles that may: prosecutor, police");
	cr_assert_eq(policy_check(&an, POL_PERSON_SEARCH, NULL, &err), KERR_DENIED);
	cr_assert_eq(policy_check(&ad, POL_REVEAL_VICTIM, &own, &err), KERR_DENIED);
	cr_assert_str_eq(err.msg, "user 'ana' (admin) may not 'identity.reveal_victim'; "
	    "roles that may: prosecutor, police");
	cr_assert_eq(policy_check(&an, POL_KEY_ROTATE, NULL, &err), KERR_DENIED);
	cr_assert_str_eq(err.msg, "user 'ana' (analyst) may not 'key.rotate'; roles that may: admin",
	    "the refusal names the roles that may, from the table");
	cr_assert_eq(policy_check(NULL, POL_CASE_LIST, NULL, &err), KERR_DENIED);
	cr_assert_eq(policy_check(&an, POL__MAX, NULL, &err), KERR_DENIED);
	cr_assert_eq(policy_check(&an, POL_STATS_READ, NULL, NULL), KERR_OK, "err may be NULL");
	cr_assert_eq(policy_check(&an, POL_REVEAL_OTHER, NULL, NULL), KERR_DENIED);
}

/* The requirements, stated directly rather than through the table. */
Test(policy, requirements)
{
	int r;

	/* REQ-POL-001: analysts see no identities */
	cr_assert_eq(policy_scope(ROLE_ANALYST, POL_REVEAL_VICTIM), POL_SCOPE_NONE);
	cr_assert_eq(policy_scope(ROLE_ANALYST, POL_REVEAL_OTHER), POL_SCOPE_NONE);
	cr_assert_eq(policy_scope(ROLE_ANALYST, POL_PERSON_SEARCH), POL_SCOPE_NONE);
	/* REQ-POL-002: admins manage users but see no victim identity */
	cr_assert_neq(policy_scope(ROLE_ADMIN, POL_USER_MANAGE), POL_SCOPE_NONE);
	cr_assert_eq(policy_scope(ROLE_ADMIN, POL_REVEAL_VICTIM), POL_SCOPE_NONE);
	/* only prosecutors and police ever see a victim's identity */
	for (r = 0; r < ROLE__MAX; r++)
		if (r != ROLE_PROSECUTOR && r != ROLE_POLICE)
			cr_assert_eq(policy_scope((enum role)r, POL_REVEAL_VICTIM), POL_SCOPE_NONE,
			    "%s", role_names[r]);
	/* and never beyond their office */
	cr_assert_eq(policy_scope(ROLE_PROSECUTOR, POL_REVEAL_VICTIM), POL_SCOPE_OFFICE);
	cr_assert_eq(policy_scope(ROLE_POLICE, POL_REVEAL_VICTIM), POL_SCOPE_OFFICE);
}

/* Assigning and transferring belong to the office that owns the case: a
 * share lets an office work on a case, not decide who does (scope OWN). */
Test(policy, own_office_scope)
{
	struct policy_actor pros = actor(ROLE_PROSECUTOR, 3);
	struct policy_actor guest = actor(ROLE_PROSECUTOR, 9);   /* shared_with holds 9 */
	struct policy_actor police = actor(ROLE_POLICE, 3);
	struct kerr err;

	cr_assert_eq(policy_check(&pros, POL_CASE_ASSIGN, &own, &err), KERR_OK);
	cr_assert_eq(policy_check(&pros, POL_CASE_TRANSFER, &own, &err), KERR_OK);
	cr_assert_eq(policy_check(&guest, POL_CASE_UPDATE, &shared, &err), KERR_OK,
	    "a share lets the office work on the case");
	cr_assert_eq(policy_check(&guest, POL_CASE_ASSIGN, &shared, &err), KERR_DENIED,
	    "but not assign it");
	cr_assert_str_eq(err.msg, "user 'ana' may not 'case.assign' on a case of another office, "
	    "even one shared with yours; only the office that owns the case may");
	cr_assert_eq(policy_check(&guest, POL_CASE_TRANSFER, &shared, &err), KERR_DENIED);
	cr_assert_eq(policy_check(&pros, POL_CASE_TRANSFER, &other, &err), KERR_DENIED);
	cr_assert_eq(policy_check(&police, POL_CASE_ASSIGN, &own, &err), KERR_DENIED,
	    "the police do not assign cases");
	cr_assert_str_eq(err.msg, "user 'ana' (police) may not 'case.assign'; roles that may: "
	    "prosecutor");
}

/* REQ-POL-004: a case is assigned to an unlocked prosecutor of its own office. */
Test(policy, assignee)
{
	struct policy_actor ok = actor(ROLE_PROSECUTOR, 3);
	struct policy_actor far = actor(ROLE_PROSECUTOR, 4);
	struct policy_actor none = actor(ROLE_PROSECUTOR, 0);
	struct policy_actor locked = actor(ROLE_PROSECUTOR, 3);
	struct policy_actor guest = actor(ROLE_PROSECUTOR, 9);
	struct kerr err;
	int r;

	locked.locked = 1;
	cr_assert_eq(policy_check_assignee(&ok, &own, &err), KERR_OK);
	cr_assert_eq(policy_check_assignee(&far, &own, &err), KERR_INVALID);
	cr_assert_str_eq(err.field, "assignee");
	cr_assert(strstr(err.msg, "'ana' is a prosecutor of another office") != NULL, "%s", err.msg);
	cr_assert_eq(policy_check_assignee(&guest, &shared, &err), KERR_INVALID,
	    "a prosecutor of an office the case is shared with is not its assignee");
	cr_assert_eq(policy_check_assignee(&far, &shared, &err), KERR_OK, "its owner's is");
	cr_assert_eq(policy_check_assignee(&none, &(struct policy_case){ .office_id = 0 }, &err),
	    KERR_INVALID, "no office matches no office");
	cr_assert_eq(policy_check_assignee(&locked, &own, &err), KERR_INVALID);
	cr_assert(strstr(err.msg, "locked") != NULL, "%s", err.msg);
	for (r = 0; r < ROLE__MAX; r++) {
		struct policy_actor a = actor((enum role)r, 3);
		cr_assert_eq(policy_check_assignee(&a, &own, &err),
		    r == ROLE_PROSECUTOR ? KERR_OK : KERR_INVALID, "%s", role_names[r]);
	}
	cr_assert(strstr(err.msg, "is liaison, not a prosecutor") != NULL, "%s", err.msg);
	cr_assert_eq(policy_check_assignee(NULL, &own, NULL), KERR_INVALID, "err may be NULL");
}
