/* u-password.c — unit tests for crypto/password (Argon2id). */
#include <criterion/criterion.h>
#include <string.h>

#include "crypto/password.h"

Test(password, hash_and_verify)
{
	char h[PASSWORD_HASH_MAX], h2[PASSWORD_HASH_MAX];
	struct kerr err = { 0 };

	cr_assert_eq(password_hash("correct horse battery", h, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(strncmp(h, "$argon2id$", 10), 0, "%s", h);
	cr_assert_null(strstr(h, "correct"));
	cr_assert_eq(password_verify(h, "correct horse battery"), 1);
	cr_assert_eq(password_verify(h, "correct horse batterY"), 0);
	cr_assert_eq(password_verify(h, "correct horse battery "), 0);
	cr_assert_eq(password_verify(h, ""), 0);
	/* salted: the same password hashes differently */
	cr_assert_eq(password_hash("correct horse battery", h2, &err), KERR_OK);
	cr_assert_str_neq(h, h2);
	cr_assert_eq(password_verify(h2, "correct horse battery"), 1);
}

Test(password, non_ascii_passwords)
{
	char h[PASSWORD_HASH_MAX];
	struct kerr err = { 0 };

	/* 10 characters in 11 bytes */
	cr_assert_eq(password_hash("contraseña", h, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(password_verify(h, "contraseña"), 1);
	cr_assert_eq(password_verify(h, "contrasena"), 0, "no folding of passwords");
}

Test(password, length_limits)
{
	char h[PASSWORD_HASH_MAX], big[1100];
	struct kerr err = { 0 };

	cr_assert_eq(password_hash("short", h, &err), KERR_INVALID);
	cr_assert_str_eq(err.msg, "password: must have at least 10 characters");
	cr_assert_str_eq(err.field, "password");
	cr_assert_eq(password_hash("123456789", h, &err), KERR_INVALID);
	cr_assert_eq(password_hash("1234567890", h, &err), KERR_OK, "%s", err.msg);
	/* characters, not bytes: 9 letters with accents are still too few */
	cr_assert_eq(password_hash("ñandúñand", h, &err), KERR_INVALID);
	cr_assert_eq(password_hash("ñandúñandú", h, &err), KERR_OK);
	cr_assert_eq(password_verify(h, "ñandúñandú"), 1);
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	cr_assert_eq(password_hash(big, h, &err), KERR_INVALID);
	cr_assert_eq(password_hash(NULL, h, &err), KERR_INVALID);
}

Test(password, verify_rejects_garbage_hashes)
{
	cr_assert_eq(password_verify("", "1234567890"), 0);
	cr_assert_eq(password_verify("$argon2id$v=19$garbage", "1234567890"), 0);
	cr_assert_eq(password_verify(NULL, "1234567890"), 0);
}
