/*
 * stream.h — encryption of whole files in chunks (attachments), with
 * libsodium's crypto_secretstream_xchacha20poly1305.
 *
 * Each file gets a random key of its own (stream_keygen); the caller wraps
 * that key with the register key (vault_seal) and stores the wrapped key
 * apart from the chunks. A stream starts with a 24-byte header (not
 * secret, stored beside the chunks) and is a sequence of chunks, each the
 * plaintext plus STREAM_ABYTES; the last carries the FINAL tag. A chunk
 * that is changed, dropped, reordered, or moved to another stream fails to
 * open, and a stream cut short is refused (no FINAL tag) (REQ-ATTACH-002).
 *
 * States are opaque and live in sodium_malloc'd memory, zeroed on free.
 */
#ifndef KHIPU_STREAM_H
#define KHIPU_STREAM_H

#include <stddef.h>

#include "lib/kerr.h"

#define STREAM_KEYBYTES    32
#define STREAM_HEADERBYTES 24
#define STREAM_ABYTES      17   /* added to every chunk */

struct stream;

/* A fresh random key. */
void stream_keygen(unsigned char key[STREAM_KEYBYTES]);

/* Start encrypting with key; header receives the stream's header. */
struct stream *stream_push_new(const unsigned char key[STREAM_KEYBYTES],
	unsigned char header[STREAM_HEADERBYTES]);
/* Encrypt n bytes (n may be 0 for an empty last chunk) into out, which must
 * hold n + STREAM_ABYTES bytes. final = 1 for the last chunk: after it the
 * stream takes no more. */
enum kerr_code stream_push(struct stream *s, const void *in, size_t n, int final,
	unsigned char *out, struct kerr *err);

/* Start decrypting the stream that header begins. NULL with err set when
 * the header is malformed. */
struct stream *stream_pull_new(const unsigned char key[STREAM_KEYBYTES],
	const unsigned char header[STREAM_HEADERBYTES], struct kerr *err);
/* Decrypt one chunk of n bytes (n >= STREAM_ABYTES) into out, which must
 * hold n - STREAM_ABYTES bytes; *outlen receives their number and *final
 * whether it was the last. KERR_CRYPTO when the chunk does not open (wrong
 * key, changed, out of order) or comes after the last one. */
enum kerr_code stream_pull(struct stream *s, const unsigned char *in, size_t n,
	unsigned char *out, size_t *outlen, int *final, struct kerr *err);
/* 1 once the FINAL chunk was pushed or pulled. */
int stream_done(const struct stream *s);

void stream_free(struct stream *s);   /* NULL is fine */

#endif
