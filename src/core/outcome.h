/*
 * outcome.h — a suspect's procedural path and what it amounts to (issue
 * 10): the outcome in force, the date of the conviction that counts, the
 * sentence and the civil reparation in force. Pure: no I/O, no clock.
 *
 * A path is a list of dated steps (CB_PATH_STEP, codebook.c) in date
 * order: charges and reclassifications, the indictment, a judgement
 * (conviction after trial, conviction on a plea agreement — terminación
 * anticipada, conclusión anticipada, effective collaboration —, acquittal),
 * or an end without judgement (dismissal, archive, extinguished action),
 * then appeals (appeal, cassation) and their results, and the final
 * judgement. The rules (REQ-OUT-001..006, tests/unit/u-outcome.c):
 *
 *  - REQ-OUT-001 the steps are in date order; a judgement that needs a
 *    trial (after trial, conclusión anticipada, acquittal) is not dated
 *    before the first indictment; a plea agreement (terminación
 *    anticipada) and effective collaboration need none.
 *  - REQ-OUT-002 one judgement in force at a time: a second judgement, a
 *    dismissal or an archive after a judgement in force is refused (record
 *    the appeal and its result); nothing follows the final judgement.
 *  - REQ-OUT-003 an appeal or cassation needs a judgement in force; a
 *    result needs an appeal pending. Upheld keeps the judgement (a sentence
 *    given with it replaces the sentence); reversed turns a conviction into
 *    an acquittal or an acquittal into a conviction dated that day;
 *    annulled voids the judgement (a new trial follows).
 *  - REQ-OUT-004 the conviction that counts is the one in force: its date
 *    is the judgement's that convicted (first instance, or the appeal that
 *    reversed an acquittal, or the new trial after an annulment); an upheld
 *    appeal and the final judgement do not move it, a reversal or an
 *    annulment removes it.
 *  - REQ-OUT-005 the sentence (prison, suspended, días-multa,
 *    inhabilitación) goes only on a step that convicts (or an upheld
 *    conviction); the civil reparation on a judgement or its result.
 *  - REQ-OUT-006 reparation payments need an order in force, are not dated
 *    before it, and together never exceed the amount ordered.
 *
 * Prosecuted (GLOTIP "persons prosecuted"): the first indictment or
 * judgement, whichever comes first, whatever happened after. The article
 * (offence): the last one a step names up to the conviction in force (not
 * convicted: up to the last step), else the suspect's first charge.
 */
#ifndef KHIPU_OUTCOME_H
#define KHIPU_OUTCOME_H

#include <stddef.h>

#include "core/model.h"

/* Where a path is wrong: the step (or payment) index and the field, with
 * a message (translated, without the field) for the user. */
struct outcome_fault {
	long step;                   /* index into path, or -1 */
	long payment;                /* index into payments, or -1 */
	const char *key;             /* "date", "step", "offence", "prison_months",
	                                "reparation", "amount", ... */
	char msg[256];
};

/* Check sa's path and payments and fill sa's derived fields (outcome,
 * sentence_months, reparation_*, convicted_on, prosecuted_on, offence).
 * Returns 0, or -1 with *f filled and the derived fields left as they were. */
int outcome_derive(struct suspect_attrs *sa, struct outcome_fault *f);

/* The index at which a step dated date goes into the path (after every
 * step dated the same day or before). */
size_t outcome_insert_at(const struct path_step *path, size_t n, const char *date);

/* 1 when step (a CB_PATH_STEP code) has flag (codebook.c), else 0. */
int outcome_step_is(const char *step, const char *flag);

#endif
