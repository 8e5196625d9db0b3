/*
 * mla.h — the rules of an international request (mutual legal assistance,
 * extradition...) followed as a workflow (issue 13): its dates in order,
 * which statuses are still open, what is overdue or due soon.
 *
 * Pure: no I/O. The app layer (app/mla.c, app/casedoc.c) applies them to
 * every path a request arrives by (case documents, `khipu mla`, the web).
 */
#ifndef KHIPU_MLA_H
#define KHIPU_MLA_H

#include <stdint.h>

#include "core/model.h"

/* A rule a request breaks: the field (its document key: "due", "answered")
 * and a message in the user's words, untranslated (N_) for the caller's _(). */
struct mla_fault {
	const char *field;
	const char *msg;
};

/*
 * REQ-MLA-001 dates in order: the due date is not before the date the
 * request was sent (outgoing) or received (incoming), nor is the answer's.
 * Returns 0 when r keeps the rules, else -1 with *f filled.
 */
int mla_check(const struct intl_request *r, struct mla_fault *f);

/* 1 while the request waits for an answer (draft, sent, received, in
 * progress, partially answered), 0 once answered, refused, withdrawn or
 * closed. An unknown status counts as open. */
int mla_is_open(const char *status);

/*
 * REQ-MLA-002 an open request whose due date is before today is overdue;
 * one due within days (today included) is due soon. today is a day number
 * (lib/date.h). Returns the days until the due date (negative: overdue by
 * that many) in *left; 0 when the request has no due date or is not open,
 * else 1.
 */
int mla_days_left(const struct intl_request *r, int64_t today, int64_t *left);

#endif
