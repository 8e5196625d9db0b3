/*
 * sign.c — installation identities and exchange packages: Ed25519
 * signatures, X25519 sealed boxes, BLAKE2b fingerprints (libsodium).
 */
#include "crypto/sign.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "lib/xalloc.h"

#define MAGIC "KHIPUX1\n"
#define MAGIC_LEN 8
#define HEAD_LEN (MAGIC_LEN + 32 + 32 + 8)
#define CONTEXT "khipu-exchange-v1"

int
sign_keygen(struct sign_identity *id)
{
	if (sodium_init() < 0)
		return -1;
	crypto_sign_keypair(id->pub, id->sec);
	crypto_box_keypair(id->pub + 32, id->sec + 64);
	return 0;
}

void
sign_identity_from_secret(struct sign_identity *id, const unsigned char sec[SIGN_SEC_LEN])
{
	memcpy(id->sec, sec, SIGN_SEC_LEN);
	crypto_sign_ed25519_sk_to_pk(id->pub, id->sec);
	crypto_scalarmult_base(id->pub + 32, id->sec + 64);
}

void
sign_fingerprint(const unsigned char pub[SIGN_PUB_LEN], char out[SIGN_FP_LEN])
{
	unsigned char h[20];
	char hex[41];
	size_t i, k = 0;

	crypto_generichash(h, sizeof(h), pub, SIGN_PUB_LEN, NULL, 0);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	for (i = 0; i < 40; i++) {
		if (i > 0 && i % 4 == 0)
			out[k++] = ' ';
		out[k++] = hex[i];
	}
	out[k] = '\0';
}

void
sign_pub_encode(const unsigned char pub[SIGN_PUB_LEN], char out[SIGN_PUBTEXT_LEN])
{
	memcpy(out, "khx1:", 5);
	sodium_bin2base64(out + 5, SIGN_PUBTEXT_LEN - 5, pub, SIGN_PUB_LEN,
		sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

int
sign_pub_decode(const char *s, unsigned char pub[SIGN_PUB_LEN])
{
	size_t n = 0;
	const char *end;

	if (s == NULL || strncmp(s, "khx1:", 5) != 0)
		return -1;
	if (sodium_base642bin(pub, SIGN_PUB_LEN, s + 5, strlen(s + 5), NULL, &n, &end,
	    sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 || n != SIGN_PUB_LEN || *end != '\0')
		return -1;
	return 0;
}

/* The bytes the signature covers: context | recipient's X25519 key | payload. */
static unsigned char *
signed_bytes(const unsigned char box_pk[32], const unsigned char *payload, size_t n,
	size_t *len)
{
	size_t c = strlen(CONTEXT);
	unsigned char *m = xmalloc(c + 32 + n + 1);

	memcpy(m, CONTEXT, c);
	memcpy(m + c, box_pk, 32);
	if (n > 0)
		memcpy(m + c + 32, payload, n);
	*len = c + 32 + n;
	return m;
}

unsigned char *
sign_pack(const struct sign_identity *me, const unsigned char peer[SIGN_PUB_LEN],
	const unsigned char *payload, size_t n, size_t *outn)
{
	size_t inner = 32 + crypto_sign_BYTES + n, sealed = inner + crypto_box_SEALBYTES, mlen;
	unsigned char *plain = xmalloc(inner), *out = xmalloc(HEAD_LEN + sealed), *m;
	uint64_t len = sealed;
	int i;

	memcpy(plain, me->pub, 32);
	m = signed_bytes(peer + 32, payload, n, &mlen);
	crypto_sign_detached(plain + 32, NULL, m, mlen, me->sec);
	free(m);
	memcpy(plain + 32 + crypto_sign_BYTES, payload, n);
	memcpy(out, MAGIC, MAGIC_LEN);
	memcpy(out + MAGIC_LEN, peer + 32, 32);
	memcpy(out + MAGIC_LEN + 32, me->pub, 32);
	for (i = 0; i < 8; i++)
		out[MAGIC_LEN + 64 + i] = (unsigned char)(len >> (56 - 8 * i));
	crypto_box_seal(out + HEAD_LEN, plain, inner, peer + 32);
	sodium_memzero(plain, inner);
	free(plain);
	*outn = HEAD_LEN + sealed;
	return out;
}

/* The sealed part's length as the header says, or a fault. */
static enum sign_fault
head(const unsigned char *pkg, size_t n, uint64_t *len)
{
	int i;

	if (n < MAGIC_LEN || memcmp(pkg, MAGIC, MAGIC_LEN) != 0)
		return SIGN_NOT_PACKAGE;
	if (n < HEAD_LEN)
		return SIGN_TRUNCATED;
	*len = 0;
	for (i = 0; i < 8; i++)
		*len = (*len << 8) | pkg[MAGIC_LEN + 64 + i];
	if (*len < 32 + crypto_sign_BYTES + crypto_box_SEALBYTES)
		return SIGN_INTEGRITY;
	if (n - HEAD_LEN < *len)
		return SIGN_TRUNCATED;
	if (n - HEAD_LEN > *len)
		return SIGN_INTEGRITY;   /* bytes appended */
	return SIGN_OK;
}

enum sign_fault
sign_peek(const unsigned char *pkg, size_t n, unsigned char signer[32])
{
	uint64_t len;
	enum sign_fault f = head(pkg, n, &len);

	if (f == SIGN_OK || f == SIGN_INTEGRITY)
		memcpy(signer, pkg + MAGIC_LEN + 32, 32);
	return f == SIGN_INTEGRITY ? SIGN_OK : f;
}

enum sign_fault
sign_open(const struct sign_identity *me, const unsigned char *pkg, size_t n,
	unsigned char signer[32], unsigned char **payload, size_t *pn)
{
	uint64_t len;
	size_t inner, pl, mlen;
	unsigned char *plain, *m;
	enum sign_fault f;
	int bad;

	*payload = NULL;
	*pn = 0;
	if ((f = head(pkg, n, &len)) != SIGN_OK)
		return f;
	if (sodium_memcmp(pkg + MAGIC_LEN, me->pub + 32, 32) != 0)
		return SIGN_OTHER_RECIPIENT;
	inner = (size_t)len - crypto_box_SEALBYTES;
	plain = xmalloc(inner + 1);
	if (crypto_box_seal_open(plain, pkg + HEAD_LEN, (unsigned long long)len, me->pub + 32,
	    me->sec + 64) != 0) {
		free(plain);
		return SIGN_INTEGRITY;
	}
	pl = inner - 32 - crypto_sign_BYTES;
	m = signed_bytes(me->pub + 32, plain + 32 + crypto_sign_BYTES, pl, &mlen);
	bad = crypto_sign_verify_detached(plain + 32, m, mlen, plain) != 0 ||
		sodium_memcmp(plain, pkg + MAGIC_LEN + 32, 32) != 0;
	free(m);
	if (bad) {
		sodium_memzero(plain, inner);
		free(plain);
		return SIGN_BAD_SIGNATURE;
	}
	memcpy(signer, plain, 32);
	memmove(plain, plain + 32 + crypto_sign_BYTES, pl);
	plain[pl] = '\0';
	*payload = plain;
	*pn = pl;
	return SIGN_OK;
}
