/*
 * store_response_sql.h — the SQL of the State's response statistics
 * (store_response.c), one text for both backends: each backend's file
 * defines RP_INT(n) and RP_TEXT(n) (a bound parameter as an integer or as
 * text: "?n" in SQLite, "$n::bigint" / "$n::text" in PostgreSQL) before
 * including it.
 *
 * Parameters: 1..4 the columns grouped by (enum store_resp_col, 0 none),
 * 5 and 6 the years from and to (NULL = open), 7/8, 9/10, 11/12 three
 * filters (column, value; column 0 = none), 13 what a group adds up (1
 * rows, 2 distinct victims or the values), 14 the asset steps counted
 * (",seized,frozen,"). Rows: four keys (text, NULL = unknown) and a value.
 */
#ifndef KHIPU_STORE_RESPONSE_SQL_H
#define KHIPU_STORE_RESPONSE_SQL_H

/* The year, month and office columns of the derived table b. */
#define RP_COMMON(n) "CASE " n " WHEN 1 THEN substr(b.d, 1, 4) WHEN 2 THEN substr(b.d, 1, 7) " \
	"WHEN 3 THEN b.oc WHEN 4 THEN b.df WHEN 5 THEN b.dep "

#define RP_PKEY(n) RP_COMMON(n) "WHEN 6 THEN b.measure WHEN 7 THEN b.provider " \
	"WHEN 8 THEN b.result WHEN 9 THEN b.consent WHEN 10 THEN b.sex WHEN 11 THEN b.ag " \
	"WHEN 12 THEN b.nat END"
#define RP_AKEY(n) RP_COMMON(n) "WHEN 13 THEN b.kind WHEN 14 THEN b.step " \
	"WHEN 15 THEN b.cur END"

#define RP_WHERE(key) \
	"WHERE (" RP_INT(5) " IS NULL OR CAST(substr(b.d, 1, 4) AS INTEGER) >= " RP_INT(5) ") " \
	"AND (" RP_INT(6) " IS NULL OR CAST(substr(b.d, 1, 4) AS INTEGER) <= " RP_INT(6) ") " \
	"AND (" RP_INT(7) " = 0 OR " key(RP_INT(7)) " = " RP_TEXT(8) ") " \
	"AND (" RP_INT(9) " = 0 OR " key(RP_INT(9)) " = " RP_TEXT(10) ") " \
	"AND (" RP_INT(11) " = 0 OR " key(RP_INT(11)) " = " RP_TEXT(12) ") " \
	"AND " RP_TEXT(14) " IS NOT NULL "

#define RP_GROUP(key) \
	"SELECT " key(RP_INT(1)) ", " key(RP_INT(2)) ", " key(RP_INT(3)) ", " key(RP_INT(4)) ", "

/* A victim's protection measures: rows, or distinct victims (13 = 2). */
#define RP_PROTECTIONS \
	RP_GROUP(RP_PKEY) "CAST(CASE WHEN " RP_INT(13) " = 2 THEN count(DISTINCT b.pid) " \
	"ELSE count(*) END AS BIGINT) FROM (SELECT pr.date AS d, o.code AS oc, " \
	"o.distrito_fiscal AS df, c.place_department AS dep, pr.measure AS measure, " \
	"pr.provider AS provider, pr.result AS result, CASE pr.consent WHEN 1 THEN 'yes' " \
	"WHEN 0 THEN 'no' END AS consent, s.sex AS sex, CASE WHEN s.birth_year > 0 THEN " \
	"(CASE WHEN CAST(substr(pr.date, 1, 4) AS INTEGER) - s.birth_year < 18 THEN 'child' " \
	"ELSE 'adult' END) END AS ag, s.nationality AS nat, p.id AS pid " \
	"FROM protections pr JOIN participations p ON p.id = pr.participation_id " \
	"JOIN persons s ON s.id = p.person_id JOIN cases c ON c.id = p.case_id " \
	"JOIN offices o ON o.id = c.office_id " \
	"WHERE p.removed_in IS NULL AND p.role = 'victim') b " \
	RP_WHERE(RP_PKEY) "GROUP BY 1, 2, 3, 4"

/* Assets with one of their steps (join): rows (13 = 1) or values (v). */
#define RP_ASSETS(join, v) \
	RP_GROUP(RP_AKEY) "CAST(CASE WHEN " RP_INT(13) " = 1 THEN count(*) " \
	"ELSE coalesce(sum(b.v), 0) END AS BIGINT) FROM (SELECT m.date AS d, o.code AS oc, " \
	"o.distrito_fiscal AS df, c.place_department AS dep, a.kind AS kind, " \
	"m.measure AS step, a.currency AS cur, " v " AS v " \
	"FROM assets a JOIN cases c ON c.id = a.case_id JOIN offices o ON o.id = c.office_id " \
	join " WHERE a.removed_in IS NULL) b " RP_WHERE(RP_AKEY) "GROUP BY 1, 2, 3, 4"

/* Each asset at its current stage: its last step (none: NULL). */
#define RP_ASSET_STAGE RP_ASSETS("LEFT JOIN asset_measures m ON m.asset_id = a.id AND " \
	"m.pos = (SELECT max(x.pos) FROM asset_measures x WHERE x.asset_id = a.id)", \
	"a.value_cents")
/* Each asset with its first step among the codes of 14 (the others not). */
#define RP_ASSET_FIRST(pos) RP_ASSETS("JOIN asset_measures m ON m.asset_id = a.id AND " \
	"m.pos = (SELECT min(x.pos) FROM asset_measures x WHERE x.asset_id = a.id AND " \
	pos ")", "a.value_cents")
/* Each step among the codes of 14 with its realised value. */
#define RP_ASSET_REALISED(pos) RP_ASSETS("JOIN asset_measures m ON m.asset_id = a.id AND " \
	pos " AND m.value_cents IS NOT NULL", "m.value_cents")

#endif
