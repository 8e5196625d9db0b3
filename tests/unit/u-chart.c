/* u-chart.c — unit tests for io/chart: escaping, bar geometry (the longest
 * bar fills the plot, stacked parts add up), the matrix shading, empty data,
 * the buffer cap; app_table_svg leaves a Total column out of the bars. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "app/opendata.h"
#include "io/chart.h"
#include "lib/buf.h"

static size_t
count(const char *s, const char *what)
{
	size_t n = 0;

	for (; (s = strstr(s, what)) != NULL; s += strlen(what))
		n++;
	return n;
}

/* Every <text> and <title> closed, one svg element, nothing after it. */
static void
well_formed(const char *s)
{
	cr_assert_eq(count(s, "<svg "), 1);
	cr_assert_eq(count(s, "</svg>"), 1);
	cr_assert(strcmp(s + strlen(s) - 6, "</svg>") == 0);
	cr_assert_eq(count(s, "<text"), count(s, "</text>"));
	cr_assert_eq(count(s, "<title>"), count(s, "</title>"));
	cr_assert_eq(count(s, "<script"), 0);
}

Test(chart, escapes_every_text)
{
	static const char *const cats[] = { "<script>alert(\"x\")</script> & 'q'", "b" };
	double v[] = { 1, 2 };
	struct chart_bars c = { "T<i>tle & \"more\"", 2, cats, 1, NULL, v, 0, 0, NULL, NULL };
	struct buf b;

	buf_init(&b, 1 << 16);
	cr_assert_eq(chart_bars_svg(&b, &c), 0);
	well_formed(b.s);
	cr_assert(strstr(b.s, "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;"));
	cr_assert(strstr(b.s, "<title>T&lt;i&gt;tle &amp; &quot;more&quot;</title>"));
	cr_assert(strstr(b.s, "aria-label=\"T&lt;i&gt;tle"));
	buf_release(&b);
}

Test(chart, bars_scale_to_the_longest)
{
	static const char *const cats[] = { "a", "b", "c" };
	double v[] = { 10, 5, 0 };
	struct chart_bars c = { "t", 3, cats, 1, NULL, v, 0, 0, NULL, NULL };
	struct buf b;

	buf_init(&b, 1 << 16);
	cr_assert_eq(chart_bars_svg(&b, &c), 0);
	well_formed(b.s);
	/* plot = 640 - 200 - 70 = 370 px */
	cr_assert(strstr(b.s, "width=\"370\""), "%s", b.s);
	cr_assert(strstr(b.s, "width=\"185\""));
	cr_assert_eq(count(b.s, "<rect"), 2, "a zero bar draws nothing");
	cr_assert(strstr(b.s, ">10</text>") && strstr(b.s, ">0</text>"));
	buf_release(&b);
}

Test(chart, stacked_parts_add_up)
{
	static const char *const cats[] = { "2020", "2021" };
	static const char *const series[] = { "F", "M" };
	double v[] = { 3, 1, 2, 2 };
	struct chart_bars c = { "t", 2, cats, 2, series, v, 1, 0, NULL, NULL };
	struct buf b;

	buf_init(&b, 1 << 16);
	cr_assert_eq(chart_bars_svg(&b, &c), 0);
	well_formed(b.s);
	/* row 1: 0..278 then 278..370; row 2: 0..185 then 185..370 */
	cr_assert(strstr(b.s, "x=\"200\" y=\"31\" width=\"278\""), "%s", b.s);
	cr_assert(strstr(b.s, "x=\"478\" y=\"31\" width=\"92\""));
	cr_assert(strstr(b.s, "x=\"385\" y=\"53\" width=\"185\""));
	cr_assert(strstr(b.s, ">4.0</text>"), "totals with one decimal");
	cr_assert(strstr(b.s, ">F</text>") && strstr(b.s, ">M</text>"), "a legend");
	buf_release(&b);
}

Test(chart, empty_and_cap)
{
	struct chart_bars c = { "nothing", 0, NULL, 1, NULL, NULL, 0, 0, NULL, NULL };
	static const char *const cats[] = { "a" };
	double v[] = { 1 };
	struct chart_bars d = { "a title long enough to pass the cap of the buffer", 1, cats, 1,
		NULL, v, 0, 0, NULL, NULL };
	struct buf b;

	buf_init(&b, 1 << 16);
	cr_assert_eq(chart_bars_svg(&b, &c), 0);
	well_formed(b.s);
	buf_release(&b);
	buf_init(&b, 120);
	cr_assert_eq(chart_bars_svg(&b, &d), -1);
	buf_release(&b);
}

Test(chart, matrix)
{
	static const char *const rows[] = { "Cusco", "Puno" };
	static const char *const cols[] = { "Madre de Dios", "Lima" };
	double v[] = { 8, 0, 2, 4 };
	struct chart_matrix m = { "origin x exploitation", 2, 2, rows, cols, v, 0, NULL, NULL };
	struct buf b;

	buf_init(&b, 1 << 16);
	cr_assert_eq(chart_matrix_svg(&b, &m), 0);
	well_formed(b.s);
	cr_assert_eq(count(b.s, "<rect"), 4);
	cr_assert(strstr(b.s, "fill-opacity=\"1.00\""), "the largest cell is full");
	cr_assert(strstr(b.s, "fill-opacity=\"0.00\""), "a zero cell is blank");
	cr_assert_eq(count(b.s, "text-anchor=\"middle\""), 3, "numbers in non-zero cells only");
	buf_release(&b);
}

Test(chart, table_total_column_left_out)
{
	const char *head[] = { "Female", "Male", "Total" };
	const char *label[] = { "2020", "2021" };
	int64_t cell[] = { 3, 1, 4, 2, 2, 4 };
	struct app_table t = { "victims_by_year", "Victims", APP_TABLE_BARS, 3, "Year", head, 2,
		label, cell, 0, NULL };
	struct buf b;

	buf_init(&b, 1 << 16);
	cr_assert_eq(app_table_svg(&t, &b), 0);
	well_formed(b.s);
	cr_assert(strstr(b.s, ">Female</text>") && !strstr(b.s, ">Total</text>"));
	cr_assert(strstr(b.s, ">4</text>"));
	buf_release(&b);
}

Test(chart, long_labels_are_cut_whole_in_a_title)
{
	static const char *const cats[] = {
		"Trabajo o servicios forzosos, explotación laboral", "corto",
		"ñññññññññññññññññññññññññññññ", "ññññññññññññññññññññññññññññññx",
	};
	double v[] = { 2, 3, 4, 5 };
	struct chart_bars c = { "t", 4, cats, 1, NULL, v, 0, 0, NULL, NULL };
	struct buf b;

	buf_init(&b, 1u << 16);
	cr_assert_eq(chart_bars_svg(&b, &c), 0);
	cr_assert_eq(buf_addc(&b, '\0'), 0);
	cr_assert(strstr(b.s, "<title>Trabajo o servicios forzosos, explotación laboral</title>"
		"Trabajo o servicios forzosos,\xE2\x80\xA6</text>"), "%s", b.s);
	cr_assert(strstr(b.s, "\">corto</text>"));
	cr_assert(strstr(b.s, "\">ñññññññññññññññññññññññññññññ</text>"), "29 characters stay whole");
	cr_assert(strstr(b.s, "<title>ññññññññññññññññññññññññññññññx</title>"
		"ñññññññññññññññññññññññññññññ\xE2\x80\xA6</text>"), "cut between characters, not bytes");
	buf_release(&b);
}

/* The numbers in a chart are written as the table beside it writes them:
 * thousands grouped, the language's decimal mark (issue 11). */
Test(chart, numbers_grouped_in_the_page_language)
{
	const char *head[] = { "Value (PEN)" };
	const char *label[] = { "Seized", "Small" };
	int64_t cell[] = { 123456789, 5 };          /* 1 234 567,89 and 0,05 */
	static const int cents[] = { 2 };
	struct app_table t = { "assets", "Assets", APP_TABLE_BARS, 1, "Step", head, 2, label, cell,
		cents, NULL };
	static const char *const rows[] = { "Loreto" };
	static const char *const cols[] = { "Madre de Dios", "Lima" };
	double v[] = { 12345, 999 };
	struct chart_matrix m = { "origin x exploitation", 1, 2, rows, cols, v, 0, ",", "." };
	struct buf b;

	buf_init(&b, 1 << 16);
	cr_assert_eq(app_table_svg_lang(&t, 0, &b), 0);
	cr_assert_eq(buf_addc(&b, '\0'), 0);
	cr_assert(strstr(b.s, ">1\xe2\x80\xaf" "234\xe2\x80\xaf" "567,89</text>"), "%s", b.s);
	cr_assert(strstr(b.s, ">0,05</text>"));
	buf_reset(&b);
	cr_assert_eq(app_table_svg_lang(&t, 1, &b), 0);
	cr_assert_eq(buf_addc(&b, '\0'), 0);
	cr_assert(strstr(b.s, ">1,234,567.89</text>"), "%s", b.s);
	{
		/* the longest total fits in the chart: its 12 characters at about 7
		 * pixels each end before the right edge (640) */
		const char *end = strstr(b.s, ">1,234,567.89</text>"), *x = end;
		while (x > b.s && strncmp(x, "<text x=\"", 9) != 0)
			x--;
		cr_assert(atoi(x + 9) + 12 * 7 <= 640, "the total is not cut: %s", x);
	}
	buf_reset(&b);
	cr_assert_eq(app_table_svg(&t, &b), 0);
	cr_assert_eq(buf_addc(&b, '\0'), 0);
	cr_assert(strstr(b.s, ">1234567.89</text>"), "plain digits without a language");
	buf_reset(&b);
	cr_assert_eq(chart_matrix_svg(&b, &m), 0);
	cr_assert_eq(buf_addc(&b, '\0'), 0);
	cr_assert(strstr(b.s, ">12,345</text>") && strstr(b.s, ">999</text>"), "%s", b.s);
	buf_release(&b);
}
