/*
 * fuzz-ctdc.c — CSV files in the CTDC formats (io/ctdc.c, libcsv), as
 * `khipu import ctdc` reads them, with and without --ignore-unknown-columns.
 * Invariants: every row is either a record whose values are in range or a
 * rejection that names its column and reason; an error has a message; the
 * counts in ctdc_info stay within the file.
 */
#include "fuzz.h"

#include "io/ctdc.h"

struct seen {
	size_t rows;
	size_t last;
};

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static int
on_row(void *ctx, size_t row, const struct ctdc_record *rec, const struct kerr *why)
{
	struct seen *s = ctx;
	size_t i;

	FUZZ_CHECK(row == s->last + 1);   /* rows come in order, from 1 */
	s->last = row;
	s->rows++;
	if (rec == NULL) {
		FUZZ_CHECK(why != NULL && why->msg[0] != '\0' && why->field[0] != '\0');
		return 0;
	}
	FUZZ_CHECK(rec->year == 0 || (rec->year >= 1900 && rec->year <= 2100));
	FUZZ_CHECK(rec->ncodes <= CTDC_MAX_CODES);
	for (i = 0; i < rec->ncodes; i++)
		FUZZ_CHECK(rec->codes[i].dim != NULL && rec->codes[i].code != NULL);
	if (rec->nationality != NULL)
		FUZZ_CHECK(strlen(rec->nationality) == 2);
	return 0;
}

static void
read_as(const uint8_t *data, size_t size, int flags)
{
	struct ctdc_info info;
	struct seen s = { 0, 0 };
	struct kerr e;
	FILE *f;

	if (size == 0)
		return;   /* fmemopen refuses an empty buffer */
	f = fmemopen((void *)data, size, "r");
	FUZZ_CHECK(f != NULL);
	kerr_clear(&e);
	memset(&info, 0, sizeof(info));
	if (ctdc_read(f, flags, on_row, &s, &info, &e) != KERR_OK)
		FUZZ_CHECK(e.msg[0] != '\0');
	FUZZ_CHECK(info.format < CTDC__MAX);
	FUZZ_CHECK(info.nknown <= info.ncolumns);
	FUZZ_CHECK(strnlen(info.ignored, sizeof(info.ignored)) < sizeof(info.ignored));
	fclose(f);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	read_as(data, size, 0);
	read_as(data, size, CTDC_IGNORE_UNKNOWN);
	return 0;
}
