/*
 * fuzz-link.c — the files of record linkage (issue 12): an analyst's CSV as
 * `khipu link dedup` and `link encode` read it (io/linkcsv.c, libcsv), and an
 * encoded file as `link match` reads it (io/clk.c). The first byte chooses.
 * Invariants: a refused file has a message; a CSV read holds UTF-8 cells,
 * as many per row as the header; deduplicating its rows gives pairs a < b
 * with a probability in [0,1], best first; an encoded file read back
 * matches with itself one-to-one, each record at most once, scores in [0,1].
 */
#include "fuzz.h"

#include <unistd.h>

#include "core/match.h"
#include "io/clk.h"
#include "io/linkcsv.h"
#include "lib/utf8.h"

static char path[64];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	snprintf(path, sizeof(path), "/tmp/fuzz-link-%ld.in", (long)getpid());
	return 0;
}

static void
put(const uint8_t *data, size_t size)
{
	FILE *f = fopen(path, "wb");

	FUZZ_CHECK(f != NULL);
	FUZZ_CHECK(fwrite(data, 1, size, f) == size);
	fclose(f);
}

static void
csv(void)
{
	struct linkcsv t;
	struct kerr e;
	struct match_field fl[MATCH_MAX_FIELDS];
	struct match_opts o = { 0.5, 20, 20, 1 };
	struct match_result res;
	struct match_data *d;
	size_t r, c, nf, nr;

	kerr_clear(&e);
	if (linkcsv_read(path, &t, &e) != KERR_OK) {
		FUZZ_CHECK(e.msg[0] != '\0');
		return;
	}
	FUZZ_CHECK(t.ncols > 0);
	for (c = 0; c < t.ncols; c++)
		FUZZ_CHECK(linkcsv_column(&t, t.header[c]) == (int)c);
	for (r = 0; r < t.nrows; r++)
		for (c = 0; c < t.ncols; c++)
			FUZZ_CHECK(utf8_valid(linkcsv_cell(&t, r, c), strlen(linkcsv_cell(&t, r, c))));
	nf = t.ncols < MATCH_MAX_FIELDS ? t.ncols : MATCH_MAX_FIELDS;
	nr = t.nrows < 200 ? t.nrows : 200;
	for (c = 0; c < nf; c++) {
		memset(&fl[c], 0, sizeof(fl[c]));
		snprintf(fl[c].name, sizeof(fl[c].name), "f%zu", c);
		fl[c].kind = (enum match_kind)(c % MATCH_KIND__MAX);
	}
	d = match_data_new(fl, nf, nr);
	for (r = 0; r < nr; r++)
		for (c = 0; c < nf; c++)
			match_data_set(d, r, c, linkcsv_cell(&t, r, c));
	match_dedup(d, &o, &res);
	for (r = 0; r < res.npairs; r++) {
		FUZZ_CHECK(res.pairs[r].a < res.pairs[r].b && res.pairs[r].b < nr);
		FUZZ_CHECK(res.pairs[r].probability >= 0 && res.pairs[r].probability <= 1);
		FUZZ_CHECK(r == 0 || res.pairs[r - 1].weight >= res.pairs[r].weight);
	}
	free(res.pairs);
	match_data_free(d);
	linkcsv_release(&t);
}

static void
clk(void)
{
	struct clk_file cf;
	struct clk_stats st;
	struct clk_match *m;
	struct kerr e;
	size_t n, i, j;

	kerr_clear(&e);
	if (clk_read(path, &cf, &e) != KERR_OK) {
		FUZZ_CHECK(e.msg[0] != '\0');
		return;
	}
	if (cf.n <= 300) {
		m = clk_link(&cf, &cf, 0.5, &n, &st);
		for (i = 0; i < n; i++) {
			FUZZ_CHECK(m[i].score >= 0.5f && m[i].score <= 1.0f);
			for (j = 0; j < i; j++)
				FUZZ_CHECK(m[j].a != m[i].a && m[j].b != m[i].b);
		}
		free(m);
	}
	clk_release(&cf);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	put(data + 1, size - 1);
	if (data[0] & 1)
		clk();
	else
		csv();
	unlink(path);
	return 0;
}
