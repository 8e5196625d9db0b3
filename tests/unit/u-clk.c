/* u-clk.c — unit tests for io/clk: keyed Bloom filter encodings, the file,
 * Dice, pruning by bit counts and the one-to-one assignment. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "io/clk.h"

static const char secret[] = "a secret both registers agreed on";
static const struct clk_field fields[3] = { { MATCH_TEXT, 10 }, { MATCH_TEXT, 10 },
	{ MATCH_DATE, 10 } };

static struct clk_encoder *
encoder(const char *s)
{
	struct clk_encoder *e;
	struct kerr err = { 0 };

	cr_assert_eq(clk_encoder_new(fields, 3, s, strlen(s), &e, &err), KERR_OK, "%s", err.msg);
	return e;
}

static int
enc(struct clk_encoder *e, const char *g, const char *s, const char *d, uint64_t *f)
{
	const char *v[3] = { g, s, d };

	return clk_encode(e, v, f);
}

Test(clk, same_value_same_filter_other_secret_other_filter)
{
	struct clk_encoder *e = encoder(secret), *e2 = encoder("another secret, not agreed");
	uint64_t a[CLK_WORDS], b[CLK_WORDS], c[CLK_WORDS];
	int pa = enc(e, "Rosa", "Quispe Mamani", "1987-03-14", a);

	cr_expect_gt(pa, 50);
	cr_expect_eq(enc(e, "rosa", "QUISPE MAMANI", "19870314", b), pa);  /* folded the same */
	cr_expect(memcmp(a, b, sizeof(a)) == 0);
	enc(e2, "Rosa", "Quispe Mamani", "1987-03-14", c);
	cr_expect(memcmp(a, c, sizeof(a)) != 0);
	cr_expect_str_neq(clk_encoder_fingerprint(e), clk_encoder_fingerprint(e2));
	cr_expect_str_eq(clk_encoder_schema(e), clk_encoder_schema(e2));
	cr_expect_str_eq(clk_encoder_schema(e), "bits=1024;text:10;text:10;date:10");
	/* a trailing newline of the secret file is not part of the secret */
	struct clk_encoder *e3 = encoder("a secret both registers agreed on\n");
	cr_expect_str_eq(clk_encoder_fingerprint(e), clk_encoder_fingerprint(e3));
	clk_encoder_free(e);
	clk_encoder_free(e2);
	clk_encoder_free(e3);
}

Test(clk, dice_near_and_far)
{
	struct clk_encoder *e = encoder(secret);
	uint64_t a[CLK_WORDS], b[CLK_WORDS], c[CLK_WORDS], z[CLK_WORDS];
	unsigned pa = (unsigned)enc(e, "Rosa", "Quispe Mamani", "19870314", a);
	unsigned pb = (unsigned)enc(e, "Rosa", "Quispe Mamany", "19870314", b);
	unsigned pc = (unsigned)enc(e, "Pedro", "Flores Vargas", "19650822", c);

	cr_expect_float_eq(clk_dice(a, a, pa, pa), 1.0, 1e-12);
	cr_expect_gt(clk_dice(a, b, pa, pb), 0.85, "near: %f", clk_dice(a, b, pa, pb));
	cr_expect_lt(clk_dice(a, c, pa, pc), 0.5, "far: %f", clk_dice(a, c, pa, pc));
	/* nothing given, no bit */
	cr_expect_eq(enc(e, NULL, "", NULL, z), 0);
	clk_encoder_free(e);
}

Test(clk, refuses_short_secrets_and_bad_bits)
{
	struct clk_encoder *e;
	struct kerr err = { 0 };
	struct clk_field bad[1] = { { MATCH_TEXT, 65 } };

	cr_expect_eq(clk_encoder_new(fields, 3, "short\n", 6, &e, &err), KERR_INVALID);
	cr_expect(strstr(err.msg, "shorter than 16") != NULL, "%s", err.msg);
	cr_expect_eq(clk_encoder_new(bad, 1, secret, strlen(secret), &e, &err), KERR_INVALID);
}

static const char *
path(void)
{
	static char p[64];

	snprintf(p, sizeof(p), "/tmp/u-clk-%ld.clk", (long)getpid());
	return p;
}

Test(clk, file_round_trip_and_refusals)
{
	struct clk_encoder *e = encoder(secret);
	uint64_t a[CLK_WORDS], b[CLK_WORDS];
	struct clk_file cf;
	struct kerr err = { 0 };
	FILE *f = fopen(path(), "w");
	char line[512];

	enc(e, "Rosa", "Quispe", "1987", a);
	enc(e, "Ana", "Flores", "1990", b);
	clk_write_header(f, e, 2);
	clk_write_record(f, "rec-1", a);
	clk_write_record(f, "id, with \"quotes\"", b);
	fclose(f);
	cr_assert_eq(clk_read(path(), &cf, &err), KERR_OK, "%s", err.msg);
	cr_expect_eq(cf.n, 2);
	cr_expect_str_eq(cf.ids[0], "rec-1");
	cr_expect_str_eq(cf.ids[1], "id, with \"quotes\"");
	cr_expect(memcmp(cf.filters, a, sizeof(a)) == 0);
	cr_expect(memcmp(cf.filters + CLK_WORDS, b, sizeof(b)) == 0);
	cr_expect_str_eq(cf.fingerprint, clk_encoder_fingerprint(e));
	clk_release(&cf);
	/* the file holds no value in clear */
	f = fopen(path(), "r");
	while (fgets(line, sizeof(line), f) != NULL)
		cr_expect(strstr(line, "Rosa") == NULL && strstr(line, "Quispe") == NULL &&
			strstr(line, "rosa") == NULL && strstr(line, "quispe") == NULL);
	fclose(f);
	/* truncated: the header says 3 */
	f = fopen(path(), "w");
	clk_write_header(f, e, 3);
	clk_write_record(f, "rec-1", a);
	fclose(f);
	cr_expect_eq(clk_read(path(), &cf, &err), KERR_INVALID);
	cr_expect(strstr(err.msg, "truncated") != NULL, "%s", err.msg);
	/* not ours */
	f = fopen(path(), "w");
	fputs("id,name\n1,Rosa\n", f);
	fclose(f);
	cr_expect_eq(clk_read(path(), &cf, &err), KERR_INVALID);
	cr_expect(strstr(err.msg, "not a file of 'khipu link encode'") != NULL, "%s", err.msg);
	unlink(path());
	clk_encoder_free(e);
}

static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* Filters of varied density, some B records noisy copies of A records. */
static void
random_files(struct clk_file *A, struct clk_file *B, size_t n)
{
	uint64_t s = 7;
	size_t i, w, k;
	struct clk_file *x[2] = { A, B };

	for (k = 0; k < 2; k++) {
		memset(x[k], 0, sizeof(*x[k]));
		x[k]->n = n;
		x[k]->filters = calloc(n * CLK_WORDS, 8);
		x[k]->pop = calloc(n, 2);
		x[k]->ids = calloc(n, sizeof(char *));
		for (i = 0; i < n; i++) {
			x[k]->ids[i] = strdup("x");
			for (w = 0; w < CLK_WORDS; w++) {
				uint64_t v = k == 1 && i % 2 == 0 ? A->filters[i * CLK_WORDS + w] ^
					(rnd(&s) & rnd(&s) & rnd(&s)) : rnd(&s);
				/* density from 1/8 to 1/2 by record */
				if (!(k == 1 && i % 2 == 0))
					for (unsigned d = 0; d < i % 3; d++)
						v &= rnd(&s);
				x[k]->filters[i * CLK_WORDS + w] = v;
				x[k]->pop[i] += (uint16_t)__builtin_popcountll(v);
			}
		}
	}
}

Test(clk, pruning_misses_nothing_and_assignment_is_one_to_one)
{
	struct clk_file A, B;
	struct clk_stats st;
	size_t n, i, j, brute = 0;
	const double t = 0.6;
	struct clk_match *m;

	random_files(&A, &B, 300);
	for (i = 0; i < A.n; i++)
		for (j = 0; j < B.n; j++)
			brute += clk_dice(A.filters + i * CLK_WORDS, B.filters + j * CLK_WORDS, A.pop[i],
				B.pop[j]) >= t;
	m = clk_link(&A, &B, t, &n, &st);
	cr_expect_eq(st.candidates, brute, "pruned scan %zu, brute force %zu", st.candidates,
		brute);
	cr_expect_lt(st.compared, (uint64_t)A.n * B.n, "bit counts prune some pairs");
	cr_expect_gt(n, 100);
	for (i = 0; i < n; i++) {
		cr_expect_geq(m[i].score, t);
		if (i > 0)
			cr_expect_geq(m[i - 1].score, m[i].score);
		for (j = 0; j < i; j++)
			cr_expect(m[j].a != m[i].a && m[j].b != m[i].b, "record used twice");
	}
	/* the noisy copies are found: B's even records match A's same index */
	for (i = 0, j = 0; i < n; i++)
		j += m[i].a == m[i].b && m[i].a % 2 == 0;
	cr_expect_geq(j, 140, "%zu of 150 copies found", j);
	free(m);
	clk_release(&A);
	clk_release(&B);
}
