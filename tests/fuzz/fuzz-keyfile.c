/*
 * fuzz-keyfile.c — the register's one configuration file, the key file
 * (crypto/vault.c), as every command reads it before opening the register;
 * and sealed blobs (a field of a database file or backup handed over by
 * someone else) opened with a real key. Invariants: a key file that loads
 * seals and opens again; a blob that is not a sealing of this key, row and
 * column never opens.
 */
#include "fuzz.h"

#include <fcntl.h>
#include <unistd.h>

#include "crypto/vault.h"

static char dir[256], path[300];
static struct vault *good;

static void
cleanup(void)
{
	vault_free(good);
	unlink(path);
	rmdir(dir);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	char keypath[300];
	struct kerr e;

	(void)argc;
	(void)argv;
	snprintf(dir, sizeof(dir), "%s/khipu-fuzz.XXXXXX", tmp);
	FUZZ_CHECK(mkdtemp(dir) != NULL);
	snprintf(keypath, sizeof(keypath), "%s/good.key", dir);
	FUZZ_CHECK(vault_keyfile_create(keypath, &e) == KERR_OK);
	FUZZ_CHECK(vault_load(keypath, &good, &e) == KERR_OK);
	unlink(keypath);
	snprintf(path, sizeof(path), "%s/fuzz.key", dir);
	atexit(cleanup);
	return 0;
}

static void
try_keyfile(const uint8_t *data, size_t size)
{
	struct vault *v = NULL;
	struct kerr e;
	unsigned char *blob;
	size_t bloblen, n;
	char *plain;
	int fd;

	unlink(path);
	fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600);
	FUZZ_CHECK(fd >= 0);
	FUZZ_CHECK(write(fd, data, size) == (ssize_t)size);
	close(fd);
	if (vault_load(path, &v, &e) != KERR_OK) {
		FUZZ_CHECK(v == NULL && e.msg[0] != '\0');
		return;
	}
	FUZZ_CHECK(vault_seal(v, "person", "name", 7, "Rosa", 4, &blob, &bloblen, &e) == KERR_OK);
	FUZZ_CHECK(vault_blob_key(blob, bloblen) == vault_current_key(v));
	FUZZ_CHECK(vault_unseal(v, "person", "name", 7, blob, bloblen, &plain, &n, &e) == KERR_OK);
	FUZZ_CHECK(n == 4 && memcmp(plain, "Rosa", 4) == 0);
	free(plain);
	free(blob);
	vault_free(v);
}

static void
try_blob(const uint8_t *data, size_t size)
{
	struct kerr e;
	char *plain = NULL;
	size_t n;

	(void)vault_blob_key(data, size);
	FUZZ_CHECK(vault_unseal(good, "person", "name", 7, data, size, &plain, &n, &e) != KERR_OK);
	FUZZ_CHECK(plain == NULL);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	try_keyfile(data, size);
	try_blob(data, size);
	return 0;
}
