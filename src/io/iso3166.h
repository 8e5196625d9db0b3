/*
 * iso3166.h — country codes: ISO 3166-1 alpha-3 to alpha-2 (the codebook's
 * country codes, core/codebook.h, are alpha-2).
 */
#ifndef KHIPU_ISO3166_H
#define KHIPU_ISO3166_H

#include <stddef.h>

/* "PER" -> "PE"; NULL when alpha3 is not an assigned alpha-3 code (upper case). */
const char *iso3166_alpha2(const char *alpha3);
size_t iso3166_count(void);

#endif
