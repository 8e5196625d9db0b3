/*
 * password.h — password hashing with Argon2id (libsodium crypto_pwhash_str).
 */
#ifndef KHIPU_PASSWORD_H
#define KHIPU_PASSWORD_H

#include "lib/kerr.h"

#define PASSWORD_HASH_MAX 128   /* >= crypto_pwhash_STRBYTES */
#define PASSWORD_MIN_LEN 10

/* Checks length (PASSWORD_MIN_LEN..1024) and hashes into out. */
enum kerr_code password_hash(const char *password, char out[PASSWORD_HASH_MAX], struct kerr *err);
/* 1 when password matches hash, 0 otherwise. */
int password_verify(const char *hash, const char *password);

#endif
