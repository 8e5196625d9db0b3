/*
 * bench_dice.c — Dice comparisons per second of `khipu link match`'s kernel
 * (io/clk.h: clk_scan_count, popcount of a AND b per pair, threshold as an
 * integer test) on random 1024-bit filters, beside a plain C loop that only
 * sums popcount(a AND b) over the same pairs, in the same run, on one core.
 * Random filters with about half their bits set (as anonlink's benchmark):
 * every bit count is close, so no pair is pruned and every pair is compared.
 * Usage: bench_dice [N] (N x N pairs, default 10000)
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "io/clk.h"

/* CPU time of this process: the machine is shared, a rate per core is
 * what the figures compare */
static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static uint64_t
rnd(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

/* the reference: nothing but popcounts, summed so the compiler keeps them */
__attribute__((target("popcnt"), noinline)) static uint64_t
plain(const uint64_t *A, const uint64_t *B, size_t n)
{
	uint64_t sum = 0;
	size_t i, j, w;

	for (i = 0; i < n; i++)
		for (j = 0; j < n; j++)
			for (w = 0; w < CLK_WORDS; w++)
				sum += (uint64_t)__builtin_popcountll(A[i * CLK_WORDS + w] & B[j * CLK_WORDS + w]);
	return sum;
}

int
main(int argc, char **argv)
{
	size_t n = argc > 1 ? (size_t)atol(argv[1]) : 10000, i, w, hits = 0;
	uint64_t *A = malloc(n * CLK_WORDS * 8), *B = malloc(n * CLK_WORDS * 8), s = 88172645463325252ULL;
	uint16_t *pa = malloc(n * 2), *pb = malloc(n * 2);
	double t0, t_dice, t_plain, pairs = (double)n * (double)n;
	uint64_t sum;

	if (A == NULL || B == NULL || pa == NULL || pb == NULL)
		return 1;
	for (i = 0; i < n; i++) {
		pa[i] = pb[i] = 0;
		for (w = 0; w < CLK_WORDS; w++) {
			A[i * CLK_WORDS + w] = rnd(&s);
			B[i * CLK_WORDS + w] = rnd(&s);
			pa[i] += (uint16_t)__builtin_popcountll(A[i * CLK_WORDS + w]);
			pb[i] += (uint16_t)__builtin_popcountll(B[i * CLK_WORDS + w]);
		}
	}
	t0 = now();
	for (i = 0; i < n; i++)
		hits += clk_scan_count(A + i * CLK_WORDS, pa[i], B, pb, n, 0.7);
	t_dice = now() - t0;
	t0 = now();
	sum = plain(A, B, n);
	t_plain = now() - t0;
	printf("dice %.0f comparisons per CPU second (%zu x %zu in %.3f s, threshold 0.7, %zu above)\n",
		pairs / t_dice, n, n, t_dice, hits);
	printf("plain %.0f popcount(a AND b) per CPU second (same pairs in %.3f s, sum %llu)\n",
		pairs / t_plain, t_plain, (unsigned long long)sum);
	return 0;
}
