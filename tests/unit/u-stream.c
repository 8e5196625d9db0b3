/* u-stream.c — unit tests for crypto/stream: chunked encryption of
 * attachments (REQ-ATTACH-002). */
#include <criterion/criterion.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "crypto/stream.h"

#define CHUNK 1000

/* Encrypt n bytes in chunks of CHUNK; returns the chunks laid end to end,
 * *nchunks their number (each CHUNK + ABYTES but the last). */
static unsigned char *
encrypt(const unsigned char key[STREAM_KEYBYTES], unsigned char header[STREAM_HEADERBYTES],
	const unsigned char *in, size_t n, size_t *nchunks)
{
	size_t k = n / CHUNK + 1, i, off = 0;
	unsigned char *out = malloc(n + k * STREAM_ABYTES);
	struct stream *s = stream_push_new(key, header);
	struct kerr err;

	for (i = 0; i < k; i++) {
		size_t len = i + 1 == k ? n - off : CHUNK;
		cr_assert_eq(stream_push(s, in + off, len, i + 1 == k, out + off + i * STREAM_ABYTES,
			&err), KERR_OK);
		off += len;
	}
	cr_assert(stream_done(s));
	stream_free(s);
	*nchunks = k;
	return out;
}

static size_t
chunk_len(size_t i, size_t k, size_t n)
{
	return (i + 1 == k ? n - i * CHUNK : CHUNK) + STREAM_ABYTES;
}

/* Decrypt the chunks in the given order; KERR_OK only if all open and the
 * last is final. */
static enum kerr_code
decrypt(const unsigned char key[STREAM_KEYBYTES], const unsigned char header[STREAM_HEADERBYTES],
	const unsigned char *ct, size_t n, size_t k, const size_t *order, size_t norder,
	unsigned char *out)
{
	struct kerr err;
	struct stream *s = stream_pull_new(key, header, &err);
	size_t i, got, have = 0;
	int final = 0;
	enum kerr_code rc = KERR_OK;

	cr_assert_not_null(s);
	for (i = 0; i < norder && rc == KERR_OK; i++) {
		size_t c = order[i];
		rc = stream_pull(s, ct + c * (CHUNK + STREAM_ABYTES), chunk_len(c, k, n), out + have,
			&got, &final, &err);
		have += got;
	}
	stream_free(s);
	if (rc == KERR_OK && !final)
		return KERR_INTEGRITY;
	return rc;
}

Test(stream, round_trip_many_sizes)
{
	static const size_t sizes[] = { 0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 5 * CHUNK + 17 };
	unsigned char key[STREAM_KEYBYTES], header[STREAM_HEADERBYTES];
	size_t t;

	stream_keygen(key);
	for (t = 0; t < sizeof(sizes) / sizeof(sizes[0]); t++) {
		size_t n = sizes[t], k, i, order[16];
		unsigned char *in = malloc(n + 1), *out = malloc(n + 1), *ct;
		randombytes_buf(in, n);
		ct = encrypt(key, header, in, n, &k);
		for (i = 0; i < k; i++)
			order[i] = i;
		cr_assert_eq(decrypt(key, header, ct, n, k, order, k, out), KERR_OK, "size %zu", n);
		cr_assert(n == 0 || memcmp(in, out, n) == 0, "size %zu round trip", n);
		/* the ciphertext is not the plaintext */
		cr_assert(n < 16 || memcmp(ct, in, 16) != 0);
		free(in);
		free(out);
		free(ct);
	}
}

Test(stream, refuses_tampering)
{
	unsigned char key[STREAM_KEYBYTES], other[STREAM_KEYBYTES], header[STREAM_HEADERBYTES];
	size_t n = 3 * CHUNK + 5, k, order[4] = { 0, 1, 2, 3 };
	unsigned char *in = malloc(n), *out = malloc(n), *ct;

	stream_keygen(key);
	stream_keygen(other);
	randombytes_buf(in, n);
	ct = encrypt(key, header, in, n, &k);
	cr_assert_eq(k, 4);
	/* wrong key */
	cr_assert_eq(decrypt(other, header, ct, n, k, order, k, out), KERR_CRYPTO);
	/* reordered chunks */
	{
		size_t swapped[4] = { 1, 0, 2, 3 };
		cr_assert_eq(decrypt(key, header, ct, n, k, swapped, k, out), KERR_CRYPTO);
	}
	/* a chunk dropped from the middle */
	{
		size_t dropped[3] = { 0, 2, 3 };
		cr_assert_eq(decrypt(key, header, ct, n, k, dropped, 3, out), KERR_CRYPTO);
	}
	/* cut short: the final chunk is missing */
	cr_assert_eq(decrypt(key, header, ct, n, k, order, 3, out), KERR_INTEGRITY);
	/* a flipped bit */
	ct[CHUNK + STREAM_ABYTES + 10] ^= 1;
	cr_assert_eq(decrypt(key, header, ct, n, k, order, k, out), KERR_CRYPTO);
	free(in);
	free(out);
	free(ct);
}

Test(stream, nothing_after_the_final_chunk)
{
	unsigned char key[STREAM_KEYBYTES], header[STREAM_HEADERBYTES], ct[64], out[64];
	struct stream *s;
	struct kerr err;
	size_t got;
	int final;

	stream_keygen(key);
	s = stream_push_new(key, header);
	cr_assert_eq(stream_push(s, "abc", 3, 1, ct, &err), KERR_OK);
	cr_assert_neq(stream_push(s, "d", 1, 0, ct + 20, &err), KERR_OK, "push after final");
	stream_free(s);
	s = stream_pull_new(key, header, &err);
	cr_assert_eq(stream_pull(s, ct, 3 + STREAM_ABYTES, out, &got, &final, &err), KERR_OK);
	cr_assert(final);
	cr_assert_eq(got, 3);
	cr_assert_eq(stream_pull(s, ct, 3 + STREAM_ABYTES, out, &got, &final, &err), KERR_CRYPTO);
	/* too short to be a chunk */
	stream_free(s);
	s = stream_pull_new(key, header, &err);
	cr_assert_eq(stream_pull(s, ct, STREAM_ABYTES - 1, out, &got, &final, &err), KERR_CRYPTO);
	stream_free(s);
}

Test(stream, fresh_keys_and_headers)
{
	unsigned char k1[STREAM_KEYBYTES], k2[STREAM_KEYBYTES];
	unsigned char h1[STREAM_HEADERBYTES], h2[STREAM_HEADERBYTES], c1[32], c2[32];
	struct stream *s;
	struct kerr err;

	stream_keygen(k1);
	stream_keygen(k2);
	cr_assert(memcmp(k1, k2, sizeof(k1)) != 0);
	/* the same key and plaintext twice: different headers, different ciphertext */
	s = stream_push_new(k1, h1);
	cr_assert_eq(stream_push(s, "same", 4, 1, c1, &err), KERR_OK);
	stream_free(s);
	s = stream_push_new(k1, h2);
	cr_assert_eq(stream_push(s, "same", 4, 1, c2, &err), KERR_OK);
	stream_free(s);
	cr_assert(memcmp(h1, h2, sizeof(h1)) != 0);
	cr_assert(memcmp(c1, c2, 4 + STREAM_ABYTES) != 0);
}
