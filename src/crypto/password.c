/*
 * password.c — password hashing with Argon2id (libsodium crypto_pwhash_str),
 * interactive limits: about 64 MiB and a fraction of a second per hash.
 */
#include "crypto/password.h"
#include "crypto/init.h"
#include "lib/i18n.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PASSWORD_MAX_LEN 1024   /* bytes */

_Static_assert(PASSWORD_HASH_MAX >= crypto_pwhash_STRBYTES, "PASSWORD_HASH_MAX");

/* Characters, not bytes: UTF-8 continuation bytes do not count. */
static size_t
utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s != '\0'; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

enum kerr_code
password_hash(const char *password, char out[PASSWORD_HASH_MAX], struct kerr *err)
{
	size_t len;

	crypto_lib_init();
	out[0] = '\0';
	if (password == NULL)
		return kerr_field(err, KERR_INVALID, "password", _("missing"));
	len = strlen(password);
	if (utf8_chars(password) < PASSWORD_MIN_LEN)
		return kerr_field(err, KERR_INVALID, "password", _("must have at least %d characters"),
			PASSWORD_MIN_LEN);
	if (len > PASSWORD_MAX_LEN)
		return kerr_field(err, KERR_INVALID, "password", _("must have at most %d bytes"),
			PASSWORD_MAX_LEN);
	if (crypto_pwhash_str_alg(out, password, len, crypto_pwhash_OPSLIMIT_INTERACTIVE,
	    crypto_pwhash_MEMLIMIT_INTERACTIVE, crypto_pwhash_ALG_ARGON2ID13) != 0)
		return kerr_set(err, KERR_INTERNAL, _("cannot hash password: out of memory"));
	return KERR_OK;
}

int
password_verify(const char *hash, const char *password)
{
	size_t len;

	crypto_lib_init();
	if (hash == NULL || password == NULL)
		return 0;
	len = strlen(password);
	if (len > PASSWORD_MAX_LEN || strnlen(hash, crypto_pwhash_STRBYTES) >= crypto_pwhash_STRBYTES)
		return 0;
	return crypto_pwhash_str_verify(hash, password, len) == 0;
}
