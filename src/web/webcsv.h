/*
 * webcsv.h — CSV cells for downloads (/stats.csv), RFC 4180, made safe for
 * spreadsheets.
 */
#ifndef KHIPU_WEBCSV_H
#define KHIPU_WEBCSV_H

#include "lib/buf.h"

/* Append s as one CSV field: quoted (quotes doubled) when it holds a comma,
 * quote or line break; a text starting with = + - @, a tab or a CR is
 * prefixed with ' inside quotes, so that a spreadsheet shows it instead of
 * running it as a formula. NULL writes an empty field. Returns 0, or -1
 * when b's cap is reached. */
int webcsv_cell(struct buf *b, const char *s) BUF_WUR;

#endif
