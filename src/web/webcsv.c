/*
 * webcsv.c — CSV cells for downloads (see webcsv.h).
 */
#include "web/webcsv.h"

#include <string.h>

int
webcsv_cell(struct buf *b, const char *s)
{
	const char *p;
	int formula;

	if (s == NULL || *s == '\0')
		return 0;
	formula = strchr("=+-@\t\r", *s) != NULL;
	if (!formula && strpbrk(s, ",\"\r\n") == NULL)
		return buf_adds(b, s);
	if (buf_addc(b, '"') < 0 || (formula && buf_addc(b, '\'') < 0))
		return -1;
	for (p = s; *p; p++)
		if ((*p == '"' && buf_addc(b, '"') < 0) || buf_addc(b, *p) < 0)
			return -1;
	return buf_addc(b, '"');
}
