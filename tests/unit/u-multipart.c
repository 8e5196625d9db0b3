/* u-multipart.c — unit tests for web/multipart: the upload form's bodies. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>

#include "web/multipart.h"

#define BODY \
	"--XyZ\r\n" \
	"Content-Disposition: form-data; name=\"csrf\"\r\n\r\n" \
	"abc123\r\n" \
	"--XyZ\r\n" \
	"Content-Disposition: form-data; name=\"file\"; filename=\"acta \\\"1\\\".pdf\"\r\n" \
	"Content-Type: application/pdf\r\n\r\n" \
	"%PDF-1.4\r\n--Xy not a delimiter\0binary\r\n" \
	"--XyZ--\r\n"

Test(multipart, boundary)
{
	struct arena a;

	arena_init(&a);
	cr_assert_str_eq(multipart_boundary("multipart/form-data; boundary=XyZ", &a), "XyZ");
	cr_assert_str_eq(multipart_boundary("multipart/form-data; charset=utf-8; boundary=\"a b\"",
		&a), "a b");
	cr_assert_str_eq(multipart_boundary("Multipart/Form-Data;boundary=----WebKit12", &a),
		"----WebKit12");
	cr_assert_null(multipart_boundary("multipart/form-data", &a));
	cr_assert_null(multipart_boundary("application/x-www-form-urlencoded; boundary=x", &a));
	cr_assert_null(multipart_boundary("multipart/form-data; boundary=", &a));
	cr_assert_null(multipart_boundary("multipart/form-data; boundary=\"open", &a));
	arena_release(&a);
}

Test(multipart, fields_and_files)
{
	struct arena a;
	struct multipart_part *p;
	size_t n;
	static const char body[] = BODY;

	arena_init(&a);
	cr_assert_eq(multipart_parse("XyZ", body, sizeof(body) - 1, &a, &p, &n), 0);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(p[0].name, "csrf");
	cr_assert_null(p[0].filename);
	cr_assert_eq(p[0].len, 6);
	cr_assert(memcmp(p[0].data, "abc123", 6) == 0);
	cr_assert_str_eq(p[1].name, "file");
	cr_assert_str_eq(p[1].filename, "acta \"1\".pdf");
	cr_assert_eq(p[1].len, strlen("%PDF-1.4\r\n--Xy not a delimiter") + 1 + strlen("binary"),
		"the file's bytes, NUL and look-alike delimiter included");
	arena_release(&a);
}

Test(multipart, refuses_malformed_and_every_truncation)
{
	struct arena a;
	struct multipart_part *p;
	size_t n, cut;
	static const char body[] = BODY;
	char many[4096];
	int k, len = 0;

	arena_init(&a);
	for (cut = 0; cut < sizeof(body) - 1 - 4; cut++)
		cr_assert_eq(multipart_parse("XyZ", body, cut, &a, &p, &n), -1, "cut at %zu", cut);
	cr_assert_eq(multipart_parse("Other", body, sizeof(body) - 1, &a, &p, &n), -1);
	cr_assert_eq(multipart_parse(NULL, body, sizeof(body) - 1, &a, &p, &n), -1);
	cr_assert_eq(multipart_parse("XyZ", "--XyZ\r\nContent-Disposition: attachment; "
		"name=\"x\"\r\n\r\nv\r\n--XyZ--", 55, &a, &p, &n), -1, "not form-data");
	cr_assert_eq(multipart_parse("XyZ", "--XyZ\r\nContent-Type: text/plain\r\n\r\nv\r\n--XyZ--",
		46, &a, &p, &n), -1, "no name");
	/* more parts than allowed */
	for (k = 0; k <= MULTIPART_MAX_PARTS; k++)
		len += snprintf(many + len, sizeof(many) - (size_t)len,
			"--B\r\nContent-Disposition: form-data; name=\"f%d\"\r\n\r\nv\r\n", k);
	len += snprintf(many + len, sizeof(many) - (size_t)len, "--B--\r\n");
	cr_assert_eq(multipart_parse("B", many, (size_t)len, &a, &p, &n), -1, "too many parts");
	arena_release(&a);
}
