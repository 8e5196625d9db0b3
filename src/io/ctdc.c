/*
 * ctdc.c — reading CTDC files (ctdc.h): the column table of every format,
 * header detection, value checks and the mapping to the codebook.
 *
 * Column names and codings follow shared/reference/standards.md §2.2-2.5.
 * Values are accepted in the spelling of any CTDC release (Female or Woman,
 * ISO alpha-2 or alpha-3, flags 1/0/-99/empty or 1.0/0.0), so an extract
 * whose header fits several formats reads the same whichever it is; the
 * format reported is the one the values point to.
 */
#include "io/ctdc.h"

#include <csv.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "core/codebook.h"
#include "io/iso3166.h"
#include "lib/i18n.h"
#include "lib/xalloc.h"

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_COLS 160
#define MAX_FIELD 4096

#define G   (1u << CTDC_GLOBAL)
#define S21 (1u << CTDC_SYNTH_2021)
#define S24 (1u << CTDC_SYNTH_2024)
#define VP  (1u << CTDC_VP_2022)

enum col_kind {
	K_YEAR,          /* yearOfRegistration */
	K_YEAR_BAND,     /* VP yearRegister: a year or "2014-2018" */
	K_GENDER,
	K_AGE,           /* ageBroad */
	K_MAJORITY,      /* majorityStatus: Adult / Minor at registration */
	K_CHECK_MAJORITY,/* majority at another time: checked, not counted */
	K_CITIZENSHIP,
	K_COUNTRY_EXPL,
	K_UN_REGION,     /* dim = origin_un_region / exploitation_un_region */
	K_FLAG,          /* 1 adds (dim, code) */
	K_FLAG_TWO,      /* isSexAndLabour: both forms */
	K_FLAG_CHECK,    /* a flag counted nowhere (NotSpecified) */
	K_VP_RELATION,   /* IP_Relation: values separated by ';' */
	K_TEXT,          /* accepted as it is, not counted (concatenations, perpetrators) */
};

struct col_def {
	const char *name;
	unsigned formats;
	enum col_kind kind;
	const char *dim;
	const char *code;
};

#define EXP "exploitation"
#define MOC "means_of_control"
#define LAB "labour_sector"
#define SEX "sexual_exploitation_type"
#define REL "relationship"

static const struct col_def ctdc_cols[] = {
	{ "yearOfRegistration", G | S21 | S24, K_YEAR, NULL, NULL },
	{ "Datasource", G, K_TEXT, NULL, NULL },
	{ "gender", G | S21 | S24 | VP, K_GENDER, NULL, NULL },
	{ "ageBroad", G | S21 | S24, K_AGE, NULL, NULL },
	{ "majorityStatus", G | VP, K_MAJORITY, NULL, NULL },
	{ "majorityStatusAtExploit", G | S21, K_CHECK_MAJORITY, NULL, NULL },
	{ "majorityEntry", G, K_CHECK_MAJORITY, NULL, NULL },
	{ "citizenship", G | S21 | S24, K_CITIZENSHIP, NULL, NULL },
	{ "traffickMonths", S21 | S24, K_TEXT, NULL, NULL },
	/* means of control: 18 flags in the Global Dataset, 15 in 2021 */
	{ "meansOfControlDebtBondage", G | S21, K_FLAG, MOC, "debt_bondage" },
	{ "meansOfControlTakesEarnings", G | S21, K_FLAG, MOC, "takes_earnings" },
	{ "meansOfControlRestrictsFinancialAccess", G, K_FLAG, MOC, "restricts_financial_access" },
	{ "meansOfControlThreats", G | S21, K_FLAG, MOC, "threats" },
	{ "meansOfControlPsychologicalAbuse", G | S21, K_FLAG, MOC, "psychological_abuse" },
	{ "meansOfControlPhysicalAbuse", G | S21, K_FLAG, MOC, "physical_abuse" },
	{ "meansOfControlSexualAbuse", G | S21, K_FLAG, MOC, "sexual_abuse" },
	{ "meansOfControlFalsePromises", G | S21, K_FLAG, MOC, "false_promises" },
	{ "meansOfControlPsychoactiveSubstances", G | S21, K_FLAG, MOC, "psychoactive_substances" },
	{ "meansOfControlRestrictsMovement", G | S21, K_FLAG, MOC, "restricts_movement" },
	{ "meansOfControlRestrictsMedicalCare", G | S21, K_FLAG, MOC, "restricts_medical_care" },
	{ "meansOfControlExcessiveWorkingHours", G | S21, K_FLAG, MOC, "excessive_working_hours" },
	{ "meansOfControlUsesChildren", G, K_FLAG, MOC, "threatens_children_family" },
	{ "meansOfControlThreatOfLawEnforcement", G | S21, K_FLAG, MOC, "threat_of_law_enforcement" },
	{ "meansOfControlWithholdsNecessities", G | S21, K_FLAG, MOC, "withholds_necessities" },
	{ "meansOfControlWithholdsDocuments", G | S21, K_FLAG, MOC, "withholds_documents" },
	{ "meansOfControlOther", G | S21, K_FLAG, MOC, "other" },
	{ "meansOfControlNotSpecified", G, K_FLAG_CHECK, NULL, NULL },
	{ "meansOfControlConcatenated", G, K_TEXT, NULL, NULL },
	/* 2024: eight aggregated means; the coarser ones keep their own codes */
	{ "meansDebtBondageEarnings", S24, K_FLAG, MOC, "debt_bondage_or_earnings" },
	{ "meansThreats", S24, K_FLAG, MOC, "threats" },
	{ "meansAbusePsyPhySex", S24, K_FLAG, MOC, "psychological_physical_sexual_abuse" },
	{ "meansFalsePromises", S24, K_FLAG, MOC, "false_promises" },
	{ "meansDrugsAlcohol", S24, K_FLAG, MOC, "psychoactive_substances" },
	{ "meansDenyBasicNeeds", S24, K_FLAG, MOC, "denies_basic_needs" },
	{ "meansExcessiveWorkHours", S24, K_FLAG, MOC, "excessive_working_hours" },
	{ "meansWithholdDocs", S24, K_FLAG, MOC, "withholds_documents" },
	/* forms of exploitation */
	{ "isForcedLabour", G | S21 | S24 | VP, K_FLAG, EXP, "forced_labour" },
	{ "isSexualExploit", G | S21 | S24 | VP, K_FLAG, EXP, "sexual_exploitation" },
	{ "isOtherExploit", G | S21 | S24, K_FLAG, EXP, "other" },
	{ "isSexAndLabour", G, K_FLAG_TWO, EXP, NULL },
	{ "isForcedMarriage", G, K_FLAG, EXP, "forced_marriage" },
	{ "isForcedMilitary", G, K_FLAG, EXP, "forced_military" },
	{ "isOrganRemoval", G, K_FLAG, EXP, "organ_removal" },
	{ "isSlaveryAndPractices", G, K_FLAG, EXP, "slavery" },
	{ "typeOfExploitConcatenated", G, K_TEXT, NULL, NULL },
	/* sectors of forced labour (2026: sectorOfLabour...) */
	{ "typeOfLabourAgriculture", G | S21 | S24, K_FLAG, LAB, "agriculture" },
	{ "typeOfLabourAquafarming", G, K_FLAG, LAB, "aquafarming" },
	{ "typeOfLabourBegging", G, K_FLAG, LAB, "begging" },
	{ "typeOfLabourConstruction", G | S21 | S24, K_FLAG, LAB, "construction" },
	{ "typeOfLabourDomesticWork", G | S21 | S24, K_FLAG, LAB, "domestic_work" },
	{ "typeOfLabourHospitality", G | S21 | S24, K_FLAG, LAB, "hospitality" },
	{ "typeOfLabourIllicitActivities", G, K_FLAG, LAB, "illicit_activities" },
	{ "typeOfLabourManufacturing", G, K_FLAG, LAB, "manufacturing" },
	{ "typeOfLabourMiningOrDrilling", G, K_FLAG, LAB, "mining_or_drilling" },
	{ "typeOfLabourPeddling", G, K_FLAG, LAB, "peddling" },
	{ "typeOfLabourTransportation", G, K_FLAG, LAB, "transportation" },
	{ "typeOfLabourOther", G | S21, K_FLAG, LAB, "other" },
	{ "typeOfLabourNotSpecified", G, K_FLAG_CHECK, NULL, NULL },
	{ "typeOfLabourConcatenated", G, K_TEXT, NULL, NULL },
	{ "sectorOfLabourAgriculture", S24, K_FLAG, LAB, "agriculture" },
	{ "sectorOfLabourConstruction", S24, K_FLAG, LAB, "construction" },
	{ "sectorOfLabourDomesticWork", S24, K_FLAG, LAB, "domestic_work" },
	{ "sectorOfLabourHospitality", S24, K_FLAG, LAB, "hospitality" },
	/* types of sexual exploitation */
	{ "typeOfSexProstitution", G | S21 | S24, K_FLAG, SEX, "prostitution" },
	{ "typeOfSexPornography", G | S21 | S24, K_FLAG, SEX, "pornography" },
	{ "typeOfSexRemoteInteractiveServices", G, K_FLAG, SEX, "remote_interactive_services" },
	{ "typeOfSexPrivateSexualServices", G, K_FLAG, SEX, "private_sexual_services" },
	{ "typeOfSexOther", S21, K_FLAG, SEX, "other" },
	{ "typeOfSexConcatenated", G, K_TEXT, NULL, NULL },
	{ "sectorOfSexProstitution", S24, K_FLAG, SEX, "prostitution" },
	{ "sectorOfSexPornography", S24, K_FLAG, SEX, "pornography" },
	/* recruitment and the recruiter */
	{ "isAbduction", G, K_FLAG, "recruitment", "abduction" },
	{ "RecruiterRelationship", G, K_TEXT, NULL, NULL },
	{ "CountryOfExploitation", G | S21 | S24, K_COUNTRY_EXPL, NULL, NULL },
	{ "recruiterRelationIntimatePartner", G | S21 | S24, K_FLAG, REL, "intimate_partner" },
	{ "recruiterRelationFriend", G | S21 | S24, K_FLAG, REL, "friend_acquaintance" },
	{ "recruiterRelationFamily", G | S21 | S24, K_FLAG, REL, "family" },
	{ "recruiterRelationOther", G | S21 | S24, K_FLAG, REL, "other" },
	{ "recruiterRelationUnknown", G, K_FLAG, REL, "unknown" },
	/* the victim-perpetrator dataset: victims' regions, perpetrators' traits */
	{ "yearRegister", VP, K_YEAR_BAND, NULL, NULL },
	{ "UN_COO_Region", VP, K_UN_REGION, "origin_un_region", NULL },
	{ "UN_COE_Region", VP, K_UN_REGION, "exploitation_un_region", NULL },
	{ "IP_Exploiter", VP, K_FLAG_CHECK, NULL, NULL },
	{ "IP_Gender", VP, K_TEXT, NULL, NULL },
	{ "IP_ageBroad", VP, K_TEXT, NULL, NULL },
	{ "IP_citizen_UNRegion", VP, K_TEXT, NULL, NULL },
	{ "IP_Relation", VP, K_VP_RELATION, REL, NULL },
	{ "IP_PayMoney", VP, K_TEXT, NULL, NULL },
	{ "IP_RecruiterBroker", VP, K_FLAG_CHECK, NULL, NULL },
	{ "IP_TransactionProcess", VP, K_FLAG_CHECK, NULL, NULL },
	{ "IP_ControlAbuseKidnap", VP, K_FLAG_CHECK, NULL, NULL },
};

static const char *const format_names[CTDC__MAX] = {
	[CTDC_GLOBAL] = "ctdc-global",
	[CTDC_SYNTH_2021] = "ctdc-synthetic-2021",
	[CTDC_SYNTH_2024] = "ctdc-synthetic-2024",
	[CTDC_VP_2022] = "ctdc-victim-perpetrator-2022",
};

static const char *const format_titles[CTDC__MAX] = {
	[CTDC_GLOBAL] = "CTDC Global Dataset (k-anonymised)",
	[CTDC_SYNTH_2021] = "CTDC Global Synthetic Dataset 2021",
	[CTDC_SYNTH_2024] = "CTDC Global Synthetic Dataset 2024/2025",
	[CTDC_VP_2022] = "CTDC Global Victim-Perpetrator Synthetic Dataset 2022",
};

static const char *const age_bands[] = {
	"0--8", "9--17", "18--20", "21--23", "24--26", "27--29", "30--38", "39--47", "48+",
};

const char *
ctdc_format_name(enum ctdc_format f)
{
	return (unsigned)f < CTDC__MAX ? format_names[f] : "";
}

const char *
ctdc_format_title(enum ctdc_format f)
{
	return (unsigned)f < CTDC__MAX ? format_titles[f] : "";
}

/* Columns of the full format f. */
static size_t
format_width(enum ctdc_format f)
{
	size_t i, n = 0;

	for (i = 0; i < NELEM(ctdc_cols); i++)
		if (ctdc_cols[i].formats & (1u << f))
			n++;
	/* the 2026 names duplicate four 2024 sectors: count one spelling */
	return f == CTDC_SYNTH_2024 ? n - 6 : n;
}

/* The 2021 file cuts names at 32 characters. */
static const struct col_def *
find_col(const char *name)
{
	size_t i, len = strlen(name);

	for (i = 0; i < NELEM(ctdc_cols); i++)
		if (strcmp(ctdc_cols[i].name, name) == 0)
			return &ctdc_cols[i];
	if (len == 32)
		for (i = 0; i < NELEM(ctdc_cols); i++)
			if (strncmp(ctdc_cols[i].name, name, 32) == 0 &&
			    (ctdc_cols[i].formats & S21))
				return &ctdc_cols[i];
	return NULL;
}

/* ---- the reader ---- */

struct reader {
	int flags;
	ctdc_row_cb cb;
	void *ctx;
	struct ctdc_info *info;
	struct kerr *err;
	int failed, stop;
	int header_done;
	char *fld[MAX_COLS];
	size_t nfld;
	int overflow;                        /* a row with too many or too long fields */
	const struct col_def *map[MAX_COLS]; /* NULL = ignored column */
	char *names[MAX_COLS];
	size_t ncols;
	size_t row;
	/* evidence for the format among candidates */
	size_t iso2, iso3, minus99, zero_flags, woman_man, female_male;
};

static void
row_reset(struct reader *r)
{
	size_t i;

	for (i = 0; i < r->nfld; i++)
		free(r->fld[i]);
	r->nfld = 0;
	r->overflow = 0;
}

static void
on_field(void *s, size_t len, void *data)
{
	struct reader *r = data;

	if (r->stop)
		return;
	if (r->nfld == MAX_COLS || len > MAX_FIELD) {
		r->overflow = 1;
		return;
	}
	r->fld[r->nfld++] = s == NULL ? xstrdup("") : xstrndup(s, len);
}

/* Trim blanks at both ends, in place. */
static char *
trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		*--e = '\0';
	return s;
}

static void
add_ignored(struct ctdc_info *info, const char *name)
{
	size_t len = strlen(info->ignored);

	info->nignored++;
	if (len + strlen(name) + 3 < sizeof(info->ignored))
		snprintf(info->ignored + len, sizeof(info->ignored) - len, "%s%s",
			len ? ", " : "", name);
}

static const char *
first_format_name(unsigned bits)
{
	int f;

	for (f = 0; f < CTDC__MAX; f++)
		if (bits & (1u << f))
			return format_names[f];
	return "";
}

/* Stop reading with err filled (a header or file problem, not a row's). */
static void
fail(struct reader *r, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void
fail(struct reader *r, const char *field, const char *fmt, ...)
{
	char msg[300];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	kerr_field(r->err, KERR_INVALID, field, "%s", msg);
	r->failed = 1;
	r->stop = 1;
}

static void
do_header(struct reader *r)
{
	unsigned cand = ~0u;
	size_t i, j;
	const struct col_def *d;

	r->ncols = r->nfld;
	r->info->ncolumns = r->nfld;
	if (r->overflow)
		return fail(r, "header", _("the header has more than %d columns"), MAX_COLS);
	for (i = 0; i < r->ncols; i++) {
		char *name = r->fld[i];
		/* a UTF-8 byte-order mark before the first name */
		if (i == 0 && (unsigned char)name[0] == 0xEF && (unsigned char)name[1] == 0xBB &&
		    (unsigned char)name[2] == 0xBF)
			memmove(name, name + 3, strlen(name + 3) + 1);
		r->names[i] = xstrdup(trim(name));
		if (r->names[i][0] == '\0')
			return fail(r, "header", _("column %zu has no name"), i + 1);
		for (j = 0; j < i; j++)
			if (strcmp(r->names[j], r->names[i]) == 0)
				return fail(r, r->names[i],
					_("column '%s' appears twice in the header (column %zu)"),
					r->names[i], i + 1);
		if ((d = find_col(r->names[i])) == NULL) {
			if (!(r->flags & CTDC_IGNORE_UNKNOWN))
				return fail(r, r->names[i],
					_("unknown column '%s' (column %zu): no CTDC format has it; "
					  "--ignore-unknown-columns skips such columns"), r->names[i], i + 1);
			add_ignored(r->info, r->names[i]);
			continue;
		}
		r->map[i] = d;
		r->info->nknown++;
		if ((cand & d->formats) == 0) {
			/* name the two columns that no single format has together */
			for (j = 0; j < i; j++)
				if (r->map[j] && (r->map[j]->formats & d->formats) == 0)
					break;
			char msg[300];
			snprintf(msg, sizeof(msg), _("the header mixes CTDC formats: '%s' (%s) and "
				"'%s' (%s) are never in the same file"), j < i ? r->names[j] : "?",
				j < i ? first_format_name(r->map[j]->formats) : "?", r->names[i],
				first_format_name(d->formats));
			kerr_field(r->err, KERR_INVALID, r->names[i], "%s", msg);
			r->failed = r->stop = 1;
			return;
		}
		cand &= d->formats;
	}
	if (r->info->nknown == 0)
		return fail(r, "header",
			_("no CTDC column in the header (%zu columns); is this a CTDC file?"), r->ncols);
	r->info->candidates = cand & (G | S21 | S24 | VP);
	for (i = 0; i < CTDC__MAX; i++)
		if (r->info->candidates & (1u << i)) {
			r->info->format = (enum ctdc_format)i;
			break;
		}
	r->header_done = 1;
}

/* ---- values ---- */

static int
unknown_value(const char *v)
{
	return *v == '\0' || strcmp(v, "-99") == 0;
}

/* 1, 0 or -1 when v is not a flag. */
static int
flag_value(struct reader *r, const char *v)
{
	if (strcmp(v, "1") == 0 || strcmp(v, "1.0") == 0)
		return 1;
	if (*v == '\0')
		return 0;
	if (strcmp(v, "-99") == 0) {
		r->minus99++;
		return 0;
	}
	if (strcmp(v, "0") == 0 || strcmp(v, "0.0") == 0) {
		r->zero_flags++;
		return 0;
	}
	return -1;
}

/* Reject a value: fmt is a whole translated sentence with one %s, the
 * value (cut at 40 bytes). */
static int
reject(struct kerr *why, const char *col, const char *fmt, const char *v)
{
	char val[44];

	snprintf(val, sizeof(val), "%.40s", v);
	kerr_field(why, KERR_INVALID, col, fmt, val);
	return -1;
}

static int
add_code(struct ctdc_record *rec, const char *dim, const char *code)
{
	size_t i;

	for (i = 0; i < rec->ncodes; i++)
		if (strcmp(rec->codes[i].dim, dim) == 0 && strcmp(rec->codes[i].code, code) == 0)
			return 0;
	if (rec->ncodes == CTDC_MAX_CODES)
		return 0;
	rec->codes[rec->ncodes].dim = dim;
	rec->codes[rec->ncodes++].code = code;
	return 0;
}

static int
set_gender(struct reader *r, struct ctdc_record *rec, struct kerr *why, const char *col,
	const char *v)
{
	if (unknown_value(v) || strcasecmp(v, "Unknown") == 0)
		return 0;
	if (strcasecmp(v, "Female") == 0 || strcasecmp(v, "Woman") == 0 ||
	    strcasecmp(v, "Girl") == 0) {
		rec->sex = "female";
		(v[0] == 'W' || v[0] == 'w' ? r->woman_man++ : r->female_male++);
		return 0;
	}
	if (strcasecmp(v, "Male") == 0 || strcasecmp(v, "Man") == 0 || strcasecmp(v, "Boy") == 0) {
		rec->sex = "male";
		(v[1] == 'a' && v[2] == 'n' && v[3] == '\0' ? r->woman_man++ : r->female_male++);
		return 0;
	}
	if (strstr(v, "Trans") != NULL || strstr(v, "NonConforming") != NULL) {
		rec->sex = "non_conforming";
		return 0;
	}
	return reject(why, col, _("'%s' is not a gender (Female, Male, Woman, Man, Transgender/NonConforming)"),
		v);
}

static int
set_country(struct reader *r, const char **dst, struct kerr *why, const char *col,
	const char *v)
{
	const struct cb_entry *e;
	const char *a2;

	/* "0" is the Global Dataset's undocumented unknown; "NA" is Namibia */
	if (unknown_value(v) || strcmp(v, "0") == 0)
		return 0;
	if (strlen(v) == 2 && (e = cb_lookup(CB_COUNTRY, v)) != NULL) {
		*dst = e->code;
		r->iso2++;
		return 0;
	}
	if (strlen(v) == 3 && (a2 = iso3166_alpha2(v)) != NULL &&
	    (e = cb_lookup(CB_COUNTRY, a2)) != NULL) {
		*dst = e->code;
		r->iso3++;
		return 0;
	}
	return reject(why, col, _("'%s' is not an ISO 3166 country code"), v);
}

static int
set_un_region(struct ctdc_record *rec, struct kerr *why, const struct col_def *d,
	const char *col, const char *v)
{
	static const char *const names[][2] = {
		{ "Africa", "africa" }, { "Americas/Oceania", "americas_oceania" },
		{ "Americas", "americas" }, { "Oceania", "oceania" }, { "Asia", "asia" },
		{ "Europe", "europe" },
	};
	size_t i;

	if (unknown_value(v))
		return 0;
	for (i = 0; i < NELEM(names); i++)
		if (strcmp(names[i][0], v) == 0)
			return add_code(rec, d->dim, names[i][1]);
	return reject(why, col, _("'%s' is not a UN region (Africa, Americas/Oceania, Asia, Europe)"), v);
}

static int
set_vp_relation(struct ctdc_record *rec, struct kerr *why, const char *col, const char *v)
{
	static const char *const names[][2] = {
		{ "FamilyIntimatePartner", "family_intimate_partner" },
		{ "FriendAcquaintance", "friend_acquaintance" },
		{ "StrangerUnknownOther", "stranger_unknown_other" },
	};
	const char *p = v;
	size_t i, len;

	if (unknown_value(v))
		return 0;
	for (;;) {
		len = strcspn(p, ";");
		for (i = 0; i < NELEM(names); i++)
			if (strlen(names[i][0]) == len && strncmp(names[i][0], p, len) == 0)
				break;
		if (i == NELEM(names))
			return reject(why, col, _("'%s' is not a relationship (FamilyIntimatePartner, "
				"FriendAcquaintance, StrangerUnknownOther; ';' between several)"), v);
		add_code(rec, REL, names[i][1]);
		if (p[len] == '\0')
			return 0;
		p += len + 1;
	}
}

static int
set_year(struct ctdc_record *rec, struct kerr *why, const char *col, const char *v, int band)
{
	char *end;
	long y, y2;

	if (unknown_value(v))
		return 0;
	y = strtol(v, &end, 10);
	if (end - v == 4 && y >= 1900 && y <= 2100 && *end == '\0') {
		rec->year = (int)y;
		if (band)
			add_code(rec, "year_band", v);
		return 0;
	}
	if (band && end - v == 4 && *end == '-') {
		y2 = strtol(end + 1, &end, 10);
		if (*end == '\0' && y >= 1900 && y2 > y && y2 <= 2100 && strlen(v) == 9) {
			/* a band such as 2014-2018: no single year */
			add_code(rec, "year_band", v);
			return 0;
		}
	}
	return reject(why, col, band ? _("'%s' is not a year or a band of years (2014-2018)") :
		_("'%s' is not a year"), v);
}

static int
set_age(struct ctdc_record *rec, struct kerr *why, const char *col, const char *v)
{
	size_t i;

	if (unknown_value(v))
		return 0;
	for (i = 0; i < NELEM(age_bands); i++)
		if (strcmp(age_bands[i], v) == 0) {
			rec->age_band = age_bands[i];
			rec->age_group = i < 2 ? "child" : "adult";
			return 0;
		}
	return reject(why, col, _("'%s' is not a CTDC age band (0--8, 9--17, 18--20 ... 48+)"), v);
}

static int
check_majority(struct kerr *why, const char *col, const char *v, const char **group)
{
	if (unknown_value(v))
		return 0;
	if (strcmp(v, "Adult") == 0) {
		*group = "adult";
		return 0;
	}
	if (strcmp(v, "Minor") == 0) {
		*group = "child";
		return 0;
	}
	return reject(why, col, _("'%s' is not Adult or Minor"), v);
}

/* One value into rec; -1 with why filled when the value is not allowed. */
static int
map_value(struct reader *r, const struct col_def *d, const char *col, char *raw,
	struct ctdc_record *rec, struct kerr *why, const char **majority)
{
	const char *v = trim(raw), *ignored = NULL;
	int f;

	switch (d->kind) {
	case K_YEAR:
		return set_year(rec, why, col, v, 0);
	case K_YEAR_BAND:
		return set_year(rec, why, col, v, 1);
	case K_GENDER:
		return set_gender(r, rec, why, col, v);
	case K_AGE:
		return set_age(rec, why, col, v);
	case K_MAJORITY:
		return check_majority(why, col, v, majority);
	case K_CHECK_MAJORITY:
		return check_majority(why, col, v, &ignored);
	case K_CITIZENSHIP:
		return set_country(r, &rec->nationality, why, col, v);
	case K_COUNTRY_EXPL:
		return set_country(r, &rec->exploitation_country, why, col, v);
	case K_UN_REGION:
		return set_un_region(rec, why, d, col, v);
	case K_VP_RELATION:
		return set_vp_relation(rec, why, col, v);
	case K_TEXT:
		return 0;
	case K_FLAG:
	case K_FLAG_TWO:
	case K_FLAG_CHECK:
		if ((f = flag_value(r, v)) < 0)
			return reject(why, col, _("'%s' is not a flag (1, 0, -99 or empty)"), v);
		if (f == 1 && d->kind == K_FLAG)
			add_code(rec, d->dim, d->code);
		if (f == 1 && d->kind == K_FLAG_TWO) {
			add_code(rec, EXP, "sexual_exploitation");
			add_code(rec, EXP, "forced_labour");
		}
		return 0;
	}
	return 0;
}

static void
do_row(struct reader *r)
{
	struct ctdc_record rec;
	struct kerr why;
	const char *majority = NULL;
	size_t i;
	int bad = 0;

	r->row++;
	r->info->rows = r->row;
	if (r->overflow || r->nfld != r->ncols) {
		char msg[200];
		snprintf(msg, sizeof(msg), _("row %zu has %zu fields where the header has %zu: "
			"a truncated or garbled file"), r->row, r->nfld, r->ncols);
		kerr_field(r->err, KERR_INVALID, "row", "%s", msg);
		r->failed = r->stop = 1;
		return;
	}
	memset(&rec, 0, sizeof(rec));
	kerr_clear(&why);
	for (i = 0; i < r->ncols && !bad; i++)
		if (r->map[i] != NULL &&
		    map_value(r, r->map[i], r->names[i], r->fld[i], &rec, &why, &majority) < 0)
			bad = 1;
	if (!bad && rec.age_group == NULL)
		rec.age_group = majority;
	if (r->cb(r->ctx, r->row, bad ? NULL : &rec, &why))
		r->stop = 1;
}

static void
on_row(int c, void *data)
{
	struct reader *r = data;

	(void)c;
	if (!r->stop) {
		if (!r->header_done)
			do_header(r);
		else
			do_row(r);
	}
	row_reset(r);
}

/* Among the formats the header allows, the one the values point to. */
static enum ctdc_format
choose_format(const struct reader *r)
{
	unsigned c = r->info->candidates;

	/* the Global Dataset unless the values show a synthetic release
	 * (alpha-3 countries, Woman/Man) */
	if ((c & G) && (r->iso2 || r->minus99 || r->zero_flags || !(c & (S21 | S24)) ||
	    (!r->iso3 && !r->woman_man)))
		return CTDC_GLOBAL;
	if ((c & S24) && (r->woman_man || !(c & S21)))
		return CTDC_SYNTH_2024;
	if (c & S21)
		return CTDC_SYNTH_2021;
	if (c & S24)
		return CTDC_SYNTH_2024;
	return c & VP ? CTDC_VP_2022 : r->info->format;
}

enum kerr_code
ctdc_read(FILE *f, int flags, ctdc_row_cb cb, void *ctx, struct ctdc_info *info,
	struct kerr *err)
{
	struct csv_parser p;
	struct reader r;
	char chunk[65536];
	size_t got, i;

	memset(info, 0, sizeof(*info));
	memset(&r, 0, sizeof(r));
	r.flags = flags;
	r.cb = cb;
	r.ctx = ctx;
	r.info = info;
	r.err = err;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
		return kerr_set(err, KERR_INTERNAL, "cannot start the CSV parser");
	while (!r.stop && (got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (csv_parse(&p, chunk, got, on_field, on_row, &r) != got && !r.stop) {
			kerr_field(err, KERR_INVALID, "row", _("broken CSV after row %zu: %s"), r.row,
				csv_strerror(csv_error(&p)));
			r.failed = r.stop = 1;
		}
	if (!r.stop && ferror(f)) {
		kerr_set(err, KERR_IO, _("cannot read the file"));
		r.failed = 1;
	} else if (!r.stop && csv_fini(&p, on_field, on_row, &r) != 0 && !r.failed) {
		kerr_field(err, KERR_INVALID, "row", _("the file ends inside a quoted field after "
			"row %zu: a truncated file"), r.row);
		r.failed = 1;
	}
	row_reset(&r);
	csv_free(&p);
	for (i = 0; i < r.ncols; i++)
		free(r.names[i]);
	if (r.failed)
		return err->code;
	if (!r.header_done)
		return kerr_field(err, KERR_INVALID, "header", _("the file is empty: no CTDC header"));
	info->format = choose_format(&r);
	info->nformat = format_width(info->format);
	return KERR_OK;
}

/* ---- writing ---- */

static const char *const export_cols[] = {
	"yearOfRegistration", "Datasource", "gender", "ageBroad", "majorityStatus", "citizenship",
	"CountryOfExploitation", "isForcedLabour", "isSexualExploit", "isOtherExploit",
	"isForcedMarriage", "isOrganRemoval", "isSlaveryAndPractices", "isAbduction",
};

const char *const *
ctdc_export_columns(size_t *n)
{
	*n = NELEM(export_cols);
	return export_cols;
}
