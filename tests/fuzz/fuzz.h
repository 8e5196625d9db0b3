/*
 * fuzz.h — what every libFuzzer harness of tests/fuzz shares: the entry
 * points and a NUL-terminated copy of the input (most parsers take C
 * strings, as the server hands them). A harness fails only by crashing:
 * a sanitizer report, an abort, a leak, or a broken invariant it asserts
 * with FUZZ_CHECK (which aborts with the line).
 */
#ifndef KHIPU_FUZZ_H
#define KHIPU_FUZZ_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

#define FUZZ_CHECK(cond) do { \
	if (!(cond)) { \
		fprintf(stderr, "%s:%d: invariant failed: %s\n", __FILE__, __LINE__, #cond); \
		abort(); \
	} \
} while (0)

/* A malloc'd copy of data with a NUL after it; the caller frees it. */
static inline char *
fuzz_cstr(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);

	FUZZ_CHECK(s != NULL);
	memcpy(s, data, size);
	s[size] = '\0';
	return s;
}

#endif
