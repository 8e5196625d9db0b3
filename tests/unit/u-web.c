/* u-web.c — the web layer's pure parts: HTML escaping, form parsing, the
 * router, cookies, session and CSRF tokens. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "lib/arena.h"
#include "lib/buf.h"
#include "web/form.h"
#include "web/html.h"
#include "web/router.h"
#include "web/session.h"

static char *
esc(const char *s, size_t n)
{
	static char out[4096];
	struct buf b;

	buf_init(&b, sizeof(out) - 1);
	cr_assert_eq(html_escape(&b, s, n), 0);
	memcpy(out, b.s, b.len + 1);
	buf_release(&b);
	return out;
}

Test(html, escapes_markup_and_quotes)
{
	const char *s = "<script>alert('x')</script> & \"q\"";
	cr_assert_str_eq(esc(s, strlen(s)),
		"&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
}

Test(html, keeps_utf8_and_replaces_invalid_bytes)
{
	cr_assert_str_eq(esc("María Ñuñez", strlen("María Ñuñez")), "María Ñuñez");
	cr_assert_str_eq(esc("a\xff" "b", 3), "a\xef\xbf\xbd" "b");
	cr_assert_str_eq(esc("\xc3", 1), "\xef\xbf\xbd");            /* truncated sequence */
	cr_assert_str_eq(esc("\xed\xa0\x80", 3), "\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd");  /* surrogate */
	cr_assert_str_eq(esc("a\0b", 3), "a\xef\xbf\xbd" "b");
}

Test(html, null_writes_nothing_and_cap_is_enforced)
{
	struct buf b;

	buf_init(&b, 8);
	cr_assert_eq(html_text(&b, NULL), 0);
	cr_assert_eq(b.len, 0);
	cr_assert_eq(html_text(&b, "<<<"), -1);    /* 12 bytes escaped > cap 8 */
	buf_release(&b);
}

Test(form, parses_and_decodes)
{
	struct arena a;
	struct form f;
	const char *s = "a=1&b=hola+mundo&c=%3Cscript%3E&a=2&empty=&flag";
	size_t n;
	const char **all;

	arena_init(&a);
	cr_assert_eq(form_parse(&f, s, strlen(s), &a), 0);
	cr_assert_str_eq(form_get(&f, "a"), "1");
	cr_assert_str_eq(form_get(&f, "b"), "hola mundo");
	cr_assert_str_eq(form_get(&f, "c"), "<script>");
	cr_assert_str_eq(form_get(&f, "empty"), "");
	cr_assert_null(form_nonblank(&f, "empty"));
	cr_assert_str_eq(form_get(&f, "flag"), "");
	cr_assert_null(form_get(&f, "missing"));
	all = form_all(&f, "a", &a, &n);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(all[1], "2");
	arena_release(&a);
}

Test(form, refuses_malformed_input)
{
	struct arena a;
	struct form f;

	arena_init(&a);
	cr_assert_eq(form_parse(&f, "a=%4", 4, &a), -1);
	cr_assert_eq(form_parse(&f, "a=%zz", 5, &a), -1);
	cr_assert_eq(form_parse(&f, "a=%00", 5, &a), -1);      /* NUL */
	cr_assert_eq(form_parse(&f, "a=%ff", 5, &a), -1);      /* invalid UTF-8 */
	cr_assert_eq(f.n, 0);
	cr_assert_eq(form_parse(&f, "n=Mar%C3%ADa", 12, &a), 0);
	cr_assert_str_eq(form_get(&f, "n"), "María");
	arena_release(&a);
}

Test(form, limits_the_number_of_fields)
{
	struct arena a;
	struct form f;
	struct buf b;
	int i;

	arena_init(&a);
	buf_init(&b, 1u << 20);
	for (i = 0; i <= FORM_MAX_FIELDS; i++)
		cr_assert_eq(buf_adds(&b, "x=1&"), 0);
	cr_assert_eq(form_parse(&f, b.s, b.len, &a), -1);
	buf_release(&b);
	arena_release(&a);
}

static void h(struct web_req *r) { (void)r; }

static const struct route routes[] = {
	{ "/cases", ROUTE_GET, 0, h, NULL },
	{ "/cases/new", ROUTE_GET | ROUTE_POST, 0, h, h },
	{ "/cases/{id}", ROUTE_GET, 0, h, NULL },
	{ "/cases/{id}/reveal", ROUTE_POST, 0, NULL, h },
	{ "/assets/{name}", ROUTE_GET, 0, h, NULL },
};

Test(router, matches_patterns_and_methods)
{
	char p[ROUTE_MAX_PARAMS][129];
	unsigned allow;

	cr_assert_eq(router_match(routes, 5, ROUTE_GET, "/cases", p, &allow), 0);
	cr_assert_eq(router_match(routes, 5, ROUTE_GET, "/cases/new", p, &allow), 1);
	cr_assert_eq(router_match(routes, 5, ROUTE_GET, "/cases/17", p, &allow), 2);
	cr_assert_str_eq(p[0], "17");
	cr_assert_eq(router_match(routes, 5, ROUTE_POST, "/cases/17/reveal", p, &allow), 3);
	cr_assert_str_eq(p[0], "17");
}

Test(router, unknown_is_404_and_wrong_method_405)
{
	char p[ROUTE_MAX_PARAMS][129];
	unsigned allow;

	cr_assert_eq(router_match(routes, 5, ROUTE_GET, "/nope", p, &allow), -1);
	cr_assert_eq(router_match(routes, 5, ROUTE_GET, "/cases/", p, &allow), -1);
	cr_assert_eq(router_match(routes, 5, ROUTE_GET, "/cases/1/2", p, &allow), -1);
	cr_assert_eq(router_match(routes, 5, ROUTE_GET, "/assets/../etc/passwd", p, &allow), -1);
	cr_assert_eq(router_match(routes, 5, ROUTE_POST, "/cases", p, &allow), -2);
	cr_assert_eq(allow, ROUTE_GET);
	cr_assert_eq(router_match(routes, 5, ROUTE_GET, "/cases/1/reveal", p, &allow), -2);
	cr_assert_eq(allow, ROUTE_POST);
}

Test(router, long_segments_do_not_match)
{
	char p[ROUTE_MAX_PARAMS][129], path[300];
	unsigned allow;

	memset(path, 'a', sizeof(path));
	memcpy(path, "/cases/", 7);
	path[sizeof(path) - 1] = '\0';
	cr_assert_eq(router_match(routes, 5, ROUTE_GET, path, p, &allow), -1);
}

Test(session, reads_cookies)
{
	char v[80];

	cr_assert_eq(session_cookie("a=1; khipu_session=abc; b=2", "khipu_session", v, sizeof(v)), 0);
	cr_assert_str_eq(v, "abc");
	cr_assert_eq(session_cookie("xkhipu_session=abc", "khipu_session", v, sizeof(v)), -1);
	cr_assert_eq(session_cookie(NULL, "khipu_session", v, sizeof(v)), -1);
	cr_assert_eq(session_cookie("k=0123456789", "k", v, 5), -1);
}

Test(session, random_tokens_are_256_bit_hex_and_differ)
{
	char a[SESSION_CSRF_HEX + 1], b[SESSION_CSRF_HEX + 1];
	size_t i;

	session_random(a);
	session_random(b);
	cr_assert_eq(strlen(a), 64);
	for (i = 0; i < 64; i++)
		cr_assert(strchr("0123456789abcdef", a[i]) != NULL);
	cr_assert_str_neq(a, b);
}

Test(session, csrf_is_bound_to_the_session)
{
	char s1[SESSION_CSRF_HEX + 1], s2[SESSION_CSRF_HEX + 1];
	char c1[SESSION_CSRF_HEX + 1], c1b[SESSION_CSRF_HEX + 1], c2[SESSION_CSRF_HEX + 1];

	session_random(s1);
	session_random(s2);
	session_csrf(s1, c1);
	session_csrf(s1, c1b);
	session_csrf(s2, c2);
	cr_assert_str_eq(c1, c1b);
	cr_assert_str_neq(c1, c2);
	cr_assert_str_neq(c1, s1);
	cr_assert(session_csrf_equal(c1, c1b));
	cr_assert(!session_csrf_equal(c1, c2));
	cr_assert(!session_csrf_equal(c1, NULL));
	cr_assert(!session_csrf_equal(c1, ""));
	c1b[63] = c1b[63] == 'a' ? 'b' : 'a';
	cr_assert(!session_csrf_equal(c1, c1b));
}

#include "web/pagecache.h"

Test(pagecache, serves_only_the_same_user_case_language_and_version)
{
	struct pagecache_key k, other;
	struct app_version v, v2;
	struct buf b;
	char c1[SESSION_CSRF_HEX + 1], c2[SESSION_CSRF_HEX + 1];
	char page[400];

	session_random(c1);
	session_random(c2);
	snprintf(page, sizeof(page), "<form><input name=\"csrf\" value=\"%s\"></form>"
		"<form><input name=\"csrf\" value=\"%s\"></form>", c1, c1);
	memset(&k, 0, sizeof(k));
	memset(&v, 0, sizeof(v));
	k.user_id = 7;
	k.case_id = 42;
	v.seq = 100;
	v.hash[0] = 1;
	pagecache_put(&k, &v, c1, page, strlen(page));
	buf_init(&b, 1u << 20);
	cr_assert_eq(pagecache_get(&k, &v, c2, &b), 1);
	cr_assert_null(strstr(b.s, c1), "the old session's token is gone");
	cr_assert_not_null(strstr(strstr(b.s, c2) + 64, c2), "both forms carry the new one");
	cr_assert_eq(b.len, strlen(page));
	buf_reset(&b);
	other = k;
	other.user_id = 8;
	cr_assert_eq(pagecache_get(&other, &v, c2, &b), 0, "another user");
	other = k;
	other.lang = 1;
	cr_assert_eq(pagecache_get(&other, &v, c2, &b), 0, "another language");
	other = k;
	other.case_id = 43;
	cr_assert_eq(pagecache_get(&other, &v, c2, &b), 0, "another case");
	v2 = v;
	v2.seq = 101;
	cr_assert_eq(pagecache_get(&k, &v2, c2, &b), 0, "a newer register");
	v2 = v;
	v2.hash[5] = 9;
	cr_assert_eq(pagecache_get(&k, &v2, c2, &b), 0, "a different register at the same seq (restore)");
	cr_assert_eq(b.len, 0);
	buf_release(&b);
}

#include "web/webcsv.h"

static const char *
csv1(struct buf *b, const char *s)
{
	buf_reset(b);
	cr_assert_eq(webcsv_cell(b, s), 0);
	cr_assert_eq(buf_addc(b, '\0'), 0);
	return b->s;
}

Test(webcsv, quotes_and_formulas)
{
	struct buf b;

	buf_init(&b, 1024);
	cr_assert_str_eq(csv1(&b, "Lima"), "Lima");
	cr_assert_str_eq(csv1(&b, NULL), "");
	cr_assert_str_eq(csv1(&b, "a,b"), "\"a,b\"");
	cr_assert_str_eq(csv1(&b, "say \"hi\""), "\"say \"\"hi\"\"\"");
	cr_assert_str_eq(csv1(&b, "two\nlines"), "\"two\nlines\"");
	cr_assert_str_eq(csv1(&b, "=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
	cr_assert_str_eq(csv1(&b, "+1"), "\"'+1\"");
	cr_assert_str_eq(csv1(&b, "-2+3"), "\"'-2+3\"");
	cr_assert_str_eq(csv1(&b, "@SUM(A1)"), "\"'@SUM(A1)\"");
	cr_assert_str_eq(csv1(&b, "\tx"), "\"'\tx\"");
	cr_assert_str_eq(csv1(&b, "Año 2024 = ok"), "Año 2024 = ok");
	buf_release(&b);
	buf_init(&b, 4);
	cr_assert_eq(webcsv_cell(&b, "=abcdef"), -1, "the cap is reported");
	buf_release(&b);
}

/* issue 11: amounts as Peruvians and English speakers write them */
Test(form, amounts_with_comma_and_point)
{
	static const struct { const char *in; long long cents; } ok[] = {
		{ "1200", 120000 }, { "1200.50", 120050 }, { "1200,50", 120050 },
		{ "1,200.50", 120050 }, { "1.200,50", 120050 }, { "1 200,50", 120050 },
		{ "1.200", 120000 }, { "1,200", 120000 }, { "1.234.567,8", 123456780 },
		{ "1,234,567.89", 123456789 }, { "S/ 1.200", 120000 }, { "0,5", 50 },
		{ " 45000 ", 4500000 }, { "US$ 2,500.00", 250000 },
	};
	static const char *const bad[] = {
		"", "abc", "1,2,3", "12,34.56,7", "1.200.5", ",50", "1..2", "12 34",
		"1,200.50.3", "1.20,5", "-5", "1e3", "12345678901234",
	};
	long long c;
	size_t i;

	for (i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
		cr_assert_eq(form_amount(ok[i].in, &c), 0, "'%s' is an amount", ok[i].in);
		cr_assert_eq(c, ok[i].cents, "'%s' is %lld cents, not %lld", ok[i].in, ok[i].cents, c);
	}
	for (i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		cr_assert_eq(form_amount(bad[i], &c), -1, "'%s' is not an amount", bad[i]);
}

Test(form, dates_in_two_formats)
{
	char d[11];

	cr_assert_eq(form_date("2024-03-02", d), 0);
	cr_assert_str_eq(d, "2024-03-02");
	cr_assert_eq(form_date("02/03/2024", d), 0);
	cr_assert_str_eq(d, "2024-03-02", "DD/MM/YYYY as written in Peru");
	cr_assert_eq(form_date("2.3.2024", d), 0);
	cr_assert_str_eq(d, "2024-03-02");
	cr_assert_eq(form_date("2024/03/02", d), -1);
	cr_assert_eq(form_date("March 2", d), -1);
	cr_assert_eq(form_date("02/03-2024", d), -1);
}
