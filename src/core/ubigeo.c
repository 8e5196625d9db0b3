/*
 * ubigeo.c — lookups in the generated table of ubigeo_data.c. The rows of
 * one parent are one run (the table is ordered by parent code), found by
 * binary search; a code is then found inside its parent's run.
 */
#include "core/ubigeo.h"

#include <string.h>

#include "core/codebook.h"

/* The first row whose parent is not below parent (all rows with a 2-digit
 * parent come first: the generator orders by code length, then parent). */
static size_t
lower_bound(const char *parent)
{
	size_t lo = 0, hi = ubigeo_nplaces, len = strlen(parent);

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const char *p = ubigeo_places[mid].parent;
		size_t pl = strlen(p);
		int c = pl != len ? (pl < len ? -1 : 1) : strcmp(p, parent);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int
digits(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return 0;
	return s[n] == '\0';
}

const struct ubigeo_place *
ubigeo_children(const char *parent, size_t *n)
{
	size_t first, last;

	*n = 0;
	if (parent == NULL || !(digits(parent, 2) || digits(parent, 4)))
		return NULL;
	first = lower_bound(parent);
	for (last = first; last < ubigeo_nplaces &&
	    strcmp(ubigeo_places[last].parent, parent) == 0; last++)
		;
	*n = last - first;
	return *n ? &ubigeo_places[first] : NULL;
}

const struct ubigeo_place *
ubigeo_find(const char *code)
{
	char parent[5];
	const struct ubigeo_place *p;
	size_t n, i, len = code ? strlen(code) : 0;

	if (!((len == 4 || len == 6) && digits(code, len)))
		return NULL;
	memcpy(parent, code, len - 2);
	parent[len - 2] = '\0';
	p = ubigeo_children(parent, &n);
	for (i = 0; i < n; i++)
		if (strcmp(p[i].code, code) == 0)
			return &p[i];
	return NULL;
}

int
ubigeo_exists(const char *code)
{
	if (code != NULL && strlen(code) == 2 && digits(code, 2))
		return cb_lookup(CB_DEPARTMENT, code) != NULL;
	return ubigeo_find(code) != NULL;
}
