/*
 * model.h — the case model of Khipu: what a trafficking prosecution records.
 *
 * Plain structs shared by the layers. Codes are codebook codes (codebook.h);
 * dates are ISO "YYYY-MM-DD" strings ("" when unknown); money is in minor
 * units (céntimos) with an ISO 4217 currency. Strings and arrays are owned by
 * the arena of the command or request that built the object.
 *
 * Identity fields (marked IDENTITY) exist in clear only in memory: the app
 * layer seals them (crypto/vault.h) before they reach storage and opens them
 * only for an actor whom the policy lets see them. Everything else is
 * non-identifying and may be used for statistics.
 */
#ifndef KHIPU_MODEL_H
#define KHIPU_MODEL_H

#include <stddef.h>
#include <stdint.h>

#define MODEL_DATE_LEN 11   /* "YYYY-MM-DD" + NUL */

enum role {
	ROLE_ADMIN,
	ROLE_PROSECUTOR,
	ROLE_POLICE,
	ROLE_ANALYST,
	ROLE_AUDITOR,
	ROLE_LIAISON,
	ROLE__MAX
};

struct office {
	int64_t id;
	const char *code;             /* short unique code, "FEPMTP-MDD" */
	const char *name;
	const char *kind;             /* CB_OFFICE_KIND */
	const char *distrito_fiscal;  /* CB_DISTRITO_FISCAL */
	const char *department;       /* CB_DEPARTMENT, "17" */
};

struct user {
	int64_t id;
	const char *name;             /* login name, not an identity of a victim */
	enum role role;
	int64_t office_id;            /* 0 for national roles without an office */
	int locked;
	const char *pwhash;           /* Argon2id string (crypto/password.h) */
	const char *lang;             /* "es" or "en" */
	int failed_logins;
	int64_t created;              /* unix seconds */
};

/* A place: a Peruvian UBIGEO code (2, 4 or 6 INEI digits) or a country. */
struct place {
	const char *country;          /* ISO 3166 alpha-2, "PE" */
	const char *ubigeo;           /* INEI code when country is PE, else "" */
};

struct person {
	int64_t id;
	/* IDENTITY — sealed at rest */
	const char *name;             /* full name as written, "María Quispe Mamani" */
	const char *doc_type;         /* CB_DOC_TYPE (not identifying alone) */
	const char *doc_number;
	const char *birth_date;       /* exact date */
	const char *address;
	const char *alias;            /* nickname used in the network */
	/* non-identifying */
	const char *sex;              /* CB_SEX */
	int birth_year;               /* 0 = unknown */
	const char *nationality;      /* CB_COUNTRY */
	const char *origin_ubigeo;    /* region of origin (INEI), "" if abroad/unknown */
};

struct coercive_measure {
	const char *kind;             /* CB_COERCIVE_MEASURE */
	char date[MODEL_DATE_LEN];
};

/* A protection measure, assistance service or referral a victim received
 * (issue 10, item 3): what, from whom, when, with or without the victim's
 * consent, and what came of it. Codes only. */
struct protection {
	const char *measure;          /* CB_PROTECTION */
	const char *provider;         /* CB_PROVIDER */
	char date[MODEL_DATE_LEN];
	char end_date[MODEL_DATE_LEN];
	int consent;                  /* 1 given, 0 refused, -1 not recorded */
	const char *result;           /* CB_PROTECTION_RESULT */
};

struct victim_attrs {
	int age_at_recruitment;       /* -1 = unknown */
	const char *trafficking_status;   /* CB_TRAFFICKING_STATUS */
	const char **exploitation;  size_t nexploitation;   /* CB_EXPLOITATION */
	const char **control;       size_t ncontrol;        /* CB_CONTROL */
	const char **recruitment;   size_t nrecruitment;    /* CB_RECRUITMENT */
	const char **assistance;    size_t nassistance;     /* CB_ASSISTANCE */
	const char **means;         size_t nmeans;          /* CB_MEANS (art. 129-A(1)) */
	const char **vulnerability; size_t nvulnerability;  /* CB_VULNERABILITY */
	const char *relationship;     /* CB_RELATIONSHIP */
	struct place recruitment_place;
	struct place exploitation_place;
	char recruitment_date[MODEL_DATE_LEN];
	char exploitation_start[MODEL_DATE_LEN];
	char exploitation_end[MODEL_DATE_LEN];
	char rescue_date[MODEL_DATE_LEN];
	struct protection *protection; size_t nprotection;  /* in entry order */
};

/* One dated step of a suspect's procedural path (CB_PATH_STEP; the rules
 * are in core/outcome.h). A step that convicts may carry the sentence and
 * a judgement the civil reparation; 0 / NULL = not given. */
struct path_step {
	const char *step;             /* CB_PATH_STEP */
	char date[MODEL_DATE_LEN];    /* the decision's date */
	const char *offence;          /* CB_OFFENCE charged, reclassified or convicted of */
	int prison_months;            /* years * 12 + months of prison */
	int suspended;                /* 1: suspended sentence (CP art. 57) */
	int days_fine;                /* días-multa (CP art. 41) */
	int disqualification_months;  /* inhabilitación (CP arts. 36-38) */
	const char *disqualification; /* its CP art. 36 clauses, "1,2,8", or NULL */
	int64_t reparation_cents;     /* reparación civil ordered (CP art. 93) */
	const char *reparation_currency;   /* CB_CURRENCY; NULL = no order */
};

/* An amount of the civil reparation paid (in the order's currency). */
struct reparation_payment {
	char date[MODEL_DATE_LEN];
	int64_t amount_cents;
};

struct suspect_attrs {
	const char **network_roles; size_t nnetwork_roles;  /* CB_NETWORK_ROLE */
	const char **charges;       size_t ncharges;        /* CB_OFFENCE */
	struct coercive_measure *measures; size_t nmeasures;
	struct path_step *path;     size_t npath;           /* in date order */
	struct reparation_payment *payments; size_t npayments;
	/* derived from the path (core/outcome.h), kept in the register for
	 * lists and statistics */
	const char *outcome;          /* CB_OUTCOME */
	int sentence_months;          /* the prison in force; 0 = none */
	int64_t reparation_cents;     /* the civil reparation in force */
	const char *reparation_currency;
	char convicted_on[MODEL_DATE_LEN];   /* judgement of the conviction in force, "" */
	char prosecuted_on[MODEL_DATE_LEN];  /* first indictment or judgement, "" */
	const char *offence;          /* CB_OFFENCE of the conviction, else the charge */
};

/* A person's part in one case: the same person may be a victim in one case
 * and a suspect in another. */
struct participation {
	int64_t id;
	int64_t case_id;
	int64_t person_id;
	const char *role;             /* CB_PERSON_ROLE */
	struct person person;         /* filled when read with the person */
	struct victim_attrs victim;   /* meaningful when role is victim */
	struct suspect_attrs suspect; /* meaningful when role is suspect */
};

struct event {
	int64_t id;
	int64_t case_id;
	const char *stage;            /* CB_STAGE */
	char date[MODEL_DATE_LEN];
	const char *note;             /* IDENTITY-bearing free text: sealed */
	int64_t recorded_by;          /* user id */
	int64_t recorded_at;          /* unix seconds */
};

/* One step of an asset's life (identified, seized, frozen, confiscated,
 * forfeiture proceeding, handed to PRONABI, sold...); the last step is the
 * asset's current stage. */
struct asset_measure {
	const char *measure;          /* CB_ASSET_MEASURE */
	char date[MODEL_DATE_LEN];
	int64_t value_cents;          /* realised value of a sale or assignment, 0 = none */
	const char *reference;        /* resolution or file number, NULL = none */
};

struct asset {
	int64_t id;
	int64_t case_id;
	const char *kind;             /* CB_ASSET_KIND */
	const char *description;      /* free text: sealed */
	int64_t value_cents;          /* estimated value */
	const char *currency;         /* CB_CURRENCY */
	struct asset_measure *measures; size_t nmeasures;
	/* its owner or front man: in a document the position in `persons`
	 * plus one (0 = none); stored, the participation's id (0 = none) */
	size_t owner_pos;
	int64_t owner_part;
	const char *owner_relation;   /* CB_OWNER_RELATION */
	const char *forfeiture_file;  /* extinción de dominio file number, NULL = none */
};

/* A phone, e-mail, account, plate, tax id, address or handle that ties
 * cases together. The value is IDENTITY: sealed, found by blind index. */
struct identifier {
	int64_t id;
	int64_t case_id;
	int64_t person_id;            /* 0 when tied to the case only */
	int person_index;             /* in a case document: index into parts, -1 none */
	size_t asset_pos;             /* an asset's identifier: its position in assets + 1
	                                 (0 = none), in a document and once read */
	int64_t asset_id;             /* that asset's id once stored (0 = none) */
	const char *kind;             /* CB_IDENTIFIER_KIND */
	const char *value;            /* IDENTITY */
};

struct intl_request {
	int64_t id;
	int64_t case_id;
	const char *direction;        /* CB_REQUEST_DIRECTION */
	const char *country;          /* CB_COUNTRY */
	const char *authority;        /* counterpart authority, e.g. "Fiscalía General del Estado" */
	const char *type;             /* CB_REQUEST_TYPE */
	const char *status;           /* CB_REQUEST_STATUS */
	char sent[MODEL_DATE_LEN];
	char received[MODEL_DATE_LEN];
	char due[MODEL_DATE_LEN];
	char answered[MODEL_DATE_LEN];/* the date the answer came (outgoing) or went (incoming) */
	const char *reference;        /* counterpart's file number, not identifying */
	const char *legal_basis;      /* CB_LEGAL_BASIS, NULL = not recorded */
	const char *channel;          /* CB_REQUEST_CHANNEL, NULL = not recorded */
	const char **assistance;    size_t nassistance;     /* CB_REQUEST_ASSISTANCE: what is asked */
	int64_t *persons;           size_t npersons;        /* persons.id of the case it concerns */
	int64_t *assets;            size_t nassets;         /* assets.id of the case it concerns */
};

/* The legal term of the investigation running on a case (core/ncpp.h),
 * derived from its events like the stage. */
struct case_term {
	const char *kind;             /* CB_LEGAL_TERM; NULL when no term runs */
	char start[MODEL_DATE_LEN];   /* the date it runs from */
	char due[MODEL_DATE_LEN];     /* its last day, extension included */
	int extended;                 /* an extension was granted */
};

/* A move of a case from one office to another (derivación): the case goes
 * with all its history; the reason is free text, sealed. */
struct case_transfer {
	int64_t id;
	int64_t case_id;
	int64_t from_office, to_office;
	const char *from_code, *to_code;  /* the offices' codes (when read) */
	const char *reason;           /* free text: sealed */
	int64_t by;                   /* user id */
	const char *by_name;          /* that user's name (when read) */
	int64_t at;                   /* unix seconds */
};

/* The police report a case came from (issue 10, item 6). */
struct police_intake {
	const char *kind;             /* CB_POLICE_REPORT_KIND: informe, atestado */
	const char *number;           /* the report's number */
	const char *unit;             /* the police unit that wrote it */
	const char *reta;             /* RETA-PNP reference */
	const char *sidpol;           /* SIDPOL reference */
	char received[MODEL_DATE_LEN];/* the date it reached the prosecutor */
};

struct kcase {
	int64_t id;
	const char *number;           /* carpeta fiscal, unique */
	int64_t office_id;
	char complaint_date[MODEL_DATE_LEN];
	const char *complaint_source; /* CB_COMPLAINT_SOURCE */
	struct place place;           /* place of the facts */
	const char **offences;      size_t noffences;       /* CB_OFFENCE */
	const char **related;       size_t nrelated;        /* CB_RELATED_OFFENCE */
	const char **aggravating;   size_t naggravating;    /* CB_AGGRAVATING (arts. 129-B, 129-Ñ) */
	const char *summary;          /* free text: sealed */
	const char *stage;            /* derived from events (app/cases.c) */
	struct case_term term;        /* derived from events (core/ncpp.h) */
	int synthetic;                /* 1 when made by `khipu demo` */
	int64_t created_by;
	int64_t created_at;
	int64_t version;              /* of the case document: 1 at registration, +1 a revision */
	int64_t *shared_with;       size_t nshared;         /* office ids */
	int64_t assigned_to;          /* the assigned prosecutor's user id, 0 = none */
	const char *assignee;         /* that user's name (when read), NULL = none */
	struct case_transfer *transfers; size_t ntransfers; /* oldest first */
	struct police_intake police;  /* all NULL / "" when not recorded */

	struct participation *parts; size_t nparts;
	struct event *events;       size_t nevents;
	struct asset *assets;       size_t nassets;
	struct identifier *idents;  size_t nidents;
	struct intl_request *requests; size_t nrequests;
};

/* One entry of the hash-chained audit trail. Holds no identity in clear:
 * objects are named by type and id only. */
struct audit_entry {
	int64_t seq;                  /* 1, 2, 3... */
	int64_t ts;                   /* unix seconds */
	const char *actor;            /* user name, or "system" */
	const char *action;           /* policy action name, "case.create" */
	const char *object;           /* "case:17", "person:4", "" */
	const char *detail;           /* JSON object, no identities */
	uint32_t key_id;              /* key whose audit subkey MACs this entry */
	unsigned char prev[32];       /* hash of the previous entry (zeros for seq 1) */
	unsigned char hash[32];       /* keyed BLAKE2b over prev and the fields */
};

#endif
