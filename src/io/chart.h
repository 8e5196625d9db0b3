/*
 * chart.h — charts as SVG, drawn on the server for the /stats dashboard:
 * horizontal bars (one or several stacked series) and a matrix (a heat map
 * with the number in each cell). Every text is XML-escaped; the SVG is
 * self-contained (no script, no external reference), with a <title> and
 * role="img" for screen readers. Each chart sits next to its table on the
 * page, so the chart need not carry every number.
 *
 * The functions append to a capped buffer (lib/buf.h) and return 0, or -1
 * when the cap is reached (the buffer then holds a truncated, unusable
 * document: discard it).
 */
#ifndef KHIPU_CHART_H
#define KHIPU_CHART_H

#include <stddef.h>

#include "lib/buf.h"

struct chart_bars {
	const char *title;               /* <title>, also aria-label */
	size_t ncat;                     /* categories: one bar each */
	const char *const *cats;         /* their labels */
	size_t nseries;                  /* stacked parts of each bar (1 = plain bars) */
	const char *const *series;       /* their names, for the legend (NULL when 1) */
	const double *values;            /* [ncat * nseries], row-major; negatives count as 0 */
	int decimals;                    /* digits after the point in the printed totals */
	int width;                       /* pixels; 0 = 640 */
	const char *group;               /* thousands separator ("," or U+202F), NULL: none */
	const char *point;               /* decimal mark, NULL: "." */
};

/* Stacked horizontal bars, the longest total filling the plot; the total is
 * written at the end of each bar. No category: a "no data" note. */
int chart_bars_svg(struct buf *out, const struct chart_bars *c);

struct chart_matrix {
	const char *title;
	size_t nrows, ncols;
	const char *const *rows;         /* row labels (e.g. region of origin) */
	const char *const *cols;         /* column labels (e.g. region of exploitation) */
	const double *cells;             /* [nrows * ncols] */
	int decimals;
	const char *group, *point;       /* as in struct chart_bars */
};

/* A grid: each cell shaded by its value over the largest, with the value
 * written in it (empty when 0). */
int chart_matrix_svg(struct buf *out, const struct chart_matrix *m);

/* Append s XML-escaped (& < > " ') to out. */
int chart_escape(struct buf *out, const char *s);

#endif
