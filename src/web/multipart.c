/*
 * multipart.c — a strict multipart/form-data reader over a body already in
 * memory (multipart.h). Parts are found with memmem on "\r\n--boundary";
 * only the Content-Disposition header is read.
 */
#include "web/multipart.h"

#include <string.h>
#include <strings.h>

/* ---- the boundary ---- */

const char *
multipart_boundary(const char *ct, struct arena *a)
{
	const char *p, *end;
	size_t n;

	if (ct == NULL || strncasecmp(ct, "multipart/form-data", 19) != 0)
		return NULL;
	for (p = ct + 19; (p = strchr(p, ';')) != NULL;) {
		p++;
		p += strspn(p, " \t");
		if (strncasecmp(p, "boundary=", 9) != 0)
			continue;
		p += 9;
		if (*p == '"') {
			end = strchr(++p, '"');
			if (end == NULL)
				return NULL;
		} else {
			end = p + strcspn(p, "; \t");
		}
		n = (size_t)(end - p);
		if (n < 1 || n > 70)
			return NULL;
		return arena_strndup(a, p, n);
	}
	return NULL;
}

/* ---- Content-Disposition ---- */

/* What disp_param returns for a malformed value (compared by address). */
static const char malformed[] = "";

/* The value of parameter key (name, filename) in a Content-Disposition
 * line of len bytes: quoted (with \" and \\ escapes) or a token. NULL when
 * absent; malformed when malformed (the caller refuses). */
static const char *
disp_param(const char *line, size_t len, const char *key, struct arena *a)
{
	size_t k = strlen(key), i = 0;

	while (i < len) {
		const char *v;
		size_t j, o = 0;
		char *out;
		/* at the start of a parameter: after ';' and spaces */
		while (i < len && line[i] != ';')
			i++;
		if (i >= len)
			return NULL;
		i++;
		while (i < len && (line[i] == ' ' || line[i] == '\t'))
			i++;
		if (len - i <= k || strncasecmp(line + i, key, k) != 0 || line[i + k] != '=')
			continue;
		v = line + i + k + 1;
		j = (size_t)(v - line);
		out = arena_alloc(a, len - j + 1);
		if (j < len && line[j] == '"') {
			for (j++; j < len && line[j] != '"'; j++) {
				if (line[j] == '\\' && j + 1 < len)
					j++;
				out[o++] = line[j];
			}
			if (j >= len)
				return malformed;
		} else {
			for (; j < len && line[j] != ';' && line[j] != ' '; j++)
				out[o++] = line[j];
		}
		out[o] = '\0';
		if (memchr(out, '\0', o) != NULL)
			return malformed;
		return out;
	}
	return NULL;
}

/* Read the headers of a part (hdr, n bytes, lines ended by CRLF). */
static int
part_headers(const char *hdr, size_t n, struct arena *a, struct multipart_part *p)
{
	size_t i = 0;

	p->name = NULL;
	p->filename = NULL;
	while (i < n) {
		const char *line = hdr + i, *eol = memchr(line, '\r', n - i);
		size_t len = eol ? (size_t)(eol - line) : n - i;
		if (len >= 20 && strncasecmp(line, "Content-Disposition:", 20) == 0) {
			const char *v = line + 20;
			size_t vl = len - 20;
			while (vl > 0 && (*v == ' ' || *v == '\t'))
				v++, vl--;
			if (vl < 9 || strncasecmp(v, "form-data", 9) != 0)
				return -1;
			p->name = disp_param(v, vl, "name", a);
			p->filename = disp_param(v, vl, "filename", a);
		}
		i += len + 2;
	}
	if (p->name == NULL || p->name == malformed || *p->name == '\0' ||
	    p->filename == malformed)
		return -1;
	return 0;
}

int
multipart_parse(const char *boundary, const char *body, size_t n, struct arena *a,
	struct multipart_part **parts, size_t *nparts)
{
	size_t bl, dl, pos;
	char *delim;
	struct multipart_part *out;
	size_t k = 0;

	*parts = NULL;
	*nparts = 0;
	if (boundary == NULL || body == NULL)
		return -1;
	bl = strlen(boundary);
	/* "\r\n--" boundary: the body starts with the delimiter without its CRLF */
	dl = bl + 4;
	delim = arena_alloc(a, dl + 1);
	memcpy(delim, "\r\n--", 4);
	memcpy(delim + 4, boundary, bl);
	delim[dl] = '\0';
	if (n < dl - 2 || memcmp(body, delim + 2, dl - 2) != 0)
		return -1;
	out = arena_alloc(a, MULTIPART_MAX_PARTS * sizeof(*out));
	pos = dl - 2;
	for (;;) {
		const char *hend, *next;
		size_t hstart, dstart;
		/* after a delimiter: "--" closes, CRLF opens a part */
		if (n - pos >= 2 && body[pos] == '-' && body[pos + 1] == '-')
			break;
		if (n - pos < 2 || body[pos] != '\r' || body[pos + 1] != '\n')
			return -1;
		if (k == MULTIPART_MAX_PARTS)
			return -1;
		hstart = pos + 2;
		hend = memmem(body + hstart, n - hstart, "\r\n\r\n", 4);
		if (hend == NULL || (size_t)(hend - body) - hstart > MULTIPART_MAX_HEADER)
			return -1;
		if (part_headers(body + hstart, (size_t)(hend - body) - hstart + 2, a, &out[k]) != 0)
			return -1;
		dstart = (size_t)(hend - body) + 4;
		next = memmem(body + dstart, n - dstart, delim, dl);
		if (next == NULL)
			return -1;
		out[k].data = body + dstart;
		out[k].len = (size_t)(next - body) - dstart;
		k++;
		pos = (size_t)(next - body) + dl;
	}
	*parts = out;
	*nparts = k;
	return 0;
}
