/*
 * vault.c — key file, sealing of identities, blind indexes and audit MACs
 * with libsodium. Master keys and their subkeys live in sodium_malloc'd
 * memory (guarded, locked when the system allows, zeroed on free).
 */
#include "crypto/vault.h"
#include "crypto/init.h"

#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lib/xalloc.h"
#include "lib/i18n.h"

#define VAULT_MAGIC "khipu-keyfile 1"
#define VAULT_VERSION 1
#define VAULT_KEYLEN 32
#define VAULT_NONCE_AT 5
#define VAULT_MAX_KEYS 512             /* lines of 80 bytes at most */
#define VAULT_FILE_MAX (64u << 10)   /* above VAULT_MAX_KEYS lines */

_Static_assert(VAULT_KEYLEN == crypto_kdf_KEYBYTES, "master key size");
_Static_assert(VAULT_KEYLEN == crypto_aead_xchacha20poly1305_ietf_KEYBYTES, "seal key size");
_Static_assert(VAULT_OVERHEAD == VAULT_NONCE_AT + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
	+ crypto_aead_xchacha20poly1305_ietf_ABYTES, "blob layout");

/* One master key and the subkeys derived from it, one per purpose. */
struct vault_key {
	uint32_t id;
	unsigned char master[VAULT_KEYLEN];
	unsigned char seal[VAULT_KEYLEN];     /* "khseal01" */
	unsigned char bidx[VAULT_KEYLEN];     /* "khbidx01" */
	unsigned char audit[VAULT_KEYLEN];    /* "khaudt01" */
	unsigned char fprt[VAULT_KEYLEN];     /* "khfprt01" */
};

struct vault {
	struct vault_key *keys;   /* sodium_allocarray'd, ascending id */
	size_t n;
	uint32_t use;             /* the current key when not the highest (vault_use_key) */
};

/* ---- keys -------------------------------------------------------------- */

static struct vault_key *
keys_alloc(size_t n)
{
	struct vault_key *k = sodium_allocarray(n, sizeof(*k));

	if (k == NULL) {
		fprintf(stderr, "fatal: out of secure memory for %zu keys\n", n);
		abort();
	}
	return k;
}

/* Fill the subkeys of k from k->master. */
static void
key_derive(struct vault_key *k)
{
	crypto_kdf_derive_from_key(k->seal, sizeof(k->seal), 1, "khseal01", k->master);
	crypto_kdf_derive_from_key(k->bidx, sizeof(k->bidx), 1, "khbidx01", k->master);
	crypto_kdf_derive_from_key(k->audit, sizeof(k->audit), 1, "khaudt01", k->master);
	crypto_kdf_derive_from_key(k->fprt, sizeof(k->fprt), 1, "khfprt01", k->master);
}

static const struct vault_key *
key_find(const struct vault *v, uint32_t id)
{
	size_t i;

	for (i = 0; i < v->n; i++)
		if (v->keys[i].id == id)
			return &v->keys[i];
	return NULL;
}

static const struct vault_key *
key_current(const struct vault *v)
{
	const struct vault_key *k = v->use != 0 ? key_find(v, v->use) : NULL;

	return k != NULL ? k : &v->keys[v->n - 1];
}

/* ---- key file text ----------------------------------------------------- */

/* Parse a decimal key id (1..UINT32_MAX) of exactly len bytes. */
static int
parse_id(const char *s, size_t len, uint32_t *id)
{
	uint64_t x = 0;
	size_t i;

	if (len == 0 || len > 10 || s[0] == '0')
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		x = x * 10 + (uint64_t)(s[i] - '0');
	}
	if (x > UINT32_MAX)
		return -1;
	*id = (uint32_t)x;
	return 0;
}

/* Parse one "key <id> <64 hex>" line into k; -1 when malformed. */
static int
parse_key_line(const char *line, size_t len, struct vault_key *k)
{
	const char *id, *sp, *hex;
	size_t hexlen;

	if (len < 4 || memcmp(line, "key ", 4) != 0)
		return -1;
	id = line + 4;
	if ((sp = memchr(id, ' ', len - 4)) == NULL)
		return -1;
	if (parse_id(id, (size_t)(sp - id), &k->id) != 0)
		return -1;
	hex = sp + 1;
	hexlen = len - (size_t)(hex - line);
	if (hexlen != 2 * VAULT_KEYLEN)
		return -1;
	if (sodium_hex2bin(k->master, sizeof(k->master), hex, hexlen, NULL, NULL, NULL) != 0)
		return -1;
	key_derive(k);
	return 0;
}

static int
cmp_key(const void *a, const void *b)
{
	const struct vault_key *x = a, *y = b;

	return x->id < y->id ? -1 : x->id > y->id;
}

/* Parse the text of a key file into a new vault; *why says what is wrong. */
static struct vault *
parse_keyfile(const char *text, size_t len, const char **why)
{
	struct vault *v = xcalloc(1, sizeof(*v));
	const char *p = text, *end = text + len, *nl;
	size_t cap = 8, ln = 0, i;

	v->keys = keys_alloc(cap);
	for (; p < end; p = nl < end ? nl + 1 : end, ln++) {
		size_t l;

		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		l = (size_t)(nl - p);
		if (l > 0 && p[l - 1] == '\r')
			l--;
		if (ln == 0) {
			if (l != strlen(VAULT_MAGIC) || memcmp(p, VAULT_MAGIC, l) != 0) {
				*why = N_("it does not start with 'khipu-keyfile 1'");
				goto bad;
			}
			continue;
		}
		if (l == 0)
			continue;
		if (v->n == VAULT_MAX_KEYS) {
			*why = N_("it holds too many keys");
			goto bad;
		}
		if (v->n == cap) {
			struct vault_key *k = keys_alloc(cap * 2);

			memcpy(k, v->keys, v->n * sizeof(*k));
			sodium_free(v->keys);
			v->keys = k;
			cap *= 2;
		}
		if (parse_key_line(p, l, &v->keys[v->n]) != 0) {
			*why = N_("a line is not 'key <number> <64 hex digits>'");
			goto bad;
		}
		v->n++;
	}
	if (ln == 0) {
		*why = N_("it is empty");
		goto bad;
	}
	qsort(v->keys, v->n, sizeof(v->keys[0]), cmp_key);
	for (i = 1; i < v->n; i++)
		if (v->keys[i].id == v->keys[i - 1].id) {
			*why = N_("a key number appears twice");
			goto bad;
		}
	if (v->n == 0 || v->keys[0].id != 1) {
		*why = N_("it has no key 1");
		goto bad;
	}
	return v;
bad:
	vault_free(v);
	return NULL;
}

/* Write the key file text for keys[0..n) into b (sodium_malloc'd by the
 * caller, size VAULT_FILE_MAX); returns its length. */
static size_t
format_keyfile(const struct vault_key *keys, size_t n, char *b)
{
	char hex[2 * VAULT_KEYLEN + 1];
	size_t len, i;

	len = (size_t)snprintf(b, VAULT_FILE_MAX, "%s\n", VAULT_MAGIC);
	for (i = 0; i < n; i++) {
		sodium_bin2hex(hex, sizeof(hex), keys[i].master, sizeof(keys[i].master));
		len += (size_t)snprintf(b + len, VAULT_FILE_MAX - len, "key %" PRIu32 " %s\n",
			keys[i].id, hex);
	}
	sodium_memzero(hex, sizeof(hex));
	return len;
}

/* ---- files ------------------------------------------------------------- */

static int
write_all(int fd, const char *p, size_t n)
{
	ssize_t w;

	while (n > 0) {
		if ((w = write(fd, p, n)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

/* fsync the directory holding path, so a new name survives a crash. */
static void
sync_dir(const char *path)
{
	char *dir = xstrdup(path), *slash = strrchr(dir, '/');
	int fd;

	if (slash == NULL)
		strcpy(dir, ".");
	else if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	if ((fd = open(dir, O_RDONLY | O_DIRECTORY)) >= 0) {
		fsync(fd);
		close(fd);
	}
	free(dir);
}

/* Create path exclusively with mode 0600 and the key file text of keys.
 * On failure nothing is left at path. */
static enum kerr_code
write_new_file(const char *path, const struct vault_key *keys, size_t n, struct kerr *err)
{
	char *text;
	size_t len;
	int fd, bad, e;

	fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0 && errno == EEXIST)
		return kerr_set(err, KERR_IO, _("key file '%s' already exists; refusing to "
			"replace it"), path);
	if (fd < 0)
		return kerr_set(err, KERR_IO, _("cannot create key file '%s': %s"), path,
			strerror(errno));
	if ((text = sodium_malloc(VAULT_FILE_MAX)) == NULL)
		abort();
	len = format_keyfile(keys, n, text);
	/* fchmod: the umask may have taken bits away, never give any */
	bad = fchmod(fd, 0600) != 0 || write_all(fd, text, len) != 0 || fsync(fd) != 0;
	e = errno;
	sodium_free(text);
	if (close(fd) != 0 && !bad) {
		bad = 1;
		e = errno;
	}
	if (bad) {
		unlink(path);
		return kerr_set(err, KERR_IO, _("cannot write key file '%s': %s"), path,
			strerror(e));
	}
	sync_dir(path);
	return KERR_OK;
}

/* Read the key file at path into a new vault, refusing a file others can read. */
static enum kerr_code
read_keyfile(const char *path, struct vault **out, struct kerr *err)
{
	struct stat st;
	char *text;
	const char *why = NULL;
	ssize_t r;
	size_t len = 0;
	int fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0) {
		if (errno == ENOENT)
			return kerr_set(err, KERR_IO, _("key file '%s' does not exist; give its path "
				"with --key-file, or put back your safe copy (only 'khipu init' "
				"makes a key, for a new register)"), path);
		return kerr_set(err, KERR_IO, _("cannot open key file '%s': %s"), path,
			strerror(errno));
	}
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
		close(fd);
		return kerr_set(err, KERR_CRYPTO, _("key file '%s' is not a regular file; give the "
			"key file's path with --key-file"), path);
	}
	if ((st.st_mode & 077) != 0) {
		close(fd);
		return kerr_set(err, KERR_CRYPTO, _("key file '%s' can be read or changed by "
			"others (mode %03o); run 'chmod 600 %s'"), path,
			(unsigned)(st.st_mode & 0777), path);
	}
	if ((text = sodium_malloc(VAULT_FILE_MAX)) == NULL)
		abort();
	while (len < VAULT_FILE_MAX && (r = read(fd, text + len, VAULT_FILE_MAX - len)) != 0) {
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			int e = errno;

			sodium_free(text);
			close(fd);
			return kerr_set(err, KERR_IO, _("cannot read key file '%s': %s"), path,
				strerror(e));
		}
		len += (size_t)r;
	}
	close(fd);
	if (len == VAULT_FILE_MAX)
		why = N_("it is too large");
	else
		*out = parse_keyfile(text, len, &why);
	sodium_free(text);
	if (why != NULL)
		return kerr_set(err, KERR_CRYPTO, _("key file '%s' is malformed: %s; put back a copy from "
			"where you keep it safe"), path, _(why));
	return KERR_OK;
}

/* ---- public: key file -------------------------------------------------- */

enum kerr_code
vault_keyfile_create(const char *path, struct kerr *err)
{
	struct vault_key *k;
	enum kerr_code rc;

	crypto_lib_init();
	k = keys_alloc(1);
	k->id = 1;
	crypto_kdf_keygen(k->master);
	rc = write_new_file(path, k, 1, err);
	sodium_free(k);
	return rc;
}

enum kerr_code
vault_load(const char *path, struct vault **out, struct kerr *err)
{
	crypto_lib_init();
	*out = NULL;
	return read_keyfile(path, out, err);
}

void
vault_free(struct vault *v)
{
	if (v == NULL)
		return;
	sodium_free(v->keys);   /* zeroes the memory */
	free(v);
}

uint32_t
vault_current_key(const struct vault *v)
{
	return key_current(v)->id;
}

enum kerr_code
vault_use_key(struct vault *v, uint32_t id, struct kerr *err)
{
	if (key_find(v, id) == NULL)
		return kerr_set(err, KERR_CRYPTO, _("the key file lacks key %u, which the register "
			"uses: it is an older copy; put back the newest copy of the key file"),
			(unsigned)id);
	v->use = id;
	return KERR_OK;
}

/* 1 when every key of v is in f with the same bytes. */
static int
keys_contained(const struct vault *v, const struct vault *f)
{
	const struct vault_key *k;
	size_t i;

	for (i = 0; i < v->n; i++) {
		k = key_find(f, v->keys[i].id);
		if (k == NULL || sodium_memcmp(k->master, v->keys[i].master, VAULT_KEYLEN) != 0)
			return 0;
	}
	return 1;
}

/*
 * Rotation re-reads the file (so a rotation made meanwhile by another
 * process is neither lost nor duplicated), appends a key numbered one above
 * the highest, writes PATH.tmp, and renames it over PATH.
 */
enum kerr_code
vault_keyfile_rotate(const char *path, struct vault *v, struct kerr *err)
{
	struct vault *f = NULL;
	struct vault_key *keys;
	char *tmp;
	enum kerr_code rc;

	crypto_lib_init();
	if ((rc = read_keyfile(path, &f, err)) != KERR_OK)
		return rc;
	if (!keys_contained(v, f)) {
		vault_free(f);
		return kerr_set(err, KERR_CRYPTO, _("key file '%s' does not hold the keys in use; "
			"refusing to rotate"), path);
	}
	if (f->n == VAULT_MAX_KEYS || key_current(f)->id == UINT32_MAX) {
		vault_free(f);
		return kerr_set(err, KERR_CRYPTO, _("key file '%s' is full"), path);
	}
	keys = keys_alloc(f->n + 1);
	memcpy(keys, f->keys, f->n * sizeof(*keys));
	keys[f->n].id = key_current(f)->id + 1;
	crypto_kdf_keygen(keys[f->n].master);
	key_derive(&keys[f->n]);
	tmp = xasprintf("%s.tmp", path);
	/* a PATH.tmp left by a rotation that was killed before its rename holds
	 * a key nothing ever used (the caller holds the register's write lock,
	 * so no other rotation is under way): it would block every rotation */
	unlink(tmp);
	rc = write_new_file(tmp, keys, f->n + 1, err);
	if (rc == KERR_OK && rename(tmp, path) != 0) {
		rc = kerr_set(err, KERR_IO, _("cannot replace key file '%s': %s"), path,
			strerror(errno));
		unlink(tmp);
	}
	if (rc == KERR_OK) {
		sync_dir(path);
		sodium_free(v->keys);
		v->keys = keys;
		v->n = f->n + 1;
		v->use = 0;   /* the new key is the current one */
	} else {
		sodium_free(keys);
	}
	free(tmp);
	vault_free(f);
	return rc;
}

/* ---- sealing ----------------------------------------------------------- */

/* The additional data binding a blob to its place, into buf when it fits
 * (always, for the store's table and column names), else malloc'd. */
#define AAD_BUF 160
static const char *
seal_aad(char buf[AAD_BUF], const char *table, const char *column, int64_t row,
	char **heap)
{
	int n = snprintf(buf, AAD_BUF, "khipu/1/%s/%s/%" PRId64, table, column, row);

	*heap = NULL;
	if (n >= 0 && n < AAD_BUF)
		return buf;
	*heap = xasprintf("khipu/1/%s/%s/%" PRId64, table, column, row);
	return *heap;
}

/*
 * Nonces: 24 random bytes each, from the kernel's generator as before, but
 * fetched NONCE_POOL at a time instead of one system call per seal (which
 * cost a third of sealing in the demo's bulk load). The pool is per thread
 * and is dropped in a child after fork(), so parent and child never share
 * nonces. A nonce is public (it is stored in the blob); what matters is
 * that each one is handed out once, and the pool wipes what it hands out.
 */
#define NONCE_LEN crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define NONCE_POOL 128

static unsigned nonce_forks;            /* bumped in every child of a fork */
static pthread_once_t nonce_once = PTHREAD_ONCE_INIT;

static void
nonce_atfork_child(void)
{
	nonce_forks++;
}

static void
nonce_register(void)
{
	if (pthread_atfork(NULL, NULL, nonce_atfork_child) != 0) {
		fprintf(stderr, "fatal: cannot register the nonce pool's fork handler\n");
		abort();
	}
}

static void
nonce_next(unsigned char out[NONCE_LEN])
{
	static _Thread_local unsigned char pool[NONCE_POOL * NONCE_LEN];
	static _Thread_local size_t left;
	static _Thread_local unsigned forks;

	pthread_once(&nonce_once, nonce_register);
	if (left == 0 || forks != nonce_forks) {
		randombytes_buf(pool, sizeof(pool));
		left = NONCE_POOL;
		forks = nonce_forks;
	}
	left--;
	memcpy(out, pool + left * NONCE_LEN, NONCE_LEN);
	sodium_memzero(pool + left * NONCE_LEN, NONCE_LEN);
}

enum kerr_code
vault_seal(const struct vault *v, const char *table, const char *column, int64_t row,
	const void *plain, size_t n, unsigned char **blob, size_t *bloblen, struct kerr *err)
{
	const struct vault_key *k = key_current(v);
	unsigned char *b, *nonce;
	unsigned long long clen;
	char abuf[AAD_BUF], *heap;
	const char *aad;

	*blob = NULL;
	*bloblen = 0;
	if (n > crypto_aead_xchacha20poly1305_ietf_MESSAGEBYTES_MAX ||
	    n > SIZE_MAX - VAULT_OVERHEAD)
		return kerr_set(err, KERR_INVALID, _("value for '%s.%s' is too large to seal"),
			table, column);
	b = xmalloc(n + VAULT_OVERHEAD);
	b[0] = VAULT_VERSION;
	b[1] = (unsigned char)(k->id >> 24);
	b[2] = (unsigned char)(k->id >> 16);
	b[3] = (unsigned char)(k->id >> 8);
	b[4] = (unsigned char)k->id;
	nonce = b + VAULT_NONCE_AT;
	nonce_next(nonce);
	aad = seal_aad(abuf, table, column, row, &heap);
	crypto_aead_xchacha20poly1305_ietf_encrypt(
		nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, &clen, plain, n,
		(const unsigned char *)aad, strlen(aad), NULL, nonce, k->seal);
	free(heap);
	*blob = b;
	*bloblen = n + VAULT_OVERHEAD;
	return KERR_OK;
}

uint32_t
vault_blob_key(const unsigned char *blob, size_t bloblen)
{
	if (blob == NULL || bloblen < VAULT_OVERHEAD || blob[0] != VAULT_VERSION)
		return 0;
	return (uint32_t)blob[1] << 24 | (uint32_t)blob[2] << 16 |
	       (uint32_t)blob[3] << 8 | (uint32_t)blob[4];
}

enum kerr_code
vault_unseal(const struct vault *v, const char *table, const char *column, int64_t row,
	const unsigned char *blob, size_t bloblen, char **plain, size_t *n, struct kerr *err)
{
	const unsigned char *nonce;
	const struct vault_key *k;
	unsigned long long mlen;
	uint32_t id = vault_blob_key(blob, bloblen);
	char abuf[AAD_BUF], *heap, *m;
	const char *aad;
	int bad;

	*plain = NULL;
	*n = 0;
	if (id == 0)
		return kerr_set(err, KERR_CRYPTO, _("sealed value of '%s.%s' row %lld is malformed; "
			"restore the register from a backup"), table, column, (long long)row);
	if ((k = key_find(v, id)) == NULL)
		return kerr_set(err, KERR_CRYPTO, _("sealed value of '%s.%s' row %lld needs key %u, "
			"which the key file does not hold; use the current key file"),
			table, column, (long long)row, (unsigned)id);
	nonce = blob + VAULT_NONCE_AT;
	m = xmalloc(bloblen - VAULT_OVERHEAD + 1);
	aad = seal_aad(abuf, table, column, row, &heap);
	bad = crypto_aead_xchacha20poly1305_ietf_decrypt((unsigned char *)m, &mlen, NULL,
		nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
		bloblen - VAULT_NONCE_AT - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
		(const unsigned char *)aad, strlen(aad), nonce, k->seal) != 0;
	free(heap);
	if (bad) {
		free(m);
		return kerr_set(err, KERR_CRYPTO, _("sealed value of '%s.%s' row %lld does not open: "
			"it was altered or belongs elsewhere"), table, column, (long long)row);
	}
	m[mlen] = '\0';
	*plain = m;
	*n = (size_t)mlen;
	return KERR_OK;
}

/* ---- blind index, audit, fingerprint ----------------------------------- */

void
vault_blind(const struct vault *v, const char *kind, const char *normalised,
	unsigned char out[VAULT_BLIND_LEN])
{
	crypto_generichash_state st;

	crypto_generichash_init(&st, key_current(v)->bidx, VAULT_KEYLEN, VAULT_BLIND_LEN);
	/* kind and value are separated by a NUL, which neither can contain */
	crypto_generichash_update(&st, (const unsigned char *)kind, strlen(kind) + 1);
	crypto_generichash_update(&st, (const unsigned char *)normalised, strlen(normalised));
	crypto_generichash_final(&st, out, VAULT_BLIND_LEN);
	sodium_memzero(&st, sizeof(st));
}

enum kerr_code
vault_audit_mac(const struct vault *v, uint32_t key_id, const void *msg, size_t n,
	unsigned char out[VAULT_MAC_LEN], struct kerr *err)
{
	const struct vault_key *k = key_find(v, key_id);

	if (k == NULL)
		return kerr_set(err, KERR_CRYPTO, _("audit entry needs key %u, which the key file "
			"does not hold; use the current key file"), (unsigned)key_id);
	crypto_generichash(out, VAULT_MAC_LEN, msg, n, k->audit, VAULT_KEYLEN);
	return KERR_OK;
}

void
vault_fingerprint(const struct vault *v, char out[65])
{
	static const char label[] = "khipu key fingerprint";
	unsigned char h[32];

	/* load guarantees key 1, and keys are sorted: it is the first */
	crypto_generichash(h, sizeof(h), (const unsigned char *)label, strlen(label),
		v->keys[0].fprt, VAULT_KEYLEN);
	sodium_bin2hex(out, 65, h, sizeof(h));
}
