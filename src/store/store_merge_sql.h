/*
 * store_merge_sql.h — the SQL of store_merge.c, one text for both backends:
 * RP_INT(n) and RP_TEXT(n) are the bound parameters of store_response_sql.h
 * ("?n" in SQLite, "$n::bigint" / "$n::text" in PostgreSQL).
 */
#ifndef KHIPU_STORE_MERGE_SQL_H
#define KHIPU_STORE_MERGE_SQL_H

/* person -> case, office, role, share office (NULL), by case */
#define MG_CASES \
	"SELECT x.case_id, c.office_id, x.role, sh.office_id FROM (" \
	"SELECT case_id, role FROM participations WHERE person_id = " RP_INT(1) " " \
	"UNION SELECT case_id, 'identifier' FROM identifiers WHERE person_id = " RP_INT(1) \
	") x JOIN cases c ON c.id = x.case_id " \
	"LEFT JOIN case_shares sh ON sh.case_id = x.case_id " \
	"ORDER BY x.case_id, x.role, sh.office_id"
/* kept, merged, by, at -> id */
#define MG_INSERT \
	"INSERT INTO person_merges(kept_id, merged_id, merged_by, merged_at) VALUES (" \
	RP_INT(1) ", " RP_INT(2) ", " RP_TEXT(3) ", " RP_INT(4) ") RETURNING id"
/* merge, person: remember the person's rows */
#define MG_ROWS_PARTS \
	"INSERT INTO person_merge_rows(merge_id, tbl, row_id) SELECT " RP_INT(1) \
	", 'participations', id FROM participations WHERE person_id = " RP_INT(2)
#define MG_ROWS_IDENTS \
	"INSERT INTO person_merge_rows(merge_id, tbl, row_id) SELECT " RP_INT(1) \
	", 'identifiers', id FROM identifiers WHERE person_id = " RP_INT(2)
/* merge, person: the merge's rows now belong to person */
#define MG_MOVE_PARTS \
	"UPDATE participations SET person_id = " RP_INT(2) " WHERE id IN (SELECT row_id " \
	"FROM person_merge_rows WHERE merge_id = " RP_INT(1) " AND tbl = 'participations')"
#define MG_MOVE_IDENTS \
	"UPDATE identifiers SET person_id = " RP_INT(2) " WHERE id IN (SELECT row_id " \
	"FROM person_merge_rows WHERE merge_id = " RP_INT(1) " AND tbl = 'identifiers')"
/* merge -> participations moved, identifiers moved */
#define MG_COUNT \
	"SELECT (SELECT count(*) FROM person_merge_rows WHERE merge_id = " RP_INT(1) \
	" AND tbl = 'participations'), (SELECT count(*) FROM person_merge_rows " \
	"WHERE merge_id = " RP_INT(1) " AND tbl = 'identifiers')"
/* kept (0 = any), merged -> id, kept, merged, by, at of the live merge */
#define MG_LIVE \
	"SELECT id, kept_id, merged_id, merged_by, merged_at FROM person_merges " \
	"WHERE merged_id = " RP_INT(2) " AND (" RP_INT(1) " = 0 OR kept_id = " RP_INT(1) ") " \
	"AND undone_at IS NULL ORDER BY id DESC"
/* id, by, at */
#define MG_UNDO \
	"UPDATE person_merges SET undone_by = " RP_TEXT(2) ", undone_at = " RP_INT(3) \
	" WHERE id = " RP_INT(1) " AND undone_at IS NULL"
/* merge -> case ids */
#define MG_MOVED_CASES \
	"SELECT case_id FROM participations WHERE id IN (SELECT row_id FROM person_merge_rows " \
	"WHERE merge_id = " RP_INT(1) " AND tbl = 'participations') UNION " \
	"SELECT case_id FROM identifiers WHERE id IN (SELECT row_id FROM person_merge_rows " \
	"WHERE merge_id = " RP_INT(1) " AND tbl = 'identifiers') ORDER BY 1"
/* a, b, by, at */
#define MG_REJECT \
	"INSERT INTO dedup_rejections(person_a, person_b, rejected_by, rejected_at) VALUES (" \
	RP_INT(1) ", " RP_INT(2) ", " RP_TEXT(3) ", " RP_INT(4) ") " \
	"ON CONFLICT (person_a, person_b) DO NOTHING"
#define MG_REJECTED "SELECT person_a, person_b FROM dedup_rejections ORDER BY 1, 2"

#define STORE_MERGE_SQL \
	[STMT_MERGE_CASES] = SQL(MG_CASES), \
	[STMT_MERGE_INSERT] = SQL(MG_INSERT), \
	[STMT_MERGE_ROWS_PARTS] = SQL(MG_ROWS_PARTS), \
	[STMT_MERGE_ROWS_IDENTS] = SQL(MG_ROWS_IDENTS), \
	[STMT_MERGE_MOVE_PARTS] = SQL(MG_MOVE_PARTS), \
	[STMT_MERGE_MOVE_IDENTS] = SQL(MG_MOVE_IDENTS), \
	[STMT_MERGE_COUNT] = SQL(MG_COUNT), \
	[STMT_MERGE_LIVE] = SQL(MG_LIVE), \
	[STMT_MERGE_UNDO] = SQL(MG_UNDO), \
	[STMT_MERGE_MOVED_CASES] = SQL(MG_MOVED_CASES), \
	[STMT_DEDUP_REJECT] = SQL(MG_REJECT), \
	[STMT_DEDUP_REJECTED] = SQL(MG_REJECTED),

#endif
