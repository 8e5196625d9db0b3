/*
 * html.h — HTML output, escaped by default (STYLE 8.12).
 *
 * html_text and html_attr escape everything they are given; markup that is
 * written as it is goes through html_raw, a name review can grep for. Only
 * string literals of the program itself are passed to html_raw.
 */
#ifndef KHIPU_HTML_H
#define KHIPU_HTML_H

#include <stddef.h>

#include "lib/buf.h"

/* Append s (n bytes) to b with & < > " ' escaped; NULL writes nothing.
 * Bytes that are not valid UTF-8 become U+FFFD, so a page is always valid
 * UTF-8. Returns -1 when b's cap is reached. */
int html_escape(struct buf *b, const char *s, size_t n) BUF_WUR;
/* The same for a NUL-terminated string. */
int html_text(struct buf *b, const char *s) BUF_WUR;
/* Attribute values are escaped exactly as text (quotes included). */
#define html_attr html_text
/* Markup written as it is: program literals only, never input. */
int html_raw(struct buf *b, const char *markup) BUF_WUR;

#endif
