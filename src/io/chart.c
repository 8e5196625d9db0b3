/*
 * chart.c — SVG bars and matrices (chart.h). Geometry in whole pixels; text
 * in the page's font (font-family inherit) so the chart matches the page.
 */
#include "io/chart.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* A palette readable by people with the common colour-vision deficiencies
 * (Okabe-Ito), in the order series take it. */
static const char *const palette[] = {
	"#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999",
};
#define NPALETTE (sizeof(palette) / sizeof(palette[0]))

#define ROW_H 22
#define LABEL_W 200
#define TOP 28

int
chart_escape(struct buf *out, const char *s)
{
	int rc = 0;

	for (; s != NULL && *s && rc == 0; s++)
		switch (*s) {
		case '&': rc = buf_adds(out, "&amp;"); break;
		case '<': rc = buf_adds(out, "&lt;"); break;
		case '>': rc = buf_adds(out, "&gt;"); break;
		case '"': rc = buf_adds(out, "&quot;"); break;
		case '\'': rc = buf_adds(out, "&#39;"); break;
		default:
			/* control characters are not allowed in XML 1.0 */
			rc = (unsigned char)*s < 0x20 && *s != '\t' && *s != '\n' ?
				buf_addc(out, ' ') : buf_addc(out, *s);
		}
	return rc;
}

/* v with decimals digits after the point, the thousands grouped by group
 * (none when NULL) and point as the decimal mark: the numbers of the table
 * beside the chart, written the same way. */
static int
number(struct buf *out, double v, int decimals, const char *group, const char *point)
{
	char s[64];
	const char *dot;
	int d = decimals < 0 ? 0 : decimals > 6 ? 6 : decimals, len, i, nd;

	len = snprintf(s, sizeof(s), "%.*f", d, v);
	if (len < 0 || (size_t)len >= sizeof(s))
		return buf_addf(out, "%.*f", d, v);
	dot = strchr(s, '.');
	nd = dot != NULL ? (int)(dot - s) : len;
	for (i = 0; i < nd; i++) {
		if (buf_addc(out, s[i]) < 0)
			return -1;
		/* a separator after each digit that has a multiple of 3 digits after it */
		if (group != NULL && s[i] >= '0' && s[i] <= '9' && i < nd - 1 && (nd - 1 - i) % 3 == 0 &&
		    buf_adds(out, group) < 0)
			return -1;
	}
	if (dot != NULL && (buf_adds(out, point != NULL ? point : ".") < 0 ||
	    buf_adds(out, dot + 1) < 0))
		return -1;
	return 0;
}

/* <svg ...><title>...</title> */
static int
open_svg(struct buf *out, int w, int h, const char *title)
{
	if (buf_addf(out, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
	    "viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"", w, h, w, h) < 0 ||
	    chart_escape(out, title) < 0 ||
	    buf_adds(out, "\" font-family=\"inherit\" font-size=\"12\"><title>") < 0 ||
	    chart_escape(out, title) < 0 || buf_adds(out, "</title>") < 0)
		return -1;
	return 0;
}

static int
text(struct buf *out, int x, int y, const char *anchor, const char *s)
{
	if (buf_addf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"%s\">", x, y, anchor) < 0 ||
	    chart_escape(out, s) < 0 || buf_adds(out, "</text>") < 0)
		return -1;
	return 0;
}

/* A category label at the left of its bar: one that would not fit in the
 * label column (about 30 characters) is cut with an ellipsis, the whole
 * label in a <title> (the table beside the chart has it too). */
#define LABEL_CHARS 30
static int
cat_label(struct buf *out, int x, int y, const char *s)
{
	size_t chars = 0, cut = 0, i;

	for (i = 0; s != NULL && s[i]; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80 && ++chars == LABEL_CHARS)
			cut = i;
	if (chars <= LABEL_CHARS)
		return text(out, x, y, "end", s);
	if (buf_addf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\"><title>", x, y) < 0 ||
	    chart_escape(out, s) < 0 || buf_adds(out, "</title>") < 0)
		return -1;
	/* cut is the first byte of the 30th character: keep 29 and the ellipsis */
	for (i = 0; i < cut; i++) {
		char c[2] = { s[i], 0 };
		if (chart_escape(out, c) < 0)
			return -1;
	}
	return buf_adds(out, "\xE2\x80\xA6</text>");
}

static double
positive(double v)
{
	return v > 0 && isfinite(v) ? v : 0;
}

static int
legend(struct buf *out, const struct chart_bars *c, int width)
{
	int x = LABEL_W;
	size_t s;

	if (c->nseries < 2 || c->series == NULL)
		return 0;
	for (s = 0; s < c->nseries; s++) {
		if (buf_addf(out, "<rect x=\"%d\" y=\"8\" width=\"10\" height=\"10\" fill=\"%s\"/>", x,
		    palette[s % NPALETTE]) < 0 || text(out, x + 14, 17, "start", c->series[s]) < 0)
			return -1;
		x += 14 + 8 * (int)strlen(c->series[s] ? c->series[s] : "") + 12;
		if (x > width - 40)
			break;
	}
	return 0;
}

int
chart_bars_svg(struct buf *out, const struct chart_bars *c)
{
	int width = c->width > 0 ? c->width : 640;
	int plot = width - LABEL_W - 70;
	int height = TOP + (int)c->ncat * ROW_H + 10;
	double max = 0, total;
	size_t i, s, ns = c->nseries ? c->nseries : 1;

	for (i = 0; i < c->ncat; i++) {
		for (total = 0, s = 0; s < ns; s++)
			total += positive(c->values[i * ns + s]);
		if (total > max)
			max = total;
	}
	/* room at the right for the longest total as written ("7,777,470.50"):
	 * about 7 pixels a character at 12 px */
	{
		struct buf t;
		size_t chars = 0, k;
		buf_init(&t, 128);
		if (number(&t, max, c->decimals, c->group, c->point) == 0)
			for (k = 0; k < t.len; k++)
				chars += ((unsigned char)t.s[k] & 0xC0) != 0x80;
		buf_release(&t);
		if ((int)chars * 7 + 12 > 70)
			plot = width - LABEL_W - ((int)chars * 7 + 12);
	}
	if (plot < 50)
		plot = 50;
	if (c->ncat == 0)
		height = TOP + 30;
	if (open_svg(out, width, height, c->title) < 0 || legend(out, c, width) < 0)
		return -1;
	if (c->ncat == 0)
		return text(out, width / 2, TOP + 16, "middle", "—") < 0 ||
			buf_adds(out, "</svg>") < 0 ? -1 : 0;
	for (i = 0; i < c->ncat; i++) {
		int y = TOP + (int)i * ROW_H, x = LABEL_W;
		if (cat_label(out, LABEL_W - 6, y + 15, c->cats[i]) < 0)
			return -1;
		for (total = 0, s = 0; s < ns; s++) {
			double v = positive(c->values[i * ns + s]);
			/* each part's width from the running sum, so parts add up exactly */
			int x2 = LABEL_W + (max > 0 ? (int)lround((total + v) / max * plot) : 0);
			total += v;
			if (x2 > x && buf_addf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
			    "fill=\"%s\"/>", x, y + 3, x2 - x, ROW_H - 6, palette[s % NPALETTE]) < 0)
				return -1;
			x = x2 > x ? x2 : x;
		}
		if (buf_addf(out, "<text x=\"%d\" y=\"%d\">", x + 4, y + 15) < 0 ||
		    number(out, total, c->decimals, c->group, c->point) < 0 || buf_adds(out, "</text>") < 0)
			return -1;
	}
	return buf_adds(out, "</svg>") < 0 ? -1 : 0;
}

int
chart_matrix_svg(struct buf *out, const struct chart_matrix *m)
{
	const int cell = 44, head = 110;
	int width = LABEL_W + (int)m->ncols * cell + 10;
	int height = head + (int)m->nrows * cell + 10;
	double max = 0;
	size_t i, j;

	for (i = 0; i < m->nrows * m->ncols; i++)
		if (positive(m->cells[i]) > max)
			max = m->cells[i];
	if (open_svg(out, width, height, m->title) < 0)
		return -1;
	for (j = 0; j < m->ncols; j++) {
		int x = LABEL_W + (int)j * cell + cell / 2;
		if (buf_addf(out, "<text transform=\"translate(%d %d) rotate(-45)\">", x, head - 6) < 0 ||
		    chart_escape(out, m->cols[j]) < 0 || buf_adds(out, "</text>") < 0)
			return -1;
	}
	for (i = 0; i < m->nrows; i++) {
		int y = head + (int)i * cell;
		if (text(out, LABEL_W - 6, y + cell / 2 + 4, "end", m->rows[i]) < 0)
			return -1;
		for (j = 0; j < m->ncols; j++) {
			double v = positive(m->cells[i * m->ncols + j]);
			int x = LABEL_W + (int)j * cell;
			/* opacity from 0.08 (smallest non-zero) to 1 (the largest) */
			double op = max > 0 && v > 0 ? 0.08 + 0.92 * v / max : 0;
			if (buf_addf(out, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
			    "fill=\"%s\" fill-opacity=\"%.2f\" stroke=\"#ccc\"/>", x, y, cell, cell,
			    palette[0], op) < 0)
				return -1;
			if (v > 0 && (buf_addf(out, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\"%s>",
			    x + cell / 2, y + cell / 2 + 4, op > 0.55 ? " fill=\"#fff\"" : "") < 0 ||
			    number(out, v, m->decimals, m->group, m->point) < 0 || buf_adds(out, "</text>") < 0))
				return -1;
		}
	}
	return buf_adds(out, "</svg>") < 0 ? -1 : 0;
}
