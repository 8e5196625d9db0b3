/*
 * date.h — the calendar, once: proleptic Gregorian dates as day numbers.
 *
 * A day number counts days from 1970-01-01 (day 0); ISO "YYYY-MM-DD"
 * strings convert both ways. Month arithmetic goes "from date to date"
 * and clamps to the last day of a shorter month (31 January + 1 month =
 * 28 or 29 February), the way legal terms in months are counted.
 */
#ifndef KHIPU_DATE_H
#define KHIPU_DATE_H

#include <stdint.h>

#define DATE_LEN 11   /* "YYYY-MM-DD" + NUL */

int date_leap_year(int y);
/* Days in month m (1..12) of year y. */
int date_days_in_month(int y, int m);
/* Day number of y-m-d; the fields must form a real date. */
int64_t date_from_civil(int y, int m, int d);
void date_to_civil(int64_t day, int *y, int *m, int *d);
/* "YYYY-MM-DD" of a real date (years 0001..9999) into *day; 0 when s is not
 * one (wrong shape or no such day). */
int date_parse(const char *s, int64_t *day);
/* day as "YYYY-MM-DD" into out[DATE_LEN]. */
void date_format(int64_t day, char out[DATE_LEN]);
/* day plus n calendar months, the day of the month clamped to the last day
 * of the target month. */
int64_t date_add_months(int64_t day, int n);
/* Today (UTC) as a day number. */
int64_t date_today(void);

#endif
