/* router.c — matching a path against the route patterns. */
#include "web/router.h"

#include <string.h>

/* Match one pattern; segments "{x}" take any non-empty segment of at most
 * 128 bytes. */
static int
match_one(const char *pat, const char *path, char params[ROUTE_MAX_PARAMS][129])
{
	int np = 0;

	while (*pat && *path) {
		if (*pat == '{') {
			const char *end = strchr(path, '/');
			size_t len = end ? (size_t)(end - path) : strlen(path);
			if (len == 0 || len > 128 || np == ROUTE_MAX_PARAMS)
				return 0;
			memcpy(params[np], path, len);
			params[np][len] = '\0';
			np++;
			path += len;
			pat = strchr(pat, '}');
			if (pat == NULL)
				return 0;
			pat++;
			continue;
		}
		if (*pat != *path)
			return 0;
		pat++;
		path++;
	}
	return *pat == '\0' && *path == '\0';
}

int
router_match(const struct route *routes, size_t n, unsigned method, const char *path,
	char params[ROUTE_MAX_PARAMS][129], unsigned *allow)
{
	size_t i;
	int found = 0;

	*allow = 0;
	for (i = 0; i < n; i++) {
		if (!match_one(routes[i].pattern, path, params))
			continue;
		if (routes[i].methods & method)
			return (int)i;
		*allow |= routes[i].methods;
		found = 1;
	}
	return found ? -2 : -1;
}
