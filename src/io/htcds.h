/*
 * htcds.h — a case in the Human Trafficking Case Data Standard (IOM HTCDS
 * v2.0, reference/standards.md §1) and back: what `khipu export htcds`
 * writes, `khipu import htcds` reads, and an exchange package carries.
 *
 * The document ("format": "khipu-htcds/1") names what HTCDS holds with the
 * standard's field names and value names: cas_Status,
 * cas_IncomingReferralDate; per person prs_Gender, prs_Citizenship,
 * prs_FirstName, prs_SecondName, prs_Birthdate, prs_IdentityNumber,
 * prs_MailingStreet, vic_TraffickingStatus, vic_AgeWhenTrafficked,
 * vic_RelationshipToTrafficker, vic_TypeOfExploitation,
 * vic_MethodsOfControl, vic_MethodOfRecruitment, per_RoleInProcess. What
 * HTCDS lacks (the prosecution: offences, procedural events, assets,
 * identifiers, requests, codes finer than HTCDS's) travels beside it under
 * "khipu_case", "khipu_events", "khipu_assets", "khipu_identifiers",
 * "khipu_requests" and each person's "khipu" (in the shape of a case
 * document, docs/case-document.md), so two Khipu registers lose nothing and
 * any other system reads the standard's fields.
 *
 * Victims first: a victim's identity (name, alias, document, birth date,
 * address, identifiers) never leaves; a suspect's does (cooperation needs
 * it), the caller decides whether suspects go at all. Free text (summary,
 * notes, descriptions) never leaves: it may name anybody.
 */
#ifndef KHIPU_HTCDS_H
#define KHIPU_HTCDS_H

#include <jansson.h>

#include "lib/kerr.h"

/* What a document includes (`--include`). */
enum htcds_include {
	HTCDS_VICTIMS     = 1 << 0,
	HTCDS_SUSPECTS    = 1 << 1,
	HTCDS_EVENTS      = 1 << 2,
	HTCDS_ASSETS      = 1 << 3,
	HTCDS_IDENTIFIERS = 1 << 4,
	HTCDS_ALL         = (1 << 5) - 1,
};

/* "victims,suspects,..." into *out; 0, or -1 with *bad the unknown word
 * (pointing into a static copy, valid until the next call). */
int htcds_include_parse(const char *list, unsigned *out, const char **bad);
/* The include flags as a JSON array of their names (new reference). */
json_t *htcds_include_json(unsigned include);

/* The HTCDS document of doc, a case document in clear as the register
 * reads it (app_case_doc). New reference. */
json_t *htcds_from_casedoc(json_t *doc, unsigned include);

/* A case document (docs/case-document.md; no "number" nor "office": the
 * caller names them) from an HTCDS document: the khipu_ parts when present,
 * else the standard's fields mapped through the codebook's HTCDS names. An
 * HTCDS value the codebook does not know, a person with neither victim nor
 * perpetrator fields: NULL and err naming the field ("persons[1].prs_Gender").
 * Codes inside the khipu_ parts are checked when the document is parsed. */
json_t *htcds_to_casedoc(json_t *h, struct kerr *err);

#endif
