/*
 * demo.c — a synthetic register with realistic Peruvian distributions
 * (reference/peru.md §1.2): complaints by distrito fiscal, women and minors,
 * illegal mining in Madre de Dios and Puno, the funnel with ~60% archived.
 * Deterministic: xoshiro256** seeded by the seed; dates never pass a fixed
 * horizon (DEMO_HORIZON), so the register does not depend on the day it runs.
 */
#include "app/app_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/codebook.h"
#include "core/outcome.h"
#include "core/validate.h"

/*
 * The last day any synthetic date may fall on. Fixed, not today: the same
 * seed must give the same register whatever the day. Should the clock ever
 * be earlier, the horizon is clamped to today (the register then differs).
 */
#define DEMO_HORIZON "2025-12-31"
#define DEMO_FIRST_YEAR 2017
#define DEMO_YEARS 9            /* 2017..2025 */
#define DEMO_MAX_VICTIMS 4
#define DEMO_MAX_SUSPECTS 3
#define DEMO_MAX_PARTS (DEMO_MAX_VICTIMS + DEMO_MAX_SUSPECTS + 1)
#define DEMO_MAX_EVENTS 8
#define DEMO_MAX_ASSETS 3

/* ==================================================================== */
/* Generator: xoshiro256** seeded through splitmix64                    */
/* ==================================================================== */

struct rng {
	uint64_t s[4];
};

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static void
rng_seed(struct rng *r, uint64_t seed)
{
	int i;

	for (i = 0; i < 4; i++)
		r->s[i] = splitmix64(&seed);
}

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t
rng_next(struct rng *r)
{
	uint64_t *s = r->s, result = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

/* Uniform in [0, n), n > 0 (Lemire's multiply-shift; the bias is < 2^-32). */
static uint32_t
rng_below(struct rng *r, uint32_t n)
{
	return (uint32_t)(((rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

/* Uniform in [lo, hi]. */
static int
rng_range(struct rng *r, int lo, int hi)
{
	return lo + (int)rng_below(r, (uint32_t)(hi - lo + 1));
}

/* 1 with probability permille/1000. */
static int
rng_chance(struct rng *r, unsigned permille)
{
	return rng_below(r, 1000) < permille;
}

static size_t
rng_pick_weight(struct rng *r, const unsigned *w, size_t n)
{
	unsigned total = 0, x;
	size_t i;

	for (i = 0; i < n; i++)
		total += w[i];
	x = rng_below(r, total);
	for (i = 0; i + 1 < n && x >= w[i]; i++)
		x -= w[i];
	return i;
}

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))
#define PICK(r, list) ((list)[rng_below((r), NELEM(list))])

/* ==================================================================== */
/* Dates as day numbers (days since 1970-01-01, proleptic Gregorian)    */
/* ==================================================================== */

static int64_t
days_from_civil(int y, int m, int d)
{
	int64_t era;
	unsigned yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = (unsigned)(y - era * 400);
	doy = (unsigned)((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1);
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + (int64_t)doe - 719468;
}

static void
civil_from_days(int64_t z, int *y, int *m, int *d)
{
	int64_t era;
	unsigned doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = (unsigned)(z - era * 146097);
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static void
put_digits(char *out, unsigned v, int width)
{
	while (width-- > 0) {
		out[width] = (char)('0' + v % 10);
		v /= 10;
	}
}

static void
fmt_date(char out[MODEL_DATE_LEN], int64_t day)
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	put_digits(out, (unsigned)y, 4);
	out[4] = '-';
	put_digits(out + 5, (unsigned)m, 2);
	out[7] = '-';
	put_digits(out + 8, (unsigned)d, 2);
	out[10] = '\0';
}

static int64_t
parse_day(const char *s)
{
	int y = 0, m = 0, d = 0;

	if (sscanf(s, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return 0;
	return days_from_civil(y, m, d);
}

static int
year_of(int64_t day)
{
	int y, m, d;

	civil_from_days(day, &y, &m, &d);
	return y;
}

/* ==================================================================== */
/* The codes the demo writes (each checked against the codebook first)  */
/* ==================================================================== */

enum demo_code {
	DC_FEMALE, DC_MALE, DC_SEX_UNKNOWN,
	DC_DNI, DC_CE, DC_PASSPORT, DC_PTP, DC_FOREIGN_ID,
	DC_VICTIM, DC_SUSPECT, DC_WITNESS,
	DC_SEXUAL, DC_LABOUR, DC_BEGGING, DC_SERVITUDE,
	DC_JOB_OFFER, DC_SOCIAL_MEDIA, DC_ROMANTIC, DC_FAMILY_RECRUIT, DC_ACQUAINTANCE,
	DC_ONLINE_AD, DC_ABDUCTION,
	DC_REL_STRANGER, DC_REL_ACQUAINTANCE, DC_REL_FAMILY, DC_REL_PARTNER, DC_REL_EMPLOYER,
	DC_CTL_FALSE_PROMISES, DC_CTL_DOCUMENTS, DC_CTL_DEBT, DC_CTL_THREATS,
	DC_CTL_VIOLENCE, DC_CTL_MOVEMENT, DC_CTL_SUBSTANCES,
	DC_AS_SHELTER, DC_AS_PSYCHOLOGICAL, DC_AS_LEGAL, DC_AS_MEDICAL, DC_AS_RETURN,
	DC_STATUS_ACTUAL, DC_STATUS_POSSIBLE,
	DC_NR_RECRUITER, DC_NR_TRANSPORTER, DC_NR_EXPLOITER, DC_NR_OFFICIAL, DC_NR_LEADER,
	DC_NR_LAUNDERER,
	DC_CP_153, DC_CP_153A, DC_CP_153B, DC_CP_153H, DC_CP_168B,
	DC_CP_129A, DC_CP_129B, DC_CP_129C, DC_CP_129H, DC_CP_129O,
	DC_ORGANISED_CRIME, DC_ILLEGAL_MINING, DC_MONEY_LAUNDERING, DC_CORRUPTION, DC_PIMPING,
	DC_PREVENTIVE_PRISON, DC_DETENTION,
	DC_OUT_PENDING, DC_OUT_CONVICTED, DC_OUT_PLEA, DC_OUT_ACQUITTED, DC_OUT_ARCHIVED,
	DC_OUT_DISMISSED,
	DC_ST_COMPLAINT, DC_ST_INQUIRY, DC_ST_ARCHIVED, DC_ST_PROV_ARCHIVE, DC_ST_FORMALISED,
	DC_ST_DISMISSED, DC_ST_INDICTMENT, DC_ST_TRIAL_ORDER, DC_ST_TRIAL, DC_ST_CONVICTION,
	DC_ST_ACQUITTAL, DC_ST_PLEA,
	DC_A_CASH, DC_A_VEHICLE, DC_A_REAL_ESTATE, DC_A_MINING, DC_A_BUSINESS, DC_A_ACCOUNT,
	DC_A_GOLD,
	DC_M_SEIZED, DC_M_FROZEN, DC_M_FORFEITED, DC_M_RETURNED,
	DC_ID_PHONE, DC_ID_ACCOUNT, DC_ID_PLATE,
	DC_OUTGOING, DC_INCOMING, DC_MLA, DC_RQ_SENT, DC_RQ_IN_PROGRESS, DC_RQ_ANSWERED,
	DC_SRC_POLICE, DC_SRC_CITIZEN, DC_SRC_VICTIM, DC_SRC_HOTLINE, DC_SRC_EX_OFFICIO,
	DC_SRC_NGO,
	DC_PEN, DC_KIND_SPECIALISED, DC_KIND_PROVINCIAL, DC_KIND_COOPERATION,
	DC_KIND_OBSERVATORY,
	DC__MAX
};

struct demo_code_def {
	enum cb_dim dim;
	const char *code;
};

static const struct demo_code_def DEMO_CODES[DC__MAX] = {
	[DC_FEMALE] = { CB_SEX, "female" },
	[DC_MALE] = { CB_SEX, "male" },
	[DC_SEX_UNKNOWN] = { CB_SEX, "unknown" },
	[DC_DNI] = { CB_DOC_TYPE, "dni" },
	[DC_CE] = { CB_DOC_TYPE, "ce" },
	[DC_PASSPORT] = { CB_DOC_TYPE, "passport" },
	[DC_PTP] = { CB_DOC_TYPE, "ptp_cpp" },
	[DC_FOREIGN_ID] = { CB_DOC_TYPE, "foreign_id" },
	[DC_VICTIM] = { CB_PERSON_ROLE, "victim" },
	[DC_SUSPECT] = { CB_PERSON_ROLE, "suspect" },
	[DC_WITNESS] = { CB_PERSON_ROLE, "witness" },
	[DC_SEXUAL] = { CB_EXPLOITATION, "sexual_exploitation" },
	[DC_LABOUR] = { CB_EXPLOITATION, "forced_labour" },
	[DC_BEGGING] = { CB_EXPLOITATION, "forced_begging" },
	[DC_SERVITUDE] = { CB_EXPLOITATION, "servitude" },
	[DC_JOB_OFFER] = { CB_RECRUITMENT, "job_offer" },
	[DC_SOCIAL_MEDIA] = { CB_RECRUITMENT, "social_media" },
	[DC_ROMANTIC] = { CB_RECRUITMENT, "romantic" },
	[DC_FAMILY_RECRUIT] = { CB_RECRUITMENT, "family" },
	[DC_ACQUAINTANCE] = { CB_RECRUITMENT, "acquaintance" },
	[DC_ONLINE_AD] = { CB_RECRUITMENT, "online_ad" },
	[DC_ABDUCTION] = { CB_RECRUITMENT, "abduction" },
	[DC_REL_STRANGER] = { CB_RELATIONSHIP, "stranger" },
	[DC_REL_ACQUAINTANCE] = { CB_RELATIONSHIP, "friend_acquaintance" },
	[DC_REL_FAMILY] = { CB_RELATIONSHIP, "family" },
	[DC_REL_PARTNER] = { CB_RELATIONSHIP, "intimate_partner" },
	[DC_REL_EMPLOYER] = { CB_RELATIONSHIP, "employer" },
	[DC_CTL_FALSE_PROMISES] = { CB_CONTROL, "false_promises" },
	[DC_CTL_DOCUMENTS] = { CB_CONTROL, "withholds_documents" },
	[DC_CTL_DEBT] = { CB_CONTROL, "debt_bondage" },
	[DC_CTL_THREATS] = { CB_CONTROL, "threats" },
	[DC_CTL_VIOLENCE] = { CB_CONTROL, "physical_abuse" },
	[DC_CTL_MOVEMENT] = { CB_CONTROL, "restricts_movement" },
	[DC_CTL_SUBSTANCES] = { CB_CONTROL, "psychoactive_substances" },
	[DC_AS_SHELTER] = { CB_ASSISTANCE, "shelter" },
	[DC_AS_PSYCHOLOGICAL] = { CB_ASSISTANCE, "psychological" },
	[DC_AS_LEGAL] = { CB_ASSISTANCE, "legal" },
	[DC_AS_MEDICAL] = { CB_ASSISTANCE, "medical" },
	[DC_AS_RETURN] = { CB_ASSISTANCE, "return_repatriation" },
	[DC_STATUS_ACTUAL] = { CB_TRAFFICKING_STATUS, "actual" },
	[DC_STATUS_POSSIBLE] = { CB_TRAFFICKING_STATUS, "possible" },
	[DC_NR_RECRUITER] = { CB_NETWORK_ROLE, "recruiter_intermediary" },
	[DC_NR_TRANSPORTER] = { CB_NETWORK_ROLE, "transporter" },
	[DC_NR_EXPLOITER] = { CB_NETWORK_ROLE, "exploiter" },
	[DC_NR_OFFICIAL] = { CB_NETWORK_ROLE, "public_official" },
	[DC_NR_LEADER] = { CB_NETWORK_ROLE, "leader" },
	[DC_NR_LAUNDERER] = { CB_NETWORK_ROLE, "money_launderer" },
	[DC_CP_153] = { CB_OFFENCE, "cp_153" },
	[DC_CP_153A] = { CB_OFFENCE, "cp_153a" },
	[DC_CP_153B] = { CB_OFFENCE, "cp_153b" },
	[DC_CP_153H] = { CB_OFFENCE, "cp_153h" },
	[DC_CP_168B] = { CB_OFFENCE, "cp_168b" },
	[DC_CP_129A] = { CB_OFFENCE, "cp_129a" },
	[DC_CP_129B] = { CB_OFFENCE, "cp_129b" },
	[DC_CP_129C] = { CB_OFFENCE, "cp_129c" },
	[DC_CP_129H] = { CB_OFFENCE, "cp_129h" },
	[DC_CP_129O] = { CB_OFFENCE, "cp_129o" },
	[DC_ORGANISED_CRIME] = { CB_RELATED_OFFENCE, "organised_crime" },
	[DC_ILLEGAL_MINING] = { CB_RELATED_OFFENCE, "illegal_mining" },
	[DC_MONEY_LAUNDERING] = { CB_RELATED_OFFENCE, "money_laundering" },
	[DC_CORRUPTION] = { CB_RELATED_OFFENCE, "corruption_of_officials" },
	[DC_PIMPING] = { CB_RELATED_OFFENCE, "pimping" },
	[DC_PREVENTIVE_PRISON] = { CB_COERCIVE_MEASURE, "preventive_prison" },
	[DC_DETENTION] = { CB_COERCIVE_MEASURE, "flagrante_arrest" },
	[DC_OUT_PENDING] = { CB_OUTCOME, "pending" },
	[DC_OUT_CONVICTED] = { CB_OUTCOME, "convicted" },
	[DC_OUT_PLEA] = { CB_OUTCOME, "plea_convicted" },
	[DC_OUT_ACQUITTED] = { CB_OUTCOME, "acquitted" },
	[DC_OUT_ARCHIVED] = { CB_OUTCOME, "archived" },
	[DC_OUT_DISMISSED] = { CB_OUTCOME, "dismissed" },
	[DC_ST_COMPLAINT] = { CB_STAGE, "complaint" },
	[DC_ST_INQUIRY] = { CB_STAGE, "preliminary_inquiry" },
	[DC_ST_ARCHIVED] = { CB_STAGE, "archive" },
	[DC_ST_PROV_ARCHIVE] = { CB_STAGE, "provisional_archive" },
	[DC_ST_FORMALISED] = { CB_STAGE, "formalised_investigation" },
	[DC_ST_DISMISSED] = { CB_STAGE, "dismissal_request" },
	[DC_ST_INDICTMENT] = { CB_STAGE, "indictment" },
	[DC_ST_TRIAL_ORDER] = { CB_STAGE, "trial_order" },
	[DC_ST_TRIAL] = { CB_STAGE, "trial" },
	[DC_ST_CONVICTION] = { CB_STAGE, "conviction_first_instance" },
	[DC_ST_ACQUITTAL] = { CB_STAGE, "acquittal_first_instance" },
	[DC_ST_PLEA] = { CB_STAGE, "plea_agreement" },
	[DC_A_CASH] = { CB_ASSET_KIND, "cash" },
	[DC_A_VEHICLE] = { CB_ASSET_KIND, "vehicle" },
	[DC_A_REAL_ESTATE] = { CB_ASSET_KIND, "real_estate" },
	[DC_A_MINING] = { CB_ASSET_KIND, "mining_equipment" },
	[DC_A_BUSINESS] = { CB_ASSET_KIND, "business_premises" },
	[DC_A_ACCOUNT] = { CB_ASSET_KIND, "bank_account" },
	[DC_A_GOLD] = { CB_ASSET_KIND, "jewellery_gold" },
	[DC_M_SEIZED] = { CB_ASSET_MEASURE, "seized" },
	[DC_M_FROZEN] = { CB_ASSET_MEASURE, "frozen" },
	[DC_M_FORFEITED] = { CB_ASSET_MEASURE, "forfeited" },
	[DC_M_RETURNED] = { CB_ASSET_MEASURE, "returned" },
	[DC_ID_PHONE] = { CB_IDENTIFIER_KIND, "phone" },
	[DC_ID_ACCOUNT] = { CB_IDENTIFIER_KIND, "bank_account" },
	[DC_ID_PLATE] = { CB_IDENTIFIER_KIND, "vehicle_plate" },
	[DC_OUTGOING] = { CB_REQUEST_DIRECTION, "outgoing" },
	[DC_INCOMING] = { CB_REQUEST_DIRECTION, "incoming" },
	[DC_MLA] = { CB_REQUEST_TYPE, "mla" },
	[DC_RQ_SENT] = { CB_REQUEST_STATUS, "sent" },
	[DC_RQ_IN_PROGRESS] = { CB_REQUEST_STATUS, "in_progress" },
	[DC_RQ_ANSWERED] = { CB_REQUEST_STATUS, "answered" },
	[DC_SRC_POLICE] = { CB_COMPLAINT_SOURCE, "police_report" },
	[DC_SRC_CITIZEN] = { CB_COMPLAINT_SOURCE, "citizen" },
	[DC_SRC_VICTIM] = { CB_COMPLAINT_SOURCE, "victim" },
	[DC_SRC_HOTLINE] = { CB_COMPLAINT_SOURCE, "hotline" },
	[DC_SRC_EX_OFFICIO] = { CB_COMPLAINT_SOURCE, "ex_officio" },
	[DC_SRC_NGO] = { CB_COMPLAINT_SOURCE, "ngo" },
	[DC_PEN] = { CB_CURRENCY, "PEN" },
	[DC_KIND_SPECIALISED] = { CB_OFFICE_KIND, "specialised_prosecutor" },
	[DC_KIND_PROVINCIAL] = { CB_OFFICE_KIND, "provincial_prosecutor" },
	[DC_KIND_COOPERATION] = { CB_OFFICE_KIND, "international_cooperation" },
	[DC_KIND_OBSERVATORY] = { CB_OFFICE_KIND, "observatory" },
};

static const char *
code(enum demo_code c)
{
	return DEMO_CODES[c].code;
}

static int
is(const char *s, enum demo_code c)
{
	return s != NULL && strcmp(s, DEMO_CODES[c].code) == 0;
}

/* ==================================================================== */
/* Geography: distritos fiscales with their weights (peru.md §1.2)       */
/* ==================================================================== */

enum demo_df_flags {
	DF_MINING = 1 << 0,     /* illegal gold mining drives cases */
	DF_BORDER_EC = 1 << 1,  /* border with Ecuador */
	DF_BORDER_BO = 1 << 2,  /* border with Bolivia and Chile */
	DF_MIGRANT = 1 << 3,    /* Venezuelan and Colombian migrants settle here */
	DF_AMAZON = 1 << 4,
	DF_ANDES = 1 << 5,
};

struct demo_df {
	const char *df;         /* CB_DISTRITO_FISCAL code */
	const char *office;     /* office code */
	const char *city;       /* for office names and summaries */
	unsigned weight;        /* complaints Jan 2007-Apr 2014 */
	unsigned local;         /* permille of victims from the same department */
	int flags;
	const char *dept;       /* INEI department */
	const char *places[4];  /* INEI districts of the facts, NULL-terminated */
};

static const struct demo_df DEMO_DF[] = {
	{ "lima", "FEPMTP-LIM", "Lima", 301, 450, DF_MIGRANT, "15",
	  { "150101", "150115", "150103", NULL } },
	{ "loreto", "FEPMTP-LOR", "Loreto", 211, 950, DF_AMAZON, "16",
	  { "160101", "160113", "160108", "160112" } },
	{ "madre_de_dios", "FEPMTP-MDD", "Madre de Dios", 178, 100, DF_MINING | DF_AMAZON, "17",
	  { "170101", "170102", "170104", "170204" } },
	{ "cusco", "FEPMTP-CUS", "Cusco", 167, 850, DF_ANDES, "08",
	  { "080101", "080108", "080901", "081203" } },
	{ "piura", "FEPMTP-PIU", "Piura", 96, 800, DF_BORDER_EC | DF_MIGRANT, "20",
	  { "200101", "200104", "200701", NULL } },
	{ "san_martin", "FEPMTP-SMA", "San Martín", 92, 850, DF_AMAZON, "22",
	  { "220101", "220901", NULL } },
	{ "puno", "FEPMTP-PUN", "Puno", 88, 800, DF_MINING | DF_BORDER_BO | DF_ANDES, "21",
	  { "210101", "211101", "211002", NULL } },
	{ "amazonas", "FPPC-AMA", "Amazonas", 73, 900, DF_AMAZON, "01",
	  { "010101", "010201", NULL } },
	{ "arequipa", "FEPMTP-ARE", "Arequipa", 66, 600, DF_ANDES, "04",
	  { "040101", "040307", NULL } },
	{ "junin", "FEPMTP-JUN", "Junín", 58, 750, DF_ANDES, "12",
	  { "120101", "120301", "120601", NULL } },
	{ "sullana", "FPPC-SUL", "Sullana", 54, 800, DF_BORDER_EC, "20",
	  { "200601", NULL } },
	{ "lima_norte", "FEPMTP-LIN", "Lima Norte", 48, 500, DF_MIGRANT, "15",
	  { "150110", "150117", "150135", "150106" } },
	{ "lima_sur", "FEPMTP-LIS", "Lima Sur", 48, 500, DF_MIGRANT, "15",
	  { "150142", "150108", "150133", "150119" } },
	{ "moquegua", "FPPC-MOQ", "Moquegua", 45, 500, DF_ANDES, "18",
	  { "180101", "180301", NULL } },
	{ "huanuco", "FPPC-HUN", "Huánuco", 44, 850, DF_ANDES, "10",
	  { "100101", "100601", NULL } },
	{ "ucayali", "FEPMTP-UCA", "Ucayali", 41, 850, DF_AMAZON, "25",
	  { "250101", "250105", NULL } },
	{ "callao", "FEPMTP-CAL", "Callao", 40, 450, DF_MIGRANT, "07",
	  { "070101", "070106", NULL } },
	{ "ica", "FPPC-ICA", "Ica", 36, 600, 0, "11",
	  { "110101", NULL } },
	{ "ayacucho", "FEPMTP-AYA", "Ayacucho", 35, 900, DF_ANDES, "05",
	  { "050101", NULL } },
	{ "la_libertad", "FEPMTP-LLI", "La Libertad", 32, 700, DF_MIGRANT, "13",
	  { "130101", "130801", NULL } },
	{ "tacna", "FEPMTP-TAC", "Tacna", 32, 450, DF_BORDER_BO, "23",
	  { "230101", NULL } },
	{ "lima_este", "FPPC-LIE", "Lima Este", 31, 500, DF_MIGRANT, "15",
	  { "150132", "150103", "150137", NULL } },
	{ "tumbes", "FEPMTP-TUM", "Tumbes", 28, 500, DF_BORDER_EC | DF_MIGRANT, "24",
	  { "240101", "240302", NULL } },
	{ "ancash", "FPPC-ANC", "Áncash", 26, 850, DF_ANDES, "02",
	  { "020101", NULL } },
	{ "lambayeque", "FEPMTP-LAM", "Lambayeque", 24, 800, 0, "14",
	  { "140101", NULL } },
	{ "cajamarca", "FPPC-CAJ", "Cajamarca", 20, 900, DF_ANDES, "06",
	  { "060101", NULL } },
	{ "apurimac", "FPPC-APU", "Apurímac", 20, 900, DF_ANDES, "03",
	  { "030101", "030201", NULL } },
	{ "huaura", "FPPC-HUA", "Huaura", 20, 700, 0, "15",
	  { "150801", NULL } },
	{ "canete", "FPPC-CAN", "Cañete", 7, 700, 0, "15",
	  { "150501", NULL } },
	{ "pasco", "FPPC-PAS", "Pasco", 7, 850, DF_ANDES, "19",
	  { "190101", NULL } },
	{ "huancavelica", "FPPC-HCV", "Huancavelica", 5, 900, DF_ANDES, "09",
	  { "090101", NULL } },
	{ "santa", "FPPC-SAN", "Santa", 3, 700, 0, "02",
	  { "021801", "021809", NULL } },
};
#define DEMO_NDF NELEM(DEMO_DF)
#define DEMO_DF_MDD 2           /* index of Madre de Dios, the showcase */
#define DEMO_DF_CUSCO 3
#define DEMO_DF_PUNO 6

/* Departments victims come from when not local, weighted (peru.md §1.2:
 * Madre de Dios draws a third of its victims from Cusco). */
static const char *const SOURCE_DEPT[] = {
	"08", "21", "16", "15", "20", "03", "05", "12", "10", "25", "22", "04", "06", "09",
};
static const unsigned SOURCE_W[] = {
	30, 18, 10, 8, 6, 6, 5, 4, 3, 3, 3, 2, 1, 1,
};
_Static_assert(NELEM(SOURCE_DEPT) == NELEM(SOURCE_W), "SOURCE_W");

/* Mining camps: La Pampa (Inambari, Laberinto), Huepetuhe, Boca Colorado in
 * Madre de Dios; La Rinconada (Ananea) in Puno. */
static const char *const MINING_MDD[] = { "170102", "170104", "170204", "170203" };
static const char *const MINING_PUNO[] = { "211002" };

/* Complaints by year 2017..2025 (relative; 2020 fell with the pandemic). */
static const unsigned YEAR_W[DEMO_YEARS] = { 9, 11, 11, 8, 12, 12, 12, 13, 12 };

/* ==================================================================== */
/* Names (synthetic: drawn at random from common names)                 */
/* ==================================================================== */

static const char *const GIVEN_F[] = {
	"María", "Rosa", "Carmen", "Juana", "Luz", "Ana", "Elizabeth", "Milagros",
	"Yessenia", "Katherine", "Flor", "Maribel", "Gladys", "Nelly", "Lucía", "Diana",
	"Sandra", "Roxana", "Judith", "Karina", "Sheyla", "Yuliana", "Mayra", "Nataly",
	"Estefany", "Kiara", "Brenda", "Dayana", "Leidy", "Nayeli", "Rocío", "Marleni",
	"Yaneth", "Lizbeth", "Fiorella", "Sonia", "Zulema", "Edith", "Noemí", "Sofía",
};
static const char *const GIVEN_M[] = {
	"José", "Juan", "Luis", "Carlos", "Jorge", "Miguel", "Víctor", "César",
	"Pedro", "Julio", "Manuel", "Wilfredo", "Edwin", "Alex", "Rubén", "Freddy",
	"Walter", "Percy", "Jhon", "Kevin", "Brayan", "Elmer", "Hugo", "Raúl",
	"Marco", "Alberto", "Fernando", "Richard", "Santos", "Teodoro",
};
static const char *const GIVEN_F_FOREIGN[] = {
	"Yoselin", "Génesis", "Daniela", "Andreína", "Mariangel", "Yusmary", "Valentina",
	"Dayanna", "Yorbelis", "Paola", "Yuleidy", "Karla", "Natalia", "Camila",
};
static const char *const GIVEN_M_FOREIGN[] = {
	"Jesús", "Carlos", "José", "Luis", "Yonathan", "Andrés", "Jhonny", "Wilmer",
	"Darwin", "Óscar", "Alexander", "Nelson",
};
static const char *const SURNAME_ANDES[] = {
	"Quispe", "Mamani", "Huamán", "Condori", "Ccahuana", "Huanca", "Apaza", "Choque",
	"Ticona", "Coaquira", "Huillca", "Yupanqui", "Cusi", "Puma", "Chambi", "Cutipa",
	"Pari", "Ccori", "Layme", "Sucasaire",
};
static const char *const SURNAME_AMAZON[] = {
	"Panduro", "Pinedo", "Arévalo", "Tuesta", "Shapiama", "Ahuanari", "Murayari",
	"Tapullima", "Sangama", "Cachique", "Isuiza", "Amasifuen", "Rengifo", "Fasabi",
};
static const char *const SURNAME_COMMON[] = {
	"Flores", "Sánchez", "Rojas", "García", "Chávez", "Rodríguez", "Ramírez", "Torres",
	"Vargas", "Mendoza", "Díaz", "Castillo", "Ramos", "Espinoza", "Vásquez", "Gutiérrez",
	"López", "Cruz", "Pérez", "Gonzales", "Romero", "Salazar", "Cárdenas", "Paredes",
	"Ríos", "Cabrera", "Cáceres", "Soto", "Silva", "Medina", "Aguilar", "Herrera",
	"Palomino", "Tapia", "Villanueva", "Zapata", "Huamán", "Quispe", "Mamani", "Flores",
};
static const char *const SURNAME_FOREIGN[] = {
	"González", "Rodríguez", "Pérez", "Hernández", "Martínez", "García", "Rondón",
	"Briceño", "Colmenares", "Guerrero", "Moreno", "Jiménez", "Suárez", "Castro",
	"Ortiz", "Peña", "Mejía", "Cedeño",
};
static const char *const ALIASES[] = {
	"El Chato", "La Tía", "El Gringo", "El Flaco", "El Chino", "La Señora", "La Madrina",
	"El Patrón", "El Loco", "La Gorda", "El Tío", "El Zambo", "La Jefa", "El Cholo",
	"El Cuñado", "Pelado",
};
static const char *const STREET_KIND[] = { "Av.", "Jr.", "Calle", "Psje." };
static const char *const STREET[] = {
	"Los Olivos", "Las Orquídeas", "San Martín", "Bolognesi", "Grau", "Túpac Amaru",
	"Arequipa", "Los Pinos", "Dos de Mayo", "Libertad", "Unión", "Las Palmeras",
	"Mariscal Castilla", "Amazonas", "Los Incas", "Sucre",
};

/* ==================================================================== */
/* Generator state                                                      */
/* ==================================================================== */

struct demo_net {              /* a member of a criminal network: reused */
	const char *name, *alias, *birth_date, *doc_type, *doc, *phone, *sex, *nationality;
	int birth_year;
};

struct demo_gen {
	struct rng r;
	uint64_t seed;             /* of r; the State's response draws from its own */
	struct rng pr;             /* the suspects' paths: their own stream, so the
	                              rest of the register is what it was before them */
	struct rng le;             /* the legal elements (means, vulnerability,
	                              aggravating circumstances): their own stream too */
	struct arena *a;
	int64_t office[DEMO_NDF];  /* office id per distrito */
	int64_t ucjie;
	int64_t horizon;           /* no date after this day */
	int64_t first_day;         /* 2017-01-01 */
	uint32_t serial;           /* unique numbers for documents and phones */
	uint32_t perm_off;         /* seed-dependent key of their permutation */
	struct demo_net *net;      /* network members, reused across cases */
	size_t nnet;
	const char **accounts;     /* bank accounts shared by a few cases */
	size_t naccounts;
	int links_left;            /* cases still to share the showcase recruiter */
	struct event ev[DEMO_MAX_EVENTS];   /* events of the case being made */
};

/* What a case is about, decided first; persons and events follow from it. */
struct demo_case {
	size_t df;
	enum demo_code form;       /* main form of exploitation */
	int mining;
	const char *camp;          /* exploitation place */
	int64_t complaint;         /* day */
	int minors;                /* any victim under 18 */
	enum demo_code source;
	enum demo_code recruitment;
};

/* The procedural path of a case, and where it reached before the horizon. */
enum demo_end {
	END_PENDING,        /* still under inquiry or before trial */
	END_ARCHIVED,
	END_DISMISSED,
	END_CONVICTED,
	END_ACQUITTED,
};

struct demo_path {
	enum demo_end end;
	int plea;                  /* terminación anticipada */
	int64_t formalised;        /* day, 0 = not reached */
	int64_t closed;            /* day of archive, dismissal or sentence */
	int64_t indicted;          /* day of the indictment, 0 = none */
};

/* ==================================================================== */
/* Strings                                                              */
/* ==================================================================== */

struct sbuf {
	char b[160];
	size_t n;
};

static void
sb_put(struct sbuf *s, const char *t)
{
	size_t len = strlen(t);

	if (s->n + len >= sizeof(s->b))
		len = sizeof(s->b) - 1 - s->n;
	memcpy(s->b + s->n, t, len);
	s->n += len;
	s->b[s->n] = '\0';
}

static void
sb_num(struct sbuf *s, unsigned v, int width)
{
	if (s->n + (size_t)width >= sizeof(s->b))
		return;
	put_digits(s->b + s->n, v, width);
	s->n += (size_t)width;
	s->b[s->n] = '\0';
}

static const char *
sb_take(struct sbuf *s, struct arena *a)
{
	return arena_strndup(a, s->b, s->n);
}

/* A keyed permutation of [0, m), m <= 10^8: a four-round Feistel network on
 * two halves of four decimal digits, walked until it lands below m. Distinct
 * serials give distinct numbers that do not look sequential. */
static uint32_t
scramble(uint32_t k, uint32_t key, uint32_t m)
{
	uint32_t x = k % m, l, r, t;
	uint64_t h;
	int i;

	do {
		l = x / 10000u;
		r = x % 10000u;
		for (i = 0; i < 4; i++) {
			h = ((uint64_t)key << 32 | (uint64_t)r << 2 | (uint64_t)i);
			t = (l + (uint32_t)(splitmix64(&h) % 10000u)) % 10000u;
			l = r;
			r = t;
		}
		x = l * 10000u + r;
	} while (x >= m);
	return x;
}

/* ==================================================================== */
/* Persons                                                              */
/* ==================================================================== */

static const char *
pick_nationality(struct demo_gen *g, const struct demo_case *dc)
{
	const struct demo_df *df = &DEMO_DF[dc->df];
	int year = year_of(dc->complaint);
	unsigned x = rng_below(&g->r, 1000);

	if (year >= 2018 && (df->flags & DF_MIGRANT) && x < 180)
		return x < 150 ? "VE" : "CO";
	if (year >= 2018 && x < 40)
		return "VE";
	if ((df->flags & DF_BORDER_EC) && x >= 900)
		return x >= 950 ? "EC" : "CO";
	if ((df->flags & DF_BORDER_BO) && x >= 920)
		return "BO";
	if (x >= 985)
		return x >= 993 ? "CO" : "BO";
	return "PE";
}

/* Andean surnames for victims from the highlands, Amazonian ones for those
 * from the forest, else (and often anyway) the common ones. */
static const char *
pick_surname(struct demo_gen *g, const char *nationality, const char *origin)
{
	if (strcmp(nationality, "PE") != 0)
		return strcmp(nationality, "BO") == 0 ? PICK(&g->r, SURNAME_ANDES) :
			PICK(&g->r, SURNAME_FOREIGN);
	if (strlen(origin) == 2 && rng_chance(&g->r, 550)) {
		if (strstr("08 21 03 05 09 10 12", origin) != NULL)
			return PICK(&g->r, SURNAME_ANDES);
		if (strstr("16 25 22 17", origin) != NULL)
			return PICK(&g->r, SURNAME_AMAZON);
	}
	return PICK(&g->r, SURNAME_COMMON);
}

static const char *
make_name(struct demo_gen *g, int female, const char *nationality, const char *origin)
{
	int peruvian = strcmp(nationality, "PE") == 0 || strcmp(nationality, "BO") == 0;
	struct sbuf s = { .n = 0 };

	if (female)
		sb_put(&s, peruvian ? PICK(&g->r, GIVEN_F) : PICK(&g->r, GIVEN_F_FOREIGN));
	else
		sb_put(&s, peruvian ? PICK(&g->r, GIVEN_M) : PICK(&g->r, GIVEN_M_FOREIGN));
	if (rng_chance(&g->r, 250)) {
		sb_put(&s, " ");
		sb_put(&s, female ? PICK(&g->r, GIVEN_F) : PICK(&g->r, GIVEN_M));
	}
	sb_put(&s, " ");
	sb_put(&s, pick_surname(g, nationality, origin));
	sb_put(&s, " ");
	sb_put(&s, pick_surname(g, nationality, origin));
	return sb_take(&s, g->a);
}

/* A birth date that makes the person exactly age years old on day. */
static int64_t
birth_for_age(struct demo_gen *g, int64_t day, int age)
{
	int y, m, d;
	int64_t hi, lo;

	civil_from_days(day, &y, &m, &d);
	if (m == 2 && d == 29)
		d = 28;
	hi = days_from_civil(y - age, m, d);
	lo = days_from_civil(y - age - 1, m, d) + 1;
	return lo + (int64_t)rng_below(&g->r, (uint32_t)(hi - lo + 1));
}

static void
set_birth(struct demo_gen *g, struct person *p, int64_t day, int age)
{
	char *s = arena_alloc(g->a, MODEL_DATE_LEN);

	fmt_date(s, birth_for_age(g, day, age));
	p->birth_date = s;
	p->birth_year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
}

static const char *
make_dni(struct demo_gen *g)
{
	struct sbuf s = { .n = 0 };

	sb_num(&s, 10000000u + scramble(g->serial++, g->perm_off, 90000000u), 8);
	return sb_take(&s, g->a);
}

static void
set_document(struct demo_gen *g, struct person *p, int adult)
{
	uint32_t k = g->serial++;
	struct sbuf s = { .n = 0 };

	if (strcmp(p->nationality, "PE") == 0) {
		if (!rng_chance(&g->r, adult ? 800 : 650))
			return;
		p->doc_type = code(DC_DNI);
		p->doc_number = make_dni(g);
		return;
	} else if (strcmp(p->nationality, "VE") == 0 && rng_chance(&g->r, 700)) {
		/* Venezuelans: foreigner's card or temporary permit (PTP/CPP) */
		p->doc_type = code(rng_chance(&g->r, 500) ? DC_CE : DC_PTP);
		sb_num(&s, scramble(k, g->perm_off, 10000000u), 9);
	} else {
		if (!rng_chance(&g->r, 700))
			return;
		p->doc_type = code(rng_chance(&g->r, 650) ? DC_PASSPORT : DC_FOREIGN_ID);
		sb_put(&s, p->nationality);
		sb_num(&s, scramble(k, g->perm_off, 10000000u), 7);
	}
	p->doc_number = sb_take(&s, g->a);
}

/* A phone in the format usual for the country; unique by serial. */
static const char *
make_phone(struct demo_gen *g, const char *nationality, uint32_t k)
{
	uint32_t v = scramble(k, g->perm_off, 10000000u);   /* 7-digit formats */
	struct sbuf s = { .n = 0 };

	if (strcmp(nationality, "VE") == 0) {
		sb_put(&s, PICK(&g->r, ((const char *const[]){ "+58 412 ", "+58 414 ", "+58 424 " })));
		sb_num(&s, v, 7);
	} else if (strcmp(nationality, "CO") == 0) {
		sb_put(&s, PICK(&g->r, ((const char *const[]){ "+57 310 ", "+57 312 ", "+57 315 " })));
		sb_num(&s, v, 7);
	} else if (strcmp(nationality, "BO") == 0) {
		sb_put(&s, "+591 7");
		sb_num(&s, v, 7);
	} else if (strcmp(nationality, "EC") == 0) {
		sb_put(&s, "+593 9");
		sb_num(&s, v, 7);
		sb_num(&s, (unsigned)rng_below(&g->r, 10), 1);
	} else {
		/* Peruvian mobiles: 9 digits starting with 9, written as 9xx xxx xxx */
		v = scramble(k, g->perm_off, 100000000u);
		sb_put(&s, "9");
		sb_num(&s, v / 1000000u, 2);
		sb_put(&s, " ");
		sb_num(&s, v / 1000u % 1000u, 3);
		sb_put(&s, " ");
		sb_num(&s, v % 1000u, 3);
	}
	return sb_take(&s, g->a);
}

static const char *
make_address(struct demo_gen *g, const struct demo_df *df)
{
	struct sbuf s = { .n = 0 };

	sb_put(&s, PICK(&g->r, STREET_KIND));
	sb_put(&s, " ");
	sb_put(&s, PICK(&g->r, STREET));
	sb_put(&s, " ");
	sb_num(&s, (unsigned)rng_range(&g->r, 100, 1999), 4);
	sb_put(&s, ", ");
	sb_put(&s, df->city);
	return sb_take(&s, g->a);
}

static const char **
codes1(struct demo_gen *g, enum demo_code a)
{
	const char **v = arena_alloc(g->a, sizeof(*v));

	v[0] = code(a);
	return v;
}

/* ==================================================================== */
/* Victims                                                              */
/* ==================================================================== */

/* Age at recruitment: 0-12 6%, 13-17 ~40%, 18-24 ~30%, 25-34 ~15%, 35+ ~9%
 * (peru.md §1.2: 53% aged 13-17 among recorded ages, ~50% minors). */
static int
pick_age(struct demo_gen *g, enum demo_code form)
{
	static const unsigned w[] = { 60, 400, 300, 150, 90 };
	static const int lo[] = { 8, 13, 18, 25, 35 }, hi[] = { 12, 17, 24, 34, 50 };
	size_t band = rng_pick_weight(&g->r, w, NELEM(w));

	if (form == DC_LABOUR && band == 0)
		band = 2;
	return rng_range(&g->r, lo[band], hi[band]);
}

static int
victim_female(struct demo_gen *g, enum demo_code form)
{
	unsigned p = form == DC_SEXUAL ? 960 : form == DC_LABOUR ? 420 :
		form == DC_SERVITUDE ? 850 : 500;

	return rng_chance(&g->r, p);
}

static const char *
victim_origin(struct demo_gen *g, const struct demo_df *df)
{
	if (rng_chance(&g->r, df->local))
		return df->dept;
	return SOURCE_DEPT[rng_pick_weight(&g->r, SOURCE_W, NELEM(SOURCE_W))];
}

static enum demo_code
relationship_for(struct demo_gen *g, enum demo_code recruitment)
{
	switch (recruitment) {
	case DC_ROMANTIC:
		return DC_REL_PARTNER;
	case DC_FAMILY_RECRUIT:
		return DC_REL_FAMILY;
	case DC_ACQUAINTANCE:
		return DC_REL_ACQUAINTANCE;
	case DC_JOB_OFFER:
		return rng_chance(&g->r, 500) ? DC_REL_STRANGER :
			rng_chance(&g->r, 500) ? DC_REL_EMPLOYER : DC_REL_ACQUAINTANCE;
	default:
		return rng_chance(&g->r, 700) ? DC_REL_STRANGER : DC_REL_ACQUAINTANCE;
	}
}

static void
victim_control(struct demo_gen *g, struct victim_attrs *va, enum demo_code form)
{
	static const enum demo_code pool[] = {
		DC_CTL_DOCUMENTS, DC_CTL_DEBT, DC_CTL_THREATS, DC_CTL_VIOLENCE,
		DC_CTL_MOVEMENT, DC_CTL_SUBSTANCES,
	};
	const char **v = arena_alloc(g->a, 3 * sizeof(*v));
	size_t n = 0;
	enum demo_code extra;

	v[n++] = code(DC_CTL_FALSE_PROMISES);
	extra = form == DC_LABOUR ? DC_CTL_DEBT : PICK(&g->r, pool);
	v[n++] = code(extra);
	if (rng_chance(&g->r, 400)) {
		enum demo_code more = PICK(&g->r, pool);
		if (more != extra)
			v[n++] = code(more);
	}
	va->control = v;
	va->ncontrol = n;
}

static void
victim_assistance(struct demo_gen *g, struct victim_attrs *va, int minor, int foreign)
{
	const char **v = arena_alloc(g->a, 4 * sizeof(*v));
	size_t n = 0;

	if (!rng_chance(&g->r, 650))
		return;
	if (minor || rng_chance(&g->r, 350))
		v[n++] = code(DC_AS_SHELTER);
	v[n++] = code(DC_AS_PSYCHOLOGICAL);
	if (rng_chance(&g->r, 300))
		v[n++] = code(rng_chance(&g->r, 500) ? DC_AS_LEGAL : DC_AS_MEDICAL);
	if (foreign && rng_chance(&g->r, 300))
		v[n++] = code(DC_AS_RETURN);
	va->assistance = v;
	va->nassistance = n;
}

static void
victim_dates(struct demo_gen *g, const struct demo_case *dc, struct victim_attrs *va,
	int64_t recruited)
{
	int64_t start = recruited + rng_range(&g->r, 1, 20);

	if (start > dc->complaint)
		start = dc->complaint;
	fmt_date(va->recruitment_date, recruited);
	fmt_date(va->exploitation_start, start);
	fmt_date(va->exploitation_end, dc->complaint);
	if (dc->source == DC_SRC_EX_OFFICIO || dc->source == DC_SRC_POLICE)
		fmt_date(va->rescue_date, dc->complaint);
}

static void
gen_victim(struct demo_gen *g, struct demo_case *dc, struct participation *pt)
{
	const struct demo_df *df = &DEMO_DF[dc->df];
	struct person *p = &pt->person;
	struct victim_attrs *va = &pt->victim;
	int64_t recruited = dc->complaint - rng_range(&g->r, 7, rng_chance(&g->r, 800) ? 180 : 720);
	int female = victim_female(g, dc->form), age = pick_age(g, dc->form);

	if (recruited < g->first_day - 720)
		recruited = g->first_day - 720;
	pt->role = code(DC_VICTIM);
	p->nationality = pick_nationality(g, dc);
	p->origin_ubigeo = strcmp(p->nationality, "PE") == 0 ? victim_origin(g, df) : "";
	p->sex = code(rng_chance(&g->r, 15) ? DC_SEX_UNKNOWN : female ? DC_FEMALE : DC_MALE);
	p->name = make_name(g, female, p->nationality, p->origin_ubigeo);
	set_birth(g, p, recruited, age);
	set_document(g, p, age >= 18);
	if (rng_chance(&g->r, 300))
		p->address = make_address(g, df);
	va->age_at_recruitment = age;
	dc->minors |= age < 18;
	va->trafficking_status = code(rng_chance(&g->r, 700) ? DC_STATUS_ACTUAL : DC_STATUS_POSSIBLE);
	va->exploitation = codes1(g, dc->form);
	va->nexploitation = 1;
	va->recruitment = codes1(g, dc->recruitment);
	va->nrecruitment = 1;
	va->relationship = code(relationship_for(g, dc->recruitment));
	victim_control(g, va, dc->form);
	victim_assistance(g, va, age < 18, strcmp(p->nationality, "PE") != 0);
	va->recruitment_place.country = p->nationality;
	va->recruitment_place.ubigeo = *p->origin_ubigeo ?
		arena_printf(g->a, "%s0101", p->origin_ubigeo) : "";
	va->exploitation_place.country = "PE";
	va->exploitation_place.ubigeo = dc->camp;
	victim_dates(g, dc, va, recruited);
}

/* ==================================================================== */
/* Suspects and witnesses                                               */
/* ==================================================================== */

static void
gen_net_member(struct demo_gen *g, struct demo_net *m)
{
	struct person p = { .nationality = rng_chance(&g->r, 900) ? "PE" :
		rng_chance(&g->r, 500) ? "BO" : "VE" };
	int female = rng_chance(&g->r, 450);
	const char *origin = SOURCE_DEPT[rng_pick_weight(&g->r, SOURCE_W, NELEM(SOURCE_W))];

	m->nationality = p.nationality;
	m->sex = code(female ? DC_FEMALE : DC_MALE);
	m->name = make_name(g, female, p.nationality, origin);
	m->alias = PICK(&g->r, ALIASES);
	set_birth(g, &p, g->first_day, rng_range(&g->r, 22, 55));
	m->birth_date = p.birth_date;
	m->birth_year = p.birth_year;
	set_document(g, &p, 1);
	m->doc_type = p.doc_type;
	m->doc = p.doc_number;
	m->phone = make_phone(g, p.nationality, g->serial++);
}

static enum demo_code
suspect_role(struct demo_gen *g, size_t i)
{
	if (i == 0)
		return DC_NR_RECRUITER;
	if (i == 1)
		return DC_NR_EXPLOITER;
	switch (rng_below(&g->r, 20)) {
	case 0: case 1: case 2: case 3:
		return DC_NR_LEADER;
	case 4: case 5:
		return DC_NR_LAUNDERER;
	case 6: case 7: case 8:
		return DC_NR_OFFICIAL;
	default:
		return DC_NR_TRANSPORTER;
	}
}

static void
suspect_charges(struct demo_gen *g, const struct demo_case *dc, struct suspect_attrs *sa)
{
	/* trata moved from art. 153 to 129-A in 2021 (Ley 31146) */
	int new_code = dc->complaint >= days_from_civil(2021, 3, 30);
	enum demo_code base = new_code ? DC_CP_129A : DC_CP_153;
	enum demo_code aggr = new_code ? DC_CP_129B : DC_CP_153A;

	sa->charges = codes1(g, dc->minors && rng_chance(&g->r, 700) ? aggr : base);
	sa->ncharges = 1;
}

static void
gen_suspect(struct demo_gen *g, struct demo_case *dc, struct participation *pt, size_t i)
{
	struct person *p = &pt->person;
	struct suspect_attrs *sa = &pt->suspect;
	enum demo_code role = suspect_role(g, i);
	int female = rng_chance(&g->r, role == DC_NR_RECRUITER ? 550 : 420);

	pt->role = code(DC_SUSPECT);
	sa->network_roles = codes1(g, role);
	sa->nnetwork_roles = 1;
	suspect_charges(g, dc, sa);
	sa->outcome = code(DC_OUT_PENDING);
	p->nationality = pick_nationality(g, dc);
	p->origin_ubigeo = strcmp(p->nationality, "PE") == 0 ? DEMO_DF[dc->df].dept : "";
	p->sex = code(rng_chance(&g->r, 60) ? DC_SEX_UNKNOWN : female ? DC_FEMALE : DC_MALE);
	p->name = make_name(g, female, p->nationality, p->origin_ubigeo);
	set_birth(g, p, dc->complaint, rng_range(&g->r, 20, 62));
	set_document(g, p, 1);
	if (rng_chance(&g->r, 350))
		p->alias = PICK(&g->r, ALIASES);
	if (rng_chance(&g->r, 250))
		p->address = make_address(g, &DEMO_DF[dc->df]);
}

/* Make the suspect a known member of a network: same name, alias, birth
 * date, document and phone as in the other cases where the member acts. */
static void
use_net_member(struct participation *pt, const struct demo_net *m)
{
	struct person *p = &pt->person;

	p->name = m->name;
	p->alias = m->alias;
	p->sex = m->sex;
	p->nationality = m->nationality;
	if (strcmp(p->nationality, "PE") != 0)
		p->origin_ubigeo = "";
	p->birth_date = m->birth_date;
	p->birth_year = m->birth_year;
	p->doc_type = m->doc_type;
	p->doc_number = m->doc;
}

static void
gen_witness(struct demo_gen *g, struct demo_case *dc, struct participation *pt)
{
	struct person *p = &pt->person;
	int female = rng_chance(&g->r, 550);

	pt->role = code(DC_WITNESS);
	p->nationality = "PE";
	p->origin_ubigeo = DEMO_DF[dc->df].dept;
	p->sex = code(female ? DC_FEMALE : DC_MALE);
	p->name = make_name(g, female, "PE", p->origin_ubigeo);
	set_birth(g, p, dc->complaint, rng_range(&g->r, 18, 70));
	set_document(g, p, 1);
}

/* ==================================================================== */
/* Procedural events: the funnel (peru.md §1.2: ~60% archived)          */
/* ==================================================================== */

/* Events go to g->ev first; keep_events() copies them to the case. */
static int
add_event(struct demo_gen *g, struct kcase *c, enum demo_code stage, int64_t day)
{
	struct event *e;

	if (day > g->horizon || c->nevents >= DEMO_MAX_EVENTS)
		return 0;
	e = &g->ev[c->nevents++];
	memset(e, 0, sizeof(*e));
	e->stage = code(stage);
	fmt_date(e->date, day);
	return 1;
}

static void
keep_events(struct demo_gen *g, struct kcase *c)
{
	c->events = arena_memdup(g->a, g->ev, c->nevents * sizeof(*c->events));
	c->stage = c->events[c->nevents - 1].stage;
}

static void
trial_path(struct demo_gen *g, struct kcase *c, struct demo_path *path, int64_t day)
{
	if (rng_chance(&g->r, 150)) {
		day += rng_range(&g->r, 120, 400);
		if (add_event(g, c, DC_ST_DISMISSED, day))
			*path = (struct demo_path){ END_DISMISSED, 0, path->formalised, day, 0 };
		return;
	}
	day += rng_range(&g->r, 120, 400);
	if (!add_event(g, c, DC_ST_INDICTMENT, day))
		return;
	path->indicted = day;
	day += rng_range(&g->r, 30, 150);
	if (!add_event(g, c, DC_ST_TRIAL_ORDER, day))
		return;
	day += rng_range(&g->r, 30, 200);
	if (!add_event(g, c, DC_ST_TRIAL, day))
		return;
	day += rng_range(&g->r, 20, 180);
	if (rng_chance(&g->r, 680)) {
		if (add_event(g, c, DC_ST_CONVICTION, day))
			*path = (struct demo_path){ END_CONVICTED, 0, path->formalised, day,
				path->indicted };
	} else if (add_event(g, c, DC_ST_ACQUITTAL, day)) {
		*path = (struct demo_path){ END_ACQUITTED, 0, path->formalised, day, path->indicted };
	}
}

static void
gen_events(struct demo_gen *g, struct kcase *c, const struct demo_case *dc,
	struct demo_path *path, unsigned archive_permille)
{
	int64_t day = dc->complaint;

	*path = (struct demo_path){ END_PENDING, 0, 0, 0, 0 };
	add_event(g, c, DC_ST_COMPLAINT, day);
	day += rng_range(&g->r, 0, 15);
	if (!add_event(g, c, DC_ST_INQUIRY, day))
		return;
	if (rng_chance(&g->r, archive_permille)) {
		/* provisional when the perpetrators could not be identified */
		day += rng_range(&g->r, 60, 540);
		if (add_event(g, c, rng_chance(&g->r, 300) ? DC_ST_PROV_ARCHIVE : DC_ST_ARCHIVED,
		    day))
			*path = (struct demo_path){ END_ARCHIVED, 0, 0, day, 0 };
		return;
	}
	day += rng_range(&g->r, 30, 300);
	if (!add_event(g, c, DC_ST_FORMALISED, day))
		return;
	path->formalised = day;
	if (rng_chance(&g->r, 200)) {
		day += rng_range(&g->r, 30, 240);
		if (add_event(g, c, DC_ST_PLEA, day))
			*path = (struct demo_path){ END_CONVICTED, 1, path->formalised, day, 0 };
		return;
	}
	trial_path(g, c, path, day);
}

/* Steps of a suspect's path go to steps[] (at most DEMO_MAX_STEPS), only
 * up to the horizon. */
#define DEMO_MAX_STEPS 8
struct demo_steps {
	struct path_step s[DEMO_MAX_STEPS];
	size_t n;
};

static struct path_step *
add_step(struct demo_gen *g, struct demo_steps *st, const char *step, int64_t day)
{
	struct path_step *x;

	if (day > g->horizon || st->n == DEMO_MAX_STEPS)
		return NULL;
	x = &st->s[st->n++];
	memset(x, 0, sizeof(*x));
	x->step = cb_lookup(CB_PATH_STEP, step)->code;
	fmt_date(x->date, day);
	return x;
}

/* 8-25 years (aggravated, minors: from 12); a plea takes a sixth off; the
 * fine in días-multa; a public official is disqualified (CP art. 36.1-2). */
static void
sentence(struct demo_gen *g, const struct demo_case *dc, const struct participation *pt,
	struct path_step *x, int plea)
{
	int months = rng_range(&g->r, dc->minors ? 144 : 96, dc->minors ? 300 : 216);
	size_t k;

	x->prison_months = plea ? months * 5 / 6 : months;
	x->reparation_cents = 100 * (int64_t)rng_range(&g->r, 5, 60) * 1000;
	x->reparation_currency = code(DC_PEN);
	x->days_fine = rng_range(&g->pr, 180, 365);
	for (k = 0; k < pt->suspect.nnetwork_roles; k++)
		if (is(pt->suspect.network_roles[k], DC_NR_OFFICIAL)) {
			x->disqualification_months = 12 * rng_range(&g->pr, 5, 10);
			x->disqualification = "1,2";
		}
}

/* After a judgement on day: an appeal most of the time, upheld, reversed
 * or annulled by the higher court; the final judgement when it stands. */
static void
appeal_path(struct demo_gen *g, struct demo_steps *st, int64_t day, int convicted)
{
	unsigned r;

	if (rng_chance(&g->pr, convicted ? 650 : 350)) {
		day += rng_range(&g->pr, 3, 10);
		if (add_step(g, st, "appeal", day) == NULL)
			return;
		day += rng_range(&g->pr, 120, 420);
		r = (unsigned)rng_range(&g->pr, 0, 999);
		if (r < 760) {
			if (add_step(g, st, "appeal_confirmed", day) == NULL)
				return;
		} else if (r < 880) {
			/* reversed: a conviction becomes an acquittal (or the reverse,
			 * which the demo leaves to the confirmed ones) */
			add_step(g, st, convicted ? "appeal_overturned" : "appeal_confirmed", day);
			return;
		} else {
			add_step(g, st, "appeal_annulled", day);
			return;
		}
	}
	add_step(g, st, "final", day + rng_range(&g->pr, 15, 90));
}

/* Part payments of the reparation ordered, some of it, on later days. */
static void
pay_some(struct demo_gen *g, struct suspect_attrs *sa)
{
	int64_t left = sa->reparation_cents, day;
	int k, n;

	if (sa->reparation_currency == NULL || sa->convicted_on[0] == '\0' ||
	    !rng_chance(&g->pr, 450))
		return;
	day = days_from_civil(atoi(sa->convicted_on), atoi(sa->convicted_on + 5),
		atoi(sa->convicted_on + 8));
	n = rng_range(&g->pr, 1, 3);
	sa->payments = arena_alloc(g->a, (size_t)n * sizeof(*sa->payments));
	for (k = 0; k < n && left > 0; k++) {
		day += rng_range(&g->pr, 30, 200);
		if (day > g->horizon)
			break;
		int64_t amt = left / 100 * rng_range(&g->pr, 10, 60);
		if (amt <= 0)
			break;
		fmt_date(sa->payments[sa->npayments].date, day);
		sa->payments[sa->npayments++].amount_cents = amt;
		left -= amt;
	}
}

/* One suspect's dated path through the case's procedure. */
static void
suspect_path(struct demo_gen *g, struct participation *pt, const struct demo_case *dc,
	const struct demo_path *path)
{
	struct suspect_attrs *sa = &pt->suspect;
	struct demo_steps st = { .n = 0 };
	struct path_step *x;
	struct outcome_fault f;
	int64_t day;

	if (path->end == END_ARCHIVED) {
		add_step(g, &st, "archive", path->closed);
	} else if (path->formalised) {
		if ((x = add_step(g, &st, "charge", path->formalised)) != NULL && sa->ncharges > 0)
			x->offence = sa->charges[0];
		if (path->indicted)
			add_step(g, &st, "indictment", path->indicted);
		day = path->closed;
		if (path->end == END_DISMISSED) {
			add_step(g, &st, "dismissal", day);
		} else if (path->end == END_CONVICTED && path->plea) {
			if ((x = add_step(g, &st, "conviction_plea", day)) != NULL) {
				sentence(g, dc, pt, x, 1);
				add_step(g, &st, "final", day + rng_range(&g->pr, 10, 30));
			}
		} else if (path->end == END_ACQUITTED || (path->end == END_CONVICTED &&
		    !rng_chance(&g->r, 850))) {
			if (add_step(g, &st, "acquittal", day) != NULL)
				appeal_path(g, &st, day, 0);
		} else if (path->end == END_CONVICTED) {
			/* conclusión anticipada: the accused admits the charge at trial */
			int early = rng_chance(&g->pr, 180);
			if ((x = add_step(g, &st, early ? "conviction_early" : "conviction_trial",
			    day)) != NULL) {
				sentence(g, dc, pt, x, early);
				appeal_path(g, &st, day, 1);
			}
		}
	}
	sa->path = st.n ? arena_memdup(g->a, st.s, st.n * sizeof(*st.s)) : NULL;
	sa->npath = st.n;
	if (outcome_derive(sa, &f) != 0)
		abort();   /* the generator's paths follow the rules: a bug */
	pay_some(g, sa);
	if (outcome_derive(sa, &f) != 0)
		abort();
}

/* Coercive measures and paths of the suspects, as the case's path decides. */
static void
settle_suspects(struct demo_gen *g, struct kcase *c, const struct demo_case *dc,
	const struct demo_path *path)
{
	size_t i;

	for (i = 0; i < c->nparts; i++) {
		struct suspect_attrs *sa = &c->parts[i].suspect;
		struct coercive_measure *m;
		if (!is(c->parts[i].role, DC_SUSPECT))
			continue;
		m = sa->measures = arena_alloc(g->a, 2 * sizeof(*m));
		if (dc->source == DC_SRC_EX_OFFICIO && rng_chance(&g->r, 500)) {
			m[sa->nmeasures].kind = code(DC_DETENTION);
			fmt_date(m[sa->nmeasures++].date, dc->complaint);
		}
		if (path->formalised && rng_chance(&g->r, 450)) {
			m[sa->nmeasures].kind = code(DC_PREVENTIVE_PRISON);
			int64_t day = path->formalised + rng_range(&g->r, 0, 5);
			fmt_date(m[sa->nmeasures++].date, day < g->horizon ? day : g->horizon);
		}
		suspect_path(g, &c->parts[i], dc, path);
	}
}

/* ==================================================================== */
/* Assets, identifiers, requests                                        */
/* ==================================================================== */

struct demo_asset_kind {
	enum demo_code kind;
	unsigned w;
	int lo, hi;             /* value in thousands of soles */
	const char *what;
};

static const struct demo_asset_kind ASSET_KINDS[] = {
	{ DC_A_CASH, 40, 2, 80, "Dinero en efectivo hallado en el local" },
	{ DC_A_VEHICLE, 25, 15, 120, "Camioneta usada para el traslado de las víctimas" },
	{ DC_A_REAL_ESTATE, 10, 80, 600, "Inmueble donde funcionaba el local" },
	{ DC_A_BUSINESS, 15, 50, 300, "Bar-discoteca clausurado durante el operativo" },
	{ DC_A_ACCOUNT, 10, 5, 200, "Fondos en cuenta de ahorros" },
};

static void
add_asset_measures(struct demo_gen *g, struct asset *as, const struct demo_path *path,
	int64_t seized)
{
	struct asset_measure *m = as->measures = arena_alloc(g->a, 2 * sizeof(*m));

	m[0].measure = code(is(as->kind, DC_A_ACCOUNT) ? DC_M_FROZEN : DC_M_SEIZED);
	fmt_date(m[0].date, seized);
	as->nmeasures = 1;
	if (path->closed < seized)
		return;
	if (path->end == END_CONVICTED && rng_chance(&g->r, 700)) {
		m[1].measure = code(DC_M_FORFEITED);
		fmt_date(m[1].date, path->closed);
		as->nmeasures = 2;
	} else if ((path->end == END_ARCHIVED || path->end == END_ACQUITTED) &&
	    rng_chance(&g->r, 500)) {
		m[1].measure = code(DC_M_RETURNED);
		fmt_date(m[1].date, path->closed);
		as->nmeasures = 2;
	}
}

static void
gen_assets(struct demo_gen *g, struct kcase *c, const struct demo_case *dc,
	const struct demo_path *path)
{
	unsigned w[NELEM(ASSET_KINDS)];
	int64_t seized = dc->complaint + rng_range(&g->r, 0, 30);
	size_t i, n = (size_t)rng_range(&g->r, 1, DEMO_MAX_ASSETS);

	if (!rng_chance(&g->r, dc->mining ? 400 : 230) || seized > g->horizon)
		return;
	for (i = 0; i < NELEM(ASSET_KINDS); i++)
		w[i] = ASSET_KINDS[i].w;
	c->assets = arena_alloc(g->a, (n + 1) * sizeof(*c->assets));
	for (i = 0; i < n; i++) {
		const struct demo_asset_kind *k = &ASSET_KINDS[rng_pick_weight(&g->r, w, NELEM(w))];
		struct asset *as = &c->assets[c->nassets++];
		as->kind = code(k->kind);
		as->description = k->what;
		as->currency = code(DC_PEN);
		as->value_cents = (int64_t)rng_range(&g->r, k->lo, k->hi) * 100000 +
			rng_range(&g->r, 0, 99) * 1000;
		add_asset_measures(g, as, path, seized);
	}
	if (dc->mining) {
		struct asset *as = &c->assets[c->nassets++];
		as->kind = code(DC_A_MINING);
		as->description = "Motobomba, chute y cargador frontal del campamento";
		as->currency = code(DC_PEN);
		as->value_cents = (int64_t)rng_range(&g->r, 30, 400) * 100000;
		add_asset_measures(g, as, path, seized);
	}
}

static const char *
make_plate(struct demo_gen *g)
{
	static const char L[] = "ABCDFGHJKMPRTVWXZ";
	char s[8];

	s[0] = L[rng_below(&g->r, sizeof(L) - 1)];
	s[1] = (char)('0' + rng_below(&g->r, 10));
	s[2] = L[rng_below(&g->r, sizeof(L) - 1)];
	s[3] = '-';
	put_digits(s + 4, rng_below(&g->r, 1000), 3);
	s[7] = '\0';
	return arena_strndup(g->a, s, 7);
}

static void
add_ident(struct kcase *c, enum demo_code kind, const char *value, int person_index)
{
	struct identifier *id = &c->idents[c->nidents++];

	id->kind = code(kind);
	id->value = value;
	id->person_index = person_index;
}

/* Phones of victims and suspects (some suspects' phones shared across cases
 * through network members), a few bank accounts, plates of seized vehicles. */
static void
gen_identifiers(struct demo_gen *g, struct kcase *c, const int *net_of)
{
	size_t i;

	c->idents = arena_alloc(g->a, (c->nparts + 2 + c->nassets) * sizeof(*c->idents));
	for (i = 0; i < c->nparts; i++) {
		const struct participation *pt = &c->parts[i];
		int suspect = is(pt->role, DC_SUSPECT);
		if (suspect && net_of[i] >= 0)
			add_ident(c, DC_ID_PHONE, g->net[net_of[i]].phone, (int)i);
		else if (rng_chance(&g->r, suspect ? 800 : is(pt->role, DC_VICTIM) ? 650 : 400))
			add_ident(c, DC_ID_PHONE, make_phone(g, pt->person.nationality, g->serial++),
				(int)i);
		if (suspect && i == c->nparts - 1 && rng_chance(&g->r, 60))
			add_ident(c, DC_ID_ACCOUNT, g->accounts[rng_below(&g->r,
				(uint32_t)g->naccounts)], (int)i);
	}
	for (i = 0; i < c->nassets; i++)
		if (is(c->assets[i].kind, DC_A_VEHICLE))
			add_ident(c, DC_ID_PLATE, make_plate(g), -1);
}

struct demo_country {
	const char *iso;
	const char *authority;
};

static const struct demo_country REQUEST_TO[] = {
	{ "BO", "Fiscalía General del Estado" },
	{ "EC", "Fiscalía General del Estado" },
	{ "CO", "Fiscalía General de la Nación" },
	{ "VE", "Ministerio Público" },
	{ "CL", "Fiscalía Nacional" },
	{ "AR", "Procuración General de la Nación" },
};

static size_t
request_country(struct demo_gen *g, const struct demo_df *df)
{
	static const unsigned w_any[] = { 25, 20, 20, 20, 8, 7 };
	static const unsigned w_bo[] = { 70, 0, 0, 5, 20, 5 };
	static const unsigned w_ec[] = { 0, 65, 25, 10, 0, 0 };

	return rng_pick_weight(&g->r, (df->flags & DF_BORDER_BO) ? w_bo :
		(df->flags & DF_BORDER_EC) ? w_ec : w_any, NELEM(w_any));
}

static void
gen_request(struct demo_gen *g, struct kcase *c, const struct demo_case *dc)
{
	const struct demo_country *to;
	struct intl_request *rq;
	int64_t sent = dc->complaint + rng_range(&g->r, 30, 240), back;
	struct sbuf ref = { .n = 0 };

	if (!rng_chance(&g->r, 30) || sent > g->horizon)
		return;
	to = &REQUEST_TO[request_country(g, &DEMO_DF[dc->df])];
	rq = c->requests = arena_alloc(g->a, sizeof(*rq));
	c->nrequests = 1;
	rq->direction = code(rng_chance(&g->r, 850) ? DC_OUTGOING : DC_INCOMING);
	rq->country = to->iso;
	rq->authority = to->authority;
	rq->type = code(DC_MLA);
	fmt_date(rq->sent, sent);
	fmt_date(rq->due, sent + 90);
	back = sent + rng_range(&g->r, 45, 300);
	rq->status = code(back <= g->horizon ? DC_RQ_ANSWERED : DC_RQ_SENT);
	if (back <= g->horizon) {
		fmt_date(rq->received, back);
		fmt_date(rq->answered, back);
	}
	rq->legal_basis = "untoc_art18";
	rq->channel = "central_authority";
	sb_put(&ref, "AJ-");
	sb_num(&ref, (unsigned)year_of(sent), 4);
	sb_put(&ref, "-");
	sb_num(&ref, rng_below(&g->r, 10000), 4);
	rq->reference = sb_take(&ref, g->a);
	c->shared_with = arena_alloc(g->a, sizeof(*c->shared_with));
	c->shared_with[0] = g->ucjie;
	c->nshared = 1;
}

/* ==================================================================== */
/* A case                                                               */
/* ==================================================================== */

static size_t
count_places(const struct demo_df *df)
{
	size_t n = 0;

	while (n < NELEM(df->places) && df->places[n] != NULL)
		n++;
	return n;
}

static enum demo_code
pick_form(struct demo_gen *g, struct demo_case *dc)
{
	static const enum demo_code forms[] = { DC_SEXUAL, DC_LABOUR, DC_BEGGING, DC_SERVITUDE };
	static const unsigned w[] = { 700, 200, 45, 55 };
	const struct demo_df *df = &DEMO_DF[dc->df];

	dc->mining = (df->flags & DF_MINING) && rng_chance(&g->r, 550);
	if (dc->mining) {
		/* camps: bars ("prostibares") and forced labour in the pits */
		dc->camp = df->dept[1] == '7' ? PICK(&g->r, MINING_MDD) : PICK(&g->r, MINING_PUNO);
		return rng_chance(&g->r, 600) ? DC_SEXUAL : DC_LABOUR;
	}
	dc->camp = df->places[rng_below(&g->r, (uint32_t)count_places(df))];
	return forms[rng_pick_weight(&g->r, w, NELEM(w))];
}

static enum demo_code
pick_recruitment(struct demo_gen *g, enum demo_code form)
{
	static const enum demo_code modes[] = {
		DC_JOB_OFFER, DC_SOCIAL_MEDIA, DC_ROMANTIC, DC_FAMILY_RECRUIT, DC_ACQUAINTANCE,
		DC_ONLINE_AD, DC_ABDUCTION,
	};
	/* peru.md §1.2: job offers 27%, acquaintances and family 25%, social
	 * media in 22% of the sexual-exploitation complaints */
	static const unsigned w_sex[] = { 330, 220, 150, 90, 140, 50, 20 };
	static const unsigned w_other[] = { 520, 80, 20, 170, 170, 20, 20 };
	_Static_assert(NELEM(w_sex) == NELEM(modes) && NELEM(w_other) == NELEM(modes), "w");

	return modes[rng_pick_weight(&g->r, form == DC_SEXUAL ? w_sex : w_other, NELEM(modes))];
}

static size_t
pick_df(struct demo_gen *g)
{
	unsigned w[DEMO_NDF];
	size_t i;

	for (i = 0; i < DEMO_NDF; i++)
		w[i] = DEMO_DF[i].weight;
	return rng_pick_weight(&g->r, w, DEMO_NDF);
}

static int64_t
pick_complaint_day(struct demo_gen *g)
{
	int y = DEMO_FIRST_YEAR + (int)rng_pick_weight(&g->r, YEAR_W, DEMO_YEARS);
	int64_t first = days_from_civil(y, 1, 1), last = days_from_civil(y, 12, 31);
	int64_t day = first + rng_below(&g->r, (uint32_t)(last - first + 1));

	return day > g->horizon ? g->horizon : day;
}

/* Lower-case the (ASCII) letter that follows the first `after` in s. */
static void
lower_after(char *s, const char *after)
{
	char *p = strstr(s, after);

	if (p != NULL && p[strlen(after)] >= 'A' && p[strlen(after)] <= 'Z')
		p[strlen(after)] += 'a' - 'A';
}

static void
case_header(struct demo_gen *g, struct kcase *c, const struct demo_case *dc, size_t idx)
{
	struct sbuf s = { .n = 0 };
	const struct demo_df *df = &DEMO_DF[dc->df];
	const char *where;
	char *summary;

	sb_put(&s, "DEMO-");
	sb_num(&s, (unsigned)year_of(dc->complaint), 4);
	sb_put(&s, "-");
	sb_num(&s, (unsigned)(idx + 1), 6);
	c->number = sb_take(&s, g->a);
	c->office_id = g->office[dc->df];
	fmt_date(c->complaint_date, dc->complaint);
	c->complaint_source = code(dc->source);
	c->place.country = "PE";
	c->place.ubigeo = dc->camp;
	c->synthetic = 1;
	/* registered the day after the complaint, at noon: deterministic */
	c->created_at = (dc->complaint + 1) * 86400 + 12 * 3600;
	where = dc->mining ? (df->dept[1] == '7' ? "un campamento minero de La Pampa" :
		"La Rinconada") : df->city;
	summary = arena_printf(g->a, "Caso sintético de demostración: %s en %s; captación "
		"mediante %s.", cb_label(CB_EXPLOITATION, code(dc->form), CB_ES), where,
		cb_label(CB_RECRUITMENT, code(dc->recruitment), CB_ES));
	lower_after(summary, ": ");
	lower_after(summary, "mediante ");
	c->summary = summary;
}

static void
case_offences(struct demo_gen *g, struct kcase *c, const struct demo_case *dc, size_t nsusp)
{
	const char **rel = arena_alloc(g->a, 5 * sizeof(*rel));   /* + corruption */
	const char **off = arena_alloc(g->a, 2 * sizeof(*off));
	/* trata moved from art. 153 to 129-A in 2021 (Ley 31146) */
	int new_code = dc->complaint >= days_from_civil(2021, 3, 30);

	off[c->noffences++] = code(dc->minors ? (new_code ? DC_CP_129B : DC_CP_153A) :
		(new_code ? DC_CP_129A : DC_CP_153));
	/* the exploitation itself is often charged too */
	if (dc->form == DC_SEXUAL && rng_chance(&g->r, 350))
		off[c->noffences++] = code(dc->minors ? (new_code ? DC_CP_129H : DC_CP_153H) :
			(new_code ? DC_CP_129C : DC_CP_153B));
	else if (dc->form == DC_LABOUR && rng_chance(&g->r, 350))
		off[c->noffences++] = code(new_code ? DC_CP_129O : DC_CP_168B);
	c->offences = off;
	if (dc->form == DC_SEXUAL && rng_chance(&g->r, 100))
		rel[c->nrelated++] = code(DC_PIMPING);
	if (dc->mining)
		rel[c->nrelated++] = code(DC_ILLEGAL_MINING);
	if (nsusp >= 3 || rng_chance(&g->r, 80))
		rel[c->nrelated++] = code(DC_ORGANISED_CRIME);
	if (c->nassets > 0 && rng_chance(&g->r, 300))
		rel[c->nrelated++] = code(DC_MONEY_LAUNDERING);
	c->related = c->nrelated ? rel : NULL;
}

static void
gen_persons(struct demo_gen *g, struct kcase *c, struct demo_case *dc, int *net_of,
	size_t *nsusp, int force_net)
{
	static const unsigned wv[] = { 55, 25, 13, 7 }, ws[] = { 50, 35, 15 };
	size_t nv = 1 + rng_pick_weight(&g->r, wv, NELEM(wv));
	size_t ns = 1 + rng_pick_weight(&g->r, ws, NELEM(ws));
	int witness = rng_chance(&g->r, 250);
	size_t i;

	if (dc->mining && nv < 4 && rng_chance(&g->r, 400))
		nv++;
	c->parts = arena_alloc(g->a, (nv + ns + 1) * sizeof(*c->parts));
	for (i = 0; i < nv; i++)
		gen_victim(g, dc, &c->parts[c->nparts++]);
	for (i = 0; i < ns; i++) {
		struct participation *pt = &c->parts[c->nparts];
		gen_suspect(g, dc, pt, i);
		net_of[c->nparts] = -1;
		if (i == 0 && force_net >= 0)
			net_of[c->nparts] = force_net;
		else if (rng_chance(&g->r, 120))
			/* skewed: a few members act in many cases; member 0 is kept
			 * for the showcase case */
			net_of[c->nparts] = 1 + (int)rng_below(&g->r, rng_below(&g->r,
				(uint32_t)g->nnet - 1) + 1);
		if (net_of[c->nparts] >= 0)
			use_net_member(pt, &g->net[net_of[c->nparts]]);
		c->nparts++;
	}
	if (witness)
		gen_witness(g, dc, &c->parts[c->nparts++]);
	*nsusp = ns;
}

/* ==================================================================== */
/* The State's response: each victim's protection, each asset's life,    */
/* the police report (issue 10)                                          */
/* ==================================================================== */

static int age_on(const char *birth, const char *day);

/* These draw from a generator of their own, seeded by the register's seed
 * and the case's index: the rest of a register made with a seed stays what
 * it was before they were added. */

static void
add_protection(struct demo_gen *g, struct participation *pt, const char *measure,
	const char *provider, int64_t day, int64_t end, int consent, const char *result)
{
	struct victim_attrs *va = &pt->victim;
	struct protection *p;

	if (day > g->horizon)
		return;
	p = &va->protection[va->nprotection++];
	memset(p, 0, sizeof(*p));
	p->measure = measure;
	p->provider = provider;
	fmt_date(p->date, day);
	if (end > 0 && end <= g->horizon)
		fmt_date(p->end_date, end);
	p->consent = consent;
	p->result = result;
}

/* What the State did for one victim, in a realistic mix: the single
 * interview (nearly always for a child), UDAVIT, shelter (a CAR for a
 * child), care, legal aid, consular help and return for foreigners,
 * reintegration months later; an adult sometimes declines a referral. */
static void
gen_protection(struct demo_gen *g, struct rng *r, struct participation *pt, int64_t d0)
{
	struct victim_attrs *va = &pt->victim;
	const struct person *pe = &pt->person;
	char day0[MODEL_DATE_LEN];
	int minor, foreign = pe->nationality != NULL && strcmp(pe->nationality, "PE") != 0;
	int64_t d, end;
	size_t i, j;

	fmt_date(day0, d0);
	minor = pe->birth_date != NULL ? age_on(pe->birth_date, day0) < 18 :
		pe->birth_year > 0 ? year_of(d0) - pe->birth_year < 18 : 0;
	va->protection = arena_alloc(g->a, 12 * sizeof(*va->protection));
	if (rng_chance(r, minor ? 920 : 600))
		add_protection(g, pt, "single_interview", "public_prosecutor", d0 + rng_range(r, 0, 10),
			0, -1, rng_chance(r, 900) ? "completed" : "requested");
	if (rng_chance(r, 650))
		add_protection(g, pt, "udavit_assistance", "udavit", d0 + rng_range(r, 0, 20), 0, 1,
			rng_chance(r, 500) ? "provided" : rng_chance(r, 500) ? "ongoing" : "completed");
	if (rng_chance(r, 350))
		add_protection(g, pt, "protection_order", "public_prosecutor",
			d0 + rng_range(r, 1, 15), 0, -1, "provided");
	if (rng_chance(r, minor ? 650 : 220)) {
		d = d0 + rng_range(r, 0, 5);
		end = rng_chance(r, 500) ? d + rng_range(r, 30, 300) : 0;
		if (!minor && rng_chance(r, 120))
			add_protection(g, pt, "shelter", rng_chance(r, 500) ? "ngo" : "mimp_cem", d, 0,
				0, "declined");
		else
			add_protection(g, pt, "shelter", minor ? (rng_chance(r, 700) ? "mimp_car" :
				"mimp_upe") : (rng_chance(r, 500) ? "ngo" : "mimp_cem"), d, end, 1,
				end > 0 && end <= g->horizon ? "completed" : "ongoing");
	}
	if (rng_chance(r, 550))
		add_protection(g, pt, "psychological", rng_chance(r, 400) ? "mimp_cem" :
			rng_chance(r, 500) ? "udavit" : "health", d0 + rng_range(r, 3, 40), 0, 1,
			rng_chance(r, 500) ? "ongoing" : "completed");
	if (rng_chance(r, 400))
		add_protection(g, pt, "health", "health", d0 + rng_range(r, 0, 10), 0, 1, "provided");
	if (rng_chance(r, 300)) {
		int no = !minor && rng_chance(r, 150);
		add_protection(g, pt, "legal_aid", "legal_aid", d0 + rng_range(r, 5, 60), 0, !no,
			no ? "declined" : "provided");
	}
	if (foreign && rng_chance(r, 650))
		add_protection(g, pt, "consular", "consulate", d0 + rng_range(r, 2, 20), 0, 1,
			"provided");
	if (rng_chance(r, foreign ? 400 : 120)) {
		int no = !minor && rng_chance(r, 100);
		add_protection(g, pt, "return", foreign ? "iom" : "udavit",
			d0 + rng_range(r, 30, 200), 0, !no, no ? "declined" : "completed");
	}
	if (foreign && rng_chance(r, 300))
		add_protection(g, pt, "documentation", "foreign_ministry", d0 + rng_range(r, 10, 90),
			0, 1, "provided");
	if (rng_chance(r, 200))
		add_protection(g, pt, "reintegration", rng_chance(r, 500) ? "ngo" : "mimp_cem",
			d0 + rng_range(r, 60, 400), 0, 1, rng_chance(r, 500) ? "ongoing" : "completed");
	/* in the order they happened */
	for (i = 1; i < va->nprotection; i++)
		for (j = i; j > 0 && strcmp(va->protection[j - 1].date, va->protection[j].date) > 0;
		     j--) {
			struct protection t = va->protection[j];
			va->protection[j] = va->protection[j - 1];
			va->protection[j - 1] = t;
		}
}

static void
add_asset_step(struct asset *as, const char *measure, int64_t day, int64_t value,
	const char *reference)
{
	struct asset_measure *m = &as->measures[as->nmeasures++];

	memset(m, 0, sizeof(*m));
	m->measure = measure;
	fmt_date(m->date, day);
	m->value_cents = value;
	m->reference = reference;
}

/* After a confiscation or a forfeiture: PRONABI, then often a sale or an
 * assignment with its realised value. */
static int64_t
gen_disposal(struct demo_gen *g, struct rng *r, struct asset *as, int64_t d)
{
	if (!rng_chance(r, 600) || (d += rng_range(r, 20, 120)) > g->horizon)
		return d;
	add_asset_step(as, "pronabi", d, 0, NULL);
	if ((d += rng_range(r, 60, 360)) > g->horizon)
		return d;
	if (rng_chance(r, 400))
		add_asset_step(as, "sold", d, as->value_cents / 100 * rng_range(r, 55, 95), NULL);
	else if (rng_chance(r, 300))
		add_asset_step(as, "assigned", d, as->value_cents / 100 * rng_range(r, 80, 100), NULL);
	return d;
}

/* The asset's life from its seizure: sometimes identified first; after a
 * conviction's decomiso, PRONABI and a sale; on a case without a sentence,
 * sometimes a forfeiture proceeding of D. Leg. 1373 with its file number;
 * its owner or front man among the suspects. */
static void
gen_asset_life(struct demo_gen *g, struct rng *r, struct kcase *c, struct asset *as,
	size_t idx, size_t k)
{
	struct asset_measure first = as->measures[0], second;
	int has_second = as->nmeasures > 1, ed;
	int64_t d = parse_day(first.date);
	size_t i, nsus = 0;

	if (has_second)
		second = as->measures[1];
	as->measures = arena_alloc(g->a, 10 * sizeof(*as->measures));
	as->nmeasures = 0;
	if (rng_chance(r, 250))
		add_asset_step(as, "identified", d - rng_range(r, 1, 20), 0, NULL);
	add_asset_step(as, first.measure, d, 0, rng_chance(r, 500) ?
		arena_printf(g->a, "Res. %u-%d", rng_range(r, 1, 400), year_of(d)) : NULL);
	ed = !has_second && (is(as->kind, DC_A_REAL_ESTATE) || is(as->kind, DC_A_BUSINESS) ||
		is(as->kind, DC_A_VEHICLE) || is(as->kind, DC_A_ACCOUNT)) && rng_chance(r, 300);
	if (has_second) {
		as->measures[as->nmeasures++] = second;
		if (strcmp(second.measure, "forfeited") == 0)
			gen_disposal(g, r, as, parse_day(second.date));
	} else if (ed && (d += rng_range(r, 60, 240)) <= g->horizon) {
		as->forfeiture_file = arena_printf(g->a, "%05u-%d-0-%02u01-JR-ED-01",
			(unsigned)(idx * 7 + k) % 100000, year_of(d), rng_range(r, 1, 25));
		add_asset_step(as, "extinction_of_ownership", d, 0, NULL);
		if (rng_chance(r, 700) && (d += rng_range(r, 90, 300)) <= g->horizon) {
			add_asset_step(as, "ed_claim", d, 0, NULL);
			if ((d += rng_range(r, 180, 500)) <= g->horizon) {
				int founded = rng_chance(r, 650);
				add_asset_step(as, founded ? "ed_founded" : "ed_unfounded", d, 0,
					arena_printf(g->a, "Sent. %u-%d", rng_range(r, 1, 200), year_of(d)));
				if (founded)
					gen_disposal(g, r, as, d);
				else if ((d += rng_range(r, 10, 60)) <= g->horizon)
					add_asset_step(as, "returned", d, 0, NULL);
			}
		}
	}
	for (i = 0; i < c->nparts; i++)
		nsus += is(c->parts[i].role, DC_SUSPECT);
	if (nsus > 0 && rng_chance(r, 650)) {
		size_t want = rng_below(r, (uint32_t)nsus);
		for (i = 0; i < c->nparts; i++)
			if (is(c->parts[i].role, DC_SUSPECT) && want-- == 0)
				break;
		as->owner_pos = i + 1;
		as->owner_relation = rng_chance(r, 700) ? "owner" : rng_chance(r, 850) ?
			"front_man" : "holder";
	}
}

/* The police report a case came from (a police complaint or operation). */
static void
gen_police_report(struct demo_gen *g, struct rng *r, struct kcase *c,
	const struct demo_case *dc)
{
	struct police_intake *pi = &c->police;
	const char *city = DEMO_DF[dc->df].city;
	int64_t d = dc->complaint + rng_range(r, 0, 7);
	int y = year_of(dc->complaint), depintrap = rng_chance(r, 600);

	if (dc->source != DC_SRC_POLICE && dc->source != DC_SRC_EX_OFFICIO)
		return;
	if (dc->source == DC_SRC_EX_OFFICIO && !rng_chance(r, 500))
		return;
	pi->kind = y < 2019 && rng_chance(r, 500) ? "atestado" : "informe";
	pi->number = arena_printf(g->a, "%s N.° %u-%d-%s", pi->kind[0] == 'a' ? "Atestado" :
		"Informe", rng_range(r, 1, 999), y, depintrap ? "DIRNIC-DEPINTRAP" : "REGPOL");
	pi->unit = depintrap ? arena_printf(g->a, "Departamento de Investigación de Trata de "
		"Personas (DEPINTRAP) %s", city) : arena_printf(g->a, "Comisaría PNP %s", city);
	if (rng_chance(r, 800))
		pi->reta = arena_printf(g->a, "RETA-%d-%05u", y, rng_range(r, 1, 99999));
	if (rng_chance(r, 600))
		pi->sidpol = arena_printf(g->a, "%08u", rng_range(r, 10000000, 99999999));
	if (d <= g->horizon)
		fmt_date(pi->received, d);
}

static void
gen_response(struct demo_gen *g, struct kcase *c, const struct demo_case *dc,
	const struct demo_path *path, size_t idx)
{
	struct rng r;
	size_t i, plate = 0;

	(void)path;
	rng_seed(&r, g->seed ^ (0x9e3779b97f4a7c15ULL * (uint64_t)(idx + 1)));
	gen_police_report(g, &r, c, dc);
	for (i = 0; i < c->nparts; i++)
		if (is(c->parts[i].role, DC_VICTIM))
			gen_protection(g, &r, &c->parts[i], dc->complaint);
	for (i = 0; i < c->nassets; i++)
		if (c->assets[i].nmeasures > 0)
			gen_asset_life(g, &r, c, &c->assets[i], idx, i);
	/* the plates of the seized vehicles (gen_identifiers) lead to them */
	for (i = 0; i < c->nidents; i++) {
		if (!is(c->idents[i].kind, DC_ID_PLATE))
			continue;
		for (; plate < c->nassets && !is(c->assets[plate].kind, DC_A_VEHICLE); plate++)
			;
		if (plate < c->nassets)
			c->idents[i].asset_pos = ++plate;
	}
}

/* ==================================================================== */
/* Legal elements: the means of art. 129-A, vulnerability, aggravations  */
/* ==================================================================== */

static const char *
le_code(enum cb_dim dim, const char *code)
{
	return cb_lookup(dim, code)->code;   /* static codes, checked by u-demo */
}

static int
has_code(const char *const *v, size_t n, const char *code)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(v[i], code) == 0)
			return 1;
	return 0;
}

/* The means follow from the means of control already drawn (a false
 * promise is deception, a threat a threat...); a minor's case often
 * records that no means was needed. */
static void
victim_means(struct demo_gen *g, struct victim_attrs *va)
{
	static const struct { const char *control, *means; } from[] = {
		{ "false_promises", "deception" }, { "physical_abuse", "violence" },
		{ "threats", "threat" }, { "restricts_movement", "deprivation_of_liberty" },
		{ "debt_bondage", "abuse_of_vulnerability" },
	};
	const char **v = arena_alloc(g->a, (NELEM(from) + 2) * sizeof(*v));
	size_t i, n = 0;

	for (i = 0; i < NELEM(from); i++)
		if (has_code(va->control, va->ncontrol, from[i].control))
			v[n++] = le_code(CB_MEANS, from[i].means);
	if (rng_chance(&g->le, 120))
		v[n++] = le_code(CB_MEANS, "payments");
	if (va->age_at_recruitment >= 0 && va->age_at_recruitment < 18 && rng_chance(&g->le, 600))
		v[n++] = le_code(CB_MEANS, "not_required_minor");
	va->means = v;
	va->nmeans = n;
}

static void
victim_vulnerability(struct demo_gen *g, const struct demo_case *dc, struct participation *pt)
{
	unsigned flags = DEMO_DF[dc->df].flags;
	const char **v = arena_alloc(g->a, 6 * sizeof(*v));
	int age = pt->victim.age_at_recruitment;
	size_t n = 0;

	if (strcmp(pt->person.nationality, "PE") != 0 && rng_chance(&g->le, 550))
		v[n++] = le_code(CB_VULNERABILITY, "migrant_irregular");
	if ((flags & DF_ANDES) && rng_chance(&g->le, 300))
		v[n++] = le_code(CB_VULNERABILITY, "mother_tongue_quechua");
	if ((flags & DF_AMAZON) && rng_chance(&g->le, 150)) {
		v[n++] = le_code(CB_VULNERABILITY, "indigenous");
		v[n++] = le_code(CB_VULNERABILITY, "mother_tongue_amazonian");
	}
	if (rng_chance(&g->le, 400))
		v[n++] = le_code(CB_VULNERABILITY, "poverty");
	if (age >= 0 && age < 18 && rng_chance(&g->le, 60))
		v[n++] = le_code(CB_VULNERABILITY, "in_state_care");
	if (rng_chance(&g->le, 25))
		v[n++] = le_code(CB_VULNERABILITY, "disability");
	pt->victim.vulnerability = v;
	pt->victim.nvulnerability = n;
}

/* The aggravations of art. 129-B that the case's own facts show: its
 * victims' number and ages, its suspects, a criminal organisation, a
 * public official among them. Recorded in most cases, not all (a
 * register is never complete). */
static void
case_aggravating(struct demo_gen *g, struct kcase *c)
{
	const char **v = arena_alloc(g->a, 6 * sizeof(*v));
	int nvict = 0, nsusp = 0, teen = 0, child = 0, official = 0;
	size_t i, n = 0;

	for (i = 0; i < c->nparts; i++) {
		const struct participation *pt = &c->parts[i];
		int age = pt->victim.age_at_recruitment;

		if (is(pt->role, DC_VICTIM)) {
			nvict++;
			teen |= age >= 14 && age < 18;
			child |= age >= 0 && age < 14;
		} else if (is(pt->role, DC_SUSPECT)) {
			nsusp++;
			official |= has_code(pt->suspect.network_roles, pt->suspect.nnetwork_roles,
				"public_official");
		}
	}
	if (!rng_chance(&g->le, 800))
		return;
	if (nvict >= 2)
		v[n++] = le_code(CB_AGGRAVATING, "several_victims");
	if (teen)
		v[n++] = le_code(CB_AGGRAVATING, "victim_14_17_or_incapable");
	if (child)
		v[n++] = le_code(CB_AGGRAVATING, "victim_under_14_or_disabled");
	if (nsusp >= 2)
		v[n++] = le_code(CB_AGGRAVATING, "two_or_more_offenders");
	if (official)
		v[n++] = le_code(CB_AGGRAVATING, "public_office");
	if (has_code(c->related, c->nrelated, "organised_crime"))
		v[n++] = le_code(CB_AGGRAVATING, "criminal_organisation");
	c->aggravating = v;
	c->naggravating = n;
}

static void
gen_legal(struct demo_gen *g, struct kcase *c, const struct demo_case *dc)
{
	size_t i;

	for (i = 0; i < c->nparts; i++)
		if (is(c->parts[i].role, DC_VICTIM)) {
			victim_means(g, &c->parts[i].victim);
			victim_vulnerability(g, dc, &c->parts[i]);
		}
	case_aggravating(g, c);
}

static void
gen_case(struct demo_gen *g, struct kcase *c, size_t idx, struct demo_case *dc)
{
	static const enum demo_code sources[] = {
		DC_SRC_POLICE, DC_SRC_EX_OFFICIO, DC_SRC_CITIZEN, DC_SRC_VICTIM, DC_SRC_HOTLINE,
		DC_SRC_NGO,
	};
	static const unsigned wsrc[] = { 450, 180, 150, 110, 80, 30 };
	int net_of[DEMO_MAX_PARTS], force_net = -1;
	struct demo_path path;
	size_t nsusp;

	dc->complaint = pick_complaint_day(g);
	dc->df = pick_df(g);
	if (g->links_left > 0 && (dc->df == DEMO_DF_MDD || dc->df == DEMO_DF_CUSCO ||
	    dc->df == DEMO_DF_PUNO)) {
		force_net = 0;   /* the showcase recruiter acts here too */
		g->links_left--;
	}
	dc->form = pick_form(g, dc);
	dc->source = sources[rng_pick_weight(&g->r, wsrc, NELEM(wsrc))];
	if (dc->mining && rng_chance(&g->r, 500))
		dc->source = DC_SRC_EX_OFFICIO;
	dc->recruitment = pick_recruitment(g, dc->form);
	dc->minors = 0;
	gen_persons(g, c, dc, net_of, &nsusp, force_net);
	gen_events(g, c, dc, &path, 600);
	keep_events(g, c);
	settle_suspects(g, c, dc, &path);
	gen_assets(g, c, dc, &path);
	gen_identifiers(g, c, net_of);
	gen_request(g, c, dc);
	case_header(g, c, dc, idx);
	case_offences(g, c, dc, nsusp);
	gen_response(g, c, dc, &path, idx);
	gen_legal(g, c, dc);
}

/* ==================================================================== */
/* The showcase: case 1 is the first journey of DESIGN.md               */
/* ==================================================================== */

static int
age_on(const char *birth, const char *day)
{
	int by, bm, bd, y, m, d;

	if (sscanf(birth, "%4d-%2d-%2d", &by, &bm, &bd) != 3 ||
	    sscanf(day, "%4d-%2d-%2d", &y, &m, &d) != 3)
		return -1;
	return y - by - (m < bm || (m == bm && d < bd));
}

/* Turn a generated victim into a given young Peruvian woman. */
static void
set_victim(struct demo_gen *g, struct participation *pt, const char *name, const char *origin,
	int age)
{
	struct person *p = &pt->person;
	struct victim_attrs *va = &pt->victim;

	p->name = name;
	p->nationality = "PE";
	p->sex = code(DC_FEMALE);
	p->origin_ubigeo = origin;
	p->doc_type = NULL;
	p->doc_number = NULL;
	set_document(g, p, 0);
	set_birth(g, p, parse_day(va->recruitment_date), age);
	va->age_at_recruitment = age;
	va->recruitment_place.country = "PE";
	va->recruitment_place.ubigeo = arena_printf(g->a, "%s0101", origin);
	va->recruitment = codes1(g, DC_JOB_OFFER);
	va->relationship = code(DC_REL_STRANGER);
}

static void
showcase_persons(struct demo_gen *g, struct kcase *c, struct demo_case *dc, int *net_of)
{
	static const char *const names[] = {
		"Yesenia Quispe Huamán", "Marleni Condori Apaza", "Luz Clara Huillca Mamani",
	};
	static const char *const origins[] = { "08", "21", "08" };
	static const int ages[] = { 17, 19, 16 };
	size_t i;

	c->parts = arena_alloc(g->a, 6 * sizeof(*c->parts));
	for (i = 0; i < 3; i++) {
		gen_victim(g, dc, &c->parts[i]);
		set_victim(g, &c->parts[i], names[i], origins[i], ages[i]);
		net_of[i] = -1;
	}
	dc->minors = 1;
	for (i = 0; i < 3; i++) {
		struct participation *pt = &c->parts[3 + i];
		gen_suspect(g, dc, pt, i);
		pt->person.nationality = "PE";
		net_of[3 + i] = i == 0 ? 0 : -1;
	}
	use_net_member(&c->parts[3], &g->net[0]);
	c->parts[4].person.sex = code(DC_FEMALE);
	c->parts[4].person.name = "Gladys Huanca Torres";
	/* the police officer who took bribes */
	c->parts[5].suspect.network_roles = codes1(g, DC_NR_OFFICIAL);
	c->parts[5].person.sex = code(DC_MALE);
	c->parts[5].person.name = "Edwin Ramos Cutipa";
	c->nparts = 6;
}

/* The three convicted after trial on 2025-02-14, indicted on 2024-01-22;
 * the recruiter appealed and lost. */
static void
showcase_outcome(struct demo_gen *g, struct kcase *c)
{
	static const int months[] = { 216, 180, 120 };
	struct outcome_fault f;
	size_t i, n;

	for (i = 0; i < 3; i++) {
		struct suspect_attrs *sa = &c->parts[3 + i].suspect;
		struct path_step *x = sa->path = arena_alloc(g->a, 5 * sizeof(*x));
		memset(x, 0, 5 * sizeof(*x));
		x[0].step = "charge";
		fmt_date(x[0].date, days_from_civil(2023, 6, 15));
		x[0].offence = sa->ncharges > 0 ? sa->charges[0] : NULL;
		x[1].step = "indictment";
		fmt_date(x[1].date, days_from_civil(2024, 1, 22));
		x[2].step = "conviction_trial";
		fmt_date(x[2].date, days_from_civil(2025, 2, 14));
		x[2].prison_months = months[i];
		x[2].days_fine = 365;
		x[2].reparation_cents = 3000000;
		x[2].reparation_currency = code(DC_PEN);
		n = 3;
		if (i == 0) {
			x[3].step = "appeal";
			fmt_date(x[3].date, days_from_civil(2025, 2, 21));
			x[4].step = "appeal_confirmed";
			fmt_date(x[4].date, days_from_civil(2025, 9, 30));
			n = 5;
		}
		sa->npath = n;
		sa->payments = NULL;
		sa->npayments = 0;
		if (outcome_derive(sa, &f) != 0)
			abort();
	}
}

static void
showcase_assets(struct demo_gen *g, struct kcase *c, const struct demo_path *path)
{
	static const enum demo_code kinds[] = { DC_A_CASH, DC_A_VEHICLE, DC_A_BUSINESS };
	static const int64_t values[] = { 1250050, 6500000, 18000000 };
	size_t i, k;

	c->assets = arena_alloc(g->a, 3 * sizeof(*c->assets));
	for (i = 0; i < 3; i++) {
		struct asset *as = &c->assets[c->nassets++];
		for (k = 0; ASSET_KINDS[k].kind != kinds[i]; k++)
			;
		as->kind = code(kinds[i]);
		as->description = ASSET_KINDS[k].what;
		as->value_cents = values[i];
		as->currency = code(DC_PEN);
		as->measures = arena_alloc(g->a, 2 * sizeof(*as->measures));
		as->measures[0].measure = code(DC_M_SEIZED);
		fmt_date(as->measures[0].date, days_from_civil(2023, 3, 3));
		as->measures[1].measure = code(DC_M_FORFEITED);
		fmt_date(as->measures[1].date, path->closed);
		as->nmeasures = 2;
	}
}

static void
showcase_request(struct demo_gen *g, struct kcase *c)
{
	struct intl_request *rq = c->requests = arena_alloc(g->a, sizeof(*rq));

	c->nrequests = 1;
	rq->direction = code(DC_OUTGOING);
	rq->country = "BO";
	rq->authority = "Fiscalía General del Estado";
	rq->type = code(DC_MLA);
	rq->status = code(DC_RQ_ANSWERED);
	memcpy(rq->sent, "2023-08-01", MODEL_DATE_LEN);
	memcpy(rq->due, "2023-11-01", MODEL_DATE_LEN);
	memcpy(rq->received, "2024-01-10", MODEL_DATE_LEN);
	memcpy(rq->answered, "2024-01-10", MODEL_DATE_LEN);
	rq->reference = "AJ-2023-0417";
	rq->legal_basis = "untoc_art18";
	rq->channel = "central_authority";
	c->shared_with = arena_alloc(g->a, sizeof(*c->shared_with));
	c->shared_with[0] = g->ucjie;
	c->nshared = 1;
}

/*
 * A rescue at a mining camp of La Pampa: three young women recruited in
 * Cusco and Puno with false job offers, the recruiter (whose phone is in
 * three other cases), the bar owner and a police officer who took bribes;
 * cash, a vehicle and the bar seized; two years to the sentence; a mutual
 * legal assistance request to Bolivia.
 */
static void
gen_showcase(struct demo_gen *g, struct kcase *c, struct demo_case *dc)
{
	static const struct { enum demo_code stage; int y, m, d; } ev[] = {
		{ DC_ST_COMPLAINT, 2023, 3, 2 }, { DC_ST_INQUIRY, 2023, 3, 3 },
		{ DC_ST_FORMALISED, 2023, 6, 15 }, { DC_ST_INDICTMENT, 2024, 1, 22 },
		{ DC_ST_TRIAL_ORDER, 2024, 5, 6 }, { DC_ST_TRIAL, 2024, 9, 10 },
		{ DC_ST_CONVICTION, 2025, 2, 14 },
	};
	struct demo_path path = { END_CONVICTED, 0, days_from_civil(2023, 6, 15),
		days_from_civil(2025, 2, 14), days_from_civil(2024, 1, 22) };
	int net_of[DEMO_MAX_PARTS];
	size_t i;

	*dc = (struct demo_case){ .df = DEMO_DF_MDD, .form = DC_SEXUAL, .mining = 1,
		.camp = MINING_MDD[0], .complaint = days_from_civil(2023, 3, 2),
		.source = DC_SRC_EX_OFFICIO, .recruitment = DC_JOB_OFFER };
	showcase_persons(g, c, dc, net_of);
	for (i = 0; i < NELEM(ev); i++)
		add_event(g, c, ev[i].stage, days_from_civil(ev[i].y, ev[i].m, ev[i].d));
	keep_events(g, c);
	settle_suspects(g, c, dc, &path);
	showcase_outcome(g, c);
	showcase_assets(g, c, &path);
	gen_identifiers(g, c, net_of);
	showcase_request(g, c);
	case_header(g, c, dc, 0);
	case_offences(g, c, dc, 3);
	c->related[c->nrelated++] = code(DC_CORRUPTION);
	gen_response(g, c, dc, &path, 0);
	gen_legal(g, c, dc);
}

/* The first victim of the showcase was exploited before, as a girl, in a
 * case in Cusco: the same person, registered with another spelling and no
 * document (what deduplication is for). */
static void
showcase_earlier(struct demo_gen *g, struct kcase *cases, const struct demo_case *dcs,
	size_t n)
{
	const struct person *first = &cases[0].parts[0].person;
	size_t i;

	for (i = 1; i < n; i++) {
		struct participation *pt = &cases[i].parts[0];
		int year = year_of(dcs[i].complaint), age;
		if (dcs[i].df != DEMO_DF_CUSCO || year < 2020 || year > 2022)
			continue;
		age = age_on(first->birth_date, pt->victim.recruitment_date);
		if (age < 12)
			continue;
		pt->person.name = "Yessenia Quispe Huaman";
		pt->person.nationality = "PE";
		pt->person.sex = code(DC_FEMALE);
		pt->person.origin_ubigeo = "08";
		pt->person.birth_date = first->birth_date;
		pt->person.birth_year = first->birth_year;
		pt->person.doc_type = NULL;
		pt->person.doc_number = NULL;
		pt->victim.age_at_recruitment = age;
		(void)g;
		return;
	}
}

/* ==================================================================== */
/* Setting up the generator                                             */
/* ==================================================================== */

static void
gen_networks(struct demo_gen *g, size_t ncases)
{
	size_t i;

	g->nnet = ncases / 40 < 4 ? 4 : ncases / 40;
	g->net = arena_alloc(g->a, g->nnet * sizeof(*g->net));
	for (i = 0; i < g->nnet; i++)
		gen_net_member(g, &g->net[i]);
	/* member 0 is the showcase's recruiter */
	g->net[0].name = "Teodoro Ccori Yupanqui";
	g->net[0].alias = "El Cuñado";
	g->net[0].sex = code(DC_MALE);
	g->net[0].nationality = "PE";
	g->net[0].doc_type = code(DC_DNI);
	g->net[0].doc = make_dni(g);
	g->net[0].phone = make_phone(g, "PE", g->serial++);
	g->naccounts = ncases / 400 < 2 ? 2 : ncases / 400;
	g->accounts = arena_alloc(g->a, g->naccounts * sizeof(*g->accounts));
	for (i = 0; i < g->naccounts; i++) {
		struct sbuf s = { .n = 0 };
		sb_put(&s, "191-");
		sb_num(&s, scramble(g->serial++, g->perm_off, 100000000u), 8);
		sb_put(&s, "-0-");
		sb_num(&s, rng_below(&g->r, 100), 2);
		g->accounts[i] = sb_take(&s, g->a);
	}
}

static void
gen_init(struct demo_gen *g, struct arena *a, uint64_t seed, size_t ncases)
{
	char today[MODEL_DATE_LEN];
	int64_t now;

	memset(g, 0, sizeof(*g));
	rng_seed(&g->r, seed);
	g->seed = seed;
	rng_seed(&g->pr, seed ^ 0x9e3779b97f4a7c15ULL);
	rng_seed(&g->le, seed ^ 0xc2b2ae3d27d4eb4fULL);
	g->a = a;
	g->horizon = parse_day(DEMO_HORIZON);
	validate_today(today);
	now = parse_day(today);
	if (now > 0 && now < g->horizon)
		g->horizon = now;
	g->first_day = days_from_civil(DEMO_FIRST_YEAR, 1, 1);
	g->perm_off = (uint32_t)rng_next(&g->r);
	g->links_left = 3;
	gen_networks(g, ncases);
}

/* Generate every case into arena memory; nothing is stored yet. */
static struct kcase *
gen_register(struct demo_gen *g, size_t n)
{
	struct kcase *cases = arena_alloc(g->a, n * sizeof(*cases));
	struct demo_case *dcs = arena_alloc(g->a, n * sizeof(*dcs));
	size_t i;

	gen_showcase(g, &cases[0], &dcs[0]);
	for (i = 1; i < n; i++)
		gen_case(g, &cases[i], i, &dcs[i]);
	showcase_earlier(g, cases, dcs, n);
	return cases;
}

/* ==================================================================== */
/* Offices and users                                                    */
/* ==================================================================== */

/* Every code the demo writes must be in the codebook: checked once here
 * rather than case by case (app_case_add_many trusts its callers). */
static enum kerr_code
check_codes(struct kerr *err)
{
	size_t i;

	for (i = 0; i < DC__MAX; i++)
		if (DEMO_CODES[i].code == NULL ||
		    cb_lookup(DEMO_CODES[i].dim, DEMO_CODES[i].code) == NULL)
			return kerr_set(err, KERR_INTERNAL, "demo code %zu ('%s') is not in "
				"the codebook's '%s'", i, DEMO_CODES[i].code ? DEMO_CODES[i].code :
				"", cb_dim_name(DEMO_CODES[i].dim));
	if (strcmp(DEMO_DF[DEMO_DF_MDD].df, "madre_de_dios") != 0 ||
	    strcmp(DEMO_DF[DEMO_DF_CUSCO].df, "cusco") != 0 ||
	    strcmp(DEMO_DF[DEMO_DF_PUNO].df, "puno") != 0)
		return kerr_set(err, KERR_INTERNAL, "demo table of distritos out of order");
	for (i = 0; i < DEMO_NDF; i++)
		if (cb_lookup(CB_DISTRITO_FISCAL, DEMO_DF[i].df) == NULL)
			return kerr_set(err, KERR_INTERNAL, "demo uses distrito fiscal '%s', "
				"which is not in the codebook", DEMO_DF[i].df);
	return KERR_OK;
}

/* The office's id, adding it first when the register lacks it. */
static enum kerr_code
ensure_office(struct app *app, const struct policy_actor *actor, struct office *o,
	int64_t *id, struct kerr *err)
{
	struct arena a;
	struct office have;
	enum kerr_code rc;

	memset(&have, 0, sizeof(have));
	arena_init(&a);
	rc = store_office_by_code(app->st, o->code, &a, &have, err);
	if (rc == KERR_OK)
		*id = have.id;
	arena_release(&a);
	if (rc != KERR_NOTFOUND)
		return rc;
	kerr_clear(err);
	if ((rc = app_office_add(app, actor, o, err)) == KERR_OK)
		*id = o->id;
	return rc;
}

static enum kerr_code
ensure_offices(struct app *app, const struct policy_actor *actor, struct demo_gen *g,
	struct arena *a, struct kerr *err)
{
	struct office o;
	int64_t unused;
	size_t i;
	enum kerr_code rc;

	for (i = 0; i < DEMO_NDF; i++) {
		const struct demo_df *df = &DEMO_DF[i];
		int specialised = strncmp(df->office, "FEPMTP", 6) == 0;
		o = (struct office){ .code = df->office, .distrito_fiscal = df->df,
			.kind = code(specialised ? DC_KIND_SPECIALISED : DC_KIND_PROVINCIAL),
			.name = arena_printf(a, specialised ? "Fiscalía Especializada en Delitos "
				"de Trata de Personas de %s" : "Fiscalía Provincial Penal "
				"Corporativa de %s", df->city) };
		if ((rc = ensure_office(app, actor, &o, &g->office[i], err)) != KERR_OK)
			return rc;
	}
	o = (struct office){ .code = "UCJIE", .kind = code(DC_KIND_COOPERATION),
		.name = "Unidad de Cooperación Judicial Internacional y Extradiciones" };
	if ((rc = ensure_office(app, actor, &o, &g->ucjie, err)) != KERR_OK)
		return rc;
	o = (struct office){ .code = "OBSERVATORIO", .kind = code(DC_KIND_OBSERVATORY),
		.name = "Observatorio de la Criminalidad del Ministerio Público" };
	return ensure_office(app, actor, &o, &unused, err);
}

/* One user per role. The prosecutor and the police officer work in Madre de
 * Dios, where the showcase case and the mining cases are. */
static const struct demo_user {
	const char *name, *role, *office;
} DEMO_USERS[] = {
	{ "demo-admin", "admin", NULL },
	{ "demo-prosecutor", "prosecutor", "FEPMTP-MDD" },
	{ "demo-police", "police", "FEPMTP-MDD" },
	{ "demo-analyst", "analyst", "OBSERVATORIO" },
	{ "demo-auditor", "auditor", NULL },
	{ "demo-liaison", "liaison", "UCJIE" },
};

static enum kerr_code
ensure_users(struct app *app, const struct policy_actor *actor, const char *password,
	struct kerr *err)
{
	struct arena a;
	struct user u;
	size_t i;
	enum kerr_code rc = KERR_OK;

	arena_init(&a);
	for (i = 0; i < NELEM(DEMO_USERS) && rc == KERR_OK; i++) {
		const struct demo_user *du = &DEMO_USERS[i];
		rc = store_user_by_name(app->st, du->name, &a, &u, err);
		if (rc == KERR_NOTFOUND) {
			kerr_clear(err);
			rc = app_user_add(app, actor, du->name, du->role, du->office, password, err);
		}
	}
	arena_release(&a);
	return rc;
}

/* The demo goes into a new register (or one holding only demo users and
 * offices): never among real cases, and never twice. */
static enum kerr_code
check_register_empty(struct app *app, struct kerr *err)
{
	int64_t n = 0;
	enum kerr_code rc = store_case_count(app->st, &n, err);

	if (rc != KERR_OK)
		return rc;
	if (n > 0)
		return kerr_set(err, KERR_CONFLICT, "the register already holds %lld cases; "
			"the demo needs a new register (khipu init --db NEW)", (long long)n);
	return KERR_OK;
}

static enum kerr_code
mark_synthetic(struct app *app, struct kerr *err)
{
	enum kerr_code rc = store_begin(app->st, err);

	if (rc != KERR_OK)
		return rc;
	if ((rc = store_meta_set(app->st, "synthetic", "1", err)) != KERR_OK) {
		store_rollback(app->st);
		return rc;
	}
	return store_commit(app->st, err);
}

enum kerr_code
app_demo(struct app *app, const struct policy_actor *actor, size_t ncases, uint64_t seed,
	const char *password, void (*progress)(void *ctx, size_t done, size_t total), void *ctx,
	struct kerr *err)
{
	struct arena a;
	struct demo_gen g;
	struct kcase *cases;
	enum kerr_code rc;

	if (ncases == 0)
		return kerr_field(err, KERR_INVALID, "cases", "must be at least 1");
	if ((rc = app_allow(app, actor, POL_USER_MANAGE, NULL, "demo", err)) != KERR_OK ||
	    (rc = check_codes(err)) != KERR_OK ||
	    (rc = check_register_empty(app, err)) != KERR_OK)
		return rc;
	arena_init(&a);
	gen_init(&g, &a, seed, ncases);
	rc = ensure_offices(app, actor, &g, &a, err);
	if (rc == KERR_OK)
		rc = ensure_users(app, actor, password, err);
	if (rc == KERR_OK) {
		cases = gen_register(&g, ncases);
		/* a new register: the bulk load defers index upkeep to the commit */
		rc = app_case_load_bulk(app, actor, cases, ncases, "demo.generate", progress,
			ctx, err);
	}
	if (rc == KERR_OK)
		rc = mark_synthetic(app, err);
	arena_release(&a);
	return rc;
}
