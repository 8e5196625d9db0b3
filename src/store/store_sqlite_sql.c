/*
 * store_sqlite_sql.c — the SQL text of every statement for SQLite, one row
 * per enum store_stmt (store_int.h). Values are always bound (?1, ?2...);
 * column orders are the contract with the readers in store_*.c.
 */
#include "store/store_int.h"

#define RP_INT(n) "?" #n
#define RP_TEXT(n) "?" #n
#include "store/store_response_sql.h"
#include "store/store_merge_sql.h"

/* Plain statements, and inserts whose new id the backend reports (store_int.h). */
#define SQL(text)   { text, 0 }
#define NEWID(text) { text, STORE_SQL_NEWID }

/* the filter of the case list, shared by its orderings and its count
 * (the office's cases and those shared with it as one uncorrelated set,
 * made once: a correlated EXISTS per case cost 0.6 s at 100,000 cases):
 * ?10 the assignee (NULL = any, -1 = nobody), ?11 the owning office (NULL = any),
 * ?12/?13 the running term's due dates [from, to) (NULL = any case) */
#define CASE_LIST_WHERE \
	"WHERE (?1 IS NULL OR c.id IN (SELECT o1.id FROM cases o1 WHERE o1.office_id = ?1 " \
	"  UNION ALL SELECT s.case_id FROM case_shares s WHERE s.office_id = ?1)) " \
	"AND (?2 IS NULL OR c.stage = ?2) " \
	"AND (?3 IS NULL OR c.place_department = ?3) " \
	"AND c.complaint_date >= ?4 AND c.complaint_date < ?5 " \
	"AND (?6 IS NULL OR EXISTS (SELECT 1 FROM participations p " \
	"  JOIN participation_codes pc ON pc.participation_id = p.id " \
	"  WHERE p.case_id = c.id AND p.role = 'victim' AND p.removed_in IS NULL " \
	"  AND pc.dim = 'exploitation' " \
	"  AND pc.code = ?6)) " \
	"AND (?7 IS NULL OR instr(lower(c.number), lower(?7)) > 0) " \
	"AND (?10 IS NULL OR c.assigned_to = ?10 OR (?10 = -1 AND c.assigned_to IS NULL)) " \
	"AND (?11 IS NULL OR c.office_id = ?11) " \
	"AND (?12 IS NULL OR (c.term_due >= ?12 AND c.term_due < ?13)) "
#define CASE_LIST_SELECT \
	"SELECT " CASE_COLS ", o.code, " \
	"(SELECT count(*) FROM participations p WHERE p.case_id = c.id AND p.role = 'victim' " \
	"  AND p.removed_in IS NULL), " \
	"(SELECT count(*) FROM participations p WHERE p.case_id = c.id AND p.role = 'suspect' " \
	"  AND p.removed_in IS NULL) " \
	"FROM cases c JOIN offices o ON o.id = c.office_id "

#define CASE_COLS "c.id, c.number, c.office_id, c.complaint_date, c.complaint_source, " \
	"c.place_country, c.place_ubigeo, c.stage, c.synthetic, c.created_by, c.created_at, " \
	"c.term_kind, c.term_start, c.term_due, c.term_extended, " \
	"c.assigned_to, (SELECT u.name FROM users u WHERE u.id = c.assigned_to), " \
	"c.version"

#define PART_COLS "p.id, p.case_id, p.person_id, p.role, p.age_at_recruitment, " \
	"p.trafficking_status, p.relationship, p.recruitment_country, p.recruitment_ubigeo, " \
	"p.exploitation_country, p.exploitation_ubigeo, p.recruitment_date, " \
	"p.exploitation_start, p.exploitation_end, p.rescue_date, p.outcome, " \
	"p.sentence_months, p.reparation_cents, p.reparation_currency, " \
	"s.sex, s.birth_year, s.nationality, s.origin_ubigeo, s.doc_type"

#define ROLES_IDS "?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, " \
	"?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32"
_Static_assert(STORE_ROLES_BATCH == 32, "ROLES_IDS holds STORE_ROLES_BATCH places");

#define BLIND_ROWS \
	"(?1, ?2, ?3, ?4),(?5, ?6, ?7, ?8),(?9, ?10, ?11, ?12),(?13, ?14, ?15, ?16)," \
	"(?17, ?18, ?19, ?20),(?21, ?22, ?23, ?24),(?25, ?26, ?27, ?28),(?29, ?30, ?31, ?32)," \
	"(?33, ?34, ?35, ?36),(?37, ?38, ?39, ?40),(?41, ?42, ?43, ?44),(?45, ?46, ?47, ?48)," \
	"(?49, ?50, ?51, ?52),(?53, ?54, ?55, ?56),(?57, ?58, ?59, ?60),(?61, ?62, ?63, ?64)," \
	"(?65, ?66, ?67, ?68),(?69, ?70, ?71, ?72),(?73, ?74, ?75, ?76),(?77, ?78, ?79, ?80)," \
	"(?81, ?82, ?83, ?84),(?85, ?86, ?87, ?88),(?89, ?90, ?91, ?92),(?93, ?94, ?95, ?96)," \
	"(?97, ?98, ?99, ?100),(?101, ?102, ?103, ?104),(?105, ?106, ?107, ?108),(?109, ?110, ?111, ?112)," \
	"(?113, ?114, ?115, ?116),(?117, ?118, ?119, ?120),(?121, ?122, ?123, ?124),(?125, ?126, ?127, ?128)," \
	"(?129, ?130, ?131, ?132),(?133, ?134, ?135, ?136),(?137, ?138, ?139, ?140),(?141, ?142, ?143, ?144)," \
	"(?145, ?146, ?147, ?148),(?149, ?150, ?151, ?152),(?153, ?154, ?155, ?156),(?157, ?158, ?159, ?160)," \
	"(?161, ?162, ?163, ?164),(?165, ?166, ?167, ?168),(?169, ?170, ?171, ?172),(?173, ?174, ?175, ?176)," \
	"(?177, ?178, ?179, ?180),(?181, ?182, ?183, ?184),(?185, ?186, ?187, ?188),(?189, ?190, ?191, ?192)," \
	"(?193, ?194, ?195, ?196),(?197, ?198, ?199, ?200),(?201, ?202, ?203, ?204),(?205, ?206, ?207, ?208)," \
	"(?209, ?210, ?211, ?212),(?213, ?214, ?215, ?216),(?217, ?218, ?219, ?220),(?221, ?222, ?223, ?224)," \
	"(?225, ?226, ?227, ?228),(?229, ?230, ?231, ?232),(?233, ?234, ?235, ?236),(?237, ?238, ?239, ?240)," \
	"(?241, ?242, ?243, ?244),(?245, ?246, ?247, ?248),(?249, ?250, ?251, ?252),(?253, ?254, ?255, ?256)"
_Static_assert(STORE_BLIND_ROWS == 64 && STORE_SEALED_ROWS == 64,
	"BLIND_ROWS holds STORE_BLIND_ROWS (and STORE_SEALED_ROWS) rows of four values");

#define USER_COLS "id, name, role, office_id, locked, pwhash, lang, failed_logins, created"
#define OFFICE_COLS "id, code, name, kind, distrito_fiscal, department"
#define AUDIT_COLS "seq, ts, actor, action, object, detail, key_id, prev, hash"

/* ---- statistics (store_stats.c) ---- */

/* A CTDC age band and the UNODC child/adult split of an age in years. */
#define STAT_BAND(a) "CASE WHEN " a " IS NULL OR " a " < 0 THEN NULL " \
	"WHEN " a " <= 8 THEN '0--8' WHEN " a " <= 17 THEN '9--17' WHEN " a " <= 20 THEN '18--20' " \
	"WHEN " a " <= 23 THEN '21--23' WHEN " a " <= 26 THEN '24--26' WHEN " a " <= 29 THEN '27--29' " \
	"WHEN " a " <= 38 THEN '30--38' WHEN " a " <= 47 THEN '39--47' ELSE '48+' END"
#define STAT_GROUP(a) "CASE WHEN " a " IS NULL OR " a " < 0 THEN NULL " \
	"WHEN " a " < 18 THEN 'child' ELSE 'adult' END"
#define STAT_YEAR "CAST(substr(c.complaint_date, 1, 4) AS INTEGER)"
#define STAT_DEPT(u) "CASE WHEN length(" u ") >= 2 THEN substr(" u ", 1, 2) END"

/* The person-and-case columns of a participation's fact, for victims and
 * suspects; the age is at the complaint (CTDC: at registration). */
#define STAT_PART_SELECT STAT_PART_SELECT_W("p.id > ?1 AND p.id <= ?2")
#define STAT_PART_SELECT_W(where) \
	"SELECT p.id AS pid, c.id AS cid, " STAT_YEAR " AS yr, c.place_department AS dep, " \
	"o.distrito_fiscal AS df, o.code AS oc, nullif(s.sex, '') AS sex, " \
	"CASE WHEN s.birth_year > 0 THEN " STAT_YEAR " - s.birth_year END AS a, " \
	"nullif(s.nationality, '') AS nat, " STAT_DEPT("s.origin_ubigeo") " AS orr, " \
	"nullif(p.exploitation_country, '') AS ec, " STAT_DEPT("p.exploitation_ubigeo") " AS er, " \
	"c.stage AS stage, nullif(p.outcome, '') AS outcome " \
	"FROM participations p JOIN cases c ON c.id = p.case_id " \
	"JOIN persons s ON s.id = p.person_id JOIN offices o ON o.id = c.office_id " \
	"WHERE " where " AND p.removed_in IS NULL AND p.role = "

#define STAT_FACT_COLS "kind, id, source, case_id, year, region, distrito_fiscal, office, " \
	"sex, age_band, age_group, nationality, origin_region, exploitation_country, " \
	"exploitation_region, stage, outcome, currency, value, convicted"

/* The value of dimension number ?n (enum store_stat_col in store_stats.h);
 * m adds the multi-valued columns joined from stat_codes. A bound number
 * is not folded away by the planner, so the choice is a binary search (four
 * comparisons a row instead of up to fifteen). */
#define STAT_COL(n, m) "CASE WHEN " n " < 1 THEN NULL WHEN " n " > 15 THEN (CASE " n " " m "END) " \
	"WHEN " n " < 8 THEN (CASE WHEN " n " < 4 THEN (CASE WHEN " n " < 2 THEN f.year " \
	"WHEN " n " < 3 THEN f.region ELSE f.distrito_fiscal END) " \
	"ELSE (CASE WHEN " n " < 6 THEN (CASE WHEN " n " < 5 THEN f.office ELSE f.sex END) " \
	"ELSE (CASE WHEN " n " < 7 THEN f.age_band ELSE f.age_group END) END) END) " \
	"ELSE (CASE WHEN " n " < 12 THEN (CASE WHEN " n " < 10 THEN (CASE WHEN " n " < 9 " \
	"THEN f.nationality ELSE f.origin_region END) ELSE (CASE WHEN " n " < 11 " \
	"THEN f.exploitation_country ELSE f.exploitation_region END) END) " \
	"ELSE (CASE WHEN " n " < 14 THEN (CASE WHEN " n " < 13 THEN f.stage ELSE f.outcome END) " \
	"ELSE (CASE WHEN " n " < 15 THEN f.source ELSE f.currency END) END) END) END"
/* 16, the assignee of a case fact (0007_assignment.sql), is past the binary
 * search with the multi-valued columns */
#define STAT_M0 "WHEN 16 THEN f.assignee "
#define STAT_M1 "WHEN 16 THEN f.assignee WHEN 21 THEN m1.code "
#define STAT_M2 "WHEN 16 THEN f.assignee WHEN 21 THEN m1.code WHEN 22 THEN m2.code "

/* ?1..?4 the grouped dimensions (0 = none), ?5/?6 the multi-valued dims
 * joined, ?7 kind, ?8/?9 year range (NULL = open), ?10 convictions only,
 * ?11 currency (NULL = any), ?12..?17 three (dimension, value) filters,
 * ?18..?21 two (multi-valued dim, code) filters, ?22 stages left out
 * (",archive,final_sentence,": open cases only; NULL = none). The rows are not grouped
 * here: SQLite groups by sorting, and store_stats.c adds a million rows up
 * in a hash table in a fraction of the time. keys lists the dimensions
 * fetched (a statement per number of keys: unused ones cost a CASE a row).
 * The facts are clustered by kind (0003_stats.sql): "f.kind = ?7" reads
 * one kind's rows in one pass. */
#define STAT_KEYS1(m) STAT_COL("?1", m) ", NULL, NULL, NULL"
#define STAT_KEYS2(m) STAT_COL("?1", m) ", " STAT_COL("?2", m) ", NULL, NULL"
#define STAT_KEYS4(m) STAT_COL("?1", m) ", " STAT_COL("?2", m) ", " \
	STAT_COL("?3", m) ", " STAT_COL("?4", m)
#define STAT_ROWS(n, m, joins) \
	"SELECT " STAT_KEYS##n(m) ", f.value FROM stat_facts f " joins \
	"WHERE f.kind = ?7 AND (?8 IS NULL OR f.year >= ?8) AND (?9 IS NULL OR f.year <= ?9) " \
	"AND (?10 = 0 OR f.convicted = 1) AND (?11 IS NULL OR f.currency = ?11) " \
	"AND (?12 = 0 OR " STAT_COL("?12", STAT_M0) " = ?13) " \
	"AND (?14 = 0 OR " STAT_COL("?14", STAT_M0) " = ?15) " \
	"AND (?16 = 0 OR " STAT_COL("?16", STAT_M0) " = ?17) " \
	"AND (?18 IS NULL OR EXISTS (SELECT 1 FROM stat_codes x WHERE x.fact_id = f.id " \
	"  AND x.dim = ?18 AND x.code = ?19)) " \
	"AND (?20 IS NULL OR EXISTS (SELECT 1 FROM stat_codes x WHERE x.fact_id = f.id " \
	"  AND x.dim = ?20 AND x.code = ?21)) " \
	"AND (?22 IS NULL OR instr(?22, ',' || coalesce(f.stage, '') || ',') = 0)"
/* Add the facts of a kind with lo < id <= hi and id % 8 = residue (register
 * victims 1, suspects 2, cases 3, imported records 5, convictions 6,
 * prosecutions 7) to a cube (store_cube_sql.h). */
#define STAT_CUBE_ADD_KIND(kind, cube, keys, join) \
	"INSERT INTO stat_cube(cube, source, year, k1, k2, k3, k4, n) " \
	"SELECT " cube ", f.source, coalesce(f.year, 0), " keys ", count(*) " \
	"FROM stat_facts f " join "WHERE f.kind = " kind " AND f.id > ?1 AND f.id <= ?2 " \
	"AND f.id % 8 = ?3 GROUP BY 1, 2, 3, 4, 5, 6, 7 " \
	"ON CONFLICT (cube, source, year, k1, k2, k3, k4) DO UPDATE SET n = n + excluded.n"
/* A cube column: 1 year, 2 source, 3..6 k1..k4, unknown as NULL. */
#define STAT_CUBE_COL(n) "CASE " n " WHEN 1 THEN nullif(year, 0) WHEN 2 THEN source " \
	"WHEN 3 THEN nullif(k1, '') WHEN 4 THEN nullif(k2, '') WHEN 5 THEN nullif(k3, '') " \
	"WHEN 6 THEN nullif(k4, '') END"
#define STAT_JOIN1 "LEFT JOIN stat_codes m1 ON m1.fact_id = f.id AND m1.dim = ?5 "
#define STAT_JOIN2 STAT_JOIN1 "LEFT JOIN stat_codes m2 ON m2.fact_id = f.id AND m2.dim = ?6 "

/* The facts of a kind whose case got events in (lo, hi] and whose stage is
 * not the case's any more. */
#define STAT_STAGE_MOVED(kind) "FROM stat_facts f JOIN cases c ON c.id = f.case_id " \
	"WHERE f.kind = " kind " AND f.case_id IN (SELECT case_id FROM events " \
	"WHERE id > ?1 AND id <= ?2) AND f.stage IS NOT c.stage"
/* Before STMT_STAT_STAGE_UPDATE: a fact whose stage changes leaves its
 * cube row (-1) for the one of its new stage (+1); rows left at 0 are
 * pruned after (STMT_STAT_CUBE_PRUNE). */
#define STAT_CUBE_STAGE(kind, cube) \
	"INSERT INTO stat_cube(cube, source, year, k1, k2, k3, k4, n) " \
	"SELECT " cube ", source, y, k1, k2, k3, k4, sum(d) FROM (" \
	"SELECT f.source, coalesce(f.year, 0) AS y, " STAT_CUBE_OFFICE_AS("f.stage") ", -1 AS d " \
	STAT_STAGE_MOVED(kind) " UNION ALL " \
	"SELECT f.source, coalesce(f.year, 0), " STAT_CUBE_OFFICE_AS("c.stage") ", 1 " \
	STAT_STAGE_MOVED(kind) ") m WHERE 1 GROUP BY 1, 2, 3, 4, 5, 6, 7 " \
	"ON CONFLICT (cube, source, year, k1, k2, k3, k4) DO UPDATE SET n = n + excluded.n"
#define STAT_CUBE_OFFICE_AS(st) "coalesce(f.office, '') AS k1, " \
	"coalesce(f.distrito_fiscal, '') AS k2, coalesce(" st ", '') AS k3, " \
	"coalesce(f.region, '') AS k4"

/* A suspect's conviction in force (kind 'conviction', participation id * 8
 * + 6) and first prosecution (kind 'prosecuted', * 8 + 7), each in the year
 * of its own date (convicted_on, prosecuted_on: core/outcome.h), the age in
 * that year; docs/statistics.md defines them. */
#define STAT_JUDGED_SELECT_CONV(where) \
	"SELECT p.id AS pid, c.id AS cid, CAST(substr(p.convicted_on, 1, 4) AS INTEGER) AS yr, " \
	"c.place_department AS dep, o.distrito_fiscal AS df, o.code AS oc, nullif(s.sex, '') AS sex, " \
	"CASE WHEN s.birth_year > 0 THEN CAST(substr(p.convicted_on, 1, 4) AS INTEGER) - s.birth_year END AS a, " \
	"nullif(s.nationality, '') AS nat, " STAT_DEPT("s.origin_ubigeo") " AS orr, c.stage AS stage, " \
	"nullif(p.outcome, '') AS outcome, CASE WHEN coalesce(p.convicted_on, '') <> '' THEN 1 ELSE 0 END AS cv " \
	"FROM participations p JOIN cases c ON c.id = p.case_id " \
	"JOIN persons s ON s.id = p.person_id JOIN offices o ON o.id = c.office_id " \
	"WHERE " where " AND p.removed_in IS NULL AND p.role = 'suspect' AND coalesce(p.convicted_on, '') <> ''"
#define STAT_JUDGED_SELECT_PROS(where) \
	"SELECT p.id AS pid, c.id AS cid, CAST(substr(p.prosecuted_on, 1, 4) AS INTEGER) AS yr, " \
	"c.place_department AS dep, o.distrito_fiscal AS df, o.code AS oc, nullif(s.sex, '') AS sex, " \
	"CASE WHEN s.birth_year > 0 THEN CAST(substr(p.prosecuted_on, 1, 4) AS INTEGER) - s.birth_year END AS a, " \
	"nullif(s.nationality, '') AS nat, " STAT_DEPT("s.origin_ubigeo") " AS orr, c.stage AS stage, " \
	"nullif(p.outcome, '') AS outcome, CASE WHEN coalesce(p.convicted_on, '') <> '' THEN 1 ELSE 0 END AS cv " \
	"FROM participations p JOIN cases c ON c.id = p.case_id " \
	"JOIN persons s ON s.id = p.person_id JOIN offices o ON o.id = c.office_id " \
	"WHERE " where " AND p.removed_in IS NULL AND p.role = 'suspect' AND coalesce(p.prosecuted_on, '') <> ''"
#define STAT_JUDGED_FACTS(where) \
	"SELECT 'conviction', pid * 8 + 6, 'register', cid, yr, dep, df, oc, sex, " STAT_BAND("a") ", " \
	STAT_GROUP("a") ", nat, orr, NULL, NULL, stage, outcome, NULL, 1, 1 " \
	"FROM (" STAT_JUDGED_SELECT_CONV(where) ") UNION ALL " \
	"SELECT 'prosecuted', pid * 8 + 7, 'register', cid, yr, dep, df, oc, sex, " STAT_BAND("a") ", " \
	STAT_GROUP("a") ", nat, orr, NULL, NULL, stage, outcome, NULL, 1, cv " \
	"FROM (" STAT_JUDGED_SELECT_PROS(where) ")"
#define STAT_SENTENCE_BAND "CASE WHEN p.sentence_months < 60 THEN '00-04' " \
	"WHEN p.sentence_months < 120 THEN '05-09' WHEN p.sentence_months < 180 THEN '10-14' " \
	"WHEN p.sentence_months < 240 THEN '15-19' WHEN p.sentence_months < 300 THEN '20-24' " \
	"WHEN p.sentence_months < 360 THEN '25-29' ELSE '30+' END"
/* Their codes: the offence (both kinds), the band of years (convictions). */
#define STAT_JUDGED_CODES(where) \
	"SELECT p.id * 8 + 6 AS fid, 'offence' AS dim, p.offence AS code FROM participations p " \
	"WHERE " where " AND p.removed_in IS NULL AND p.role = 'suspect' " \
	"AND coalesce(p.convicted_on, '') <> '' AND p.offence IS NOT NULL UNION ALL " \
	"SELECT p.id * 8 + 7, 'offence', p.offence FROM participations p " \
	"WHERE " where " AND p.removed_in IS NULL AND p.role = 'suspect' " \
	"AND coalesce(p.prosecuted_on, '') <> '' AND p.offence IS NOT NULL UNION ALL " \
	"SELECT p.id * 8 + 6, 'sentence_years', " STAT_SENTENCE_BAND " FROM participations p " \
	"WHERE " where " AND p.removed_in IS NULL AND p.role = 'suspect' " \
	"AND coalesce(p.convicted_on, '') <> '' AND p.sentence_months > 0"

/* ---- amending a case (store_revision.c) ---- */

/* The facts of case ?1 in every cube, each count times the sign ?2: the
 * keys of every cube (store_cube_sql.h), for the facts of one case. */
#define STAT_CASE_CUBE(cube, kind, keys, join) \
	"SELECT " cube ", f.source, coalesce(f.year, 0), " keys ", ?2 * count(*) " \
	"FROM stat_facts f " join "WHERE f.case_id = ?1 AND f.kind = " kind " " \
	"GROUP BY 1, 2, 3, 4, 5, 6, 7"
#define STAT_CASE_CUBES \
	"INSERT INTO stat_cube(cube, source, year, k1, k2, k3, k4, n) SELECT * FROM (" \
	STAT_CASE_CUBES_UNION \
	") WHERE true ON CONFLICT (cube, source, year, k1, k2, k3, k4) " \
	"DO UPDATE SET n = n + excluded.n"

/* The facts of case ?1 again (as STAT_FACT_* derive them), as far as
 * the marks reach: the case when its id is <= ?2, participations <= ?3,
 * assets <= ?4; ?5 the conviction codes. */
#define STAT_CASE_FACTS \
	"INSERT INTO stat_facts(" STAT_FACT_COLS ") " \
	"SELECT 'case', c.id * 8 + 3, 'register', c.id, " STAT_YEAR ", c.place_department, " \
	"o.distrito_fiscal, o.code, NULL, NULL, NULL, NULL, NULL, NULL, NULL, c.stage, " \
	"NULL, NULL, 1, 0 FROM cases c JOIN offices o ON o.id = c.office_id " \
	"WHERE c.id = ?1 AND c.id <= ?2 UNION ALL " \
	"SELECT 'victim', pid * 8 + 1, 'register', cid, yr, dep, df, oc, sex, " STAT_BAND("a") ", " \
	STAT_GROUP("a") ", nat, orr, ec, er, stage, NULL, NULL, 1, 0 " \
	"FROM (" STAT_PART_SELECT_W("p.case_id = ?1 AND p.id <= ?3") "'victim') UNION ALL " \
	"SELECT 'suspect', pid * 8 + 2, 'register', cid, yr, dep, df, oc, sex, " STAT_BAND("a") ", " \
	STAT_GROUP("a") ", nat, orr, NULL, NULL, stage, outcome, NULL, 1, " \
	"CASE WHEN instr(?5, ',' || outcome || ',') > 0 THEN 1 ELSE 0 END " \
	"FROM (" STAT_PART_SELECT_W("p.case_id = ?1 AND p.id <= ?3") "'suspect') UNION ALL " \
	"SELECT 'asset', a.id * 8 + 4, 'register', c.id, " STAT_YEAR ", c.place_department, " \
	"o.distrito_fiscal, o.code, NULL, NULL, NULL, NULL, NULL, NULL, NULL, c.stage, " \
	"NULL, nullif(a.currency, ''), a.value_cents, 0 " \
	"FROM assets a JOIN cases c ON c.id = a.case_id JOIN offices o ON o.id = c.office_id " \
	"WHERE a.case_id = ?1 AND a.id <= ?4 AND a.removed_in IS NULL UNION ALL " \
	STAT_JUDGED_FACTS("p.case_id = ?1 AND p.id <= ?3")
/* Their codes (STAT_CODES_*): ?1 the case, ?2 and ?3 the marks of
 * participations and assets. */
#define STAT_CASE_CODES \
	"INSERT INTO stat_codes(fact_id, dim, code) SELECT * FROM (" \
	"SELECT pc.participation_id * 8 + 1 AS fid, " \
	"CASE pc.dim WHEN 'control' THEN 'means_of_control' ELSE pc.dim END AS dim, pc.code AS code " \
	"FROM participation_codes pc JOIN participations p ON p.id = pc.participation_id " \
	"WHERE p.case_id = ?1 AND p.id <= ?2 AND p.removed_in IS NULL AND p.role = 'victim' " \
	"AND pc.dim IN ('exploitation', 'control', 'recruitment', 'means', 'vulnerability') UNION ALL " \
	"SELECT p.id * 8 + 1, 'relationship', p.relationship FROM participations p " \
	"WHERE p.case_id = ?1 AND p.id <= ?2 AND p.removed_in IS NULL AND p.role = 'victim' " \
	"AND coalesce(p.relationship, '') <> '' UNION ALL " \
	"SELECT DISTINCT p.case_id * 8 + 3, 'exploitation', pc.code FROM participations p " \
	"JOIN participation_codes pc ON pc.participation_id = p.id AND pc.dim = 'exploitation' " \
	"WHERE p.case_id = ?1 AND p.id <= ?2 AND p.removed_in IS NULL AND p.role = 'victim' " \
	"UNION ALL SELECT cc.case_id * 8 + 3, 'aggravating', cc.code FROM case_codes cc " \
	"WHERE cc.case_id = ?1 AND cc.dim = 'aggravating' " \
	"UNION ALL SELECT am.asset_id * 8 + 4, 'asset_measure', am.measure FROM asset_measures am " \
	"JOIN assets a ON a.id = am.asset_id WHERE a.case_id = ?1 AND a.id <= ?3 " \
	"AND a.removed_in IS NULL UNION ALL SELECT a.id * 8 + 4, 'asset_kind', a.kind FROM assets a " \
	"WHERE a.case_id = ?1 AND a.id <= ?3 AND a.removed_in IS NULL UNION ALL " \
	"SELECT p.id * 8 + 2, 'sentence_years', CASE WHEN p.sentence_months < 60 THEN '00-04' " \
	"WHEN p.sentence_months < 120 THEN '05-09' WHEN p.sentence_months < 180 THEN '10-14' " \
	"WHEN p.sentence_months < 240 THEN '15-19' WHEN p.sentence_months < 300 THEN '20-24' " \
	"WHEN p.sentence_months < 360 THEN '25-29' ELSE '30+' END FROM participations p " \
	"WHERE p.case_id = ?1 AND p.id <= ?2 AND p.removed_in IS NULL AND p.role = 'suspect' " \
	"AND p.sentence_months > 0 UNION ALL " STAT_JUDGED_CODES("p.case_id = ?1 AND p.id <= ?2") ") WHERE true ON CONFLICT DO NOTHING"

const struct store_sql store_sqlite_sql[STMT__MAX] = {
	[STMT_SCHEMA_EXISTS] =
		SQL("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"),
	[STMT_SCHEMA_VERSION] =
		SQL("SELECT coalesce(max(version), 0) FROM schema_migrations"),
	[STMT_SCHEMA_COUNT] =
		SQL("SELECT count(*) FROM schema_migrations"),
	[STMT_MIGRATION_APPLIED] =
		SQL("SELECT count(*) FROM schema_migrations WHERE version = ?1"),
	[STMT_MIGRATION_INSERT] =
		SQL("INSERT INTO schema_migrations(version, name, applied_at) VALUES (?1, ?2, ?3)"),
	[STMT_META_GET] =
		SQL("SELECT value FROM meta WHERE key = ?1"),
	[STMT_META_SET] =
		SQL("INSERT INTO meta(key, value) VALUES (?1, ?2) "
			"ON CONFLICT(key) DO UPDATE SET value = excluded.value"),

	[STMT_OFFICE_INSERT] =
		NEWID("INSERT INTO offices(code, name, kind, distrito_fiscal, department) "
			"VALUES (?1, ?2, ?3, ?4, ?5)"),
	[STMT_OFFICE_GET] =
		SQL("SELECT " OFFICE_COLS " FROM offices WHERE id = ?1"),
	[STMT_OFFICE_BY_CODE] =
		SQL("SELECT " OFFICE_COLS " FROM offices WHERE code = ?1"),
	[STMT_OFFICE_LIST] =
		SQL("SELECT " OFFICE_COLS " FROM offices ORDER BY code"),
	[STMT_USER_INSERT] =
		NEWID("INSERT INTO users(name, role, office_id, locked, pwhash, lang, failed_logins, created) "
			"VALUES (?1, ?2, ?3, ?4, ?5, coalesce(?6, 'es'), ?7, ?8)"),
	[STMT_USER_GET] =
		SQL("SELECT " USER_COLS " FROM users WHERE id = ?1"),
	[STMT_USER_BY_NAME] =
		SQL("SELECT " USER_COLS " FROM users WHERE name = ?1"),
	[STMT_USER_LIST] =
		SQL("SELECT " USER_COLS " FROM users ORDER BY name"),
	[STMT_USER_UPDATE] =
		SQL("UPDATE users SET role = ?2, office_id = ?3, locked = ?4, pwhash = coalesce(?5, pwhash), "
			"lang = coalesce(?6, lang), failed_logins = ?7 WHERE id = ?1 RETURNING id"),

	[STMT_SEALED_PUT] =
		SQL("INSERT INTO sealed(tbl, row_id, col, blob) VALUES (?1, ?2, ?3, ?4) "
			"ON CONFLICT(tbl, row_id, col) DO UPDATE SET blob = excluded.blob"),
	[STMT_SEALED_PUT_MANY] =
		SQL("INSERT INTO sealed(tbl, row_id, col, blob) VALUES " BLIND_ROWS " "
			"ON CONFLICT(tbl, row_id, col) DO UPDATE SET blob = excluded.blob"),
	[STMT_SEALED_GET] =
		SQL("SELECT blob FROM sealed WHERE tbl = ?1 AND row_id = ?2 AND col = ?3"),
	[STMT_SEALED_ALL] =
		SQL("SELECT tbl, row_id, col, blob FROM sealed ORDER BY tbl, row_id, col"),
	[STMT_BLIND_PUT] =
		SQL("INSERT INTO blind(kind, hash, tbl, row_id) VALUES (?1, ?2, ?3, ?4) "
			"ON CONFLICT DO NOTHING"),
	[STMT_BLIND_PUT_MANY] =
		SQL("INSERT INTO blind(kind, hash, tbl, row_id) VALUES " BLIND_ROWS " "
			"ON CONFLICT DO NOTHING"),
	[STMT_BLIND_FIND] =
		SQL("SELECT row_id FROM blind WHERE kind = ?1 AND hash = ?2 AND tbl = ?3 "
			"ORDER BY row_id LIMIT ?4"),
	[STMT_BLIND_CLEAR] =
		SQL("DELETE FROM blind"),

	[STMT_CASE_INSERT] =
		NEWID("INSERT INTO cases(number, office_id, complaint_date, complaint_source, "
			"place_country, place_ubigeo, place_department, stage, synthetic, created_by, "
			"created_at, term_kind, term_start, term_due, term_extended) VALUES (?1, ?2, ?3, "
			"?4, ?5, ?6, ?7, coalesce(?8, 'complaint'), ?9, ?10, ?11, ?12, ?13, ?14, ?15)"),
	[STMT_CASE_CODE_INSERT] =
		SQL("INSERT INTO case_codes(case_id, dim, pos, code) VALUES (?1, ?2, ?3, ?4) "
			"ON CONFLICT DO NOTHING"),
	[STMT_CASE_SHARE_INSERT] =
		SQL("INSERT INTO case_shares(case_id, office_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING"),
	[STMT_CASE_GET] =
		SQL("SELECT " CASE_COLS " FROM cases c WHERE c.id = ?1"),
	[STMT_CASE_CODES] =
		SQL("SELECT dim, code FROM case_codes WHERE case_id = ?1 ORDER BY dim, pos"),
	[STMT_CASE_SHARES] =
		SQL("SELECT office_id FROM case_shares WHERE case_id = ?1 ORDER BY office_id"),
	[STMT_CASE_ID_BY_NUMBER] =
		SQL("SELECT id FROM cases WHERE number = ?1"),
	[STMT_CASE_SET_DERIVED] =
		SQL("UPDATE cases SET stage = ?2, term_kind = ?3, term_start = ?4, term_due = ?5, "
			"term_extended = ?6 WHERE id = ?1 RETURNING id"),
	/* ?1 office (NULL = all), due dates in [?2, ?3), ?4 limit */
	[STMT_CASE_TERMS] =
		SQL("SELECT c.id, c.number, o.code, c.stage, c.term_kind, c.term_start, c.term_due, "
			"c.term_extended FROM cases c JOIN offices o ON o.id = c.office_id "
			"WHERE c.term_due >= ?2 AND c.term_due < ?3 "
			"AND (?1 IS NULL OR c.office_id = ?1 OR EXISTS (SELECT 1 FROM case_shares s "
			"  WHERE s.case_id = c.id AND s.office_id = ?1)) "
			"ORDER BY c.term_due, c.id LIMIT ?4"),
	[STMT_TERMS_OVERDUE_BY_OFFICE] =
		SQL("SELECT o.code, count(*) FROM cases c JOIN offices o ON o.id = c.office_id "
			"WHERE c.term_due < ?1 GROUP BY o.code ORDER BY o.code"),
	[STMT_EVENTS_ALL] =
		SQL("SELECT case_id, id, stage, date FROM events WHERE removed_in IS NULL "
			"ORDER BY case_id, id"),
	/* ?1 office, ?2 stage, ?3 department, ?6 exploitation, ?7 number
	 * substring (NULL = any), ?4/?5 complaint dates [from, to) (always set,
	 * so the date index gives both the range and the order), ?8 limit,
	 * ?9 offset, ?10 assignee (NULL = any, -1 = nobody), ?11 owning office
	 * (NULL = any), ?12/?13 due dates of the running term [from, to) (NULL =
	 * any case) */
	[STMT_CASE_LIST] =
		SQL(CASE_LIST_SELECT CASE_LIST_WHERE
			"ORDER BY c.complaint_date DESC, c.id DESC LIMIT ?8 OFFSET ?9"),
	[STMT_CASE_LIST_OLDEST] =
		SQL(CASE_LIST_SELECT CASE_LIST_WHERE
			"ORDER BY c.complaint_date ASC, c.id ASC LIMIT ?8 OFFSET ?9"),
	[STMT_CASE_LIST_NUMBER] =
		SQL(CASE_LIST_SELECT CASE_LIST_WHERE
			"ORDER BY c.number ASC LIMIT ?8 OFFSET ?9"),
	/* the running term's due date first, the cases without a term last */
	[STMT_CASE_LIST_DUE] =
		SQL(CASE_LIST_SELECT CASE_LIST_WHERE
			"ORDER BY c.term_due IS NULL, c.term_due, c.complaint_date DESC, c.id DESC "
			"LIMIT ?8 OFFSET ?9"),
	/* ?8 the cap of the count (?9 unused, named so the parameters stay those of the list) */
	[STMT_CASE_LIST_COUNT] =
		SQL("SELECT count(*) FROM (SELECT 1 FROM cases c " CASE_LIST_WHERE
			"LIMIT ?8 + 0 * ?9)"),
	[STMT_CASE_COUNT] =
		SQL("SELECT count(*) FROM cases"),

	[STMT_PERSON_INSERT] =
		NEWID("INSERT INTO persons(sex, birth_year, nationality, origin_ubigeo, doc_type) "
			"VALUES (?1, ?2, ?3, ?4, ?5)"),
	[STMT_PERSON_GET] =
		SQL("SELECT id, sex, birth_year, nationality, origin_ubigeo, doc_type "
			"FROM persons WHERE id = ?1"),
	[STMT_PART_INSERT] =
		NEWID("INSERT INTO participations(case_id, person_id, role, age_at_recruitment, "
			"trafficking_status, relationship, recruitment_country, recruitment_ubigeo, "
			"exploitation_country, exploitation_ubigeo, recruitment_date, exploitation_start, "
			"exploitation_end, rescue_date, outcome, sentence_months, reparation_cents, "
			"reparation_currency) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, "
			"?13, ?14, ?15, ?16, ?17, ?18)"),
	[STMT_PART_CODE_INSERT] =
		SQL("INSERT INTO participation_codes(participation_id, dim, pos, code) "
			"VALUES (?1, ?2, ?3, ?4) ON CONFLICT DO NOTHING"),
	[STMT_PART_MEASURE_INSERT] =
		SQL("INSERT INTO coercive_measures(participation_id, pos, kind, date) "
			"VALUES (?1, ?2, ?3, ?4)"),
	[STMT_CASE_PARTS] =
		SQL("SELECT " PART_COLS " FROM participations p JOIN persons s ON s.id = p.person_id "
			"WHERE p.case_id = ?1 AND p.removed_in IS NULL ORDER BY p.id"),
	[STMT_PERSON_PARTS] =
		SQL("SELECT " PART_COLS " FROM participations p JOIN persons s ON s.id = p.person_id "
			"WHERE p.person_id = ?1 AND p.removed_in IS NULL ORDER BY p.id"),
	/* ?1..?32: person ids, NULL for unused places (STORE_ROLES_BATCH) */
	[STMT_PERSON_ROLES] =
		SQL("SELECT s.id, s.sex, s.birth_year, s.nationality, s.origin_ubigeo, s.doc_type, "
			"p.id, p.case_id, p.role, c.number, c.office_id, sh.office_id "
			"FROM persons s LEFT JOIN participations p ON p.person_id = s.id AND p.removed_in IS NULL "
			"LEFT JOIN cases c ON c.id = p.case_id "
			"LEFT JOIN case_shares sh ON sh.case_id = p.case_id "
			"WHERE s.id IN (" ROLES_IDS ") ORDER BY s.id, p.case_id, p.role, p.id, sh.office_id"),
	[STMT_PART_CODES] =
		SQL("SELECT dim, code FROM participation_codes WHERE participation_id = ?1 "
			"ORDER BY dim, pos"),
	[STMT_PART_MEASURES] =
		SQL("SELECT kind, date FROM coercive_measures WHERE participation_id = ?1 ORDER BY pos"),

	[STMT_EVENT_INSERT] =
		NEWID("INSERT INTO events(case_id, stage, date, recorded_by, recorded_at) "
			"VALUES (?1, ?2, ?3, ?4, ?5)"),
	[STMT_CASE_EVENTS] =
		SQL("SELECT id, case_id, stage, date, recorded_by, recorded_at FROM events "
			"WHERE case_id = ?1 AND removed_in IS NULL ORDER BY coalesce(date, ''), id"),
	[STMT_ASSET_INSERT] =
		NEWID("INSERT INTO assets(case_id, kind, value_cents, currency) VALUES (?1, ?2, ?3, ?4)"),
	[STMT_ASSET_MEASURE_INSERT] =
		SQL("INSERT INTO asset_measures(asset_id, pos, measure, date) VALUES (?1, ?2, ?3, ?4)"),
	[STMT_CASE_ASSETS] =
		SQL("SELECT id, case_id, kind, value_cents, currency FROM assets WHERE case_id = ?1 AND removed_in IS NULL "
			"ORDER BY id"),
	[STMT_ASSET_MEASURES] =
		SQL("SELECT measure, date FROM asset_measures WHERE asset_id = ?1 ORDER BY pos"),
	[STMT_IDENT_INSERT] =
		NEWID("INSERT INTO identifiers(case_id, person_id, kind) VALUES (?1, ?2, ?3)"),
	[STMT_IDENT_GET] =
		SQL("SELECT id, case_id, person_id, kind FROM identifiers WHERE id = ?1 AND removed_in IS NULL"),
	[STMT_CASE_IDENTS] =
		SQL("SELECT id, case_id, person_id, kind FROM identifiers WHERE case_id = ?1 AND removed_in IS NULL ORDER BY id"),
	[STMT_REQUEST_INSERT] =
		NEWID("INSERT INTO requests(case_id, direction, country, authority, type, status, sent, "
			"received, due, reference, legal_basis, channel, assistance, answered, persons, "
			"assets) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
			"?15, ?16)"),
	[STMT_CASE_REQUESTS] =
		SQL("SELECT " REQUEST_COLS " FROM requests WHERE case_id = ?1 AND removed_in IS NULL "
			"ORDER BY id"),
	[STMT_REQUEST_CASE] =
		SQL("SELECT case_id FROM requests WHERE id = ?1 AND removed_in IS NULL"),
	[STMT_REQUEST_LIST] =
		SQL("SELECT " REQUEST_COLS_R ", c.number, c.office_id FROM requests r JOIN cases c ON "
			"c.id = r.case_id WHERE r.removed_in IS NULL AND (?1 IS NULL OR c.office_id = ?1 "
			"OR EXISTS (SELECT 1 FROM case_shares s WHERE s.case_id = c.id AND s.office_id = "
			"?1)) ORDER BY r.due IS NULL, r.due, r.id"),

	[STMT_AUDIT_APPEND] =
		SQL("INSERT INTO audit(" AUDIT_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"),
	[STMT_AUDIT_LAST] =
		SQL("SELECT " AUDIT_COLS " FROM audit ORDER BY seq DESC LIMIT 1"),
	[STMT_AUDIT_FROM] =
		SQL("SELECT " AUDIT_COLS " FROM audit WHERE seq >= ?1 ORDER BY seq"),
	/* ?1 actor, ?2 action, ?3 case id, ?4/?5 [from, to) ts, ?6 older than
	 * this seq (each NULL = any), ?7 limit; details are compact JSON with
	 * sorted keys (app_audit_detail), so "case":ID ends in , or } */
	[STMT_AUDIT_PAGE] =
		SQL("SELECT " AUDIT_COLS " FROM audit WHERE (?1 IS NULL OR actor = ?1) "
			"AND (?2 IS NULL OR action = ?2) "
			"AND (?3 IS NULL OR object = 'case:' || ?3 "
			"  OR instr(detail, '\"case\":' || ?3 || ',') > 0 "
			"  OR instr(detail, '\"case\":' || ?3 || '}') > 0) "
			"AND (?4 IS NULL OR ts >= ?4) AND (?5 IS NULL OR ts < ?5) "
			"AND (?6 IS NULL OR seq < ?6) ORDER BY seq DESC LIMIT ?7"),

	[STMT_CHECK_INTEGRITY] =
		SQL("PRAGMA integrity_check"),
	[STMT_CHECK_FOREIGN_KEYS] =
		SQL("PRAGMA foreign_key_check"),

	/* copying a whole register (store_copy.c); rowids follow the ids copied */
	STORE_COPY_SQL
	[STMT_COPY_RESEQ] = SQL("SELECT 0"),
	[STMT_TABLE_LIST] = SQL("SELECT name FROM sqlite_master WHERE type = 'table' "
		"AND name NOT LIKE 'sqlite_%' ORDER BY name"),
	[STMT_SESSION_INSERT] =
		NEWID("INSERT INTO sessions(kind, hash, user_id, created, last_seen, expires) "
			"VALUES (?1, ?2, ?3, ?4, ?5, ?6)"),
	[STMT_SESSION_GET] =
		SQL("SELECT id, user_id, created, last_seen, expires FROM sessions "
			"WHERE kind = ?1 AND hash = ?2"),
	[STMT_SESSION_TOUCH] =
		SQL("UPDATE sessions SET last_seen = ?2 WHERE id = ?1"),
	[STMT_SESSION_DELETE] =
		SQL("DELETE FROM sessions WHERE hash = ?1"),
	[STMT_SESSION_PURGE] =
		SQL("DELETE FROM sessions WHERE expires <= ?1 OR (kind = 'web' AND last_seen < ?2)"),
	[STMT_SESSION_COUNT] =
		SQL("SELECT count(*) FROM sessions WHERE kind = ?1 AND expires > ?2 "
			"AND (kind = 'api' OR last_seen >= ?3)"),
	[STMT_SESSION_DELETE_USER] =
		SQL("DELETE FROM sessions WHERE user_id = ?1"),
	[STMT_STAT_MARKS] =
		SQL("SELECT (SELECT coalesce(max(id), 0) FROM cases), "
			"(SELECT coalesce(max(id), 0) FROM participations), "
			"(SELECT coalesce(max(id), 0) FROM events), (SELECT coalesce(max(id), 0) FROM assets)"),
	[STMT_STAT_FACT_CASES] =
		SQL("INSERT INTO stat_facts(" STAT_FACT_COLS ", assignee) "
			"SELECT 'case', c.id * 8 + 3, 'register', c.id, " STAT_YEAR ", c.place_department, "
			"o.distrito_fiscal, o.code, NULL, NULL, NULL, NULL, NULL, NULL, NULL, c.stage, "
			"NULL, NULL, 1, 0, (SELECT u.name FROM users u WHERE u.id = c.assigned_to) "
			"FROM cases c JOIN offices o ON o.id = c.office_id "
			"WHERE c.id > ?1 AND c.id <= ?2 ORDER BY c.id"),
	[STMT_STAT_FACT_VICTIMS] =
		SQL("INSERT INTO stat_facts(" STAT_FACT_COLS ") "
			"SELECT 'victim', pid * 8 + 1, 'register', cid, yr, dep, df, oc, sex, " STAT_BAND("a") ", "
			STAT_GROUP("a") ", nat, orr, ec, er, stage, NULL, NULL, 1, 0 "
			"FROM (" STAT_PART_SELECT "'victim') ORDER BY pid"),
	[STMT_STAT_FACT_SUSPECTS] =
		SQL("INSERT INTO stat_facts(" STAT_FACT_COLS ") "
			"SELECT 'suspect', pid * 8 + 2, 'register', cid, yr, dep, df, oc, sex, " STAT_BAND("a") ", "
			STAT_GROUP("a") ", nat, orr, NULL, NULL, stage, outcome, NULL, 1, "
			"CASE WHEN instr(?3, ',' || outcome || ',') > 0 THEN 1 ELSE 0 END "
			"FROM (" STAT_PART_SELECT "'suspect') ORDER BY pid"),
	[STMT_STAT_FACT_ASSETS] =
		SQL("INSERT INTO stat_facts(" STAT_FACT_COLS ") "
			"SELECT 'asset', a.id * 8 + 4, 'register', c.id, " STAT_YEAR ", c.place_department, "
			"o.distrito_fiscal, o.code, NULL, NULL, NULL, NULL, NULL, NULL, NULL, c.stage, "
			"NULL, nullif(a.currency, ''), a.value_cents, 0 "
			"FROM assets a JOIN cases c ON c.id = a.case_id JOIN offices o ON o.id = c.office_id "
			"WHERE a.id > ?1 AND a.id <= ?2 AND a.removed_in IS NULL ORDER BY a.id"),
	/* a participation's codes go to fact id * 8 + 1, a case's to id * 8 + 3,
	 * an asset's to id * 8 + 4 (0003_stats.sql) */
	[STMT_STAT_CODES_VICTIMS] =
		SQL("INSERT INTO stat_codes(fact_id, dim, code) "
			"SELECT pc.participation_id * 8 + 1, "
			"CASE pc.dim WHEN 'control' THEN 'means_of_control' ELSE pc.dim END, pc.code "
			"FROM participation_codes pc JOIN participations p ON p.id = pc.participation_id "
			"WHERE pc.participation_id > ?1 AND pc.participation_id <= ?2 "
			"AND p.role = 'victim' AND pc.dim IN ('exploitation', 'control', 'recruitment', 'means', 'vulnerability') "
			"ON CONFLICT DO NOTHING"),
	[STMT_STAT_CODES_RELATION] =
		SQL("INSERT INTO stat_codes(fact_id, dim, code) "
			"SELECT p.id * 8 + 1, 'relationship', p.relationship FROM participations p "
			"WHERE p.id > ?1 AND p.id <= ?2 AND p.removed_in IS NULL AND p.role = 'victim' "
			"AND coalesce(p.relationship, '') <> '' ON CONFLICT DO NOTHING"),
	[STMT_STAT_CODES_CASES] =
		SQL("INSERT INTO stat_codes(fact_id, dim, code) "
			"SELECT DISTINCT p.case_id * 8 + 3, 'exploitation', pc.code FROM participations p "
			"JOIN participation_codes pc ON pc.participation_id = p.id AND pc.dim = 'exploitation' "
			"WHERE p.id > ?1 AND p.id <= ?2 AND p.removed_in IS NULL AND p.role = 'victim' ON CONFLICT DO NOTHING"),
	[STMT_STAT_CODES_AGGRAVATING] =
		SQL("INSERT INTO stat_codes(fact_id, dim, code) "
			"SELECT cc.case_id * 8 + 3, 'aggravating', cc.code FROM case_codes cc "
			"WHERE cc.case_id > ?1 AND cc.case_id <= ?2 AND cc.dim = 'aggravating' "
			"ON CONFLICT DO NOTHING"),
	[STMT_STAT_CODES_ASSETS] =
		SQL("INSERT INTO stat_codes(fact_id, dim, code) SELECT * FROM ("
			"SELECT am.asset_id * 8 + 4, 'asset_measure', am.measure FROM asset_measures am "
			"WHERE am.asset_id > ?1 AND am.asset_id <= ?2 "
			"UNION ALL SELECT a.id * 8 + 4, 'asset_kind', a.kind FROM assets a "
			"WHERE a.id > ?1 AND a.id <= ?2 AND a.removed_in IS NULL) WHERE true ON CONFLICT DO NOTHING"),
	[STMT_STAT_CODES_SENTENCE] =
		SQL("INSERT INTO stat_codes(fact_id, dim, code) "
			"SELECT p.id * 8 + 2, 'sentence_years', CASE WHEN p.sentence_months < 60 THEN '00-04' "
			"WHEN p.sentence_months < 120 THEN '05-09' WHEN p.sentence_months < 180 THEN '10-14' "
			"WHEN p.sentence_months < 240 THEN '15-19' WHEN p.sentence_months < 300 THEN '20-24' "
			"WHEN p.sentence_months < 360 THEN '25-29' ELSE '30+' END FROM participations p "
			"WHERE p.id > ?1 AND p.id <= ?2 AND p.removed_in IS NULL AND p.role = 'suspect' AND p.sentence_months > 0 "
			"ON CONFLICT DO NOTHING"),
	[STMT_STAT_FACT_JUDGED] =
		SQL("INSERT INTO stat_facts(" STAT_FACT_COLS ") SELECT * FROM ("
			STAT_JUDGED_FACTS("p.id > ?1 AND p.id <= ?2") ") WHERE true"),
	[STMT_STAT_CODES_JUDGED] =
		SQL("INSERT INTO stat_codes(fact_id, dim, code) SELECT * FROM ("
			STAT_JUDGED_CODES("p.id > ?1 AND p.id <= ?2") ") WHERE true ON CONFLICT DO NOTHING"),
	[STMT_STAT_STAGE_UPDATE] =
		SQL("UPDATE stat_facts SET stage = (SELECT c.stage FROM cases c WHERE c.id = stat_facts.case_id) "
			"WHERE case_id IN (SELECT case_id FROM events WHERE id > ?1 AND id <= ?2)"),
	[STMT_STAT_ROWS_1] = SQL(STAT_ROWS(1, STAT_M0, "")),
	[STMT_STAT_ROWS_1M1] = SQL(STAT_ROWS(1, STAT_M1, STAT_JOIN1)),
	[STMT_STAT_ROWS_2] = SQL(STAT_ROWS(2, STAT_M0, "")),
	[STMT_STAT_ROWS_2M1] = SQL(STAT_ROWS(2, STAT_M1, STAT_JOIN1)),
	[STMT_STAT_ROWS_2M2] = SQL(STAT_ROWS(2, STAT_M2, STAT_JOIN2)),
	[STMT_STAT_ROWS_4] = SQL(STAT_ROWS(4, STAT_M0, "")),
	[STMT_STAT_ROWS_4M1] = SQL(STAT_ROWS(4, STAT_M1, STAT_JOIN1)),
	[STMT_STAT_ROWS_4M2] = SQL(STAT_ROWS(4, STAT_M2, STAT_JOIN2)),
#define CUBE_ADD_SQL(e, name, kind, keys, join) \
	[STMT_STAT_CUBE_##e] = SQL(STAT_CUBE_ADD_KIND("'" kind "'", "'" name "'", keys, join)),
	STORE_CUBES(CUBE_ADD_SQL)
#undef CUBE_ADD_SQL
	[STMT_STAT_CUBE_CLEAR] = SQL("DELETE FROM stat_cube"),
	[STMT_STAT_CUBES_MISSING] =
		SQL("SELECT CASE WHEN EXISTS (SELECT 1 FROM stat_facts WHERE kind IN ('victim', 'case')) "
			"AND NOT EXISTS (SELECT 1 FROM stat_cube) THEN 1 ELSE 0 END"),
	[STMT_STAT_CUBE_STAGE_OFFICE] = SQL(STAT_CUBE_STAGE("'victim'", "'office'")),
	[STMT_STAT_CUBE_STAGE_CASE] = SQL(STAT_CUBE_STAGE("'case'", "'case'")),
	[STMT_STAT_CUBE_PRUNE] = SQL("DELETE FROM stat_cube WHERE cube IN ('office', 'case') AND n = 0"),
	/* ?1..?4 the keys (enum store_stat_cube_col), ?5 the cube, ?6/?7 the
	 * years, ?8..?13 three (column, value) filters */
	[STMT_STAT_CUBE_ROWS] =
		SQL("SELECT " STAT_CUBE_COL("?1") ", " STAT_CUBE_COL("?2") ", " STAT_CUBE_COL("?3") ", "
			STAT_CUBE_COL("?4") ", n FROM stat_cube WHERE cube = ?5 "
			"AND (?6 IS NULL OR year >= ?6) AND (?7 IS NULL OR (year <= ?7 AND year > 0)) "
			"AND (?8 = 0 OR " STAT_CUBE_COL("?8") " = ?9) "
			"AND (?10 = 0 OR " STAT_CUBE_COL("?10") " = ?11) "
			"AND (?12 = 0 OR " STAT_CUBE_COL("?12") " = ?13)"),
	[STMT_STAT_STAGE_DATES] =
		SQL("SELECT e.case_id, e.stage, c.complaint_date, min(e.date) FROM events e "
			"JOIN cases c ON c.id = e.case_id WHERE e.date IS NOT NULL AND e.removed_in IS NULL "
			"AND (?1 IS NULL OR c.complaint_date >= ?1) AND (?2 IS NULL OR c.complaint_date < ?2) "
			"GROUP BY e.case_id, e.stage " "UNION ALL SELECT p.case_id, 'path:' || s.step, c.complaint_date, min(s.date) "
			"FROM suspect_steps s JOIN participations p ON p.id = s.participation_id "
			"JOIN cases c ON c.id = p.case_id WHERE s.date IS NOT NULL AND p.removed_in IS NULL "
			"AND (?1 IS NULL OR c.complaint_date >= ?1) AND (?2 IS NULL OR c.complaint_date < ?2) "
			"GROUP BY p.case_id, s.step "
			"UNION ALL SELECT p.case_id, 'path:convicted', c.complaint_date, min(p.convicted_on) "
			"FROM participations p JOIN cases c ON c.id = p.case_id "
			"WHERE coalesce(p.convicted_on, '') <> '' AND p.removed_in IS NULL AND p.role = 'suspect' "
			"AND (?1 IS NULL OR c.complaint_date >= ?1) AND (?2 IS NULL OR c.complaint_date < ?2) "
			"GROUP BY p.case_id ORDER BY 1"),
	[STMT_STAT_SOURCE_INSERT] =
		NEWID("INSERT INTO stat_sources(tag, format, file, records, rejected, imported_by, "
			"imported_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"),
	[STMT_STAT_FACT_INSERT] =
		SQL("INSERT INTO stat_facts(kind, id, source, year, sex, age_band, age_group, "
			"nationality, exploitation_country) VALUES (?1, ?9, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"),
	[STMT_STAT_CODE_INSERT] =
		SQL("INSERT INTO stat_codes(fact_id, dim, code) VALUES (?1, ?2, ?3) ON CONFLICT DO NOTHING"),
	[STMT_STAT_VICTIM_ROWS] =
		SQL("SELECT f.id, f.year, f.sex, f.age_band, f.age_group, f.nationality, "
			"f.exploitation_country, (SELECT group_concat(x.dim || ':' || x.code, ',') "
			"FROM stat_codes x WHERE x.fact_id = f.id) "
			"FROM stat_facts f WHERE f.kind = 'victim' AND f.source = ?1 ORDER BY f.id"),
	[STMT_STAT_STAGE_DATES_WHERE] =
		SQL("SELECT e.case_id, e.stage, c.complaint_date, min(e.date) FROM events e "
			"JOIN cases c ON c.id = e.case_id WHERE e.date IS NOT NULL AND e.removed_in IS NULL "
			"AND (?1 IS NULL OR c.complaint_date >= ?1) AND (?2 IS NULL OR c.complaint_date < ?2) "
			"AND (?3 IS NULL OR c.office_id = (SELECT id FROM offices WHERE code = ?3)) "
			"AND (?4 IS NULL OR c.place_department = ?4) "
			"GROUP BY e.case_id, e.stage " "UNION ALL SELECT p.case_id, 'path:' || s.step, c.complaint_date, min(s.date) "
			"FROM suspect_steps s JOIN participations p ON p.id = s.participation_id "
			"JOIN cases c ON c.id = p.case_id WHERE s.date IS NOT NULL AND p.removed_in IS NULL "
			"AND (?1 IS NULL OR c.complaint_date >= ?1) AND (?2 IS NULL OR c.complaint_date < ?2) "
			"AND (?3 IS NULL OR c.office_id = (SELECT id FROM offices WHERE code = ?3)) "
			"AND (?4 IS NULL OR c.place_department = ?4) "
			"GROUP BY p.case_id, s.step "
			"UNION ALL SELECT p.case_id, 'path:convicted', c.complaint_date, min(p.convicted_on) "
			"FROM participations p JOIN cases c ON c.id = p.case_id "
			"WHERE coalesce(p.convicted_on, '') <> '' AND p.removed_in IS NULL AND p.role = 'suspect' "
			"AND (?1 IS NULL OR c.complaint_date >= ?1) AND (?2 IS NULL OR c.complaint_date < ?2) "
			"AND (?3 IS NULL OR c.office_id = (SELECT id FROM offices WHERE code = ?3)) "
			"AND (?4 IS NULL OR c.place_department = ?4) "
			"GROUP BY p.case_id ORDER BY 1"),
	[STMT_CASE_UPDATE] =
		SQL("UPDATE cases SET number = ?2, complaint_date = ?3, complaint_source = ?4, "
			"place_country = ?5, place_ubigeo = ?6, place_department = ?7, stage = ?8 WHERE "
			"id = ?1 RETURNING id"),
	[STMT_CASE_BUMP] =
		SQL("UPDATE cases SET version = ?3 WHERE id = ?1 AND version = ?2 RETURNING id"),
	[STMT_CASE_CODES_DELETE] =
		SQL("DELETE FROM case_codes WHERE case_id = ?1"),
	[STMT_CASE_SHARES_DELETE] =
		SQL("DELETE FROM case_shares WHERE case_id = ?1"),
	[STMT_PERSON_UPDATE] =
		SQL("UPDATE persons SET sex = ?2, birth_year = ?3, nationality = ?4, origin_ubigeo "
			"= ?5, doc_type = ?6 WHERE id = ?1"),
	[STMT_PART_UPDATE] =
		SQL("UPDATE participations SET person_id = ?2, role = ?3, age_at_recruitment = ?4, "
			"trafficking_status = ?5, relationship = ?6, recruitment_country = ?7, "
			"recruitment_ubigeo = ?8, exploitation_country = ?9, exploitation_ubigeo = ?10, "
			"recruitment_date = ?11, exploitation_start = ?12, exploitation_end = ?13, "
			"rescue_date = ?14, outcome = ?15, sentence_months = ?16, reparation_cents = "
			"?17, reparation_currency = ?18 WHERE id = ?1"),
	[STMT_PART_CODES_DELETE] =
		SQL("DELETE FROM participation_codes WHERE participation_id = ?1"),
	[STMT_PART_MEASURES_DELETE] =
		SQL("DELETE FROM coercive_measures WHERE participation_id = ?1"),
	[STMT_PART_STEP_INSERT] =
		SQL("INSERT INTO suspect_steps(participation_id, pos, step, date, offence, prison_months, "
			"suspended, days_fine, disqualification_months, disqualification, reparation_cents, "
			"reparation_currency) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"),
	[STMT_PART_STEPS] =
		SQL("SELECT step, date, offence, prison_months, suspended, days_fine, "
			"disqualification_months, disqualification, reparation_cents, reparation_currency "
			"FROM suspect_steps WHERE participation_id = ?1 ORDER BY pos"),
	[STMT_PART_STEPS_DELETE] =
		SQL("DELETE FROM suspect_steps WHERE participation_id = ?1"),
	[STMT_PART_PAYMENT_INSERT] =
		SQL("INSERT INTO reparation_payments(participation_id, pos, date, amount_cents) "
			"VALUES (?1, ?2, ?3, ?4)"),
	[STMT_PART_PAYMENTS] =
		SQL("SELECT date, amount_cents FROM reparation_payments WHERE participation_id = ?1 "
			"ORDER BY pos"),
	[STMT_PART_PAYMENTS_DELETE] =
		SQL("DELETE FROM reparation_payments WHERE participation_id = ?1"),
	[STMT_PART_DERIVED] =
		SQL("UPDATE participations SET convicted_on = ?2, prosecuted_on = ?3, offence = ?4 "
			"WHERE id = ?1"),
	[STMT_EVENT_UPDATE] =
		SQL("UPDATE events SET stage = ?2, date = ?3 WHERE id = ?1"),
	[STMT_ASSET_UPDATE] =
		SQL("UPDATE assets SET kind = ?2, value_cents = ?3, currency = ?4 WHERE id = ?1"),
	[STMT_ASSET_MEASURES_DELETE] =
		SQL("DELETE FROM asset_measures WHERE asset_id = ?1"),
	[STMT_IDENT_UPDATE] =
		SQL("UPDATE identifiers SET person_id = ?2, kind = ?3 WHERE id = ?1"),
	[STMT_REQUEST_UPDATE] =
		SQL("UPDATE requests SET direction = ?2, country = ?3, authority = ?4, type = ?5, "
			"status = ?6, sent = ?7, received = ?8, due = ?9, reference = ?10, legal_basis = "
			"?11, channel = ?12, assistance = ?13, answered = ?14, persons = ?15, assets = ?16 "
			"WHERE id = ?1"),
	[STMT_PART_REMOVE] =
		SQL("UPDATE participations SET removed_in = ?2 WHERE id = ?1 AND removed_in IS NULL"),
	[STMT_EVENT_REMOVE] =
		SQL("UPDATE events SET removed_in = ?2 WHERE id = ?1 AND removed_in IS NULL"),
	[STMT_ASSET_REMOVE] =
		SQL("UPDATE assets SET removed_in = ?2 WHERE id = ?1 AND removed_in IS NULL"),
	[STMT_IDENT_REMOVE] =
		SQL("UPDATE identifiers SET removed_in = ?2 WHERE id = ?1 AND removed_in IS NULL"),
	[STMT_REQUEST_REMOVE] =
		SQL("UPDATE requests SET removed_in = ?2 WHERE id = ?1 AND removed_in IS NULL"),
	[STMT_SEALED_DELETE] =
		SQL("DELETE FROM sealed WHERE tbl = ?1 AND row_id = ?2 AND col = ?3"),
	[STMT_BLIND_DELETE] =
		SQL("DELETE FROM blind WHERE kind = ?1 AND hash = ?2 AND tbl = ?3 AND row_id = ?4"),
	[STMT_REV_INSERT] =
		NEWID("INSERT INTO revisions(case_id, version, ts, actor, changes) VALUES (?1, ?2, "
			"?3, ?4, ?5)"),
	[STMT_REV_LIST] =
		SQL("SELECT id, version, ts, actor, changes FROM revisions WHERE case_id = ?1 ORDER "
			"BY version"),
	[STMT_STAT_CASE_CUBES] =
		SQL(STAT_CASE_CUBES),
	[STMT_STAT_CASE_CODES_CLEAR] =
		SQL("DELETE FROM stat_codes WHERE fact_id IN (SELECT id FROM stat_facts WHERE "
			"case_id = ?1 AND source = 'register')"),
	[STMT_STAT_CASE_FACTS_CLEAR] =
		SQL("DELETE FROM stat_facts WHERE case_id = ?1 AND source = 'register'"),
	[STMT_STAT_CASE_FACTS] =
		SQL(STAT_CASE_FACTS),
	[STMT_STAT_CASE_CODES] =
		SQL(STAT_CASE_CODES),
	[STMT_STAT_CUBE_PRUNE_ALL] =
		SQL("DELETE FROM stat_cube WHERE n = 0"),

	[STMT_CASE_ASSIGN] =
		SQL("UPDATE cases SET assigned_to = ?2 WHERE id = ?1 RETURNING id"),
	[STMT_CASE_MOVE] =
		SQL("UPDATE cases SET office_id = ?2, assigned_to = NULL WHERE id = ?1 RETURNING id"),
	[STMT_CASE_SHARE_DELETE] =
		SQL("DELETE FROM case_shares WHERE case_id = ?1 AND office_id = ?2"),
	[STMT_TRANSFER_INSERT] =
		NEWID("INSERT INTO case_transfers(case_id, from_office, to_office, transferred_by, "
			"transferred_at) VALUES (?1, ?2, ?3, ?4, ?5)"),
	[STMT_CASE_TRANSFERS] =
		SQL("SELECT t.id, t.from_office, t.to_office, f.code, o.code, t.transferred_by, "
			"u.name, t.transferred_at FROM case_transfers t "
			"JOIN offices f ON f.id = t.from_office JOIN offices o ON o.id = t.to_office "
			"LEFT JOIN users u ON u.id = t.transferred_by WHERE t.case_id = ?1 ORDER BY t.id"),
	[STMT_STAT_CASE_ASSIGNEE] =
		SQL("UPDATE stat_facts SET assignee = ?2 WHERE case_id = ?1 AND kind = 'case'"),
	[STMT_STAT_FACTS_MOVE] =
		SQL("UPDATE stat_facts SET office = ?2, distrito_fiscal = ?3, "
			"assignee = NULL WHERE case_id = ?1"),
	/* attachments (0006_attachments.sql, store_attach.c) */
	[STMT_ATTACH_NEXT_SEQ] =
		SQL("SELECT coalesce(max(seq), 0) + 1 FROM attachments WHERE case_id = ?1"),
	[STMT_ATTACH_INSERT] =
		NEWID("INSERT INTO attachments(case_id, seq, type, size, chunks, header, created_by, "
			"created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"),
	[STMT_ATTACH_CHUNK_PUT] =
		SQL("INSERT INTO attachment_chunks(attachment_id, pos, data) VALUES (?1, ?2, ?3)"),
	[STMT_ATTACH_LIST] =
		SQL("SELECT a.id, a.case_id, a.seq, a.type, a.size, a.chunks, a.header, a.created_by, "
			"coalesce(u.name, ''), a.created_at FROM attachments a "
			"LEFT JOIN users u ON u.id = a.created_by WHERE a.case_id = ?1 ORDER BY a.seq"),
	[STMT_ATTACH_GET] =
		SQL("SELECT a.id, a.case_id, a.seq, a.type, a.size, a.chunks, a.header, a.created_by, "
			"coalesce(u.name, ''), a.created_at FROM attachments a "
			"LEFT JOIN users u ON u.id = a.created_by WHERE a.case_id = ?1 AND a.seq = ?2"),
	[STMT_ATTACH_CHUNK_GET] =
		SQL("SELECT data FROM attachment_chunks WHERE attachment_id = ?1 AND pos = ?2"),
	/* the State's response (0011_response.sql, store_response.c) */
	[STMT_PROT_DELETE] =
		SQL("DELETE FROM protections WHERE participation_id = ?1"),
	[STMT_PROT_INSERT] =
		SQL("INSERT INTO protections(participation_id, pos, measure, provider, date, end_date, "
			"consent, result) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"),
	[STMT_PROT_READ] =
		SQL("SELECT measure, provider, date, end_date, consent, result FROM protections "
			"WHERE participation_id = ?1 ORDER BY pos"),
	[STMT_ASSET_LIFE_SET] =
		SQL("UPDATE assets SET owner_participation = ?2, owner_relation = ?3, "
			"forfeiture_file = ?4 WHERE id = ?1"),
	[STMT_ASSET_LIFE_GET] =
		SQL("SELECT owner_participation, owner_relation, forfeiture_file FROM assets "
			"WHERE id = ?1"),
	[STMT_ASSET_STEP_SET] =
		SQL("UPDATE asset_measures SET value_cents = ?3, reference = ?4 "
			"WHERE asset_id = ?1 AND pos = ?2"),
	[STMT_ASSET_STEPS_GET] =
		SQL("SELECT pos, value_cents, reference FROM asset_measures WHERE asset_id = ?1 "
			"AND (value_cents IS NOT NULL OR reference IS NOT NULL) ORDER BY pos"),
	[STMT_IDENT_SET_ASSET] =
		SQL("UPDATE identifiers SET asset_id = ?2 WHERE id = ?1"),
	[STMT_CASE_IDENT_ASSETS] =
		SQL("SELECT id, asset_id FROM identifiers WHERE case_id = ?1 "
			"AND asset_id IS NOT NULL AND removed_in IS NULL ORDER BY id"),
	[STMT_CASE_INTAKE_SET] =
		SQL("UPDATE cases SET police_kind = ?2, police_number = ?3, police_unit = ?4, "
			"police_reta = ?5, police_sidpol = ?6, police_received = ?7 WHERE id = ?1"),
	[STMT_CASE_INTAKE_GET] =
		SQL("SELECT police_kind, police_number, police_unit, police_reta, police_sidpol, "
			"police_received FROM cases WHERE id = ?1"),
	/* the State's response statistics (store_response_sql.h) */
	[STMT_CASE_POLICE_REF] =
		SQL("SELECT count(*) FROM cases c WHERE ((?1 IS NOT NULL AND c.police_number = ?1) "
			"OR (?2 IS NOT NULL AND c.police_reta = ?2) "
			"OR (?3 IS NOT NULL AND c.police_sidpol = ?3)) "
			"AND (?4 IS NULL OR c.office_id = ?4 OR EXISTS (SELECT 1 FROM case_shares s "
			"WHERE s.case_id = c.id AND s.office_id = ?4))"),
	[STMT_RSTAT_PROTECTIONS] = SQL(RP_PROTECTIONS),
	[STMT_RSTAT_ASSET_STAGE] = SQL(RP_ASSET_STAGE),
	[STMT_RSTAT_ASSET_FIRST] = SQL(RP_ASSET_FIRST("instr(?14, ',' || x.measure || ',') > 0")),
	[STMT_RSTAT_ASSET_REALISED] = SQL(RP_ASSET_REALISED("instr(?14, ',' || m.measure || ',') > 0")),
	STORE_MERGE_SQL
};
