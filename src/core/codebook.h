/*
 * codebook.h — every enumeration of Khipu, in one place.
 *
 * A codebook dimension (enum cb_dim) is a list of entries. Each entry has a
 * stable snake_case code (what storage and JSON hold), a Spanish and an
 * English label, and where one exists the matching HTCDS value name, CTDC
 * variable or value, and ICCS code. Statistics, import/export and the web
 * forms all read from here; nothing else spells these lists.
 *
 * REQ-CB-001: every enumeration comes from this codebook with ES/EN labels.
 */
#ifndef KHIPU_CODEBOOK_H
#define KHIPU_CODEBOOK_H

#include <stddef.h>

enum cb_dim {
	CB_USER_ROLE,         /* admin, prosecutor, police, analyst, auditor, liaison */
	CB_OFFICE_KIND,       /* specialised prosecutor's office, police unit, ... */
	CB_DISTRITO_FISCAL,   /* Ministerio Público districts; extra = UBIGEO dept */
	CB_DEPARTMENT,        /* INEI UBIGEO departments 01..25 (code = "01") */
	CB_COUNTRY,           /* ISO 3166-1 alpha-2 (code = "PE") */
	CB_CURRENCY,          /* ISO 4217 (code = "PEN") */
	CB_COMPLAINT_SOURCE,  /* police_report, citizen, hotline, ex_officio, ... */
	CB_OFFENCE,           /* Penal Code articles, old (153...) and current (129-A...) */
	CB_RELATED_OFFENCE,   /* organised_crime, money_laundering, ... (ICCS) */
	CB_PERSON_ROLE,       /* victim, suspect, witness, complainant */
	CB_SEX,               /* HTCDS GENDER, CTDC gender */
	CB_DOC_TYPE,          /* dni, ce, passport, ... */
	CB_EXPLOITATION,      /* forms of exploitation (multi) */
	CB_CONTROL,           /* means of control (multi) */
	CB_RECRUITMENT,       /* recruitment method */
	CB_RELATIONSHIP,      /* victim's relationship to the recruiter */
	CB_ASSISTANCE,        /* assistance received (multi) */
	CB_TRAFFICKING_STATUS,/* HTCDS possible/actual/not a victim */
	CB_NETWORK_ROLE,      /* HTCDS perpetrator roles + financier, public official */
	CB_COERCIVE_MEASURE,  /* detention, prision_preventiva, ... */
	CB_OUTCOME,           /* pending, convicted, acquitted, ... */
	CB_STAGE,             /* NCPP procedural stages; rank orders them */
	CB_ASSET_KIND,
	CB_ASSET_MEASURE,     /* the steps of an asset's life: identified, seized,
	                         frozen, forfeited (decomiso), extinction of
	                         ownership and its stages, PRONABI, sold...; extra
	                         flags "seizure", "confiscation", "forfeiture"
	                         (D. Leg. 1373), "disposal", "realised" */
	CB_IDENTIFIER_KIND,   /* phone, email, bank_account, vehicle_plate, ... */
	CB_REQUEST_DIRECTION, /* outgoing, incoming */
	CB_REQUEST_TYPE,      /* mla, extradition, ... */
	CB_REQUEST_STATUS,
	CB_LEGAL_TERM,        /* NCPP investigation terms; durations in cb_term() */
	CB_PROTECTION,        /* a victim's protection measures, services, referrals;
	                         extra "consent": an adult's consent is required,
	                         "single": at most one per victim */
	CB_PROVIDER,          /* who gave it: UDAVIT, MIMP (CEM, CAR), MINSA, ... */
	CB_PROTECTION_RESULT, /* requested, provided, declined, ... */
	CB_OWNER_RELATION,    /* how a person holds an asset: owner, front man */
	CB_POLICE_REPORT_KIND,/* informe policial, atestado policial */
	CB_PATH_STEP,         /* a suspect's procedural path: charge ... final judgement */
	CB_MEANS,             /* the means of CP art. 129-A(1) used on a victim (multi);
	                         extra = the article */
	CB_AGGRAVATING,       /* aggravating circumstances of a case, arts. 129-B and
	                         129-Ñ (multi); extra = the article and paragraph */
	CB_VULNERABILITY,     /* a victim's situation of vulnerability (multi);
	                         extra = the article that weighs it, or NULL */
	CB_LEGAL_BASIS,       /* an international request's basis: UNTOC art. 18, a treaty... */
	CB_REQUEST_CHANNEL,   /* the way it travels: central authority, INTERPOL, direct... */
	CB_REQUEST_ASSISTANCE,/* what it asks: evidence, bank records, freezing... (multi) */
	CB__MAX
};

enum cb_lang { CB_ES, CB_EN };

struct cb_entry {
	const char *code;    /* stable, what storage and JSON hold */
	const char *es;      /* Spanish label */
	const char *en;      /* English label */
	const char *htcds;   /* HTCDS v2.0 value name, or NULL */
	const char *ctdc;    /* CTDC variable or value, or NULL */
	const char *iccs;    /* ICCS code, or NULL */
	const char *extra;   /* dimension-specific, or NULL: the INEI department
	                        ("17") of a distrito fiscal; the ISO 3166-2 code
	                        of a department; "old"/"current" numbering of an
	                        offence; comma-separated flags of a stage
	                        ("archive", "sentence", "conviction", "acquittal",
	                        "final", "act") or an outcome ("conviction",
	                        "acquittal"); of a path step, see core/outcome.h;
	                        flags of an asset step or a protection measure
	                        (see their dimensions) */
	int rank;            /* ordering where it matters (stages), else 0 */
};

/* Name of a dimension as used in JSON and on the command line ("exploitation"). */
const char *cb_dim_name(enum cb_dim dim);
/* Dimension by name, or -1. */
int cb_dim_by_name(const char *name);
/* All entries of a dimension; *n receives their number. Never NULL. */
const struct cb_entry *cb_entries(enum cb_dim dim, size_t *n);
/* Entry with that exact code, or NULL when the code is unknown. */
const struct cb_entry *cb_lookup(enum cb_dim dim, const char *code);
/* Label in lang; the code itself when unknown. Never NULL. */
const char *cb_label(enum cb_dim dim, const char *code, enum cb_lang lang);
/* Entry whose CTDC (or HTCDS) name equals name, or NULL. Several finer codes
 * may export to one coarser name; the first in table order is returned. */
const struct cb_entry *cb_lookup_ctdc(enum cb_dim dim, const char *name);
const struct cb_entry *cb_lookup_htcds(enum cb_dim dim, const char *name);
/* 1 when the comma-separated flags in e->extra include flag (stages: "archive",
 * "sentence", "conviction"...), else 0; e may be NULL. */
int cb_has_flag(const struct cb_entry *e, const char *flag);

/* A legal term of the investigation (CB_LEGAL_TERM): how long it runs and
 * its one extension. A term of n days ends n calendar days after the day it
 * starts; a term of n months on the same day of the month n months later,
 * or the month's last day when it has none (lib/date.h). */
struct cb_term {
	const char *code;        /* CB_LEGAL_TERM code */
	const char *article;     /* "NCPP art. 342.1" */
	int days, months;        /* the term: one of the two is set */
	int ext_days, ext_months;/* its extension; both 0 when it has none */
};
/* The term with that code, or NULL. */
const struct cb_term *cb_term(const char *code);

#endif
