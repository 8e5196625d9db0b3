/* u-codebook.c — unit tests for core/codebook: shape of every dimension,
 * lookups, the external (HTCDS/CTDC) names, stage ranks, and the INEI
 * departments checked against shared/data/peru/ubigeo. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "core/codebook.h"
#include "core/model.h"

/* Codes are lower-case snake_case ASCII, except the documented upper-case
 * ISO codes (country, currency) and the digit codes of departments. */
static int
code_shape_ok(enum cb_dim dim, const char *c)
{
	size_t i, n = strlen(c);

	if (dim == CB_COUNTRY)
		return n == 2 && c[0] >= 'A' && c[0] <= 'Z' && c[1] >= 'A' && c[1] <= 'Z';
	if (dim == CB_CURRENCY) {
		for (i = 0; i < n; i++)
			if (c[i] < 'A' || c[i] > 'Z')
				return 0;
		return n == 3;
	}
	if (dim == CB_DEPARTMENT)
		return n == 2 && c[0] >= '0' && c[0] <= '9' && c[1] >= '0' && c[1] <= '9';
	if (n == 0 || c[0] < 'a' || c[0] > 'z' || c[n - 1] == '_')
		return 0;
	for (i = 0; i < n; i++) {
		if (!((c[i] >= 'a' && c[i] <= 'z') || (c[i] >= '0' && c[i] <= '9') || c[i] == '_'))
			return 0;
		if (c[i] == '_' && c[i + 1] == '_')
			return 0;
	}
	return 1;
}

Test(codebook, every_dimension_is_named_and_round_trips)
{
	int d;

	for (d = 0; d < CB__MAX; d++) {
		const char *name = cb_dim_name((enum cb_dim)d);

		cr_assert(name != NULL && *name != '\0', "dimension %d has no name", d);
		cr_assert_eq(cb_dim_by_name(name), d, "dimension '%s'", name);
		cr_assert(code_shape_ok(CB_OFFENCE, name), "'%s' is snake_case", name);
	}
	cr_assert_eq(cb_dim_by_name("exploitation"), CB_EXPLOITATION);
	cr_assert_eq(cb_dim_by_name("distrito_fiscal"), CB_DISTRITO_FISCAL);
	cr_assert_eq(cb_dim_by_name("user_role"), CB_USER_ROLE);
	cr_assert_eq(cb_dim_by_name("Exploitation"), -1);
	cr_assert_eq(cb_dim_by_name("nope"), -1);
	cr_assert_eq(cb_dim_by_name(NULL), -1);
}

Test(codebook, every_entry_is_well_formed_and_unique)
{
	int d;

	for (d = 0; d < CB__MAX; d++) {
		size_t n, i, j;
		const struct cb_entry *e = cb_entries((enum cb_dim)d, &n);
		const char *dn = cb_dim_name((enum cb_dim)d);

		cr_assert(n > 0, "dimension '%s' is empty", dn);
		for (i = 0; i < n; i++) {
			cr_assert(e[i].code != NULL && code_shape_ok((enum cb_dim)d, e[i].code),
			    "%s: bad code '%s'", dn, e[i].code ? e[i].code : "(null)");
			cr_assert(e[i].es != NULL && *e[i].es != '\0', "%s.%s: no es label", dn, e[i].code);
			cr_assert(e[i].en != NULL && *e[i].en != '\0', "%s.%s: no en label", dn, e[i].code);
			cr_assert_eq(cb_lookup((enum cb_dim)d, e[i].code), &e[i], "%s.%s lookup", dn,
			    e[i].code);
			for (j = i + 1; j < n; j++)
				cr_assert(strcmp(e[i].code, e[j].code) != 0, "%s: duplicate code '%s'", dn,
				    e[i].code);
		}
	}
}

Test(codebook, unknown_dimension_is_empty_not_null)
{
	size_t n = 99;
	const struct cb_entry *e = cb_entries((enum cb_dim)CB__MAX, &n);

	cr_assert_not_null(e);
	cr_assert_eq(n, 0);
	cr_assert_null(cb_lookup((enum cb_dim)CB__MAX, "victim"));
	cr_assert_str_eq(cb_dim_name((enum cb_dim)-1), "");
}

Test(codebook, lookups_and_labels)
{
	cr_assert_not_null(cb_lookup(CB_EXPLOITATION, "sexual_exploitation"));
	cr_assert_null(cb_lookup(CB_EXPLOITATION, "sexual"));
	cr_assert_null(cb_lookup(CB_EXPLOITATION, NULL));
	cr_assert_null(cb_lookup(CB_PERSON_ROLE, "Victim"), "codes are case-sensitive");
	cr_assert_str_eq(cb_label(CB_PERSON_ROLE, "victim", CB_ES), "Víctima");
	cr_assert_str_eq(cb_label(CB_PERSON_ROLE, "victim", CB_EN), "Victim");
	cr_assert_str_eq(cb_label(CB_PERSON_ROLE, "martian", CB_EN), "martian",
	    "an unknown code labels as itself");
	cr_assert_str_eq(cb_label(CB_PERSON_ROLE, NULL, CB_EN), "");
	cr_assert_str_eq(cb_label(CB_COUNTRY, "PE", CB_ES), "Perú");
	cr_assert_str_eq(cb_label(CB_COUNTRY, "BO", CB_EN), "Bolivia");
	cr_assert_str_eq(cb_label(CB_CURRENCY, "PEN", CB_EN), "Peruvian sol");
	cr_assert_str_eq(cb_label(CB_OFFENCE, "cp_129a", CB_ES), "Art. 129-A Trata de personas");
	cr_assert_str_eq(cb_label(CB_OFFENCE, "cp_129a", CB_EN), "Art. 129-A Trafficking in persons");
	cr_assert_str_eq(cb_lookup(CB_OFFENCE, "cp_153")->extra, "old");
	cr_assert_str_eq(cb_lookup(CB_OFFENCE, "cp_129nn")->extra, "current");
	cr_assert_str_eq(cb_lookup(CB_OFFENCE, "cp_129a")->iccs, "0204");
	cr_assert_str_eq(cb_lookup(CB_RELATED_OFFENCE, "money_laundering")->iccs, "07041");
	cr_assert_str_eq(cb_lookup(CB_RELATED_OFFENCE, "migrant_smuggling")->iccs, "08051");
}

Test(codebook, user_roles_follow_enum_role)
{
	static const char *const roles[ROLE__MAX] = {
		[ROLE_ADMIN] = "admin", [ROLE_PROSECUTOR] = "prosecutor", [ROLE_POLICE] = "police",
		[ROLE_ANALYST] = "analyst", [ROLE_AUDITOR] = "auditor", [ROLE_LIAISON] = "liaison",
	};
	size_t n, i;
	const struct cb_entry *e = cb_entries(CB_USER_ROLE, &n);

	cr_assert_eq(n, ROLE__MAX);
	for (i = 0; i < n; i++)
		cr_assert_str_eq(e[i].code, roles[i]);
}

Test(codebook, countries_are_complete_and_sorted)
{
	static const char *const some[] = { "PE", "BO", "CO", "EC", "CL", "BR", "VE", "AR", "US",
		"ES", "CN", "AX", "ZW", "SS" };
	size_t n, i;
	const struct cb_entry *e = cb_entries(CB_COUNTRY, &n);

	cr_assert_eq(n, 249, "ISO 3166-1 assigns 249 alpha-2 codes, have %zu", n);
	for (i = 1; i < n; i++)
		cr_assert(strcmp(e[i - 1].code, e[i].code) < 0, "not sorted at %s", e[i].code);
	for (i = 0; i < sizeof(some) / sizeof(some[0]); i++)
		cr_assert_not_null(cb_lookup(CB_COUNTRY, some[i]), "%s", some[i]);
	cr_assert_null(cb_lookup(CB_COUNTRY, "XK"), "Kosovo's XK is user-assigned, not ISO");
	cr_assert_null(cb_lookup(CB_COUNTRY, "pe"));
	cr_assert_null(cb_lookup(CB_COUNTRY, "PER"));
	cr_assert_str_eq(cb_lookup(CB_COUNTRY, "VE")->ctdc, "VE");
	cr_assert_eq(cb_lookup_ctdc(CB_COUNTRY, "CO"), cb_lookup(CB_COUNTRY, "CO"));
}

Test(codebook, external_names)
{
	const struct cb_entry *e;

	e = cb_lookup_htcds(CB_EXPLOITATION, "SexualExploitation");
	cr_assert(e != NULL && strcmp(e->code, "sexual_exploitation") == 0);
	e = cb_lookup_ctdc(CB_EXPLOITATION, "isForcedLabour");
	cr_assert(e != NULL && strcmp(e->code, "forced_labour") == 0);
	e = cb_lookup_ctdc(CB_EXPLOITATION, "isSlaveryAndPractices");
	cr_assert(e != NULL && strcmp(e->code, "slavery") == 0, "imports land on slavery");
	e = cb_lookup_ctdc(CB_CONTROL, "meansOfControlRestrictsMovement");
	cr_assert(e != NULL && strcmp(e->code, "restricts_movement") == 0);
	cr_assert_null(e->htcds, "RestrictsMovement has no HTCDS v2.0 value");
	e = cb_lookup_htcds(CB_CONTROL, "ThreatsLawEnforcement");
	cr_assert(e != NULL && strcmp(e->code, "threat_of_law_enforcement") == 0);
	e = cb_lookup_ctdc(CB_SEX, "Female");
	cr_assert(e != NULL && strcmp(e->code, "female") == 0);
	e = cb_lookup_htcds(CB_SEX, "TransgenderMasculine");
	cr_assert(e != NULL && strcmp(e->code, "transgender_male") == 0);
	e = cb_lookup_ctdc(CB_SEX, "Transgender/NonConforming");
	cr_assert(e != NULL && strcmp(e->code, "non_conforming") == 0);
	e = cb_lookup_htcds(CB_TRAFFICKING_STATUS, "NotAVictimOfTrafficking");
	cr_assert(e != NULL && strcmp(e->code, "not_victim") == 0);
	e = cb_lookup_ctdc(CB_RELATIONSHIP, "recruiterRelationIntimatePartner");
	cr_assert(e != NULL && strcmp(e->code, "intimate_partner") == 0);
	e = cb_lookup_htcds(CB_NETWORK_ROLE, "RecruiterOrIntermediary");
	cr_assert(e != NULL && strcmp(e->code, "recruiter_intermediary") == 0);
	cr_assert_null(cb_lookup_ctdc(CB_EXPLOITATION, "isNothing"));
	cr_assert_null(cb_lookup_htcds(CB_EXPLOITATION, NULL));
}

/* The 16 HTCDS CONTROL values and the 15 PERP_ROLE values are all there. */
Test(codebook, htcds_enumerations_are_covered)
{
	static const char *const control[] = { "PhysicalThreats", "ThreatsLawEnforcement",
		"ThreatensChildrenFamily", "DebtBondage", "FalsePromises", "PhysicalAbuse",
		"SexualAbuse", "TakesEarnings", "RestrictsFinancialAccess", "RestrictsMedicalCare",
		"WithholdsNecessities", "PsychologicalAbuse", "PsychoactiveSubstance",
		"ExcessiveWorkingHours", "WithholdsDocuments", "Other" };
	static const char *const perp[] = { "TravellingPartner", "Transporter",
		"RecruiterOrIntermediary", "BrokerTravelAgent", "TransferredIndividual",
		"HarbouredIndividual", "SoldIndividual", "BoughtIndividual", "ReceivedIndividual",
		"ControlledIndividual", "Smuggler", "Abuser", "Kidnapper", "Exploiter", "Other" };
	static const char *const gender[] = { "Feminine", "Masculine", "TransgenderFeminine",
		"TransgenderMasculine", "NonConforming", "NonSpecifiedUnknown" };
	size_t i;

	for (i = 0; i < sizeof(control) / sizeof(control[0]); i++)
		cr_assert_not_null(cb_lookup_htcds(CB_CONTROL, control[i]), "%s", control[i]);
	for (i = 0; i < sizeof(perp) / sizeof(perp[0]); i++)
		cr_assert_not_null(cb_lookup_htcds(CB_NETWORK_ROLE, perp[i]), "%s", perp[i]);
	for (i = 0; i < sizeof(gender) / sizeof(gender[0]); i++)
		cr_assert_not_null(cb_lookup_htcds(CB_SEX, gender[i]), "%s", gender[i]);
}

static int
rank(const char *stage)
{
	const struct cb_entry *e = cb_lookup(CB_STAGE, stage);

	cr_assert_not_null(e, "stage '%s'", stage);
	return e->rank;
}

Test(codebook, stage_ranks_follow_the_procedure)
{
	static const char *const order[] = { "complaint", "preliminary_inquiry", "archive",
		"formalised_investigation", "indictment", "trial_order", "trial",
		"conviction_first_instance", "appeal", "cassation", "final_sentence" };
	size_t n, i;
	const struct cb_entry *e = cb_entries(CB_STAGE, &n);

	for (i = 1; i < sizeof(order) / sizeof(order[0]); i++)
		cr_assert_lt(rank(order[i - 1]), rank(order[i]), "%s < %s", order[i - 1], order[i]);
	cr_assert_eq(rank("complaint"), 10);
	cr_assert_eq(rank("final_sentence"), 100);
	cr_assert_lt(rank("provisional_archive"), rank("reopened"));
	cr_assert_lt(rank("archive"), rank("reopened"));
	cr_assert_lt(rank("direct_indictment"), rank("trial"));
	cr_assert_lt(rank("plea_agreement"), rank("final_sentence"));
	for (i = 0; i < n; i++) {
		cr_assert(e[i].rank >= 10 && e[i].rank <= 100, "%s rank %d", e[i].code, e[i].rank);
		cr_assert(i == 0 || e[i - 1].rank < e[i].rank, "table is in rank order at %s",
		    e[i].code);
	}
}

Test(codebook, stage_and_outcome_flags)
{
	cr_assert(cb_has_flag(cb_lookup(CB_STAGE, "archive"), "archive"));
	cr_assert(cb_has_flag(cb_lookup(CB_STAGE, "provisional_archive"), "archive"));
	cr_assert(cb_has_flag(cb_lookup(CB_STAGE, "conviction_first_instance"), "conviction"));
	cr_assert(cb_has_flag(cb_lookup(CB_STAGE, "conviction_first_instance"), "sentence"));
	cr_assert(cb_has_flag(cb_lookup(CB_STAGE, "acquittal_first_instance"), "acquittal"));
	cr_assert(cb_has_flag(cb_lookup(CB_STAGE, "plea_agreement"), "conviction"));
	cr_assert(cb_has_flag(cb_lookup(CB_STAGE, "final_sentence"), "final"));
	cr_assert_not(cb_has_flag(cb_lookup(CB_STAGE, "trial"), "sentence"));
	cr_assert_not(cb_has_flag(cb_lookup(CB_STAGE, "conviction_first_instance"), "convict"),
	    "whole flags only");
	cr_assert_not(cb_has_flag(cb_lookup(CB_STAGE, "archive"), ""));
	cr_assert_not(cb_has_flag(NULL, "archive"));
	cr_assert(cb_has_flag(cb_lookup(CB_OUTCOME, "plea_convicted"), "conviction"));
	cr_assert(cb_has_flag(cb_lookup(CB_OUTCOME, "acquitted"), "acquittal"));
}

Test(codebook, distritos_fiscales_map_to_departments)
{
	size_t n, i;
	const struct cb_entry *e = cb_entries(CB_DISTRITO_FISCAL, &n);

	cr_assert(n >= 32 && n <= 36, "about 34 distritos fiscales, have %zu", n);
	for (i = 0; i < n; i++)
		cr_assert(e[i].extra != NULL && cb_lookup(CB_DEPARTMENT, e[i].extra) != NULL,
		    "%s: department '%s'", e[i].code, e[i].extra ? e[i].extra : "(null)");
	cr_assert_str_eq(cb_lookup(CB_DISTRITO_FISCAL, "madre_de_dios")->extra, "17");
	cr_assert_str_eq(cb_lookup(CB_DISTRITO_FISCAL, "lima_norte")->extra, "15");
	cr_assert_str_eq(cb_lookup(CB_DISTRITO_FISCAL, "sullana")->extra, "20");
	cr_assert_str_eq(cb_lookup(CB_DISTRITO_FISCAL, "santa")->extra, "02");
}

/* Upper case without accents: "Áncash" -> "ANCASH". Caller frees. */
static char *
fold(const char *s)
{
	utf8proc_uint8_t *out = NULL;
	char *p;

	cr_assert(utf8proc_map((const utf8proc_uint8_t *)s, 0, &out,
	    UTF8PROC_NULLTERM | UTF8PROC_DECOMPOSE | UTF8PROC_STRIPMARK) >= 0);
	for (p = (char *)out; *p != '\0'; p++)
		if (*p >= 'a' && *p <= 'z')
			*p = (char)(*p - 'a' + 'A');
	return (char *)out;
}

/* shared/data/peru/ubigeo/ubigeo_departamento.csv: inei,reniec,departamento,
 * iso_3166_2,... with inei "010000"; we keep INEI, never RENIEC, codes. */
Test(codebook, departments_match_inei_file)
{
	const char *root = getenv("KHIPU_SHARED_DATA");
	char path[1024], line[1024];
	size_t n, rows = 0;
	FILE *f;

	cb_entries(CB_DEPARTMENT, &n);
	cr_assert_eq(n, 25);
	snprintf(path, sizeof(path), "%s/peru/ubigeo/ubigeo_departamento.csv", root ? root : "");
	if (root == NULL || (f = fopen(path, "r")) == NULL) {
		cr_skip_test("shared data absent (KHIPU_SHARED_DATA=%s): cannot check departments "
		    "against the INEI file", root ? root : "unset");
		return;
	}
	cr_assert_not_null(fgets(line, sizeof(line), f), "header");
	while (fgets(line, sizeof(line), f) != NULL) {
		char *inei = strtok(line, ","), *reniec = strtok(NULL, ","),
		    *name = strtok(NULL, ","), *iso = strtok(NULL, ",");
		char code[3];
		const struct cb_entry *e;
		char *folded;

		cr_assert(inei && reniec && name && iso, "malformed row %zu", rows + 1);
		cr_assert_eq(strlen(inei), 6);
		memcpy(code, inei, 2);
		code[2] = '\0';
		e = cb_lookup(CB_DEPARTMENT, code);
		cr_assert_not_null(e, "INEI department %s missing", code);
		folded = fold(e->es);
		cr_assert_str_eq(folded, name, "department %s", code);
		free(folded);
		cr_assert_str_eq(e->extra, iso, "ISO 3166-2 of %s", code);
		rows++;
	}
	fclose(f);
	cr_assert_eq(rows, 25, "the file has %zu departments", rows);
}
