/*
 * store_pg_sql.c — the SQL text of every statement for PostgreSQL, one row
 * per enum store_stmt (store_int.h), the same meaning as store_sqlite_sql.c.
 * Values are always bound ($1, $2...) and each one is cast where it is
 * first used, so the server knows its type when the statement is prepared;
 * new ids come back through RETURNING. Text columns are COLLATE "C" (see
 * the DDL substitutions in store_pg.c), so ORDER BY on text sorts byte-wise
 * as SQLite does and the two backends list in the same order.
 */
#include "store/store_int.h"

#define RP_INT(n) "$" #n "::bigint"
#define RP_TEXT(n) "$" #n "::text"
#include "store/store_response_sql.h"
#include "store/store_merge_sql.h"

#define SQL(text) { text, 0 }
#define WALK(text) { text, STORE_SQL_STREAM }

/* the filter of the case list, shared by its orderings and its count
 * (the office's cases and those shared with it as one uncorrelated set,
 * made once, not an EXISTS per case):
 * $10 the assignee (NULL = any, -1 = nobody), $11 the owning office (NULL = any),
 * $12/$13 the running term's due dates [from, to) (NULL = any case) */
#define CASE_LIST_WHERE \
	"WHERE ($1::bigint IS NULL OR c.id IN (SELECT o1.id FROM cases o1 " \
	"  WHERE o1.office_id = $1::bigint UNION ALL SELECT s.case_id FROM case_shares s " \
	"  WHERE s.office_id = $1::bigint)) " \
	"AND ($2::text IS NULL OR c.stage = $2::text) " \
	"AND ($3::text IS NULL OR c.place_department = $3::text) " \
	"AND c.complaint_date >= $4::text AND c.complaint_date < $5::text " \
	"AND ($6::text IS NULL OR EXISTS (SELECT 1 FROM participations p " \
	"  JOIN participation_codes pc ON pc.participation_id = p.id " \
	"  WHERE p.case_id = c.id AND p.role = 'victim' AND p.removed_in IS NULL " \
	"  AND pc.dim = 'exploitation' " \
	"  AND pc.code = $6::text)) " \
	"AND ($7::text IS NULL OR strpos(lower(c.number), lower($7::text)) > 0) " \
	"AND ($10::bigint IS NULL OR c.assigned_to = $10::bigint " \
	"  OR ($10::bigint = -1 AND c.assigned_to IS NULL)) " \
	"AND ($11::bigint IS NULL OR c.office_id = $11::bigint) " \
	"AND ($12::text IS NULL OR (c.term_due >= $12::text AND c.term_due < $13::text)) "
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

#define USER_COLS "id, name, role, office_id, locked, pwhash, lang, failed_logins, created"
#define OFFICE_COLS "id, code, name, kind, distrito_fiscal, department"
#define AUDIT_COLS "seq, ts, actor, action, object, detail, key_id, prev, hash"

/* A dangling reference: child table, its row, the parent table. */
#define DANGLING(child, rowcol, col, parent) \
	"SELECT '" child "', x." rowcol ", '" parent "' FROM " child " x WHERE x." col \
	" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM " parent " y WHERE y.id = x." col ")"

/* The multi-row statements of a bulk load and a search (STORE_BLIND_ROWS,
 * STORE_SEALED_ROWS rows of four values; STORE_ROLES_BATCH ids). */
#define BLIND_ROWS \
	"($1::text, $2::bytea, $3::text, $4::bigint),($5::text, $6::bytea, $7::text, $8::bigint)," \
	"($9::text, $10::bytea, $11::text, $12::bigint),($13::text, $14::bytea, $15::text, $16::bigint)," \
	"($17::text, $18::bytea, $19::text, $20::bigint),($21::text, $22::bytea, $23::text, $24::bigint)," \
	"($25::text, $26::bytea, $27::text, $28::bigint),($29::text, $30::bytea, $31::text, $32::bigint)," \
	"($33::text, $34::bytea, $35::text, $36::bigint),($37::text, $38::bytea, $39::text, $40::bigint)," \
	"($41::text, $42::bytea, $43::text, $44::bigint),($45::text, $46::bytea, $47::text, $48::bigint)," \
	"($49::text, $50::bytea, $51::text, $52::bigint),($53::text, $54::bytea, $55::text, $56::bigint)," \
	"($57::text, $58::bytea, $59::text, $60::bigint),($61::text, $62::bytea, $63::text, $64::bigint)," \
	"($65::text, $66::bytea, $67::text, $68::bigint),($69::text, $70::bytea, $71::text, $72::bigint)," \
	"($73::text, $74::bytea, $75::text, $76::bigint),($77::text, $78::bytea, $79::text, $80::bigint)," \
	"($81::text, $82::bytea, $83::text, $84::bigint),($85::text, $86::bytea, $87::text, $88::bigint)," \
	"($89::text, $90::bytea, $91::text, $92::bigint),($93::text, $94::bytea, $95::text, $96::bigint)," \
	"($97::text, $98::bytea, $99::text, $100::bigint),($101::text, $102::bytea, $103::text, $104::bigint)," \
	"($105::text, $106::bytea, $107::text, $108::bigint),($109::text, $110::bytea, $111::text, $112::bigint)," \
	"($113::text, $114::bytea, $115::text, $116::bigint),($117::text, $118::bytea, $119::text, $120::bigint)," \
	"($121::text, $122::bytea, $123::text, $124::bigint),($125::text, $126::bytea, $127::text, $128::bigint)," \
	"($129::text, $130::bytea, $131::text, $132::bigint),($133::text, $134::bytea, $135::text, $136::bigint)," \
	"($137::text, $138::bytea, $139::text, $140::bigint),($141::text, $142::bytea, $143::text, $144::bigint)," \
	"($145::text, $146::bytea, $147::text, $148::bigint),($149::text, $150::bytea, $151::text, $152::bigint)," \
	"($153::text, $154::bytea, $155::text, $156::bigint),($157::text, $158::bytea, $159::text, $160::bigint)," \
	"($161::text, $162::bytea, $163::text, $164::bigint),($165::text, $166::bytea, $167::text, $168::bigint)," \
	"($169::text, $170::bytea, $171::text, $172::bigint),($173::text, $174::bytea, $175::text, $176::bigint)," \
	"($177::text, $178::bytea, $179::text, $180::bigint),($181::text, $182::bytea, $183::text, $184::bigint)," \
	"($185::text, $186::bytea, $187::text, $188::bigint),($189::text, $190::bytea, $191::text, $192::bigint)," \
	"($193::text, $194::bytea, $195::text, $196::bigint),($197::text, $198::bytea, $199::text, $200::bigint)," \
	"($201::text, $202::bytea, $203::text, $204::bigint),($205::text, $206::bytea, $207::text, $208::bigint)," \
	"($209::text, $210::bytea, $211::text, $212::bigint),($213::text, $214::bytea, $215::text, $216::bigint)," \
	"($217::text, $218::bytea, $219::text, $220::bigint),($221::text, $222::bytea, $223::text, $224::bigint)," \
	"($225::text, $226::bytea, $227::text, $228::bigint),($229::text, $230::bytea, $231::text, $232::bigint)," \
	"($233::text, $234::bytea, $235::text, $236::bigint),($237::text, $238::bytea, $239::text, $240::bigint)," \
	"($241::text, $242::bytea, $243::text, $244::bigint),($245::text, $246::bytea, $247::text, $248::bigint)," \
	"($249::text, $250::bytea, $251::text, $252::bigint),($253::text, $254::bytea, $255::text, $256::bigint)"
#define SEALED_ROWS \
	"($1::text, $2::bigint, $3::text, $4::bytea),($5::text, $6::bigint, $7::text, $8::bytea)," \
	"($9::text, $10::bigint, $11::text, $12::bytea),($13::text, $14::bigint, $15::text, $16::bytea)," \
	"($17::text, $18::bigint, $19::text, $20::bytea),($21::text, $22::bigint, $23::text, $24::bytea)," \
	"($25::text, $26::bigint, $27::text, $28::bytea),($29::text, $30::bigint, $31::text, $32::bytea)," \
	"($33::text, $34::bigint, $35::text, $36::bytea),($37::text, $38::bigint, $39::text, $40::bytea)," \
	"($41::text, $42::bigint, $43::text, $44::bytea),($45::text, $46::bigint, $47::text, $48::bytea)," \
	"($49::text, $50::bigint, $51::text, $52::bytea),($53::text, $54::bigint, $55::text, $56::bytea)," \
	"($57::text, $58::bigint, $59::text, $60::bytea),($61::text, $62::bigint, $63::text, $64::bytea)," \
	"($65::text, $66::bigint, $67::text, $68::bytea),($69::text, $70::bigint, $71::text, $72::bytea)," \
	"($73::text, $74::bigint, $75::text, $76::bytea),($77::text, $78::bigint, $79::text, $80::bytea)," \
	"($81::text, $82::bigint, $83::text, $84::bytea),($85::text, $86::bigint, $87::text, $88::bytea)," \
	"($89::text, $90::bigint, $91::text, $92::bytea),($93::text, $94::bigint, $95::text, $96::bytea)," \
	"($97::text, $98::bigint, $99::text, $100::bytea),($101::text, $102::bigint, $103::text, $104::bytea)," \
	"($105::text, $106::bigint, $107::text, $108::bytea),($109::text, $110::bigint, $111::text, $112::bytea)," \
	"($113::text, $114::bigint, $115::text, $116::bytea),($117::text, $118::bigint, $119::text, $120::bytea)," \
	"($121::text, $122::bigint, $123::text, $124::bytea),($125::text, $126::bigint, $127::text, $128::bytea)," \
	"($129::text, $130::bigint, $131::text, $132::bytea),($133::text, $134::bigint, $135::text, $136::bytea)," \
	"($137::text, $138::bigint, $139::text, $140::bytea),($141::text, $142::bigint, $143::text, $144::bytea)," \
	"($145::text, $146::bigint, $147::text, $148::bytea),($149::text, $150::bigint, $151::text, $152::bytea)," \
	"($153::text, $154::bigint, $155::text, $156::bytea),($157::text, $158::bigint, $159::text, $160::bytea)," \
	"($161::text, $162::bigint, $163::text, $164::bytea),($165::text, $166::bigint, $167::text, $168::bytea)," \
	"($169::text, $170::bigint, $171::text, $172::bytea),($173::text, $174::bigint, $175::text, $176::bytea)," \
	"($177::text, $178::bigint, $179::text, $180::bytea),($181::text, $182::bigint, $183::text, $184::bytea)," \
	"($185::text, $186::bigint, $187::text, $188::bytea),($189::text, $190::bigint, $191::text, $192::bytea)," \
	"($193::text, $194::bigint, $195::text, $196::bytea),($197::text, $198::bigint, $199::text, $200::bytea)," \
	"($201::text, $202::bigint, $203::text, $204::bytea),($205::text, $206::bigint, $207::text, $208::bytea)," \
	"($209::text, $210::bigint, $211::text, $212::bytea),($213::text, $214::bigint, $215::text, $216::bytea)," \
	"($217::text, $218::bigint, $219::text, $220::bytea),($221::text, $222::bigint, $223::text, $224::bytea)," \
	"($225::text, $226::bigint, $227::text, $228::bytea),($229::text, $230::bigint, $231::text, $232::bytea)," \
	"($233::text, $234::bigint, $235::text, $236::bytea),($237::text, $238::bigint, $239::text, $240::bytea)," \
	"($241::text, $242::bigint, $243::text, $244::bytea),($245::text, $246::bigint, $247::text, $248::bytea)," \
	"($249::text, $250::bigint, $251::text, $252::bytea),($253::text, $254::bigint, $255::text, $256::bytea)"
#define ROLES_IDS "$1::bigint, $2::bigint, $3::bigint, $4::bigint, $5::bigint, $6::bigint, $7::bigint, $8::bigint, $9::bigint, $10::bigint, $11::bigint, $12::bigint, $13::bigint, $14::bigint, $15::bigint, $16::bigint, $17::bigint, $18::bigint, $19::bigint, $20::bigint, $21::bigint, $22::bigint, $23::bigint, $24::bigint, $25::bigint, $26::bigint, $27::bigint, $28::bigint, $29::bigint, $30::bigint, $31::bigint, $32::bigint"
_Static_assert(STORE_BLIND_ROWS == 64 && STORE_SEALED_ROWS == 64 && STORE_ROLES_BATCH == 32,
	"the row and id lists of the bulk statements");

/* ---- statistics (store_stats.c; the same statements as store_sqlite_sql.c) ---- */

/* A CTDC age band and the UNODC child/adult split of an age in years. */
#define STAT_BAND(a) "CASE WHEN " a " IS NULL OR " a " < 0 THEN NULL " \
	"WHEN " a " <= 8 THEN '0--8' WHEN " a " <= 17 THEN '9--17' WHEN " a " <= 20 THEN '18--20' " \
	"WHEN " a " <= 23 THEN '21--23' WHEN " a " <= 26 THEN '24--26' WHEN " a " <= 29 THEN '27--29' " \
	"WHEN " a " <= 38 THEN '30--38' WHEN " a " <= 47 THEN '39--47' ELSE '48+' END"
#define STAT_GROUP(a) "CASE WHEN " a " IS NULL OR " a " < 0 THEN NULL " \
	"WHEN " a " < 18 THEN 'child' ELSE 'adult' END"
/* SQLite's CAST of a text that does not begin with digits is 0; PostgreSQL's
 * would fail the statement (complaint dates are ISO, checked on entry). */
#define STAT_YEAR "(CASE WHEN c.complaint_date ~ '^[0-9]{4}' " \
	"THEN substr(c.complaint_date, 1, 4)::integer ELSE 0 END)"
#define STAT_DEPT(u) "CASE WHEN length(" u ") >= 2 THEN substr(" u ", 1, 2) END"

#define STAT_PART_SELECT STAT_PART_SELECT_W("p.id > $1::bigint AND p.id <= $2::bigint")
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

/* The value of dimension number n (enum store_stat_col), as SQLite's
 * STAT_COL; a CASE has one type here, so the year comes as text (the keys
 * are strings to store_stats.c, and one column holds one dimension, so the
 * order of its values is the same). */
#define STAT_COL(n, m) "CASE WHEN " n " < 1 THEN NULL WHEN " n " > 15 THEN (CASE " n " " m "END) " \
	"WHEN " n " < 8 THEN (CASE WHEN " n " < 4 THEN (CASE WHEN " n " < 2 THEN f.year::text " \
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

/* The parameters of store_sqlite_sql.c's STAT_ROWS. A prepared statement
 * must use every parameter it is bound with (its type comes from its use):
 * the statements that fetch fewer keys or join fewer multi-valued
 * dimensions name the others in a condition that is always true. */
#define STAT_KEYS1(m) STAT_COL("$1::integer", m) ", NULL, NULL, NULL"
#define STAT_KEYS2(m) STAT_COL("$1::integer", m) ", " STAT_COL("$2::integer", m) ", NULL, NULL"
#define STAT_KEYS4(m) STAT_COL("$1::integer", m) ", " STAT_COL("$2::integer", m) ", " \
	STAT_COL("$3::integer", m) ", " STAT_COL("$4::integer", m)
#define STAT_UNUSED(p, type) "AND (" p "::" type " IS NULL OR " p "::" type " IS NOT NULL) "
#define STAT_ROWS(n, m, joins, unused) \
	"SELECT " STAT_KEYS##n(m) ", f.value FROM stat_facts f " joins \
	"WHERE f.kind = $7::text AND ($8::integer IS NULL OR f.year >= $8::integer) " \
	"AND ($9::integer IS NULL OR f.year <= $9::integer) " \
	"AND ($10::integer = 0 OR f.convicted = 1) " \
	"AND ($11::text IS NULL OR f.currency = $11::text) " \
	"AND ($12::integer = 0 OR " STAT_COL("$12::integer", STAT_M0) " = $13::text) " \
	"AND ($14::integer = 0 OR " STAT_COL("$14::integer", STAT_M0) " = $15::text) " \
	"AND ($16::integer = 0 OR " STAT_COL("$16::integer", STAT_M0) " = $17::text) " \
	"AND ($18::text IS NULL OR EXISTS (SELECT 1 FROM stat_codes x WHERE x.fact_id = f.id " \
	"  AND x.dim = $18::text AND x.code = $19::text)) " \
	"AND ($20::text IS NULL OR EXISTS (SELECT 1 FROM stat_codes x WHERE x.fact_id = f.id " \
	"  AND x.dim = $20::text AND x.code = $21::text)) " \
	"AND ($22::text IS NULL OR strpos($22::text, ',' || coalesce(f.stage, '') || ',') = 0) " \
	unused
#define STAT_JOIN1 "LEFT JOIN stat_codes m1 ON m1.fact_id = f.id AND m1.dim = $5::text "
#define STAT_JOIN2 STAT_JOIN1 "LEFT JOIN stat_codes m2 ON m2.fact_id = f.id AND m2.dim = $6::text "
/* the keys not fetched (STAT_KEYS1, STAT_KEYS2), the dims not joined */
#define STAT_UNUSED_K1 STAT_UNUSED("$2", "integer") STAT_UNUSED_K2
#define STAT_UNUSED_K2 STAT_UNUSED("$3", "integer") STAT_UNUSED("$4", "integer")
#define STAT_UNUSED_M0 STAT_UNUSED("$5", "text") STAT_UNUSED_M1
#define STAT_UNUSED_M1 STAT_UNUSED("$6", "text")

/* Add the facts of a kind with lo < id <= hi and id % 8 = residue (register
 * victims 1, suspects 2, cases 3, imported records 5, convictions 6,
 * prosecutions 7) to a cube (store_cube_sql.h). */
#define STAT_CUBE_ADD_KIND(kind, cube, keys, join) \
	"INSERT INTO stat_cube(cube, source, year, k1, k2, k3, k4, n) " \
	"SELECT " cube ", f.source, coalesce(f.year, 0), " keys ", count(*) " \
	"FROM stat_facts f " join "WHERE f.kind = " kind " AND f.id > $1::bigint " \
	"AND f.id <= $2::bigint AND f.id % 8 = $3::bigint GROUP BY 1, 2, 3, 4, 5, 6, 7 " \
	"ON CONFLICT (cube, source, year, k1, k2, k3, k4) " \
	"DO UPDATE SET n = stat_cube.n + excluded.n"
/* A cube column: 1 year (as text, see STAT_COL), 2 source, 3..6 k1..k4. */
#define STAT_CUBE_COL(n) "CASE " n " WHEN 1 THEN nullif(year, 0)::text WHEN 2 THEN source " \
	"WHEN 3 THEN nullif(k1, '') WHEN 4 THEN nullif(k2, '') WHEN 5 THEN nullif(k3, '') " \
	"WHEN 6 THEN nullif(k4, '') END"

/* The facts of a kind whose case got events in (lo, hi] and whose stage is
 * not the case's any more. */
#define STAT_STAGE_MOVED(kind) "FROM stat_facts f JOIN cases c ON c.id = f.case_id " \
	"WHERE f.kind = " kind " AND f.case_id IN (SELECT case_id FROM events " \
	"WHERE id > $1::bigint AND id <= $2::bigint) AND f.stage IS DISTINCT FROM c.stage"
/* Before STMT_STAT_STAGE_UPDATE: a fact whose stage changes leaves its
 * cube row (-1) for the one of its new stage (+1); rows left at 0 are
 * pruned after (STMT_STAT_CUBE_PRUNE). */
#define STAT_CUBE_STAGE(kind, cube) \
	"INSERT INTO stat_cube(cube, source, year, k1, k2, k3, k4, n) " \
	"SELECT " cube ", source, y, k1, k2, k3, k4, sum(d) FROM (" \
	"SELECT f.source, coalesce(f.year, 0) AS y, " STAT_CUBE_OFFICE_AS("f.stage") ", -1 AS d " \
	STAT_STAGE_MOVED(kind) " UNION ALL " \
	"SELECT f.source, coalesce(f.year, 0), " STAT_CUBE_OFFICE_AS("c.stage") ", 1 " \
	STAT_STAGE_MOVED(kind) ") m WHERE true GROUP BY 1, 2, 3, 4, 5, 6, 7 " \
	"ON CONFLICT (cube, source, year, k1, k2, k3, k4) DO UPDATE SET n = stat_cube.n + excluded.n"
#define STAT_CUBE_OFFICE_AS(st) "coalesce(f.office, '') AS k1, " \
	"coalesce(f.distrito_fiscal, '') AS k2, coalesce(" st ", '') AS k3, " \
	"coalesce(f.region, '') AS k4"

/* A suspect's conviction in force (kind 'conviction', participation id * 8
 * + 6) and first prosecution (kind 'prosecuted', * 8 + 7), each in the year
 * of its own date (convicted_on, prosecuted_on: core/outcome.h), the age in
 * that year; docs/statistics.md defines them. */
#define STAT_JUDGED_SELECT_CONV(where) \
	"SELECT p.id AS pid, c.id AS cid, (CASE WHEN p.convicted_on ~ '^[0-9]{4}' THEN substr(p.convicted_on, 1, 4)::integer END) AS yr, " \
	"c.place_department AS dep, o.distrito_fiscal AS df, o.code AS oc, nullif(s.sex, '') AS sex, " \
	"CASE WHEN s.birth_year > 0 THEN (CASE WHEN p.convicted_on ~ '^[0-9]{4}' THEN substr(p.convicted_on, 1, 4)::integer END) - s.birth_year END AS a, " \
	"nullif(s.nationality, '') AS nat, " STAT_DEPT("s.origin_ubigeo") " AS orr, c.stage AS stage, " \
	"nullif(p.outcome, '') AS outcome, CASE WHEN coalesce(p.convicted_on, '') <> '' THEN 1 ELSE 0 END AS cv " \
	"FROM participations p JOIN cases c ON c.id = p.case_id " \
	"JOIN persons s ON s.id = p.person_id JOIN offices o ON o.id = c.office_id " \
	"WHERE " where " AND p.removed_in IS NULL AND p.role = 'suspect' AND coalesce(p.convicted_on, '') <> ''"
#define STAT_JUDGED_SELECT_PROS(where) \
	"SELECT p.id AS pid, c.id AS cid, (CASE WHEN p.prosecuted_on ~ '^[0-9]{4}' THEN substr(p.prosecuted_on, 1, 4)::integer END) AS yr, " \
	"c.place_department AS dep, o.distrito_fiscal AS df, o.code AS oc, nullif(s.sex, '') AS sex, " \
	"CASE WHEN s.birth_year > 0 THEN (CASE WHEN p.prosecuted_on ~ '^[0-9]{4}' THEN substr(p.prosecuted_on, 1, 4)::integer END) - s.birth_year END AS a, " \
	"nullif(s.nationality, '') AS nat, " STAT_DEPT("s.origin_ubigeo") " AS orr, c.stage AS stage, " \
	"nullif(p.outcome, '') AS outcome, CASE WHEN coalesce(p.convicted_on, '') <> '' THEN 1 ELSE 0 END AS cv " \
	"FROM participations p JOIN cases c ON c.id = p.case_id " \
	"JOIN persons s ON s.id = p.person_id JOIN offices o ON o.id = c.office_id " \
	"WHERE " where " AND p.removed_in IS NULL AND p.role = 'suspect' AND coalesce(p.prosecuted_on, '') <> ''"
#define STAT_JUDGED_FACTS(where) \
	"SELECT 'conviction', pid * 8 + 6, 'register', cid, yr, dep, df, oc, sex, " STAT_BAND("a") ", " \
	STAT_GROUP("a") ", nat, orr, NULL, NULL, stage, outcome, NULL, 1, 1 " \
	"FROM (" STAT_JUDGED_SELECT_CONV(where) ") AS j1 UNION ALL " \
	"SELECT 'prosecuted', pid * 8 + 7, 'register', cid, yr, dep, df, oc, sex, " STAT_BAND("a") ", " \
	STAT_GROUP("a") ", nat, orr, NULL, NULL, stage, outcome, NULL, 1, cv " \
	"FROM (" STAT_JUDGED_SELECT_PROS(where) ") AS j2"
#define STAT_SENTENCE_BAND "CASE WHEN p.sentence_months < 60 THEN '00-04' " \
	"WHEN p.sentence_months < 120 THEN '05-09' WHEN p.sentence_months < 180 THEN '10-14' " \
	"WHEN p.sentence_months < 240 THEN '15-19' WHEN p.sentence_months < 300 THEN '20-24' " \
	"WHEN p.sentence_months < 360 THEN '25-29' ELSE '30+' END"
/* Their codes: the offence (both kinds), the band of years (convictions). */
#define STAT_JUDGED_CODES(where) \
	"SELECT p.id * 8 + 6 AS fid, 'offence'::text AS dim, p.offence AS code FROM participations p " \
	"WHERE " where " AND p.removed_in IS NULL AND p.role = 'suspect' " \
	"AND coalesce(p.convicted_on, '') <> '' AND p.offence IS NOT NULL UNION ALL " \
	"SELECT p.id * 8 + 7, 'offence', p.offence FROM participations p " \
	"WHERE " where " AND p.removed_in IS NULL AND p.role = 'suspect' " \
	"AND coalesce(p.prosecuted_on, '') <> '' AND p.offence IS NOT NULL UNION ALL " \
	"SELECT p.id * 8 + 6, 'sentence_years', " STAT_SENTENCE_BAND " FROM participations p " \
	"WHERE " where " AND p.removed_in IS NULL AND p.role = 'suspect' " \
	"AND coalesce(p.convicted_on, '') <> '' AND p.sentence_months > 0"

/* ---- amending a case (store_revision.c) ---- */

/* The facts of case $1::bigint in every cube, each count times the sign $2::bigint: the
 * keys of every cube (store_cube_sql.h), for the facts of one case. */
#define STAT_CASE_CUBE(cube, kind, keys, join) \
	"SELECT " cube ", f.source, coalesce(f.year, 0), " keys ", $2::bigint * count(*) " \
	"FROM stat_facts f " join "WHERE f.case_id = $1::bigint AND f.kind = " kind " " \
	"GROUP BY 1, 2, 3, 4, 5, 6, 7"
#define STAT_CASE_CUBES \
	"INSERT INTO stat_cube(cube, source, year, k1, k2, k3, k4, n) SELECT * FROM (" \
	STAT_CASE_CUBES_UNION \
	") AS u WHERE true ON CONFLICT (cube, source, year, k1, k2, k3, k4) " \
	"DO UPDATE SET n = stat_cube.n + excluded.n"

/* The facts of case $1::bigint again (as STAT_FACT_* derive them), as far as
 * the marks reach: the case when its id is <= $2::bigint, participations <= $3::bigint,
 * assets <= $4::bigint; $5::text the conviction codes. */
#define STAT_CASE_FACTS \
	"INSERT INTO stat_facts(" STAT_FACT_COLS ") " \
	"SELECT 'case', c.id * 8 + 3, 'register', c.id, " STAT_YEAR ", c.place_department, " \
	"o.distrito_fiscal, o.code, NULL, NULL, NULL, NULL, NULL, NULL, NULL, c.stage, " \
	"NULL, NULL, 1, 0 FROM cases c JOIN offices o ON o.id = c.office_id " \
	"WHERE c.id = $1::bigint AND c.id <= $2::bigint UNION ALL " \
	"SELECT 'victim', pid * 8 + 1, 'register', cid, yr, dep, df, oc, sex, " STAT_BAND("a") ", " \
	STAT_GROUP("a") ", nat, orr, ec, er, stage, NULL, NULL, 1, 0 " \
	"FROM (" STAT_PART_SELECT_W("p.case_id = $1::bigint AND p.id <= $3::bigint") "'victim') AS v UNION ALL " \
	"SELECT 'suspect', pid * 8 + 2, 'register', cid, yr, dep, df, oc, sex, " STAT_BAND("a") ", " \
	STAT_GROUP("a") ", nat, orr, NULL, NULL, stage, outcome, NULL, 1, " \
	"CASE WHEN strpos($5::text, ',' || outcome || ',') > 0 THEN 1 ELSE 0 END " \
	"FROM (" STAT_PART_SELECT_W("p.case_id = $1::bigint AND p.id <= $3::bigint") "'suspect') AS w UNION ALL " \
	"SELECT 'asset', a.id * 8 + 4, 'register', c.id, " STAT_YEAR ", c.place_department, " \
	"o.distrito_fiscal, o.code, NULL, NULL, NULL, NULL, NULL, NULL, NULL, c.stage, " \
	"NULL, nullif(a.currency, ''), a.value_cents, 0 " \
	"FROM assets a JOIN cases c ON c.id = a.case_id JOIN offices o ON o.id = c.office_id " \
	"WHERE a.case_id = $1::bigint AND a.id <= $4::bigint AND a.removed_in IS NULL UNION ALL " \
	STAT_JUDGED_FACTS("p.case_id = $1::bigint AND p.id <= $3::bigint")
/* Their codes (STAT_CODES_*): $1 the case, $2 and $3 the marks of
 * participations and assets. */
#define STAT_CASE_CODES \
	"INSERT INTO stat_codes(fact_id, dim, code) SELECT * FROM (" \
	"SELECT pc.participation_id * 8 + 1 AS fid, " \
	"CASE pc.dim WHEN 'control' THEN 'means_of_control' ELSE pc.dim END AS dim, pc.code AS code " \
	"FROM participation_codes pc JOIN participations p ON p.id = pc.participation_id " \
	"WHERE p.case_id = $1::bigint AND p.id <= $2::bigint AND p.removed_in IS NULL AND p.role = 'victim' " \
	"AND pc.dim IN ('exploitation', 'control', 'recruitment', 'means', 'vulnerability') UNION ALL " \
	"SELECT p.id * 8 + 1, 'relationship', p.relationship FROM participations p " \
	"WHERE p.case_id = $1::bigint AND p.id <= $2::bigint AND p.removed_in IS NULL AND p.role = 'victim' " \
	"AND coalesce(p.relationship, '') <> '' UNION ALL " \
	"SELECT DISTINCT p.case_id * 8 + 3, 'exploitation', pc.code FROM participations p " \
	"JOIN participation_codes pc ON pc.participation_id = p.id AND pc.dim = 'exploitation' " \
	"WHERE p.case_id = $1::bigint AND p.id <= $2::bigint AND p.removed_in IS NULL AND p.role = 'victim' " \
	"UNION ALL SELECT cc.case_id * 8 + 3, 'aggravating', cc.code FROM case_codes cc " \
	"WHERE cc.case_id = $1::bigint AND cc.dim = 'aggravating' " \
	"UNION ALL SELECT am.asset_id * 8 + 4, 'asset_measure', am.measure FROM asset_measures am " \
	"JOIN assets a ON a.id = am.asset_id WHERE a.case_id = $1::bigint AND a.id <= $3::bigint " \
	"AND a.removed_in IS NULL UNION ALL SELECT a.id * 8 + 4, 'asset_kind', a.kind FROM assets a " \
	"WHERE a.case_id = $1::bigint AND a.id <= $3::bigint AND a.removed_in IS NULL UNION ALL " \
	"SELECT p.id * 8 + 2, 'sentence_years', CASE WHEN p.sentence_months < 60 THEN '00-04' " \
	"WHEN p.sentence_months < 120 THEN '05-09' WHEN p.sentence_months < 180 THEN '10-14' " \
	"WHEN p.sentence_months < 240 THEN '15-19' WHEN p.sentence_months < 300 THEN '20-24' " \
	"WHEN p.sentence_months < 360 THEN '25-29' ELSE '30+' END FROM participations p " \
	"WHERE p.case_id = $1::bigint AND p.id <= $2::bigint AND p.removed_in IS NULL AND p.role = 'suspect' " \
	"AND p.sentence_months > 0 UNION ALL " STAT_JUDGED_CODES("p.case_id = $1::bigint AND p.id <= $2::bigint") ") AS u WHERE true ON CONFLICT DO NOTHING"

const struct store_sql store_pg_sql[STMT__MAX] = {
	[STMT_SCHEMA_EXISTS] =
		SQL("SELECT count(*) FROM pg_catalog.pg_tables "
			"WHERE schemaname = current_schema() AND tablename = 'schema_migrations'"),
	[STMT_SCHEMA_VERSION] =
		SQL("SELECT coalesce(max(version), 0) FROM schema_migrations"),
	[STMT_SCHEMA_COUNT] =
		SQL("SELECT count(*) FROM schema_migrations"),
	[STMT_MIGRATION_APPLIED] =
		SQL("SELECT count(*) FROM schema_migrations WHERE version = $1::bigint"),
	[STMT_MIGRATION_INSERT] =
		SQL("INSERT INTO schema_migrations(version, name, applied_at) "
			"VALUES ($1::bigint, $2::text, $3::bigint)"),
	[STMT_META_GET] =
		SQL("SELECT value FROM meta WHERE key = $1::text"),
	[STMT_META_SET] =
		SQL("INSERT INTO meta(key, value) VALUES ($1::text, $2::text) "
			"ON CONFLICT(key) DO UPDATE SET value = excluded.value"),

	[STMT_OFFICE_INSERT] =
		SQL("INSERT INTO offices(code, name, kind, distrito_fiscal, department) "
			"VALUES ($1::text, $2::text, $3::text, $4::text, $5::text) RETURNING id"),
	[STMT_OFFICE_GET] =
		SQL("SELECT " OFFICE_COLS " FROM offices WHERE id = $1::bigint"),
	[STMT_OFFICE_BY_CODE] =
		SQL("SELECT " OFFICE_COLS " FROM offices WHERE code = $1::text"),
	[STMT_OFFICE_LIST] =
		SQL("SELECT " OFFICE_COLS " FROM offices ORDER BY code"),
	[STMT_USER_INSERT] =
		SQL("INSERT INTO users(name, role, office_id, locked, pwhash, lang, failed_logins, "
			"created) VALUES ($1::text, $2::text, $3::bigint, $4::integer, $5::text, "
			"coalesce($6::text, 'es'), $7::integer, $8::bigint) RETURNING id"),
	[STMT_USER_GET] =
		SQL("SELECT " USER_COLS " FROM users WHERE id = $1::bigint"),
	[STMT_USER_BY_NAME] =
		SQL("SELECT " USER_COLS " FROM users WHERE name = $1::text"),
	[STMT_USER_LIST] =
		SQL("SELECT " USER_COLS " FROM users ORDER BY name"),
	[STMT_USER_UPDATE] =
		SQL("UPDATE users SET role = $2::text, office_id = $3::bigint, locked = $4::integer, "
			"pwhash = coalesce($5::text, pwhash), lang = coalesce($6::text, lang), "
			"failed_logins = $7::integer WHERE id = $1::bigint RETURNING id"),

	[STMT_SEALED_PUT] =
		SQL("INSERT INTO sealed(tbl, row_id, col, blob) "
			"VALUES ($1::text, $2::bigint, $3::text, $4::bytea) "
			"ON CONFLICT(tbl, row_id, col) DO UPDATE SET blob = excluded.blob"),
	[STMT_SEALED_GET] =
		SQL("SELECT blob FROM sealed WHERE tbl = $1::text AND row_id = $2::bigint "
			"AND col = $3::text"),
	[STMT_SEALED_ALL] =
		WALK("SELECT tbl, row_id, col, blob FROM sealed ORDER BY tbl, row_id, col"),
	[STMT_BLIND_PUT] =
		SQL("INSERT INTO blind(kind, hash, tbl, row_id) "
			"VALUES ($1::text, $2::bytea, $3::text, $4::bigint) ON CONFLICT DO NOTHING"),
	[STMT_BLIND_FIND] =
		SQL("SELECT row_id FROM blind WHERE kind = $1::text AND hash = $2::bytea "
			"AND tbl = $3::text ORDER BY row_id LIMIT $4::bigint"),
	[STMT_BLIND_CLEAR] =
		SQL("DELETE FROM blind"),

	[STMT_CASE_INSERT] =
		SQL("INSERT INTO cases(number, office_id, complaint_date, complaint_source, "
			"place_country, place_ubigeo, place_department, stage, synthetic, created_by, "
			"created_at, term_kind, term_start, term_due, term_extended) VALUES ($1::text, "
			"$2::bigint, $3::text, $4::text, $5::text, $6::text, $7::text, "
			"coalesce($8::text, 'complaint'), $9::integer, $10::bigint, $11::bigint, $12::text, "
			"$13::text, $14::text, $15::integer) RETURNING id"),
	[STMT_CASE_CODE_INSERT] =
		SQL("INSERT INTO case_codes(case_id, dim, pos, code) "
			"VALUES ($1::bigint, $2::text, $3::integer, $4::text) ON CONFLICT DO NOTHING"),
	[STMT_CASE_SHARE_INSERT] =
		SQL("INSERT INTO case_shares(case_id, office_id) VALUES ($1::bigint, $2::bigint) "
			"ON CONFLICT DO NOTHING"),
	[STMT_CASE_GET] =
		SQL("SELECT " CASE_COLS " FROM cases c WHERE c.id = $1::bigint"),
	[STMT_CASE_CODES] =
		SQL("SELECT dim, code FROM case_codes WHERE case_id = $1::bigint ORDER BY dim, pos"),
	[STMT_CASE_SHARES] =
		SQL("SELECT office_id FROM case_shares WHERE case_id = $1::bigint ORDER BY office_id"),
	[STMT_CASE_ID_BY_NUMBER] =
		SQL("SELECT id FROM cases WHERE number = $1::text"),
	[STMT_CASE_SET_DERIVED] =
		SQL("UPDATE cases SET stage = $2::text, term_kind = $3::text, term_start = $4::text, "
			"term_due = $5::text, term_extended = $6::integer WHERE id = $1::bigint RETURNING id"),
	[STMT_CASE_TERMS] =
		SQL("SELECT c.id, c.number, o.code, c.stage, c.term_kind, c.term_start, c.term_due, "
			"c.term_extended FROM cases c JOIN offices o ON o.id = c.office_id "
			"WHERE c.term_due >= $2::text AND c.term_due < $3::text "
			"AND ($1::bigint IS NULL OR c.office_id = $1::bigint OR EXISTS (SELECT 1 "
			"  FROM case_shares s WHERE s.case_id = c.id AND s.office_id = $1::bigint)) "
			"ORDER BY c.term_due, c.id LIMIT $4::bigint"),
	[STMT_TERMS_OVERDUE_BY_OFFICE] =
		SQL("SELECT o.code, count(*) FROM cases c JOIN offices o ON o.id = c.office_id "
			"WHERE c.term_due < $1::text GROUP BY o.code ORDER BY o.code"),
	[STMT_EVENTS_ALL] =
		WALK("SELECT case_id, id, stage, date FROM events WHERE removed_in IS NULL "
			"ORDER BY case_id, id"),
	/* the parameters of store_sqlite_sql.c's STMT_CASE_LIST */
	[STMT_CASE_LIST] =
		SQL(CASE_LIST_SELECT CASE_LIST_WHERE
			"ORDER BY c.complaint_date DESC, c.id DESC LIMIT $8::bigint OFFSET $9::bigint"),
	[STMT_CASE_LIST_OLDEST] =
		SQL(CASE_LIST_SELECT CASE_LIST_WHERE
			"ORDER BY c.complaint_date ASC, c.id ASC LIMIT $8::bigint OFFSET $9::bigint"),
	[STMT_CASE_LIST_NUMBER] =
		SQL(CASE_LIST_SELECT CASE_LIST_WHERE
			"ORDER BY c.number ASC LIMIT $8::bigint OFFSET $9::bigint"),
	[STMT_CASE_LIST_DUE] =
		SQL(CASE_LIST_SELECT CASE_LIST_WHERE
			"ORDER BY c.term_due IS NULL, c.term_due, c.complaint_date DESC, c.id DESC "
			"LIMIT $8::bigint OFFSET $9::bigint"),
	/* $8 the cap of the count ($9 unused, named so the parameters stay those of the list) */
	[STMT_CASE_LIST_COUNT] =
		SQL("SELECT count(*) FROM (SELECT 1 FROM cases c " CASE_LIST_WHERE
			"LIMIT $8::bigint + 0 * $9::bigint) AS k"),
	[STMT_CASE_COUNT] =
		SQL("SELECT count(*) FROM cases"),

	[STMT_PERSON_INSERT] =
		SQL("INSERT INTO persons(sex, birth_year, nationality, origin_ubigeo, doc_type) "
			"VALUES ($1::text, $2::integer, $3::text, $4::text, $5::text) RETURNING id"),
	[STMT_PERSON_GET] =
		SQL("SELECT id, sex, birth_year, nationality, origin_ubigeo, doc_type "
			"FROM persons WHERE id = $1::bigint"),
	[STMT_PART_INSERT] =
		SQL("INSERT INTO participations(case_id, person_id, role, age_at_recruitment, "
			"trafficking_status, relationship, recruitment_country, recruitment_ubigeo, "
			"exploitation_country, exploitation_ubigeo, recruitment_date, exploitation_start, "
			"exploitation_end, rescue_date, outcome, sentence_months, reparation_cents, "
			"reparation_currency) VALUES ($1::bigint, $2::bigint, $3::text, $4::integer, "
			"$5::text, $6::text, $7::text, $8::text, $9::text, $10::text, $11::text, "
			"$12::text, $13::text, $14::text, $15::text, $16::integer, $17::bigint, "
			"$18::text) RETURNING id"),
	[STMT_PART_CODE_INSERT] =
		SQL("INSERT INTO participation_codes(participation_id, dim, pos, code) "
			"VALUES ($1::bigint, $2::text, $3::integer, $4::text) ON CONFLICT DO NOTHING"),
	[STMT_PART_MEASURE_INSERT] =
		SQL("INSERT INTO coercive_measures(participation_id, pos, kind, date) "
			"VALUES ($1::bigint, $2::integer, $3::text, $4::text)"),
	[STMT_CASE_PARTS] =
		SQL("SELECT " PART_COLS " FROM participations p JOIN persons s ON s.id = p.person_id "
			"WHERE p.case_id = $1::bigint AND p.removed_in IS NULL ORDER BY p.id"),
	[STMT_PERSON_PARTS] =
		SQL("SELECT " PART_COLS " FROM participations p JOIN persons s ON s.id = p.person_id "
			"WHERE p.person_id = $1::bigint AND p.removed_in IS NULL ORDER BY p.id"),
	[STMT_PART_CODES] =
		SQL("SELECT dim, code FROM participation_codes WHERE participation_id = $1::bigint "
			"ORDER BY dim, pos"),
	[STMT_PART_MEASURES] =
		SQL("SELECT kind, date FROM coercive_measures WHERE participation_id = $1::bigint "
			"ORDER BY pos"),

	[STMT_EVENT_INSERT] =
		SQL("INSERT INTO events(case_id, stage, date, recorded_by, recorded_at) "
			"VALUES ($1::bigint, $2::text, $3::text, $4::bigint, $5::bigint) RETURNING id"),
	[STMT_CASE_EVENTS] =
		SQL("SELECT id, case_id, stage, date, recorded_by, recorded_at FROM events "
			"WHERE case_id = $1::bigint AND removed_in IS NULL ORDER BY coalesce(date, ''), id"),
	[STMT_ASSET_INSERT] =
		SQL("INSERT INTO assets(case_id, kind, value_cents, currency) "
			"VALUES ($1::bigint, $2::text, $3::bigint, $4::text) RETURNING id"),
	[STMT_ASSET_MEASURE_INSERT] =
		SQL("INSERT INTO asset_measures(asset_id, pos, measure, date) "
			"VALUES ($1::bigint, $2::integer, $3::text, $4::text)"),
	[STMT_CASE_ASSETS] =
		SQL("SELECT id, case_id, kind, value_cents, currency FROM assets "
			"WHERE case_id = $1::bigint AND removed_in IS NULL ORDER BY id"),
	[STMT_ASSET_MEASURES] =
		SQL("SELECT measure, date FROM asset_measures WHERE asset_id = $1::bigint ORDER BY pos"),
	[STMT_IDENT_INSERT] =
		SQL("INSERT INTO identifiers(case_id, person_id, kind) "
			"VALUES ($1::bigint, $2::bigint, $3::text) RETURNING id"),
	[STMT_IDENT_GET] =
		SQL("SELECT id, case_id, person_id, kind FROM identifiers WHERE id = $1::bigint AND removed_in IS NULL"),
	[STMT_CASE_IDENTS] =
		SQL("SELECT id, case_id, person_id, kind FROM identifiers WHERE case_id = $1::bigint AND removed_in IS NULL "
			"ORDER BY id"),
	[STMT_REQUEST_INSERT] =
		SQL("INSERT INTO requests(case_id, direction, country, authority, type, status, sent, "
			"received, due, reference, legal_basis, channel, assistance, answered, persons, "
			"assets) VALUES ($1::bigint, $2::text, $3::text, $4::text, "
			"$5::text, $6::text, $7::text, $8::text, $9::text, $10::text, $11::text, $12::text, "
			"$13::text, $14::text, $15::text, $16::text) RETURNING id"),
	[STMT_CASE_REQUESTS] =
		SQL("SELECT " REQUEST_COLS " FROM requests WHERE case_id = $1::bigint AND removed_in IS "
			"NULL ORDER BY id"),
	[STMT_REQUEST_CASE] =
		SQL("SELECT case_id FROM requests WHERE id = $1::bigint AND removed_in IS NULL"),
	[STMT_REQUEST_LIST] =
		SQL("SELECT " REQUEST_COLS_R ", c.number, c.office_id FROM requests r JOIN cases c ON "
			"c.id = r.case_id WHERE r.removed_in IS NULL AND ($1::bigint IS NULL OR c.office_id "
			"= $1::bigint OR EXISTS (SELECT 1 FROM case_shares s WHERE s.case_id = c.id AND "
			"s.office_id = $1::bigint)) ORDER BY r.due IS NULL, r.due, r.id"),

	[STMT_AUDIT_APPEND] =
		SQL("INSERT INTO audit(" AUDIT_COLS ") VALUES ($1::bigint, $2::bigint, $3::text, "
			"$4::text, $5::text, $6::text, $7::bigint, $8::bytea, $9::bytea)"),
	[STMT_AUDIT_LAST] =
		SQL("SELECT " AUDIT_COLS " FROM audit ORDER BY seq DESC LIMIT 1"),
	[STMT_AUDIT_FROM] =
		WALK("SELECT " AUDIT_COLS " FROM audit WHERE seq >= $1::bigint ORDER BY seq"),
	/* the parameters of store_sqlite_sql.c's STMT_AUDIT_PAGE */
	[STMT_AUDIT_PAGE] =
		SQL("SELECT " AUDIT_COLS " FROM audit WHERE ($1::text IS NULL OR actor = $1::text) "
			"AND ($2::text IS NULL OR action = $2::text) "
			"AND ($3::bigint IS NULL OR object = 'case:' || $3::bigint "
			"  OR strpos(detail, '\"case\":' || $3::bigint || ',') > 0 "
			"  OR strpos(detail, '\"case\":' || $3::bigint || '}') > 0) "
			"AND ($4::bigint IS NULL OR ts >= $4::bigint) "
			"AND ($5::bigint IS NULL OR ts < $5::bigint) "
			"AND ($6::bigint IS NULL OR seq < $6::bigint) ORDER BY seq DESC LIMIT $7::bigint"),

	/* The server checks pages as it reads them; what it may leave broken
	 * are indexes a failed CREATE INDEX CONCURRENTLY left invalid and
	 * constraints added NOT VALID. */
	[STMT_CHECK_INTEGRITY] =
		SQL("SELECT 'index ''' || c.relname || ''' is not valid; rebuild it with REINDEX' "
			"FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid "
			"JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
			"WHERE n.nspname = current_schema() AND NOT (i.indisvalid AND i.indisready) "
			"UNION ALL "
			"SELECT 'constraint ''' || k.conname || ''' is not validated' "
			"FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_namespace n "
			"ON n.oid = k.connamespace WHERE n.nspname = current_schema() "
			"AND NOT k.convalidated "
			"UNION ALL SELECT 'ok'"),
	/* Foreign keys are enforced by the server unless triggers were switched
	 * off (session_replication_role = replica, a data-only restore): look. */
	[STMT_CHECK_FOREIGN_KEYS] =
		SQL(DANGLING("users", "id", "office_id", "offices") " UNION ALL "
			DANGLING("cases", "id", "office_id", "offices") " UNION ALL "
			DANGLING("cases", "id", "created_by", "users") " UNION ALL "
			DANGLING("case_codes", "case_id", "case_id", "cases") " UNION ALL "
			DANGLING("case_shares", "case_id", "case_id", "cases") " UNION ALL "
			DANGLING("case_shares", "case_id", "office_id", "offices") " UNION ALL "
			DANGLING("participations", "id", "case_id", "cases") " UNION ALL "
			DANGLING("participations", "id", "person_id", "persons") " UNION ALL "
			DANGLING("participation_codes", "participation_id", "participation_id",
				"participations") " UNION ALL "
			DANGLING("coercive_measures", "participation_id", "participation_id",
				"participations") " UNION ALL "
			DANGLING("events", "id", "case_id", "cases") " UNION ALL "
			DANGLING("events", "id", "recorded_by", "users") " UNION ALL "
			DANGLING("assets", "id", "case_id", "cases") " UNION ALL "
			DANGLING("asset_measures", "asset_id", "asset_id", "assets") " UNION ALL "
			DANGLING("identifiers", "id", "case_id", "cases") " UNION ALL "
			DANGLING("identifiers", "id", "person_id", "persons") " UNION ALL "
			DANGLING("requests", "id", "case_id", "cases") " UNION ALL "
			DANGLING("sessions", "id", "user_id", "users") " UNION ALL "
			DANGLING("stat_sources", "id", "imported_by", "users")),

	/* optional statements of bulk loads and searches (see store_sqlite_sql.c) */
	[STMT_SEALED_PUT_MANY] =
		SQL("INSERT INTO sealed(tbl, row_id, col, blob) VALUES " SEALED_ROWS " "
			"ON CONFLICT(tbl, row_id, col) DO UPDATE SET blob = excluded.blob"),
	[STMT_BLIND_PUT_MANY] =
		SQL("INSERT INTO blind(kind, hash, tbl, row_id) VALUES " BLIND_ROWS " "
			"ON CONFLICT DO NOTHING"),
	[STMT_PERSON_ROLES] =
		SQL("SELECT s.id, s.sex, s.birth_year, s.nationality, s.origin_ubigeo, s.doc_type, "
			"p.id, p.case_id, p.role, c.number, c.office_id, sh.office_id "
			"FROM persons s LEFT JOIN participations p ON p.person_id = s.id AND p.removed_in IS NULL "
			"LEFT JOIN cases c ON c.id = p.case_id "
			"LEFT JOIN case_shares sh ON sh.case_id = p.case_id "
			"WHERE s.id IN (" ROLES_IDS ") ORDER BY s.id, p.case_id, p.role, p.id, sh.office_id"),

	/* web sessions and API tokens (0002_sessions.sql) */
	[STMT_SESSION_INSERT] =
		SQL("INSERT INTO sessions(kind, hash, user_id, created, last_seen, expires) "
			"VALUES ($1::text, $2::bytea, $3::bigint, $4::bigint, $5::bigint, $6::bigint) "
			"RETURNING id"),
	[STMT_SESSION_GET] =
		SQL("SELECT id, user_id, created, last_seen, expires FROM sessions "
			"WHERE kind = $1::text AND hash = $2::bytea"),
	[STMT_SESSION_TOUCH] =
		SQL("UPDATE sessions SET last_seen = $2::bigint WHERE id = $1::bigint"),
	[STMT_SESSION_DELETE] =
		SQL("DELETE FROM sessions WHERE hash = $1::bytea"),
	[STMT_SESSION_PURGE] =
		SQL("DELETE FROM sessions WHERE expires <= $1::bigint "
			"OR (kind = 'web' AND last_seen < $2::bigint)"),
	[STMT_SESSION_COUNT] =
		SQL("SELECT count(*) FROM sessions WHERE kind = $1::text AND expires > $2::bigint "
			"AND (kind = 'api' OR last_seen >= $3::bigint)"),
	[STMT_SESSION_DELETE_USER] =
		SQL("DELETE FROM sessions WHERE user_id = $1::bigint"),

	/* statistics (0003_stats.sql, store_stats.c). The facts are derived by
	 * id ranges (lo, hi], hi = these maxima, and the next refresh starts at
	 * hi: an id below hi that became visible only later would never be
	 * derived. Identity values are drawn outside transactions and so may
	 * commit out of order between concurrent writers, but writers are not
	 * concurrent here: cases, participations, events and assets are written
	 * only in write transactions, each takes the register's advisory lock
	 * before its first statement (pg_begin in store_pg.c; this backend has
	 * no lock-free bulk mode), the refresh runs in one, and the server ends
	 * a transaction in its proc array before it releases its locks
	 * (CommitTransaction), so the next holder sees it committed. While the
	 * refresh holds the lock no writer has rows in flight, each statement
	 * (READ COMMITTED) sees every row with an id below the maxima it reads,
	 * and a writer after it draws higher ids; a writer that rolled back
	 * leaves a gap that no later row fills. */
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
			"WHERE c.id > $1::bigint AND c.id <= $2::bigint ORDER BY c.id"),
	[STMT_STAT_FACT_VICTIMS] =
		SQL("INSERT INTO stat_facts(" STAT_FACT_COLS ") "
			"SELECT 'victim', pid * 8 + 1, 'register', cid, yr, dep, df, oc, sex, " STAT_BAND("a") ", "
			STAT_GROUP("a") ", nat, orr, ec, er, stage, NULL, NULL, 1, 0 "
			"FROM (" STAT_PART_SELECT "'victim') AS v ORDER BY pid"),
	[STMT_STAT_FACT_SUSPECTS] =
		SQL("INSERT INTO stat_facts(" STAT_FACT_COLS ") "
			"SELECT 'suspect', pid * 8 + 2, 'register', cid, yr, dep, df, oc, sex, " STAT_BAND("a") ", "
			STAT_GROUP("a") ", nat, orr, NULL, NULL, stage, outcome, NULL, 1, "
			"CASE WHEN strpos($3::text, ',' || outcome || ',') > 0 THEN 1 ELSE 0 END "
			"FROM (" STAT_PART_SELECT "'suspect') AS v ORDER BY pid"),
	[STMT_STAT_FACT_ASSETS] =
		SQL("INSERT INTO stat_facts(" STAT_FACT_COLS ") "
			"SELECT 'asset', a.id * 8 + 4, 'register', c.id, " STAT_YEAR ", c.place_department, "
			"o.distrito_fiscal, o.code, NULL, NULL, NULL, NULL, NULL, NULL, NULL, c.stage, "
			"NULL, nullif(a.currency, ''), a.value_cents, 0 "
			"FROM assets a JOIN cases c ON c.id = a.case_id JOIN offices o ON o.id = c.office_id "
			"WHERE a.id > $1::bigint AND a.id <= $2::bigint AND a.removed_in IS NULL ORDER BY a.id"),
	[STMT_STAT_CODES_VICTIMS] =
		SQL("INSERT INTO stat_codes(fact_id, dim, code) "
			"SELECT pc.participation_id * 8 + 1, "
			"CASE pc.dim WHEN 'control' THEN 'means_of_control' ELSE pc.dim END, pc.code "
			"FROM participation_codes pc JOIN participations p ON p.id = pc.participation_id "
			"WHERE pc.participation_id > $1::bigint AND pc.participation_id <= $2::bigint "
			"AND p.role = 'victim' AND pc.dim IN ('exploitation', 'control', 'recruitment', 'means', 'vulnerability') "
			"ON CONFLICT DO NOTHING"),
	[STMT_STAT_CODES_RELATION] =
		SQL("INSERT INTO stat_codes(fact_id, dim, code) "
			"SELECT p.id * 8 + 1, 'relationship', p.relationship FROM participations p "
			"WHERE p.id > $1::bigint AND p.id <= $2::bigint AND p.removed_in IS NULL AND p.role = 'victim' "
			"AND coalesce(p.relationship, '') <> '' ON CONFLICT DO NOTHING"),
	[STMT_STAT_CODES_CASES] =
		SQL("INSERT INTO stat_codes(fact_id, dim, code) "
			"SELECT DISTINCT p.case_id * 8 + 3, 'exploitation', pc.code FROM participations p "
			"JOIN participation_codes pc ON pc.participation_id = p.id AND pc.dim = 'exploitation' "
			"WHERE p.id > $1::bigint AND p.id <= $2::bigint AND p.removed_in IS NULL AND p.role = 'victim' "
			"ON CONFLICT DO NOTHING"),
	[STMT_STAT_CODES_AGGRAVATING] =
		SQL("INSERT INTO stat_codes(fact_id, dim, code) "
			"SELECT cc.case_id * 8 + 3, 'aggravating', cc.code FROM case_codes cc "
			"WHERE cc.case_id > $1::bigint AND cc.case_id <= $2::bigint AND cc.dim = 'aggravating' "
			"ON CONFLICT DO NOTHING"),
	[STMT_STAT_CODES_ASSETS] =
		SQL("INSERT INTO stat_codes(fact_id, dim, code) SELECT * FROM ("
			"SELECT am.asset_id * 8 + 4, 'asset_measure'::text, am.measure FROM asset_measures am "
			"WHERE am.asset_id > $1::bigint AND am.asset_id <= $2::bigint "
			"UNION ALL SELECT a.id * 8 + 4, 'asset_kind'::text, a.kind FROM assets a "
			"WHERE a.id > $1::bigint AND a.id <= $2::bigint AND a.removed_in IS NULL) AS u ON CONFLICT DO NOTHING"),
	[STMT_STAT_CODES_SENTENCE] =
		SQL("INSERT INTO stat_codes(fact_id, dim, code) "
			"SELECT p.id * 8 + 2, 'sentence_years', CASE WHEN p.sentence_months < 60 THEN '00-04' "
			"WHEN p.sentence_months < 120 THEN '05-09' WHEN p.sentence_months < 180 THEN '10-14' "
			"WHEN p.sentence_months < 240 THEN '15-19' WHEN p.sentence_months < 300 THEN '20-24' "
			"WHEN p.sentence_months < 360 THEN '25-29' ELSE '30+' END FROM participations p "
			"WHERE p.id > $1::bigint AND p.id <= $2::bigint AND p.removed_in IS NULL AND p.role = 'suspect' "
			"AND p.sentence_months > 0 ON CONFLICT DO NOTHING"),
	/* only the facts whose stage changes: an update writes a new version of
	 * every row it touches, and on the first refresh every case has new
	 * events but its facts were just derived with the current stage */
	[STMT_STAT_FACT_JUDGED] =
		SQL("INSERT INTO stat_facts(" STAT_FACT_COLS ") SELECT * FROM ("
			STAT_JUDGED_FACTS("p.id > $1::bigint AND p.id <= $2::bigint") ") AS u WHERE true"),
	[STMT_STAT_CODES_JUDGED] =
		SQL("INSERT INTO stat_codes(fact_id, dim, code) SELECT * FROM ("
			STAT_JUDGED_CODES("p.id > $1::bigint AND p.id <= $2::bigint") ") AS u WHERE true ON CONFLICT DO NOTHING"),
	[STMT_STAT_STAGE_UPDATE] =
		SQL("UPDATE stat_facts f SET stage = c.stage FROM cases c "
			"WHERE c.id = f.case_id AND f.case_id IN (SELECT case_id FROM events "
			"WHERE id > $1::bigint AND id <= $2::bigint) AND f.stage IS DISTINCT FROM c.stage"),
	[STMT_STAT_ROWS_1] = SQL(STAT_ROWS(1, STAT_M0, "", STAT_UNUSED_K1 STAT_UNUSED_M0)),
	[STMT_STAT_ROWS_1M1] = SQL(STAT_ROWS(1, STAT_M1, STAT_JOIN1, STAT_UNUSED_K1 STAT_UNUSED_M1)),
	[STMT_STAT_ROWS_2] = SQL(STAT_ROWS(2, STAT_M0, "", STAT_UNUSED_K2 STAT_UNUSED_M0)),
	[STMT_STAT_ROWS_2M1] = SQL(STAT_ROWS(2, STAT_M1, STAT_JOIN1, STAT_UNUSED_K2 STAT_UNUSED_M1)),
	[STMT_STAT_ROWS_2M2] = SQL(STAT_ROWS(2, STAT_M2, STAT_JOIN2, STAT_UNUSED_K2)),
	[STMT_STAT_ROWS_4] = SQL(STAT_ROWS(4, STAT_M0, "", STAT_UNUSED_M0)),
	[STMT_STAT_ROWS_4M1] = SQL(STAT_ROWS(4, STAT_M1, STAT_JOIN1, STAT_UNUSED_M1)),
	[STMT_STAT_ROWS_4M2] = SQL(STAT_ROWS(4, STAT_M2, STAT_JOIN2, "")),
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
	/* $1..$4 the keys, $5 the cube, $6/$7 the years, $8..$13 three filters */
	[STMT_STAT_CUBE_ROWS] =
		SQL("SELECT " STAT_CUBE_COL("$1::integer") ", " STAT_CUBE_COL("$2::integer") ", "
			STAT_CUBE_COL("$3::integer") ", " STAT_CUBE_COL("$4::integer") ", n FROM stat_cube "
			"WHERE cube = $5::text "
			"AND ($6::integer IS NULL OR year >= $6::integer) "
			"AND ($7::integer IS NULL OR (year <= $7::integer AND year > 0)) "
			"AND ($8::integer = 0 OR " STAT_CUBE_COL("$8::integer") " = $9::text) "
			"AND ($10::integer = 0 OR " STAT_CUBE_COL("$10::integer") " = $11::text) "
			"AND ($12::integer = 0 OR " STAT_CUBE_COL("$12::integer") " = $13::text)"),
	/* SQLite's GROUP BY sorts by (case, stage): the same order here */
	[STMT_STAT_STAGE_DATES] =
		SQL("SELECT e.case_id, e.stage, c.complaint_date, min(e.date) FROM events e "
			"JOIN cases c ON c.id = e.case_id WHERE e.date IS NOT NULL AND e.removed_in IS NULL "
			"AND ($1::text IS NULL OR c.complaint_date >= $1::text) "
			"AND ($2::text IS NULL OR c.complaint_date < $2::text) "
			"GROUP BY e.case_id, e.stage, c.complaint_date " "UNION ALL SELECT p.case_id, 'path:' || s.step, c.complaint_date, min(s.date) "
			"FROM suspect_steps s JOIN participations p ON p.id = s.participation_id "
			"JOIN cases c ON c.id = p.case_id WHERE s.date IS NOT NULL AND p.removed_in IS NULL "
			"AND ($1::text IS NULL OR c.complaint_date >= $1::text) AND ($2::text IS NULL OR c.complaint_date < $2::text) "
			"GROUP BY p.case_id, s.step, c.complaint_date "
			"UNION ALL SELECT p.case_id, 'path:convicted', c.complaint_date, min(p.convicted_on) "
			"FROM participations p JOIN cases c ON c.id = p.case_id "
			"WHERE coalesce(p.convicted_on, '') <> '' AND p.removed_in IS NULL AND p.role = 'suspect' "
			"AND ($1::text IS NULL OR c.complaint_date >= $1::text) AND ($2::text IS NULL OR c.complaint_date < $2::text) "
			"GROUP BY p.case_id, c.complaint_date ORDER BY 1"),
	[STMT_STAT_SOURCE_INSERT] =
		SQL("INSERT INTO stat_sources(tag, format, file, records, rejected, imported_by, "
			"imported_at) VALUES ($1::text, $2::text, $3::text, $4::bigint, $5::bigint, "
			"$6::bigint, $7::bigint) RETURNING id"),
	[STMT_STAT_FACT_INSERT] =
		SQL("INSERT INTO stat_facts(kind, id, source, year, sex, age_band, age_group, "
			"nationality, exploitation_country) VALUES ($1::text, $9::bigint, $2::text, "
			"$3::integer, $4::text, $5::text, $6::text, $7::text, $8::text)"),
	[STMT_STAT_CODE_INSERT] =
		SQL("INSERT INTO stat_codes(fact_id, dim, code) VALUES ($1::bigint, $2::text, $3::text) "
			"ON CONFLICT DO NOTHING"),
	/* SQLite's group_concat follows the primary key (fact, dim, code) */
	[STMT_STAT_VICTIM_ROWS] =
		WALK("SELECT f.id, f.year, f.sex, f.age_band, f.age_group, f.nationality, "
			"f.exploitation_country, (SELECT string_agg(x.dim || ':' || x.code, ',' "
			"ORDER BY x.dim, x.code) FROM stat_codes x WHERE x.fact_id = f.id) "
			"FROM stat_facts f WHERE f.kind = 'victim' AND f.source = $1::text ORDER BY f.id"),

	STORE_COPY_SQL
	/* identity counters past the highest id copied (false: the next value
	 * is exactly max + 1) */
	[STMT_COPY_RESEQ] =
		SQL("SELECT setval(pg_get_serial_sequence(t, c), coalesce(m, 0) + 1, false) "
			"FROM (VALUES "
			"('offices', 'id', (SELECT max(id) FROM offices)), "
			"('users', 'id', (SELECT max(id) FROM users)), "
			"('cases', 'id', (SELECT max(id) FROM cases)), "
			"('case_transfers', 'id', (SELECT max(id) FROM case_transfers)), "
			"('persons', 'id', (SELECT max(id) FROM persons)), "
			"('participations', 'id', (SELECT max(id) FROM participations)), "
			"('events', 'id', (SELECT max(id) FROM events)), "
			"('assets', 'id', (SELECT max(id) FROM assets)), "
			"('identifiers', 'id', (SELECT max(id) FROM identifiers)), "
			"('requests', 'id', (SELECT max(id) FROM requests)), "
			"('sessions', 'id', (SELECT max(id) FROM sessions)), "
			"('revisions', 'id', (SELECT max(id) FROM revisions)), "
			"('attachments', 'id', (SELECT max(id) FROM attachments)), "
			"('person_merges', 'id', (SELECT max(id) FROM person_merges)), "
			"('stat_sources', 'id', (SELECT max(id) FROM stat_sources)), "
			"('audit', 'seq', (SELECT max(seq) FROM audit))) AS v(t, c, m)"),
	[STMT_TABLE_LIST] =
		SQL("SELECT tablename FROM pg_catalog.pg_tables WHERE schemaname = current_schema() "
			"ORDER BY tablename"),
	/* the /stats dashboard's funnel with its office and region filters */
	[STMT_STAT_STAGE_DATES_WHERE] =
		SQL("SELECT e.case_id, e.stage, c.complaint_date, min(e.date) FROM events e "
			"JOIN cases c ON c.id = e.case_id WHERE e.date IS NOT NULL AND e.removed_in IS NULL "
			"AND ($1::text IS NULL OR c.complaint_date >= $1::text) "
			"AND ($2::text IS NULL OR c.complaint_date < $2::text) "
			"AND ($3::text IS NULL OR c.office_id = (SELECT id FROM offices WHERE code = $3::text)) "
			"AND ($4::text IS NULL OR c.place_department = $4::text) "
			"GROUP BY e.case_id, e.stage, c.complaint_date " "UNION ALL SELECT p.case_id, 'path:' || s.step, c.complaint_date, min(s.date) "
			"FROM suspect_steps s JOIN participations p ON p.id = s.participation_id "
			"JOIN cases c ON c.id = p.case_id WHERE s.date IS NOT NULL AND p.removed_in IS NULL "
			"AND ($1::text IS NULL OR c.complaint_date >= $1::text) AND ($2::text IS NULL OR c.complaint_date < $2::text) "
			"AND ($3::text IS NULL OR c.office_id = (SELECT id FROM offices WHERE code = $3::text)) "
			"AND ($4::text IS NULL OR c.place_department = $4::text) "
			"GROUP BY p.case_id, s.step, c.complaint_date "
			"UNION ALL SELECT p.case_id, 'path:convicted', c.complaint_date, min(p.convicted_on) "
			"FROM participations p JOIN cases c ON c.id = p.case_id "
			"WHERE coalesce(p.convicted_on, '') <> '' AND p.removed_in IS NULL AND p.role = 'suspect' "
			"AND ($1::text IS NULL OR c.complaint_date >= $1::text) AND ($2::text IS NULL OR c.complaint_date < $2::text) "
			"AND ($3::text IS NULL OR c.office_id = (SELECT id FROM offices WHERE code = $3::text)) "
			"AND ($4::text IS NULL OR c.place_department = $4::text) "
			"GROUP BY p.case_id, c.complaint_date ORDER BY 1"),
	[STMT_CASE_UPDATE] =
		SQL("UPDATE cases SET number = $2::text, complaint_date = $3::text, "
			"complaint_source = $4::text, place_country = $5::text, place_ubigeo = "
			"$6::text, place_department = $7::text, stage = $8::text WHERE id = $1::bigint "
			"RETURNING id"),
	[STMT_CASE_BUMP] =
		SQL("UPDATE cases SET version = $3::bigint WHERE id = $1::bigint AND version = "
			"$2::bigint RETURNING id"),
	[STMT_CASE_CODES_DELETE] =
		SQL("DELETE FROM case_codes WHERE case_id = $1::bigint"),
	[STMT_CASE_SHARES_DELETE] =
		SQL("DELETE FROM case_shares WHERE case_id = $1::bigint"),
	[STMT_PERSON_UPDATE] =
		SQL("UPDATE persons SET sex = $2::text, birth_year = $3::integer, nationality = "
			"$4::text, origin_ubigeo = $5::text, doc_type = $6::text WHERE id = $1::bigint"),
	[STMT_PART_UPDATE] =
		SQL("UPDATE participations SET person_id = $2::bigint, role = $3::text, "
			"age_at_recruitment = $4::integer, trafficking_status = $5::text, relationship "
			"= $6::text, recruitment_country = $7::text, recruitment_ubigeo = $8::text, "
			"exploitation_country = $9::text, exploitation_ubigeo = $10::text, "
			"recruitment_date = $11::text, exploitation_start = $12::text, exploitation_end "
			"= $13::text, rescue_date = $14::text, outcome = $15::text, sentence_months = "
			"$16::integer, reparation_cents = $17::bigint, reparation_currency = $18::text "
			"WHERE id = $1::bigint"),
	[STMT_PART_CODES_DELETE] =
		SQL("DELETE FROM participation_codes WHERE participation_id = $1::bigint"),
	[STMT_PART_MEASURES_DELETE] =
		SQL("DELETE FROM coercive_measures WHERE participation_id = $1::bigint"),
	[STMT_PART_STEP_INSERT] =
		SQL("INSERT INTO suspect_steps(participation_id, pos, step, date, offence, prison_months, "
			"suspended, days_fine, disqualification_months, disqualification, reparation_cents, "
			"reparation_currency) VALUES ($1::bigint, $2::integer, $3::text, $4::text, $5::text, "
			"$6::integer, $7::integer, $8::integer, $9::integer, $10::text, $11::bigint, $12::text)"),
	[STMT_PART_STEPS] =
		SQL("SELECT step, date, offence, prison_months, suspended, days_fine, "
			"disqualification_months, disqualification, reparation_cents, reparation_currency "
			"FROM suspect_steps WHERE participation_id = $1::bigint ORDER BY pos"),
	[STMT_PART_STEPS_DELETE] =
		SQL("DELETE FROM suspect_steps WHERE participation_id = $1::bigint"),
	[STMT_PART_PAYMENT_INSERT] =
		SQL("INSERT INTO reparation_payments(participation_id, pos, date, amount_cents) "
			"VALUES ($1::bigint, $2::integer, $3::text, $4::bigint)"),
	[STMT_PART_PAYMENTS] =
		SQL("SELECT date, amount_cents FROM reparation_payments WHERE participation_id = $1::bigint "
			"ORDER BY pos"),
	[STMT_PART_PAYMENTS_DELETE] =
		SQL("DELETE FROM reparation_payments WHERE participation_id = $1::bigint"),
	[STMT_PART_DERIVED] =
		SQL("UPDATE participations SET convicted_on = $2::text, prosecuted_on = $3::text, "
			"offence = $4::text WHERE id = $1::bigint"),
	[STMT_EVENT_UPDATE] =
		SQL("UPDATE events SET stage = $2::text, date = $3::text WHERE id = $1::bigint"),
	[STMT_ASSET_UPDATE] =
		SQL("UPDATE assets SET kind = $2::text, value_cents = $3::bigint, currency = "
			"$4::text WHERE id = $1::bigint"),
	[STMT_ASSET_MEASURES_DELETE] =
		SQL("DELETE FROM asset_measures WHERE asset_id = $1::bigint"),
	[STMT_IDENT_UPDATE] =
		SQL("UPDATE identifiers SET person_id = $2::bigint, kind = $3::text WHERE id = "
			"$1::bigint"),
	[STMT_REQUEST_UPDATE] =
		SQL("UPDATE requests SET direction = $2::text, country = $3::text, authority = "
			"$4::text, type = $5::text, status = $6::text, sent = $7::text, received = "
			"$8::text, due = $9::text, reference = $10::text, legal_basis = $11::text, "
			"channel = $12::text, assistance = $13::text, answered = $14::text, persons = "
			"$15::text, assets = $16::text WHERE id = $1::bigint"),
	[STMT_PART_REMOVE] =
		SQL("UPDATE participations SET removed_in = $2::bigint WHERE id = $1::bigint AND "
			"removed_in IS NULL"),
	[STMT_EVENT_REMOVE] =
		SQL("UPDATE events SET removed_in = $2::bigint WHERE id = $1::bigint AND removed_in "
			"IS NULL"),
	[STMT_ASSET_REMOVE] =
		SQL("UPDATE assets SET removed_in = $2::bigint WHERE id = $1::bigint AND removed_in "
			"IS NULL"),
	[STMT_IDENT_REMOVE] =
		SQL("UPDATE identifiers SET removed_in = $2::bigint WHERE id = $1::bigint AND "
			"removed_in IS NULL"),
	[STMT_REQUEST_REMOVE] =
		SQL("UPDATE requests SET removed_in = $2::bigint WHERE id = $1::bigint AND "
			"removed_in IS NULL"),
	[STMT_SEALED_DELETE] =
		SQL("DELETE FROM sealed WHERE tbl = $1::text AND row_id = $2::bigint AND col = "
			"$3::text"),
	[STMT_BLIND_DELETE] =
		SQL("DELETE FROM blind WHERE kind = $1::text AND hash = $2::bytea AND tbl = "
			"$3::text AND row_id = $4::bigint"),
	[STMT_REV_INSERT] =
		SQL("INSERT INTO revisions(case_id, version, ts, actor, changes) VALUES "
			"($1::bigint, $2::bigint, $3::bigint, $4::text, $5::integer) RETURNING id"),
	[STMT_REV_LIST] =
		SQL("SELECT id, version, ts, actor, changes FROM revisions WHERE case_id = "
			"$1::bigint ORDER BY version"),
	[STMT_STAT_CASE_CUBES] =
		SQL(STAT_CASE_CUBES),
	[STMT_STAT_CASE_CODES_CLEAR] =
		SQL("DELETE FROM stat_codes WHERE fact_id IN (SELECT id FROM stat_facts WHERE "
			"case_id = $1::bigint AND source = 'register')"),
	[STMT_STAT_CASE_FACTS_CLEAR] =
		SQL("DELETE FROM stat_facts WHERE case_id = $1::bigint AND source = 'register'"),
	[STMT_STAT_CASE_FACTS] =
		SQL(STAT_CASE_FACTS),
	[STMT_STAT_CASE_CODES] =
		SQL(STAT_CASE_CODES),
	[STMT_STAT_CUBE_PRUNE_ALL] =
		SQL("DELETE FROM stat_cube WHERE n = 0"),

	/* assignment and transfer: the statements of store_sqlite_sql.c */
	[STMT_CASE_ASSIGN] =
		SQL("UPDATE cases SET assigned_to = $2::bigint WHERE id = $1::bigint RETURNING id"),
	[STMT_CASE_MOVE] =
		SQL("UPDATE cases SET office_id = $2::bigint, assigned_to = NULL WHERE id = $1::bigint "
			"RETURNING id"),
	[STMT_CASE_SHARE_DELETE] =
		SQL("DELETE FROM case_shares WHERE case_id = $1::bigint AND office_id = $2::bigint"),
	[STMT_TRANSFER_INSERT] =
		SQL("INSERT INTO case_transfers(case_id, from_office, to_office, transferred_by, "
			"transferred_at) VALUES ($1::bigint, $2::bigint, $3::bigint, $4::bigint, $5::bigint) "
			"RETURNING id"),
	[STMT_CASE_TRANSFERS] =
		SQL("SELECT t.id, t.from_office, t.to_office, f.code, o.code, t.transferred_by, "
			"u.name, t.transferred_at FROM case_transfers t "
			"JOIN offices f ON f.id = t.from_office JOIN offices o ON o.id = t.to_office "
			"LEFT JOIN users u ON u.id = t.transferred_by WHERE t.case_id = $1::bigint "
			"ORDER BY t.id"),
	[STMT_STAT_CASE_ASSIGNEE] =
		SQL("UPDATE stat_facts SET assignee = $2::text WHERE case_id = $1::bigint "
			"AND kind = 'case'"),
	[STMT_STAT_FACTS_MOVE] =
		SQL("UPDATE stat_facts SET office = $2::text, distrito_fiscal = $3::text, "
			"assignee = NULL WHERE case_id = $1::bigint"),
	/* attachments (0006_attachments.sql, store_attach.c) */
	[STMT_ATTACH_NEXT_SEQ] =
		SQL("SELECT coalesce(max(seq), 0) + 1 FROM attachments WHERE case_id = $1::bigint"),
	[STMT_ATTACH_INSERT] =
		SQL("INSERT INTO attachments(case_id, seq, type, size, chunks, header, created_by, "
			"created_at) VALUES ($1::bigint, $2::bigint, $3::text, $4::bigint, $5::bigint, "
			"$6::bytea, $7::bigint, $8::bigint) RETURNING id"),
	[STMT_ATTACH_CHUNK_PUT] =
		SQL("INSERT INTO attachment_chunks(attachment_id, pos, data) "
			"VALUES ($1::bigint, $2::bigint, $3::bytea)"),
	[STMT_ATTACH_LIST] =
		SQL("SELECT a.id, a.case_id, a.seq, a.type, a.size, a.chunks, a.header, a.created_by, "
			"coalesce(u.name, ''), a.created_at FROM attachments a "
			"LEFT JOIN users u ON u.id = a.created_by WHERE a.case_id = $1::bigint "
			"ORDER BY a.seq"),
	[STMT_ATTACH_GET] =
		SQL("SELECT a.id, a.case_id, a.seq, a.type, a.size, a.chunks, a.header, a.created_by, "
			"coalesce(u.name, ''), a.created_at FROM attachments a "
			"LEFT JOIN users u ON u.id = a.created_by WHERE a.case_id = $1::bigint "
			"AND a.seq = $2::bigint"),
	[STMT_ATTACH_CHUNK_GET] =
		SQL("SELECT data FROM attachment_chunks WHERE attachment_id = $1::bigint "
			"AND pos = $2::bigint"),
	/* the State's response (0011_response.sql, store_response.c) */
	[STMT_PROT_DELETE] =
		SQL("DELETE FROM protections WHERE participation_id = $1::bigint"),
	[STMT_PROT_INSERT] =
		SQL("INSERT INTO protections(participation_id, pos, measure, provider, date, end_date, "
			"consent, result) VALUES ($1::bigint, $2::bigint, $3::text, $4::text, $5::text, "
			"$6::text, $7::bigint, $8::text)"),
	[STMT_PROT_READ] =
		SQL("SELECT measure, provider, date, end_date, consent, result FROM protections "
			"WHERE participation_id = $1::bigint ORDER BY pos"),
	[STMT_ASSET_LIFE_SET] =
		SQL("UPDATE assets SET owner_participation = $2::bigint, owner_relation = $3::text, "
			"forfeiture_file = $4::text WHERE id = $1::bigint"),
	[STMT_ASSET_LIFE_GET] =
		SQL("SELECT owner_participation, owner_relation, forfeiture_file FROM assets "
			"WHERE id = $1::bigint"),
	[STMT_ASSET_STEP_SET] =
		SQL("UPDATE asset_measures SET value_cents = $3::bigint, reference = $4::text "
			"WHERE asset_id = $1::bigint AND pos = $2::bigint"),
	[STMT_ASSET_STEPS_GET] =
		SQL("SELECT pos, value_cents, reference FROM asset_measures WHERE asset_id = $1::bigint "
			"AND (value_cents IS NOT NULL OR reference IS NOT NULL) ORDER BY pos"),
	[STMT_IDENT_SET_ASSET] =
		SQL("UPDATE identifiers SET asset_id = $2::bigint WHERE id = $1::bigint"),
	[STMT_CASE_IDENT_ASSETS] =
		SQL("SELECT id, asset_id FROM identifiers WHERE case_id = $1::bigint "
			"AND asset_id IS NOT NULL AND removed_in IS NULL ORDER BY id"),
	[STMT_CASE_INTAKE_SET] =
		SQL("UPDATE cases SET police_kind = $2::text, police_number = $3::text, "
			"police_unit = $4::text, police_reta = $5::text, police_sidpol = $6::text, "
			"police_received = $7::text WHERE id = $1::bigint"),
	[STMT_CASE_INTAKE_GET] =
		SQL("SELECT police_kind, police_number, police_unit, police_reta, police_sidpol, "
			"police_received FROM cases WHERE id = $1::bigint"),
	/* the State's response statistics (store_response_sql.h) */
	[STMT_CASE_POLICE_REF] =
		SQL("SELECT count(*) FROM cases c WHERE (($1::text IS NOT NULL AND c.police_number = $1::text) "
			"OR ($2::text IS NOT NULL AND c.police_reta = $2::text) "
			"OR ($3::text IS NOT NULL AND c.police_sidpol = $3::text)) "
			"AND ($4::bigint IS NULL OR c.office_id = $4::bigint OR EXISTS (SELECT 1 FROM "
			"case_shares s WHERE s.case_id = c.id AND s.office_id = $4::bigint))"),
	[STMT_RSTAT_PROTECTIONS] = SQL(RP_PROTECTIONS),
	[STMT_RSTAT_ASSET_STAGE] = SQL(RP_ASSET_STAGE),
	[STMT_RSTAT_ASSET_FIRST] = SQL(RP_ASSET_FIRST("strpos($14::text, ',' || x.measure || ',') > 0")),
	[STMT_RSTAT_ASSET_REALISED] = SQL(RP_ASSET_REALISED("strpos($14::text, ',' || m.measure || ',') > 0")),
	STORE_MERGE_SQL
};
