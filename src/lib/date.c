/*
 * date.c — day numbers and ISO dates. The conversions are Howard Hinnant's
 * days_from_civil / civil_from_days algorithms (public domain), valid for
 * every proleptic Gregorian date we handle.
 */
#include "lib/date.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

int
date_leap_year(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
date_days_in_month(int y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && date_leap_year(y) ? 29 : days[m - 1];
}

int64_t
date_from_civil(int y, int m, int d)
{
	int64_t yy = y - (m <= 2);
	int64_t era = (yy >= 0 ? yy : yy - 399) / 400;
	int64_t yoe = yy - era * 400;
	int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

void
date_to_civil(int64_t z, int *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int
digits(const char *s, int n, int *out)
{
	int i, v = 0;

	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 1;
}

int
date_parse(const char *s, int64_t *day)
{
	int y, m, d;

	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
	    !digits(s, 4, &y) || !digits(s + 5, 2, &m) || !digits(s + 8, 2, &d))
		return 0;
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > date_days_in_month(y, m))
		return 0;
	*day = date_from_civil(y, m, d);
	return 1;
}

void
date_format(int64_t day, char out[DATE_LEN])
{
	int y, m, d;

	date_to_civil(day, &y, &m, &d);
	snprintf(out, DATE_LEN, "%04d-%02d-%02d", ((y % 10000) + 10000) % 10000, m, d);
}

int64_t
date_add_months(int64_t day, int n)
{
	int y, m, d, months, dim;

	date_to_civil(day, &y, &m, &d);
	months = y * 12 + (m - 1) + n;
	y = months / 12;
	m = months % 12 + 1;
	dim = date_days_in_month(y, m);
	return date_from_civil(y, m, d > dim ? dim : d);
}

int64_t
date_today(void)
{
	return (int64_t)(time(NULL) / 86400);
}
