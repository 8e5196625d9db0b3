/* u-sign.c — unit tests for crypto/sign (installation identities and
 * exchange packages): a package opens for its recipient only, intact,
 * signed by its sender; every altered byte, a cut, another recipient and a
 * forged sender are refused with their reason. */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include "crypto/sign.h"

static struct sign_identity a, b, c;

static void
setup(void)
{
	cr_assert_eq(sign_keygen(&a), 0);
	cr_assert_eq(sign_keygen(&b), 0);
	cr_assert_eq(sign_keygen(&c), 0);
}

TestSuite(sign, .init = setup);

static unsigned char *
pack(const struct sign_identity *from, const struct sign_identity *to, const char *msg,
	size_t *n)
{
	return sign_pack(from, to->pub, (const unsigned char *)msg, strlen(msg), n);
}

Test(sign, opens_for_its_recipient)
{
	size_t n, pn;
	unsigned char *p = pack(&a, &b, "{\"case\":1}", &n), signer[32], *out;

	cr_assert_eq(sign_open(&b, p, n, signer, &out, &pn), SIGN_OK);
	cr_assert_eq(pn, strlen("{\"case\":1}"));
	cr_assert_str_eq((char *)out, "{\"case\":1}");
	cr_assert_eq(memcmp(signer, a.pub, 32), 0, "the signer is the sender");
	free(out);
	free(p);
}

Test(sign, every_altered_byte_is_refused)
{
	size_t n, pn, i;
	unsigned char *p = pack(&a, &b, "payload of the case", &n), signer[32], *out;

	for (i = 0; i < n; i++) {
		p[i] ^= 0x01;
		cr_assert_neq(sign_open(&b, p, n, signer, &out, &pn), SIGN_OK, "byte %zu", i);
		cr_assert_null(out);
		p[i] ^= 0x01;
	}
	cr_assert_eq(sign_open(&b, p, n, signer, &out, &pn), SIGN_OK);
	free(out);
	free(p);
}

Test(sign, truncated_and_junk)
{
	size_t n, pn;
	unsigned char *p = pack(&a, &b, "payload", &n), signer[32], *out;

	cr_assert_eq(sign_open(&b, p, n - 1, signer, &out, &pn), SIGN_TRUNCATED);
	cr_assert_eq(sign_open(&b, p, 20, signer, &out, &pn), SIGN_TRUNCATED);
	cr_assert_eq(sign_open(&b, (const unsigned char *)"hello", 5, signer, &out, &pn),
		SIGN_NOT_PACKAGE);
	free(p);
}

Test(sign, another_recipient_is_refused)
{
	size_t n, pn;
	unsigned char *p = pack(&a, &b, "payload", &n), signer[32], *out;

	cr_assert_eq(sign_open(&c, p, n, signer, &out, &pn), SIGN_OTHER_RECIPIENT);
	free(p);
}

Test(sign, a_forged_sender_is_refused)
{
	size_t n, pn;
	unsigned char *p = pack(&c, &b, "payload", &n), signer[32], *out;

	memcpy(p + 8 + 32, a.pub, 32);   /* the header claims a */
	cr_assert_eq(sign_peek(p, n, signer), SIGN_OK);
	cr_assert_eq(memcmp(signer, a.pub, 32), 0);
	cr_assert_eq(sign_open(&b, p, n, signer, &out, &pn), SIGN_BAD_SIGNATURE);
	free(p);
}

Test(sign, keys_as_text_and_fingerprints)
{
	char text[SIGN_PUBTEXT_LEN], fp[SIGN_FP_LEN], fp2[SIGN_FP_LEN];
	unsigned char pub[SIGN_PUB_LEN];
	struct sign_identity again;

	sign_pub_encode(a.pub, text);
	cr_assert_eq(strncmp(text, "khx1:", 5), 0);
	cr_assert_eq(sign_pub_decode(text, pub), 0);
	cr_assert_eq(memcmp(pub, a.pub, SIGN_PUB_LEN), 0);
	cr_assert_eq(sign_pub_decode("khx1:abc", pub), -1);
	cr_assert_eq(sign_pub_decode(text + 5, pub), -1);
	sign_fingerprint(a.pub, fp);
	cr_assert_eq(strlen(fp), 49);
	sign_identity_from_secret(&again, a.sec);
	sign_fingerprint(again.pub, fp2);
	cr_assert_str_eq(fp, fp2, "the public half is derived again from the secret");
	sign_fingerprint(b.pub, fp2);
	cr_assert_str_neq(fp, fp2);
}
