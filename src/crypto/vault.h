/*
 * vault.h — sealing of identities and blind indexes (libsodium).
 *
 * Key file: created by vault_keyfile_create() with mode 0600, never silently
 * replaced. It holds one or more 32-byte master keys, each with a number;
 * the highest is current. Subkeys derive with crypto_kdf (BLAKE2b) per
 * purpose: sealing, blind index, audit MAC, key check.
 *
 * Sealed blob layout (REQ-VAULT-001):
 *   byte 0      format version (1)
 *   bytes 1-4   key id, big endian — names the key, so keys can rotate
 *   bytes 5-28  XChaCha20-Poly1305 nonce (random)
 *   rest        ciphertext + 16-byte tag
 * The additional data binds the blob to "table/column/row", so a blob moved
 * to another row or column fails to open (REQ-VAULT-002).
 *
 * Blind index: keyed BLAKE2b-128 of a normalised value (lib/norm.h), domain
 * separated by kind ("name", "name_ph", "doc", "phone"...). Equality only.
 */
#ifndef KHIPU_VAULT_H
#define KHIPU_VAULT_H

#include <stddef.h>
#include <stdint.h>

#include "lib/kerr.h"

#define VAULT_BLIND_LEN 16
#define VAULT_MAC_LEN 32
#define VAULT_OVERHEAD (1 + 4 + 24 + 16)   /* blob length = plaintext + this */

struct vault;

/* Create a new key file at path with one fresh key (id 1), mode 0600.
 * Fails with KERR_IO if the file exists: a key is never replaced silently. */
enum kerr_code vault_keyfile_create(const char *path, struct kerr *err);
/* Load a key file. Fails clearly when missing, unreadable, malformed, or
 * readable by group/others (the message says to chmod 600). */
enum kerr_code vault_load(const char *path, struct vault **out, struct kerr *err);
void vault_free(struct vault *v);
/* Add a new key to the file (atomic rewrite, mode 0600), make it current in
 * v and on disk. Old keys stay: old blobs and audit entries still open. */
enum kerr_code vault_keyfile_rotate(const char *path, struct vault *v, struct kerr *err);
uint32_t vault_current_key(const struct vault *v);
/* Make key id the current one instead of the highest: the one the register's
 * data and blind indexes use. A rotation that stopped after the key file got
 * its new key (a crash, a failed transaction) leaves a newer key in the file
 * that nothing uses yet. KERR_CRYPTO when the file lacks the key. */
enum kerr_code vault_use_key(struct vault *v, uint32_t id, struct kerr *err);

/* Seal n bytes for table/column/row with the current key. *blob is malloc'd,
 * *bloblen = n + VAULT_OVERHEAD. */
enum kerr_code vault_seal(const struct vault *v, const char *table, const char *column,
	int64_t row, const void *plain, size_t n, unsigned char **blob, size_t *bloblen,
	struct kerr *err);
/* Open a blob sealed for table/column/row. *plain is malloc'd and NUL-
 * terminated (*n excludes the NUL). KERR_CRYPTO when the key is unknown or
 * the blob was tampered with or moved. */
enum kerr_code vault_unseal(const struct vault *v, const char *table, const char *column,
	int64_t row, const unsigned char *blob, size_t bloblen, char **plain, size_t *n,
	struct kerr *err);
/* Key id named by a blob, 0 if the blob is malformed. */
uint32_t vault_blob_key(const unsigned char *blob, size_t bloblen);

/* Blind index of an already-normalised value, with the current key. */
void vault_blind(const struct vault *v, const char *kind, const char *normalised,
	unsigned char out[VAULT_BLIND_LEN]);

/* Keyed MAC for the audit chain with key key_id's audit subkey. */
enum kerr_code vault_audit_mac(const struct vault *v, uint32_t key_id, const void *msg,
	size_t n, unsigned char out[VAULT_MAC_LEN], struct kerr *err);

/* A value that identifies key 1 of this key file without revealing it: the
 * database stores it at init and compares it at open, so a wrong key file is
 * detected before anything is read or written. Hex, 64 chars + NUL. */
void vault_fingerprint(const struct vault *v, char out[65]);

#endif
