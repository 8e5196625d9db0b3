/* u-mla.c — unit tests for core/mla (an international request's rules:
 * REQ-MLA-001 dates in order, REQ-MLA-002 overdue and due soon) and the
 * codebook lists a request uses. */
#include <criterion/criterion.h>
#include <string.h>

#include "core/codebook.h"
#include "core/mla.h"
#include "lib/date.h"

static struct intl_request
req(const char *status, const char *sent, const char *received, const char *due,
	const char *answered)
{
	struct intl_request r;

	memset(&r, 0, sizeof(r));
	r.status = status;
	strcpy(r.sent, sent);
	strcpy(r.received, received);
	strcpy(r.due, due);
	strcpy(r.answered, answered);
	return r;
}

static int64_t
day(const char *s)
{
	int64_t d = 0;

	cr_assert(date_parse(s, &d), "bad date %s", s);
	return d;
}

Test(mla, due_before_sent_is_refused_naming_due)
{
	struct intl_request r = req("sent", "2024-03-01", "", "2024-02-28", "");
	struct mla_fault f;

	cr_assert_eq(mla_check(&r, &f), -1);
	cr_assert_str_eq(f.field, "due");
	cr_assert(strstr(f.msg, "sent") != NULL, "%s", f.msg);
}

Test(mla, due_on_the_day_sent_is_kept)
{
	struct intl_request r = req("sent", "2024-03-01", "", "2024-03-01", "");
	struct mla_fault f;

	cr_assert_eq(mla_check(&r, &f), 0);
}

Test(mla, incoming_dates_count_from_received)
{
	struct intl_request r = req("received", "", "2024-05-10", "2024-05-09", "");
	struct mla_fault f;

	cr_assert_eq(mla_check(&r, &f), -1);
	cr_assert_str_eq(f.field, "due");
	cr_assert(strstr(f.msg, "received") != NULL, "%s", f.msg);
	r = req("received", "", "2024-05-10", "2024-08-10", "2024-05-01");
	cr_assert_eq(mla_check(&r, &f), -1);
	cr_assert_str_eq(f.field, "answered");
}

Test(mla, answer_before_sent_is_refused)
{
	struct intl_request r = req("answered", "2024-03-01", "", "", "2024-02-01");
	struct mla_fault f;

	cr_assert_eq(mla_check(&r, &f), -1);
	cr_assert_str_eq(f.field, "answered");
}

Test(mla, no_dates_no_rule)
{
	struct intl_request r = req("draft", "", "", "2024-01-01", "");
	struct mla_fault f;

	cr_assert_eq(mla_check(&r, &f), 0);
}

Test(mla, open_statuses)
{
	cr_assert(mla_is_open("draft"));
	cr_assert(mla_is_open("sent"));
	cr_assert(mla_is_open("received"));
	cr_assert(mla_is_open("in_progress"));
	cr_assert(mla_is_open("partially_answered"));
	cr_assert_not(mla_is_open("answered"));
	cr_assert_not(mla_is_open("refused"));
	cr_assert_not(mla_is_open("withdrawn"));
	cr_assert_not(mla_is_open("closed"));
}

Test(mla, days_left_and_overdue)
{
	struct intl_request r = req("sent", "2024-03-01", "", "2024-06-01", "");
	int64_t left;

	cr_assert_eq(mla_days_left(&r, day("2024-06-04"), &left), 1);
	cr_assert_eq(left, -3, "overdue by 3 days, got %lld", (long long)left);
	cr_assert_eq(mla_days_left(&r, day("2024-05-25"), &left), 1);
	cr_assert_eq(left, 7);
	cr_assert_eq(mla_days_left(&r, day("2024-06-01"), &left), 1);
	cr_assert_eq(left, 0, "due today is not overdue");
	r.status = "answered";
	cr_assert_eq(mla_days_left(&r, day("2024-06-04"), &left), 0, "an answered one is never late");
	r = req("sent", "2024-03-01", "", "", "");
	cr_assert_eq(mla_days_left(&r, day("2024-06-04"), &left), 0, "no due date, no deadline");
}

Test(mla, codebook_lists)
{
	cr_assert_not_null(cb_lookup(CB_LEGAL_BASIS, "untoc_art18"));
	cr_assert_not_null(cb_lookup(CB_LEGAL_BASIS, "bilateral_treaty"));
	cr_assert_not_null(cb_lookup(CB_REQUEST_CHANNEL, "central_authority"));
	cr_assert_not_null(cb_lookup(CB_REQUEST_CHANNEL, "interpol"));
	cr_assert_not_null(cb_lookup(CB_REQUEST_ASSISTANCE, "bank_records"));
	cr_assert_not_null(cb_lookup(CB_REQUEST_ASSISTANCE, "asset_freeze"));
	cr_assert_null(cb_lookup(CB_REQUEST_CHANNEL, "pigeon"));
	cr_assert_eq(cb_dim_by_name("request_assistance"), CB_REQUEST_ASSISTANCE);
}
