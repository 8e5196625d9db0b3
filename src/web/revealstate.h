/*
 * revealstate.h — "identities shown" as a state of the web session, so a
 * revealed case page survives a reload, a bookmark and the language link
 * (POST /cases/{id}/reveal grants, then redirects to GET /cases/{id}).
 *
 * The URL never says anything about the reveal: the grant lives in this
 * process's memory, keyed by the session's CSRF value (derived from its
 * secret, never the secret) and the case id, for REVEALSTATE_TTL seconds
 * after the last look. Every page rendered in clear is still checked by the
 * policy and audited by the app layer; a grant only says which view the
 * user asked for. A restart or the end of the session forgets every grant.
 */
#ifndef KHIPU_REVEALSTATE_H
#define KHIPU_REVEALSTATE_H

#include <stdint.h>

#define REVEALSTATE_SLOTS 1024
#define REVEALSTATE_TTL (15 * 60)   /* seconds */

/* Remember that this session asked to see the case's identities. */
void revealstate_grant(const char *session_key, int64_t case_id);
/* 1 while the grant holds (each look extends it), else 0. */
int revealstate_held(const char *session_key, int64_t case_id);
/* Forget the grant ("hide identities"). */
void revealstate_revoke(const char *session_key, int64_t case_id);

#endif
