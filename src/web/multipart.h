/*
 * multipart.h — multipart/form-data bodies (RFC 7578): the upload form of
 * attachments. The body stays where it is: parts point into it; names and
 * file names are copied into the request's arena. Anything that is not a
 * well-formed body (no boundary, a part without Content-Disposition
 * form-data and a name, more than MULTIPART_MAX_PARTS parts, headers over
 * MULTIPART_MAX_HEADER bytes, no closing delimiter) is refused whole.
 */
#ifndef KHIPU_MULTIPART_H
#define KHIPU_MULTIPART_H

#include <stddef.h>

#include "lib/arena.h"

#define MULTIPART_MAX_PARTS  16
#define MULTIPART_MAX_HEADER 4096

struct multipart_part {
	const char *name;          /* the form field's name */
	const char *filename;      /* NULL for a plain field; "" when the browser sent none */
	const char *data;          /* into the body */
	size_t len;
};

/* The boundary of a Content-Type "multipart/form-data; boundary=..."
 * (quoted or not) into the arena; NULL when there is none or it is not
 * 1..70 characters. */
const char *multipart_boundary(const char *content_type, struct arena *a);
/* Parse body (n bytes). Returns 0 and the parts in order, or -1. */
int multipart_parse(const char *boundary, const char *body, size_t n, struct arena *a,
	struct multipart_part **parts, size_t *nparts);

#endif
