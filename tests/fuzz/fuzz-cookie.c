/*
 * fuzz-cookie.c — the Cookie header (web/session.c) as the server reads it
 * for the session, the sign-in form's double-submit token and the language,
 * and the CSRF comparison of the token a form sends. Invariants: a cookie
 * found fits the buffer, is NUL-terminated and holds no ';'.
 */
#include "fuzz.h"

#include "web/session.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static void
read_cookie(const char *header, const char *name, size_t cap)
{
	char out[SESSION_CSRF_HEX + 2];

	FUZZ_CHECK(cap <= sizeof(out));
	memset(out, 'X', sizeof(out));
	if (session_cookie(header, name, out, cap) == 0) {
		FUZZ_CHECK(memchr(out, '\0', cap) != NULL);
		FUZZ_CHECK(strchr(out, ';') == NULL);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *h = fuzz_cstr(data, size);
	char csrf[SESSION_CSRF_HEX + 1];

	/* the sizes server.c gives: the token (65), the pre-token (65), lang (8) */
	read_cookie(h, SESSION_COOKIE, SESSION_CSRF_HEX + 1);
	read_cookie(h, SESSION_PRE_COOKIE, SESSION_CSRF_HEX + 1);
	read_cookie(h, SESSION_LANG_COOKIE, 8);
	read_cookie(h, "", 1);
	/* the whole input as a form's csrf field against a real token */
	session_csrf("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", csrf);
	FUZZ_CHECK(strlen(csrf) == SESSION_CSRF_HEX);
	if (session_csrf_equal(csrf, h))
		FUZZ_CHECK(strcmp(csrf, h) == 0);
	/* and as a session secret (a cookie the server turns into a token) */
	session_csrf(h, csrf);
	free(h);
	return 0;
}
