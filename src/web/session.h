/*
 * session.h — the web side of sessions: cookies and CSRF tokens.
 *
 * The session itself (random 256-bit secret, stored hashed, time-outs) is
 * the app layer's (app_session_*). Here: reading a cookie from a Cookie
 * header, and the CSRF token of a form. A signed-in form carries
 * hex(BLAKE2b-256 keyed by the session secret over "khipu-csrf"): it is
 * bound to the session, needs no storage, and cannot be guessed without the
 * HttpOnly cookie. The sign-in form, before any session exists, uses a
 * double-submit token: a random value in the khipu_csrf cookie that the
 * form must repeat.
 */
#ifndef KHIPU_SESSION_H
#define KHIPU_SESSION_H

#include <stddef.h>

#define SESSION_COOKIE "khipu_session"
#define SESSION_PRE_COOKIE "khipu_csrf"
#define SESSION_LANG_COOKIE "khipu_lang"
#define SESSION_CSRF_HEX 64

/* Copy the value of cookie name from a Cookie header into out (n bytes);
 * returns 0, or -1 when absent or too long. */
int session_cookie(const char *header, const char *name, char *out, size_t n);
/* The CSRF token of a session secret. */
void session_csrf(const char *secret, char out[SESSION_CSRF_HEX + 1]);
/* 1 when given equals expected (constant time), 0 otherwise (NULL too). */
int session_csrf_equal(const char *expected, const char *given);
/* A fresh random token (64 hex characters). */
void session_random(char out[SESSION_CSRF_HEX + 1]);

#endif
