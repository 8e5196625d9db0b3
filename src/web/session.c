/* session.c — cookies and CSRF tokens. */
#include "web/session.h"

#include <string.h>

#include <sodium.h>

int
session_cookie(const char *header, const char *name, char *out, size_t n)
{
	size_t nl = strlen(name);
	const char *p = header;

	if (header == NULL)
		return -1;
	while (*p) {
		while (*p == ' ' || *p == ';')
			p++;
		const char *end = strchr(p, ';');
		size_t len = end ? (size_t)(end - p) : strlen(p);
		if (len > nl && strncmp(p, name, nl) == 0 && p[nl] == '=') {
			size_t vlen = len - nl - 1;
			while (vlen > 0 && p[nl + 1 + vlen - 1] == ' ')
				vlen--;
			if (vlen + 1 > n)
				return -1;
			memcpy(out, p + nl + 1, vlen);
			out[vlen] = '\0';
			return 0;
		}
		p += len;
	}
	return -1;
}

void
session_csrf(const char *secret, char out[SESSION_CSRF_HEX + 1])
{
	static const char label[] = "khipu-csrf";
	unsigned char mac[32];
	size_t klen = strlen(secret);

	if (klen > crypto_generichash_KEYBYTES_MAX)
		klen = crypto_generichash_KEYBYTES_MAX;
	crypto_generichash(mac, sizeof(mac), (const unsigned char *)label, sizeof(label) - 1,
		(const unsigned char *)secret, klen);
	sodium_bin2hex(out, SESSION_CSRF_HEX + 1, mac, sizeof(mac));
}

int
session_csrf_equal(const char *expected, const char *given)
{
	if (expected == NULL || given == NULL || strlen(expected) != SESSION_CSRF_HEX ||
	    strlen(given) != SESSION_CSRF_HEX)
		return 0;
	return sodium_memcmp(expected, given, SESSION_CSRF_HEX) == 0;
}

void
session_random(char out[SESSION_CSRF_HEX + 1])
{
	unsigned char r[32];

	randombytes_buf(r, sizeof(r));
	sodium_bin2hex(out, SESSION_CSRF_HEX + 1, r, sizeof(r));
}
