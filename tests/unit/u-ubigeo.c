/*
 * u-ubigeo.c — the compiled-in table of provinces and districts: lookups,
 * its ordering, and (with ../shared/data) that it holds exactly the INEI
 * codes of the source files it was generated from.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codebook.h"
#include "core/ubigeo.h"

Test(ubigeo, children_of_a_department_and_a_province)
{
	size_t n, i;
	const struct ubigeo_place *p = ubigeo_children("17", &n);

	cr_assert_eq(n, 3, "Madre de Dios has 3 provinces, not %zu", n);
	cr_assert_str_eq(p[0].name, "Manu");
	cr_assert_str_eq(p[2].name, "Tambopata");
	cr_assert_str_eq(p[2].code, "1701");
	p = ubigeo_children("1701", &n);
	cr_assert_eq(n, 4, "Tambopata has 4 districts, not %zu", n);
	for (i = 0; i < n; i++)
		cr_assert_eq(strncmp(p[i].code, "1701", 4), 0);
	p = ubigeo_children("1501", &n);
	cr_assert_eq(n, 44, "the province of Lima has 44 districts (Santa María de Huachipa since 2023), not %zu", n);
	cr_assert_str_eq(p[0].name, "Ancón", "alphabetical, accents restored: '%s'", p[0].name);
}

Test(ubigeo, unknown_or_malformed_parents_hold_nothing)
{
	size_t n = 99;

	cr_assert_null(ubigeo_children("26", &n));
	cr_assert_eq(n, 0);
	cr_assert_null(ubigeo_children("1799", &n));
	cr_assert_null(ubigeo_children("170101", &n), "a district holds nothing");
	cr_assert_null(ubigeo_children("1a", &n));
	cr_assert_null(ubigeo_children("", &n));
	cr_assert_null(ubigeo_children(NULL, &n));
}

Test(ubigeo, find_and_exists)
{
	const struct ubigeo_place *p = ubigeo_find("170101");

	cr_assert_not_null(p);
	cr_assert_str_eq(p->name, "Tambopata");
	cr_assert_str_eq(p->parent, "1701");
	cr_assert_not_null(ubigeo_find("1601"));
	cr_assert_null(ubigeo_find("170199"));
	cr_assert_null(ubigeo_find("17"), "departments are the codebook's");
	cr_assert_null(ubigeo_find("17010"));
	cr_assert(ubigeo_exists("17"));
	cr_assert(ubigeo_exists("1701"));
	cr_assert(ubigeo_exists("170101"));
	cr_assert_not(ubigeo_exists("26"));
	cr_assert_not(ubigeo_exists("00"));
	cr_assert_not(ubigeo_exists("170100"));
	cr_assert_not(ubigeo_exists("17010a"));
	cr_assert_not(ubigeo_exists(NULL));
}

/* Every row's parent is its code's prefix and a place that exists; rows of
 * one parent are one alphabetical run (what ubigeo_children relies on). */
Test(ubigeo, table_is_consistent)
{
	size_t i;

	cr_assert_gt(ubigeo_nplaces, 2000);
	for (i = 0; i < ubigeo_nplaces; i++) {
		const struct ubigeo_place *p = &ubigeo_places[i];
		size_t pl = strlen(p->parent);
		cr_assert_eq(strlen(p->code), pl + 2, "%s", p->code);
		cr_assert_eq(strncmp(p->code, p->parent, pl), 0, "%s in %s", p->code, p->parent);
		cr_assert(ubigeo_exists(p->parent), "%s's parent %s", p->code, p->parent);
		cr_assert(p->name[0] != '\0');
		cr_assert_eq(ubigeo_find(p->code), p, "%s is found", p->code);
		if (i > 0) {
			const struct ubigeo_place *q = &ubigeo_places[i - 1];
			size_t ql = strlen(q->parent);
			cr_assert(ql < pl || (ql == pl && strcmp(q->parent, p->parent) <= 0),
				"ordered by parent at %s", p->code);
		}
	}
}

/* One code of the first column of a line of the source CSV, or 0. */
static int
csv_code(const char *line, char code[7])
{
	int i;

	for (i = 0; i < 6; i++)
		if (line[i] < '0' || line[i] > '9')
			return 0;
	if (line[6] != ',')
		return 0;
	memcpy(code, line, 6);
	code[6] = '\0';
	return 1;
}

static size_t
check_file(const char *root, const char *name, size_t len)
{
	char path[512], line[4096], code[7];
	size_t n = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/peru/ubigeo/%s", root, name);
	if ((f = fopen(path, "r")) == NULL)
		return (size_t)-1;
	while (fgets(line, sizeof(line), f) != NULL) {
		if (!csv_code(line, code))
			continue;
		code[len] = '\0';   /* provinces are written 010100 */
		cr_assert(ubigeo_exists(code), "%s of %s is in the table", code, name);
		n++;
	}
	fclose(f);
	return n;
}

Test(ubigeo, the_table_is_the_source)
{
	const char *root = getenv("KHIPU_SHARED_DATA");
	size_t np, nd, i, tp = 0, td = 0;

	if (root == NULL) {
		cr_skip_test("KHIPU_SHARED_DATA is not set: no shared test data");
		return;
	}
	np = check_file(root, "ubigeo_provincia.csv", 4);
	nd = check_file(root, "ubigeo_distrito.csv", 6);
	if (np == (size_t)-1 || nd == (size_t)-1) {
		cr_skip_test("%s/peru/ubigeo is missing: no shared test data", root);
		return;
	}
	for (i = 0; i < ubigeo_nplaces; i++)
		if (strlen(ubigeo_places[i].code) == 4)
			tp++;
		else
			td++;
	cr_assert_eq(tp, np, "provinces: table %zu, source %zu", tp, np);
	cr_assert_eq(td, nd, "districts: table %zu, source %zu", td, nd);
}
