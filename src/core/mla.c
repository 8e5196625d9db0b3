/*
 * mla.c — rules of an international request: dates in order, open
 * statuses, days left until the due date (REQ-MLA-001, REQ-MLA-002).
 */
#include "core/mla.h"

#include <string.h>

#include "lib/date.h"
#include "lib/i18n.h"

/* a <= b for two ISO dates, either may be "" (then no rule applies) */
static int
before(const char *a, const char *b)
{
	return a[0] != '\0' && b[0] != '\0' && strcmp(a, b) < 0;
}

int
mla_check(const struct intl_request *r, struct mla_fault *f)
{
	/* the date the request started: sent (outgoing) or received (incoming) */
	const char *start = r->sent[0] != '\0' ? r->sent : r->received;
	const char *start_key = r->sent[0] != '\0' ? "sent" : "received";

	if (before(r->due, start)) {
		f->field = "due";
		f->msg = strcmp(start_key, "sent") == 0 ? N_("is before the date it was sent") :
			N_("is before the date it was received");
		return -1;
	}
	if (before(r->answered, start)) {
		f->field = "answered";
		f->msg = strcmp(start_key, "sent") == 0 ? N_("is before the date it was sent") :
			N_("is before the date it was received");
		return -1;
	}
	return 0;
}

int
mla_is_open(const char *status)
{
	static const char *const closed[] = { "answered", "refused", "withdrawn", "closed",
		NULL };
	size_t i;

	for (i = 0; status != NULL && closed[i] != NULL; i++)
		if (strcmp(status, closed[i]) == 0)
			return 0;
	return 1;
}

int
mla_days_left(const struct intl_request *r, int64_t today, int64_t *left)
{
	int64_t due;

	*left = 0;
	if (!mla_is_open(r->status) || !date_parse(r->due, &due))
		return 0;
	*left = due - today;
	return 1;
}
