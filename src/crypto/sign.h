/*
 * sign.h — an installation's identity and the sealed, signed packages two
 * registers exchange (issue 13, item 2).
 *
 * An identity is an Ed25519 signing key pair and an X25519 key pair
 * (libsodium). Its public half travels as text, "khx1:" and the base64url
 * of the two public keys (64 bytes), and is verified by phone with its
 * fingerprint (BLAKE2b-160 of those 64 bytes, hex in groups of four).
 *
 * A package is
 *   "KHIPUX1\n" | recipient's X25519 public key (32) | sender's Ed25519
 *   public key (32) | length of the sealed part (8, big-endian) |
 *   crypto_box_seal( sender's Ed25519 public key (32) | signature (64) |
 *   payload )
 * where the signature covers "khipu-exchange-v1", the recipient's X25519
 * public key and the payload: signed by the sender, then encrypted to the
 * recipient. The clear header only lets the recipient say why a package is
 * refused (another installation's, truncated); everything in it is checked
 * again against what was sealed and signed.
 */
#ifndef KHIPU_SIGN_H
#define KHIPU_SIGN_H

#include <stddef.h>

#define SIGN_PUB_LEN 64      /* Ed25519 public key | X25519 public key */
#define SIGN_SEC_LEN 96      /* Ed25519 secret key (64) | X25519 secret key (32) */
#define SIGN_FP_LEN 50       /* "abcd ef01 ..." 10 groups of 4 hex digits + NUL */
#define SIGN_PUBTEXT_LEN 96  /* "khx1:" + base64url of 64 bytes + NUL */

struct sign_identity {
	unsigned char sec[SIGN_SEC_LEN];
	unsigned char pub[SIGN_PUB_LEN];
};

/* Why sign_open refused a package. */
enum sign_fault {
	SIGN_OK = 0,
	SIGN_NOT_PACKAGE,    /* not a Khipu exchange package at all */
	SIGN_TRUNCATED,      /* shorter than its header says */
	SIGN_OTHER_RECIPIENT,/* encrypted to another installation */
	SIGN_INTEGRITY,      /* does not decrypt: altered */
	SIGN_BAD_SIGNATURE,  /* decrypts but the signature does not verify */
};

/* A new identity (0), or -1 when the random source fails. */
int sign_keygen(struct sign_identity *id);
/* The identity of a stored secret (its public half derived again). */
void sign_identity_from_secret(struct sign_identity *id, const unsigned char sec[SIGN_SEC_LEN]);
void sign_fingerprint(const unsigned char pub[SIGN_PUB_LEN], char out[SIGN_FP_LEN]);
void sign_pub_encode(const unsigned char pub[SIGN_PUB_LEN], char out[SIGN_PUBTEXT_LEN]);
/* 0 and pub filled, or -1 when s is not a "khx1:" key of the right length. */
int sign_pub_decode(const char *s, unsigned char pub[SIGN_PUB_LEN]);

/* Sign payload as me and seal it to peer: a malloc'd package of *outn bytes. */
unsigned char *sign_pack(const struct sign_identity *me, const unsigned char peer[SIGN_PUB_LEN],
	const unsigned char *payload, size_t n, size_t *outn);
/* The sender's Ed25519 public key as the clear header names it (32 bytes
 * into signer), before anything is opened: SIGN_OK, SIGN_NOT_PACKAGE or
 * SIGN_TRUNCATED. */
enum sign_fault sign_peek(const unsigned char *pkg, size_t n, unsigned char signer[32]);
/*
 * Open a package addressed to me: decrypt, verify the signature. On
 * SIGN_OK *payload (malloc'd, NUL-terminated, *pn bytes) and signer (the
 * Ed25519 public key that signed it, 32 bytes) are filled; else nothing.
 */
enum sign_fault sign_open(const struct sign_identity *me, const unsigned char *pkg, size_t n,
	unsigned char signer[32], unsigned char **payload, size_t *pn);

#endif
