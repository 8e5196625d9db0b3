/* u-vault.c — unit tests for crypto/vault: key file, sealing, blind index, MACs. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "crypto/vault.h"

static char dir[64];

static void
mkdir_tmp(void)
{
	snprintf(dir, sizeof(dir), "/tmp/u-vault-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
}

static void
rm_tmp(void)
{
	char cmd[128];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
}

TestSuite(vault, .init = mkdir_tmp, .fini = rm_tmp);

/* Path of a file in the test's directory (static buffer, one per slot). */
static const char *
path_of(int slot, const char *name)
{
	static char p[4][128];

	snprintf(p[slot], sizeof(p[slot]), "%s/%s", dir, name);
	return p[slot];
}

static struct vault *
new_vault(const char *path)
{
	struct kerr err = { 0 };
	struct vault *v = NULL;

	cr_assert_eq(vault_keyfile_create(path, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(vault_load(path, &v, &err), KERR_OK, "%s", err.msg);
	return v;
}

static void
write_file(const char *path, const char *text, mode_t mode)
{
	FILE *f = fopen(path, "w");

	cr_assert_not_null(f);
	fputs(text, f);
	fclose(f);
	cr_assert_eq(chmod(path, mode), 0);
}

static void
seal(struct vault *v, const char *t, const char *c, int64_t row, const char *s,
	unsigned char **blob, size_t *n)
{
	struct kerr err = { 0 };

	cr_assert_eq(vault_seal(v, t, c, row, s, strlen(s), blob, n, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(*n, strlen(s) + VAULT_OVERHEAD);
}

static enum kerr_code
unseal(struct vault *v, const char *t, const char *c, int64_t row,
	const unsigned char *blob, size_t n, char **out, struct kerr *err)
{
	size_t len;

	return vault_unseal(v, t, c, row, blob, n, out, &len, err);
}

Test(vault, seal_round_trip)
{
	struct vault *v = new_vault(path_of(0, "k"));
	struct kerr err = { 0 };
	unsigned char *blob, *blob2;
	size_t n, n2, len;
	char *plain;

	seal(v, "person", "name", 7, "María Quispe Mamani", &blob, &n);
	cr_assert_null(memmem(blob, n, "Quispe", 6), "the clear text is not in the blob");
	cr_assert_eq(blob[0], 1);
	cr_assert_eq(vault_blob_key(blob, n), 1);
	cr_assert_eq(vault_unseal(v, "person", "name", 7, blob, n, &plain, &len, &err), KERR_OK,
		"%s", err.msg);
	cr_assert_str_eq(plain, "María Quispe Mamani");
	cr_assert_eq(len, strlen("María Quispe Mamani"));
	free(plain);
	/* random nonce: the same value seals differently each time */
	seal(v, "person", "name", 7, "María Quispe Mamani", &blob2, &n2);
	cr_assert_neq(memcmp(blob, blob2, n), 0);
	free(blob2);
	free(blob);
	/* an empty value seals and opens too */
	seal(v, "person", "alias", 7, "", &blob, &n);
	cr_assert_eq(unseal(v, "person", "alias", 7, blob, n, &plain, &err), KERR_OK);
	cr_assert_str_eq(plain, "");
	free(plain);
	free(blob);
	vault_free(v);
}

Test(vault, moved_or_altered_blob_fails)
{
	struct vault *v = new_vault(path_of(0, "k"));
	struct kerr err = { 0 };
	unsigned char *blob;
	size_t n, i;
	char *plain = NULL;

	seal(v, "person", "name", 7, "Rosa Huamán", &blob, &n);
	cr_assert_eq(unseal(v, "person", "name", 8, blob, n, &plain, &err), KERR_CRYPTO,
		"moved to another row");
	cr_assert_null(plain);
	cr_assert_eq(unseal(v, "person", "doc_number", 7, blob, n, &plain, &err), KERR_CRYPTO,
		"moved to another column");
	cr_assert_eq(unseal(v, "victim", "name", 7, blob, n, &plain, &err), KERR_CRYPTO,
		"moved to another table");
	cr_assert_null(strstr(err.msg, "Rosa"));
	for (i = 5; i < n; i++) {
		blob[i] ^= 0x01;
		cr_assert_eq(unseal(v, "person", "name", 7, blob, n, &plain, &err), KERR_CRYPTO,
			"flipped byte %zu", i);
		blob[i] ^= 0x01;
	}
	cr_assert_eq(unseal(v, "person", "name", 7, blob, n - 1, &plain, &err), KERR_CRYPTO,
		"truncated");
	cr_assert_eq(unseal(v, "person", "name", 7, blob, 10, &plain, &err), KERR_CRYPTO);
	cr_assert_eq(vault_blob_key(blob, 10), 0);
	blob[0] = 2;
	cr_assert_eq(unseal(v, "person", "name", 7, blob, n, &plain, &err), KERR_CRYPTO,
		"unknown format version");
	blob[0] = 1;
	cr_assert_eq(unseal(v, "person", "name", 7, blob, n, &plain, &err), KERR_OK);
	free(plain);
	free(blob);
	vault_free(v);
}

Test(vault, unknown_key_id_fails)
{
	struct vault *v = new_vault(path_of(0, "k"));
	struct kerr err = { 0 };
	unsigned char *blob;
	size_t n;
	char *plain = NULL;

	seal(v, "person", "name", 1, "Juan", &blob, &n);
	blob[4] = 9;
	cr_assert_eq(vault_blob_key(blob, n), 9);
	cr_assert_eq(unseal(v, "person", "name", 1, blob, n, &plain, &err), KERR_CRYPTO);
	cr_assert_eq(err.code, KERR_CRYPTO);
	cr_assert_not_null(strstr(err.msg, "key 9"), "%s", err.msg);
	cr_assert_null(plain);
	free(blob);
	vault_free(v);
}

Test(vault, a_blob_does_not_open_with_another_key_file)
{
	struct vault *a = new_vault(path_of(0, "a")), *b = new_vault(path_of(1, "b"));
	struct kerr err = { 0 };
	unsigned char *blob;
	size_t n;
	char *plain = NULL;

	seal(a, "person", "name", 1, "Juan", &blob, &n);
	cr_assert_eq(unseal(b, "person", "name", 1, blob, n, &plain, &err), KERR_CRYPTO);
	free(blob);
	vault_free(a);
	vault_free(b);
}

Test(vault, rotate_keeps_old_blobs_and_uses_new_key)
{
	const char *path = path_of(0, "k");
	struct vault *v = new_vault(path), *again = NULL;
	struct kerr err = { 0 };
	unsigned char *old, *new, mac1[VAULT_MAC_LEN], mac1b[VAULT_MAC_LEN];
	unsigned char b1[VAULT_BLIND_LEN], b2[VAULT_BLIND_LEN];
	char fp1[65], fp2[65], *plain;
	size_t n_old, n_new;
	struct stat st;

	seal(v, "person", "name", 3, "Ana Condori", &old, &n_old);
	vault_fingerprint(v, fp1);
	vault_blind(v, "name", "ana condori", b1);
	cr_assert_eq(vault_audit_mac(v, 1, "entry", 5, mac1, &err), KERR_OK);
	cr_assert_eq(vault_current_key(v), 1);

	cr_assert_eq(vault_keyfile_rotate(path, v, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(vault_current_key(v), 2);
	cr_assert_eq(stat(path, &st), 0);
	cr_assert_eq(st.st_mode & 0777, 0600);
	cr_assert_neq(access(path_of(1, "k.tmp"), F_OK), 0, "no temporary file is left");

	cr_assert_eq(unseal(v, "person", "name", 3, old, n_old, &plain, &err), KERR_OK);
	cr_assert_str_eq(plain, "Ana Condori");
	free(plain);
	seal(v, "person", "name", 3, "Ana Condori", &new, &n_new);
	cr_assert_eq(vault_blob_key(new, n_new), 2);

	/* fingerprint names key 1, which stays; blind indexes follow the new key */
	vault_fingerprint(v, fp2);
	cr_assert_str_eq(fp1, fp2);
	vault_blind(v, "name", "ana condori", b2);
	cr_assert_neq(memcmp(b1, b2, sizeof(b1)), 0);
	cr_assert_eq(vault_audit_mac(v, 1, "entry", 5, mac1b, &err), KERR_OK);
	cr_assert_eq(memcmp(mac1, mac1b, sizeof(mac1)), 0, "old audit entries still verify");

	/* the file on disk agrees: a fresh load opens both blobs */
	cr_assert_eq(vault_load(path, &again, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(vault_current_key(again), 2);
	cr_assert_eq(unseal(again, "person", "name", 3, old, n_old, &plain, &err), KERR_OK);
	free(plain);
	cr_assert_eq(unseal(again, "person", "name", 3, new, n_new, &plain, &err), KERR_OK);
	free(plain);
	/* a second rotation through the other handle does not lose key 2 */
	cr_assert_eq(vault_keyfile_rotate(path, again, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(vault_current_key(again), 3);
	/* v is now stale but its keys are all in the file: it rotates to 4 */
	cr_assert_eq(vault_keyfile_rotate(path, v, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(vault_current_key(v), 4);
	cr_assert_eq(unseal(v, "person", "name", 3, new, n_new, &plain, &err), KERR_OK);
	free(plain);

	free(old);
	free(new);
	vault_free(v);
	vault_free(again);
}

/* A rotation killed after the key file got its new key but before the
 * register's commit: the register still uses the old key (vault_use_key),
 * and a PATH.tmp left by a kill before the rename blocks nothing. */
Test(vault, an_interrupted_rotation_keeps_the_key_in_use)
{
	const char *path = path_of(0, "k");
	struct vault *v = new_vault(path), *again = NULL;
	struct kerr err = { 0 };
	unsigned char b1[VAULT_BLIND_LEN], b2[VAULT_BLIND_LEN], *blob;
	size_t n;

	vault_blind(v, "phone", "51987654321", b1);
	cr_assert_eq(vault_keyfile_rotate(path, v, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(vault_load(path, &again, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(vault_current_key(again), 2);
	cr_assert_eq(vault_use_key(again, 1, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(vault_current_key(again), 1);
	vault_blind(again, "phone", "51987654321", b2);
	cr_assert_eq(memcmp(b1, b2, sizeof(b1)), 0, "indexes as the register made them");
	seal(again, "person", "name", 3, "Ana Condori", &blob, &n);
	cr_assert_eq(vault_blob_key(blob, n), 1);
	free(blob);
	cr_assert_eq(vault_use_key(again, 9, &err), KERR_CRYPTO, "a key the file lacks");
	cr_assert(strstr(err.msg, "newest copy") != NULL, "%s", err.msg);

	write_file(path_of(1, "k.tmp"), "half a key file", 0600);
	cr_assert_eq(vault_keyfile_rotate(path, again, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(vault_current_key(again), 3, "the next rotation goes past the unused key");
	cr_assert_neq(access(path_of(1, "k.tmp"), F_OK), 0, "no temporary file is left");
	vault_free(v);
	vault_free(again);
}

Test(vault, rotate_refuses_a_foreign_key_file)
{
	struct vault *a = new_vault(path_of(0, "a")), *b = new_vault(path_of(1, "b"));
	struct kerr err = { 0 };

	cr_assert_eq(vault_keyfile_rotate(path_of(1, "b"), a, &err), KERR_CRYPTO);
	cr_assert_eq(vault_current_key(a), 1);
	vault_free(a);
	vault_free(b);
}

Test(vault, blind_index_is_deterministic_and_separated)
{
	struct vault *a = new_vault(path_of(0, "a")), *b = new_vault(path_of(1, "b"));
	unsigned char x[VAULT_BLIND_LEN], y[VAULT_BLIND_LEN], z[VAULT_BLIND_LEN];
	struct vault *a2 = NULL;
	struct kerr err = { 0 };

	vault_blind(a, "name", "mamani quispe", x);
	vault_blind(a, "name", "mamani quispe", y);
	cr_assert_eq(memcmp(x, y, sizeof(x)), 0);
	cr_assert_eq(vault_load(path_of(0, "a"), &a2, &err), KERR_OK);
	vault_blind(a2, "name", "mamani quispe", y);
	cr_assert_eq(memcmp(x, y, sizeof(x)), 0, "same key file, same index");
	vault_blind(a, "name_ph", "mamani quispe", z);
	cr_assert_neq(memcmp(x, z, sizeof(x)), 0, "kinds are separated");
	vault_blind(a, "name", "mamani quispf", z);
	cr_assert_neq(memcmp(x, z, sizeof(x)), 0);
	/* the separator makes kind "ab"+"c" differ from kind "a"+"bc" */
	vault_blind(a, "ab", "c", y);
	vault_blind(a, "a", "bc", z);
	cr_assert_neq(memcmp(y, z, sizeof(y)), 0);
	vault_blind(b, "name", "mamani quispe", z);
	cr_assert_neq(memcmp(x, z, sizeof(x)), 0, "another key file, another index");
	vault_free(a);
	vault_free(a2);
	vault_free(b);
}

Test(vault, keyfile_is_private_and_never_replaced)
{
	const char *path = path_of(0, "k");
	struct kerr err = { 0 };
	struct stat st;
	char before[65], after[65];
	struct vault *v;
	mode_t old = umask(0);   /* a careless umask must not widen the mode */

	v = new_vault(path);
	umask(old);
	cr_assert_eq(stat(path, &st), 0);
	cr_assert_eq(st.st_mode & 0777, 0600);
	vault_fingerprint(v, before);
	cr_assert_eq(vault_keyfile_create(path, &err), KERR_IO);
	cr_assert_not_null(strstr(err.msg, "already exists"), "%s", err.msg);
	vault_free(v);
	cr_assert_eq(vault_load(path, &v, &err), KERR_OK);
	vault_fingerprint(v, after);
	cr_assert_str_eq(before, after, "the existing key is untouched");
	vault_free(v);
}

Test(vault, load_rejects_bad_files)
{
	struct kerr err = { 0 };
	struct vault *v = NULL;
	const char *path = path_of(0, "k");
	const char *good_key = "key 1 000102030405060708090a0b0c0d0e0f"
		"101112131415161718191a1b1c1d1e1f\n";
	char text[512];

	cr_assert_eq(vault_load(path_of(1, "missing"), &v, &err), KERR_IO);
	cr_assert_not_null(strstr(err.msg, "does not exist"), "%s", err.msg);
	cr_assert_null(v);

	snprintf(text, sizeof(text), "khipu-keyfile 1\n%s", good_key);
	write_file(path, text, 0644);
	cr_assert_eq(vault_load(path, &v, &err), KERR_CRYPTO);
	cr_assert_not_null(strstr(err.msg, "chmod 600"), "%s", err.msg);
	cr_assert_null(v);
	cr_assert_eq(chmod(path, 0600), 0);
	cr_assert_eq(vault_load(path, &v, &err), KERR_OK, "%s", err.msg);
	vault_free(v);
	v = NULL;

	const char *bad[] = {
		"",
		"this is not a key file\n",
		"khipu-keyfile 2\nkey 1 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n",
		"khipu-keyfile 1\n",
		"khipu-keyfile 1\nkey 1 0001020304\n",
		"khipu-keyfile 1\nkey 1 zz0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n",
		"khipu-keyfile 1\nkey 0 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n",
		"khipu-keyfile 1\nkey 2 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n",
		"khipu-keyfile 1\nkey 1 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n"
		"key 1 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\n",
		"khipu-keyfile 1\nkey 1 000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f junk\n",
	};
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		unlink(path);
		write_file(path, bad[i], 0600);
		cr_assert_eq(vault_load(path, &v, &err), KERR_CRYPTO, "case %zu", i);
		cr_assert_not_null(strstr(err.msg, "malformed"), "case %zu: %s", i, err.msg);
		cr_assert_null(strstr(err.msg, "0001020304"), "no key material in messages");
		cr_assert_null(v);
	}

	/* unreadable (skip when running as root, who reads anything) */
	if (geteuid() != 0) {
		snprintf(text, sizeof(text), "khipu-keyfile 1\n%s", good_key);
		write_file(path, text, 0600);
		cr_assert_eq(chmod(path, 0200), 0);
		cr_assert_eq(vault_load(path, &v, &err), KERR_IO);
		cr_assert_not_null(strstr(err.msg, "cannot open"), "%s", err.msg);
	}
}

Test(vault, fingerprint_differs_between_key_files)
{
	struct vault *a = new_vault(path_of(0, "a")), *b = new_vault(path_of(1, "b"));
	char fa[65], fb[65];

	vault_fingerprint(a, fa);
	vault_fingerprint(b, fb);
	cr_assert_eq(strlen(fa), 64);
	cr_assert_eq(strspn(fa, "0123456789abcdef"), 64);
	cr_assert_str_neq(fa, fb);
	vault_free(a);
	vault_free(b);
}

Test(vault, audit_mac_needs_a_known_key)
{
	struct vault *v = new_vault(path_of(0, "k"));
	struct kerr err = { 0 };
	unsigned char m1[VAULT_MAC_LEN], m2[VAULT_MAC_LEN];

	cr_assert_eq(vault_audit_mac(v, 1, "abc", 3, m1, &err), KERR_OK);
	cr_assert_eq(vault_audit_mac(v, 1, "abc", 3, m2, &err), KERR_OK);
	cr_assert_eq(memcmp(m1, m2, sizeof(m1)), 0);
	cr_assert_eq(vault_audit_mac(v, 1, "abd", 3, m2, &err), KERR_OK);
	cr_assert_neq(memcmp(m1, m2, sizeof(m1)), 0);
	cr_assert_eq(vault_audit_mac(v, 2, "abc", 3, m2, &err), KERR_CRYPTO);
	cr_assert_eq(vault_audit_mac(v, 0, "abc", 3, m2, &err), KERR_CRYPTO);
	vault_free(v);
}

static int
cmp_nonce(const void *a, const void *b)
{
	return memcmp(a, b, 24);
}

/* Nonces come from a pool filled 128 at a time: across several refills
 * every one is different, and a long table/column name (the additional
 * data then does not fit the stack buffer) still binds. */
Test(vault, nonces_never_repeat_across_pool_refills)
{
	struct vault *v = new_vault(path_of(0, "k"));
	struct kerr err = { 0 };
	enum { N = 1000 };
	unsigned char (*nonces)[24] = calloc(N, 24), *blob;
	char column[200], *plain;
	size_t n, i;

	for (i = 0; i < N; i++) {
		seal(v, "person", "identity", 1, "x", &blob, &n);
		memcpy(nonces[i], blob + 5, 24);
		free(blob);
	}
	qsort(nonces, N, 24, cmp_nonce);
	for (i = 1; i < N; i++)
		cr_assert_neq(memcmp(nonces[i - 1], nonces[i], 24), 0, "nonce %zu repeats", i);
	free(nonces);

	memset(column, 'c', sizeof(column) - 1);
	column[sizeof(column) - 1] = '\0';
	seal(v, "person", column, 3, "long", &blob, &n);
	cr_assert_eq(unseal(v, "person", column, 3, blob, n, &plain, &err), KERR_OK, "%s", err.msg);
	cr_assert_str_eq(plain, "long");
	free(plain);
	cr_assert_eq(unseal(v, "person", column, 4, blob, n, &plain, &err), KERR_CRYPTO,
		"bound to its row");
	free(blob);
	vault_free(v);
}

/* A child process after fork() must not reuse the parent's pending nonces. */
Test(vault, a_forked_child_draws_its_own_nonces)
{
	struct vault *v = new_vault(path_of(0, "k"));
	unsigned char *blob, mine[24], theirs[24];
	size_t n;
	int fd[2];
	pid_t pid;

	seal(v, "case", "summary", 1, "warm the pool", &blob, &n);
	free(blob);
	cr_assert_eq(pipe(fd), 0);
	pid = fork();
	cr_assert_geq(pid, 0);
	if (pid == 0) {
		struct kerr err = { 0 };
		if (vault_seal(v, "case", "summary", 1, "x", 1, &blob, &n, &err) != KERR_OK ||
		    write(fd[1], blob + 5, 24) != 24)
			_exit(1);
		_exit(0);
	}
	seal(v, "case", "summary", 1, "x", &blob, &n);
	memcpy(mine, blob + 5, 24);
	free(blob);
	cr_assert_eq(read(fd[0], theirs, 24), 24);
	close(fd[0]);
	close(fd[1]);
	cr_assert_neq(memcmp(mine, theirs, 24), 0, "parent and child drew the same nonce");
	vault_free(v);
}
