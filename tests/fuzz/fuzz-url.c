/*
 * fuzz-url.c — the request line's path against the route table
 * (web/router.c, web/routes.c) and the language a query or cookie names
 * (lib/i18n.c). Invariants: a match is a valid index whose route allows the
 * method; path parameters are non-empty, at most 128 bytes, NUL-terminated
 * and hold no '/'; a 405 names the methods that are allowed.
 */
#include "fuzz.h"

#include "lib/i18n.h"
#include "web/router.h"

extern const struct route web_routes[];
extern const size_t web_nroutes;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static void
match(const char *path, unsigned method)
{
	char params[ROUTE_MAX_PARAMS][129];
	unsigned allow;
	int idx, i;

	memset(params, 'X', sizeof(params));
	idx = router_match(web_routes, web_nroutes, method, path, params, &allow);
	FUZZ_CHECK(idx >= -2 && idx < (int)web_nroutes);
	if (idx >= 0) {
		const char *p = web_routes[idx].pattern;
		FUZZ_CHECK(web_routes[idx].methods & method);
		for (i = 0; *p; p++)
			if (*p == '{') {
				FUZZ_CHECK(i < ROUTE_MAX_PARAMS);
				size_t len = strnlen(params[i], 129);
				FUZZ_CHECK(len >= 1 && len <= 128);
				FUZZ_CHECK(strchr(params[i], '/') == NULL);
				i++;
			}
	} else if (idx == -2) {
		FUZZ_CHECK(allow != 0 && (allow & method) == 0);
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = fuzz_cstr(data, size);
	enum i18n_lang l;

	match(s, ROUTE_GET);
	match(s, ROUTE_POST);
	match(s, 1u << 7);   /* any other method */
	if (i18n_lang_parse(s, &l) == 0)
		FUZZ_CHECK(i18n_lang_code(l) != NULL);
	free(s);
	return 0;
}
