/* html.c — escaping HTML output. */
#include "web/html.h"

#include <string.h>

/* Length of the valid UTF-8 sequence at s (at most n bytes), or 0. */
static size_t
utf8_len(const unsigned char *s, size_t n)
{
	size_t len, i;
	unsigned c = s[0];

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf)
		len = 2;
	else if (c >= 0xe0 && c <= 0xef)
		len = 3;
	else if (c >= 0xf0 && c <= 0xf4)
		len = 4;
	else
		return 0;
	if (len > n)
		return 0;
	for (i = 1; i < len; i++)
		if ((s[i] & 0xc0) != 0x80)
			return 0;
	/* overlong three-byte forms, surrogates, beyond U+10FFFF */
	if (len == 3 && ((c == 0xe0 && s[1] < 0xa0) || (c == 0xed && s[1] >= 0xa0)))
		return 0;
	if (len == 4 && ((c == 0xf0 && s[1] < 0x90) || (c == 0xf4 && s[1] >= 0x90)))
		return 0;
	return len;
}

int
html_escape(struct buf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, start = 0, len;
	const char *rep;

	if (s == NULL)
		return 0;
	while (i < n) {
		rep = NULL;
		len = 1;
		switch (p[i]) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case '\'': rep = "&#39;"; break;
		case '\0': rep = "\xef\xbf\xbd"; break;
		default:
			if (p[i] >= 0x80 && (len = utf8_len(p + i, n - i)) == 0) {
				rep = "\xef\xbf\xbd";
				len = 1;
			}
		}
		if (rep == NULL) {
			i += len;
			continue;
		}
		if (buf_add(b, s + start, i - start) < 0 || buf_adds(b, rep) < 0)
			return -1;
		i += len;
		start = i;
	}
	return buf_add(b, s + start, n - start);
}

int
html_text(struct buf *b, const char *s)
{
	return s == NULL ? 0 : html_escape(b, s, strlen(s));
}

int
html_raw(struct buf *b, const char *markup)
{
	return buf_adds(b, markup);
}
