/*
 * ncpp.h — the rules of criminal procedure (NCPP) the register applies to a
 * case's events: their order, and the legal term of the investigation that
 * is running. Pure: no I/O, no clock (today is a parameter).
 *
 * Events are taken in procedural order: by date, then by the stage's rank
 * (codebook.h), then in the order given (recording order). Dates are ISO
 * "YYYY-MM-DD"; the events' stages are CB_STAGE codes.
 *
 * REQ-PROC-001: an event the NCPP does not allow at its point of the
 * sequence is refused, naming what is missing.
 * REQ-PROC-002: each open case knows its running term and due date.
 */
#ifndef KHIPU_NCPP_H
#define KHIPU_NCPP_H

#include <stddef.h>
#include <stdint.h>

#include "core/model.h"
#include "lib/kerr.h"

/* ---- procedural order ---- */

enum ncpp_rule {
	NCPP_BEFORE_COMPLAINT,  /* dated before the complaint */
	NCPP_ARCHIVED,          /* a step on an archived case that was not reopened */
	NCPP_NEEDS_ARCHIVE,     /* reopening with no archive before it */
	NCPP_AFTER_FORMALISED,  /* archive or preliminary inquiry after formalisation */
	NCPP_NEEDS_FORMALISED,  /* plea, indictment, dismissal request, extension */
	NCPP_PLEA_AFTER_INDICTMENT,
	NCPP_NEEDS_INDICTMENT,  /* order for trial, trial */
	NCPP_NEEDS_CHARGE,      /* a sentence: an indictment or a plea agreement */
	NCPP_NEEDS_SENTENCE,    /* appeal, final judgment */
	NCPP_NEEDS_APPEAL,      /* cassation */
	NCPP_NEEDS_INVESTIGATION, /* a declaration outside an open investigation */
	NCPP_SECOND_EXTENSION,  /* the term was already extended */
	NCPP_RULE__MAX
};

struct ncpp_violation {
	size_t event;           /* index into the events given */
	enum ncpp_rule rule;
	const char *since;      /* the date the message quotes: the complaint's,
	                           the archive's, the earlier extension's */
};

/* The violations of the sequence, in procedural order: at most max of them
 * go into out (which may be NULL when max is 0); returns how many there
 * are in all. complaint_date is the case's. */
size_t ncpp_order_check(const struct event *ev, size_t n, const char *complaint_date,
	struct ncpp_violation *out, size_t max);
/* A message for v naming the event and what it misses, on field (the
 * caller's name for the event: "events[2].stage", "stage"; the date rule
 * names the date field when field ends in "stage"). Returns KERR_INVALID. */
enum kerr_code ncpp_order_explain(const struct event *ev, const struct ncpp_violation *v,
	const char *field, struct kerr *err);

/* The stage most often recorded after current in the usual course of a
 * case (complaint, preliminary inquiry, formalisation, indictment, order
 * for trial, trial, sentence, appeal, final judgment): a form's default,
 * never a rule. current itself when nothing follows; "complaint" for NULL
 * or an unknown stage. */
const char *ncpp_next_stage(const char *current);

/* ---- legal terms ---- */

/* The term running after the events: the preliminary inquiry's from the
 * latest opening or reopening, the investigation's from the formalisation
 * (ordinary, complex or organised crime, as declared; organised crime
 * prevails), an extension counted when granted after the latest
 * declaration. No term once the investigation is over (indictment,
 * dismissal request, immediate process, archive, sentence...) or before it
 * starts (complaint only). */
void ncpp_term_of(const struct event *ev, size_t n, struct case_term *out);
/* Days from today (a day number, lib/date.h) to due: 0 on the last day,
 * negative when overdue. */
int64_t ncpp_days_left(const char *due, int64_t today);

#endif
