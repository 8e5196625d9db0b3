/* utf8.c — checking UTF-8 text (utf8.h). */
#include "lib/utf8.h"

int
utf8_valid(const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s, *end = p + n;
	unsigned cp, k, i;

	while (p < end) {
		if (*p < 0x80) {
			p++;
			continue;
		}
		if (*p >= 0xC2 && *p <= 0xDF) {
			k = 1;
			cp = *p & 0x1F;
		} else if ((*p & 0xF0) == 0xE0) {
			k = 2;
			cp = *p & 0x0F;
		} else if (*p >= 0xF0 && *p <= 0xF4) {
			k = 3;
			cp = *p & 0x07;
		} else {
			return 0;
		}
		if ((size_t)(end - p) <= k)
			return 0;
		for (i = 1; i <= k; i++) {
			if ((p[i] & 0xC0) != 0x80)
				return 0;
			cp = cp << 6 | (p[i] & 0x3F);
		}
		if ((k == 2 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
		    (k == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
			return 0;
		p += k + 1;
	}
	return 1;
}
