/*
 * init.h — libsodium's one-time initialisation, shared by the vault and the
 * password module (and anything else in crypto/ that calls libsodium).
 */
#ifndef KHIPU_CRYPTO_INIT_H
#define KHIPU_CRYPTO_INIT_H

/* Initialise libsodium; aborts the process when it cannot (no safe random
 * source), since nothing may be sealed without one. Cheap after the first
 * call; thread-safe (sodium_init is). */
void crypto_lib_init(void);

#endif
