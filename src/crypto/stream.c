/*
 * stream.c — chunked file encryption (attachments) with
 * crypto_secretstream_xchacha20poly1305: a state per stream in guarded
 * memory, one call per chunk, the FINAL tag on the last (stream.h).
 */
#include "crypto/stream.h"
#include "crypto/init.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>

#include "lib/i18n.h"

_Static_assert(STREAM_KEYBYTES == crypto_secretstream_xchacha20poly1305_KEYBYTES, "key size");
_Static_assert(STREAM_HEADERBYTES == crypto_secretstream_xchacha20poly1305_HEADERBYTES,
	"header size");
_Static_assert(STREAM_ABYTES == crypto_secretstream_xchacha20poly1305_ABYTES, "chunk overhead");

struct stream {
	crypto_secretstream_xchacha20poly1305_state st;
	int done;     /* the FINAL chunk went through */
};

static struct stream *
stream_alloc(void)
{
	struct stream *s;

	crypto_lib_init();
	s = sodium_malloc(sizeof(*s));
	if (s == NULL) {
		fprintf(stderr, "fatal: out of secure memory for a stream\n");
		abort();
	}
	s->done = 0;
	return s;
}

void
stream_keygen(unsigned char key[STREAM_KEYBYTES])
{
	crypto_lib_init();
	crypto_secretstream_xchacha20poly1305_keygen(key);
}

struct stream *
stream_push_new(const unsigned char key[STREAM_KEYBYTES],
	unsigned char header[STREAM_HEADERBYTES])
{
	struct stream *s = stream_alloc();

	/* cannot fail: it only draws the nonce from the random source */
	crypto_secretstream_xchacha20poly1305_init_push(&s->st, header, key);
	return s;
}

enum kerr_code
stream_push(struct stream *s, const void *in, size_t n, int final, unsigned char *out,
	struct kerr *err)
{
	unsigned char tag = final ? crypto_secretstream_xchacha20poly1305_TAG_FINAL :
		crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;

	if (s->done)
		return kerr_set(err, KERR_INTERNAL, "stream: a chunk after the last one");
	if (n > crypto_secretstream_xchacha20poly1305_MESSAGEBYTES_MAX)
		return kerr_set(err, KERR_INTERNAL, "stream: chunk too large");
	crypto_secretstream_xchacha20poly1305_push(&s->st, out, NULL, in, n, NULL, 0, tag);
	s->done = final != 0;
	return KERR_OK;
}

struct stream *
stream_pull_new(const unsigned char key[STREAM_KEYBYTES],
	const unsigned char header[STREAM_HEADERBYTES], struct kerr *err)
{
	struct stream *s = stream_alloc();

	if (crypto_secretstream_xchacha20poly1305_init_pull(&s->st, header, key) != 0) {
		stream_free(s);
		kerr_set(err, KERR_CRYPTO, _("the attachment's header is damaged"));
		return NULL;
	}
	return s;
}

enum kerr_code
stream_pull(struct stream *s, const unsigned char *in, size_t n, unsigned char *out,
	size_t *outlen, int *final, struct kerr *err)
{
	unsigned long long len = 0;
	unsigned char tag = 0;

	*outlen = 0;
	*final = 0;
	if (s->done)
		return kerr_set(err, KERR_CRYPTO, _("the attachment has data after its end; "
			"it was tampered with"));
	if (n < STREAM_ABYTES ||
	    crypto_secretstream_xchacha20poly1305_pull(&s->st, out, &len, &tag, in, n,
	    NULL, 0) != 0)
		return kerr_set(err, KERR_CRYPTO, _("the attachment does not decrypt (wrong key, "
			"or damaged or tampered with)"));
	*outlen = (size_t)len;
	*final = s->done = tag == crypto_secretstream_xchacha20poly1305_TAG_FINAL;
	return KERR_OK;
}

int
stream_done(const struct stream *s)
{
	return s->done;
}

void
stream_free(struct stream *s)
{
	if (s != NULL)
		sodium_free(s);   /* zeroes the state */
}
