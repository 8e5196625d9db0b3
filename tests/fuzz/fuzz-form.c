/*
 * fuzz-form.c — urlencoded bodies and query strings (web/form.c), as
 * every page POST and the query of every request reach them. Invariants:
 * a form that parses holds only valid, NUL-free UTF-8 names and values, no
 * more than FORM_MAX_FIELDS of them, and the getters agree with the list.
 */
#include "fuzz.h"

#include "lib/arena.h"
#include "web/form.h"

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	struct arena a;
	struct form f;
	size_t i, n, total = 0;

	arena_init(&a);
	if (form_parse(&f, s, size, &a) == 0) {
		FUZZ_CHECK(f.n <= FORM_MAX_FIELDS);
		for (i = 0; i < f.n; i++) {
			FUZZ_CHECK(f.f[i].name != NULL && f.f[i].value != NULL);
			/* the first field of a name is the one form_get finds */
			const char *v = form_get(&f, f.f[i].name);
			FUZZ_CHECK(v != NULL);
			const char **all = form_all(&f, f.f[i].name, &a, &n);
			FUZZ_CHECK(n <= f.n && all != NULL);
			(void)form_nonblank(&f, f.f[i].name);
			total += strlen(f.f[i].name) + strlen(f.f[i].value);
		}
		FUZZ_CHECK(total <= size);   /* decoding never grows the text */
	} else {
		FUZZ_CHECK(f.n == 0);
	}
	/* a query parameter alone: '+' kept, and the plain decoder */
	char *d = form_decode(s, size, 0, &a);
	if (d != NULL)
		FUZZ_CHECK(strlen(d) <= size);
	(void)form_decode(s, size, 1, &a);
	arena_release(&a);
	return 0;
}
