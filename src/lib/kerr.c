/* kerr.c — error holder and the one code-to-exit-status mapping. */
#include "lib/kerr.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static const struct {
	const char *name;
	int exit_status;
} kerr_table[KERR__MAX] = {
	[KERR_OK]        = { "ok", 0 },
	[KERR_INVALID]   = { "invalid", 2 },
	[KERR_NOTFOUND]  = { "not_found", 3 },
	[KERR_DENIED]    = { "denied", 4 },
	[KERR_CONFLICT]  = { "conflict", 5 },
	[KERR_IO]        = { "io", 6 },
	[KERR_CRYPTO]    = { "crypto", 7 },
	[KERR_INTEGRITY] = { "integrity", 8 },
	[KERR_INTERNAL]  = { "internal", 70 },
	[KERR_STALE]     = { "stale", 9 },
};
_Static_assert(sizeof(kerr_table) / sizeof(kerr_table[0]) == KERR__MAX, "kerr_table");

enum kerr_code
kerr_set(struct kerr *err, enum kerr_code code, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL)
		return code;
	err->code = code;
	err->field[0] = '\0';
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
	va_end(ap);
	return code;
}

enum kerr_code
kerr_field(struct kerr *err, enum kerr_code code, const char *field, const char *fmt, ...)
{
	va_list ap;
	char tail[sizeof(err->msg)];

	if (err == NULL)
		return code;
	err->code = code;
	snprintf(err->field, sizeof(err->field), "%s", field);
	va_start(ap, fmt);
	vsnprintf(tail, sizeof(tail), fmt, ap);
	va_end(ap);
	if (snprintf(err->msg, sizeof(err->msg), "%s: %s", field, tail) >= (int)sizeof(err->msg))
		memcpy(err->msg + sizeof(err->msg) - 4, "...", 4);   /* a cut message says so */
	return code;
}

void
kerr_clear(struct kerr *err)
{
	if (err == NULL)
		return;
	err->code = KERR_OK;
	err->field[0] = err->msg[0] = '\0';
}

int
kerr_exit_status(enum kerr_code code)
{
	if ((unsigned)code >= KERR__MAX)
		return 70;
	return kerr_table[code].exit_status;
}

const char *
kerr_name(enum kerr_code code)
{
	if ((unsigned)code >= KERR__MAX)
		return "internal";
	return kerr_table[code].name;
}
