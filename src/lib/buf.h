/*
 * buf.h — growable string buffer with a mandatory size cap (git strbuf, curl dynbuf).
 *
 * Invariants: b->s is never NULL after buf_init, always NUL-terminated, and
 * b->len is authoritative. Appends past b->cap fail with -1 and leave the
 * buffer unchanged, so input limits are enforced where data is gathered.
 */
#ifndef KHIPU_BUF_H
#define KHIPU_BUF_H

#include <stdarg.h>
#include <stddef.h>

#define BUF_WUR __attribute__((warn_unused_result))

struct buf {
	char *s;
	size_t len;
	size_t alloc;
	size_t cap;     /* maximum len; appends beyond it fail */
};

#define BUF_CAP_LINE   (4u << 10)
#define BUF_CAP_FIELD  (64u << 10)
#define BUF_CAP_DOC    (16u << 20)   /* a JSON case document, an export chunk */

void buf_init(struct buf *b, size_t cap);
void buf_release(struct buf *b);
void buf_reset(struct buf *b);
int buf_add(struct buf *b, const void *p, size_t n) BUF_WUR;
int buf_adds(struct buf *b, const char *s) BUF_WUR;
int buf_addc(struct buf *b, char c) BUF_WUR;
int buf_addf(struct buf *b, const char *fmt, ...) BUF_WUR __attribute__((format(printf, 2, 3)));
int buf_vaddf(struct buf *b, const char *fmt, va_list ap) BUF_WUR;
/* Hand the string to the caller (who frees it) and leave b released:
 * buf_init it again before reuse. */
char *buf_detach(struct buf *b, size_t *len);

#endif
