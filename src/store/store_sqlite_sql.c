/*
 * store_sqlite_sql.c — the SQL text of every statement for SQLite, one row
 * per enum store_stmt (store_int.h). Values are always bound (?1, ?2...);
 * column orders are the contract with the readers in store_*.c.
 */
#include "store/store_int.h"

/* Plain statements, and inserts whose new id the backend reports (store_int.h). */
#define SQL(text)   { text, 0 }
#define NEWID(text) { text, STORE_SQL_NEWID }

#define CASE_COLS "c.id, c.number, c.office_id, c.complaint_date, c.complaint_source, " \
	"c.place_country, c.place_ubigeo, c.stage, c.synthetic, c.created_by, c.created_at"

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

const struct store_sql store_sqlite_sql[STMT__MAX] = {
	[STMT_SCHEMA_EXISTS] =
		SQL("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"),
	[STMT_SCHEMA_VERSION] =
		SQL("SELECT coalesce(max(version), 0) FROM schema_migrations"),
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
			"created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, coalesce(?8, 'complaint'), ?9, "
			"?10, ?11)"),
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
	[STMT_CASE_SET_STAGE] =
		SQL("UPDATE cases SET stage = ?2 WHERE id = ?1 RETURNING id"),
	/* ?1 office, ?2 stage, ?3 department, ?6 exploitation, ?7 number
	 * substring (NULL = any), ?4/?5 complaint dates [from, to) (always set,
	 * so the date index gives both the range and the order), ?8 limit,
	 * ?9 offset */
	[STMT_CASE_LIST] =
		SQL("SELECT " CASE_COLS ", o.code, "
			"(SELECT count(*) FROM participations p WHERE p.case_id = c.id AND p.role = 'victim'), "
			"(SELECT count(*) FROM participations p WHERE p.case_id = c.id AND p.role = 'suspect') "
			"FROM cases c JOIN offices o ON o.id = c.office_id "
			"WHERE (?1 IS NULL OR c.office_id = ?1 OR EXISTS (SELECT 1 FROM case_shares s "
			"  WHERE s.case_id = c.id AND s.office_id = ?1)) "
			"AND (?2 IS NULL OR c.stage = ?2) "
			"AND (?3 IS NULL OR c.place_department = ?3) "
			"AND c.complaint_date >= ?4 AND c.complaint_date < ?5 "
			"AND (?6 IS NULL OR EXISTS (SELECT 1 FROM participations p "
			"  JOIN participation_codes pc ON pc.participation_id = p.id "
			"  WHERE p.case_id = c.id AND p.role = 'victim' AND pc.dim = 'exploitation' "
			"  AND pc.code = ?6)) "
			"AND (?7 IS NULL OR instr(lower(c.number), lower(?7)) > 0) "
			"ORDER BY c.complaint_date DESC, c.id DESC LIMIT ?8 OFFSET ?9"),
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
			"WHERE p.case_id = ?1 ORDER BY p.id"),
	[STMT_PERSON_PARTS] =
		SQL("SELECT " PART_COLS " FROM participations p JOIN persons s ON s.id = p.person_id "
			"WHERE p.person_id = ?1 ORDER BY p.id"),
	/* ?1..?32: person ids, NULL for unused places (STORE_ROLES_BATCH) */
	[STMT_PERSON_ROLES] =
		SQL("SELECT s.id, s.sex, s.birth_year, s.nationality, s.origin_ubigeo, s.doc_type, "
			"p.id, p.case_id, p.role, c.number, c.office_id, sh.office_id "
			"FROM persons s LEFT JOIN participations p ON p.person_id = s.id "
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
			"WHERE case_id = ?1 ORDER BY coalesce(date, ''), id"),
	[STMT_ASSET_INSERT] =
		NEWID("INSERT INTO assets(case_id, kind, value_cents, currency) VALUES (?1, ?2, ?3, ?4)"),
	[STMT_ASSET_MEASURE_INSERT] =
		SQL("INSERT INTO asset_measures(asset_id, pos, measure, date) VALUES (?1, ?2, ?3, ?4)"),
	[STMT_CASE_ASSETS] =
		SQL("SELECT id, case_id, kind, value_cents, currency FROM assets WHERE case_id = ?1 "
			"ORDER BY id"),
	[STMT_ASSET_MEASURES] =
		SQL("SELECT measure, date FROM asset_measures WHERE asset_id = ?1 ORDER BY pos"),
	[STMT_IDENT_INSERT] =
		NEWID("INSERT INTO identifiers(case_id, person_id, kind) VALUES (?1, ?2, ?3)"),
	[STMT_IDENT_GET] =
		SQL("SELECT id, case_id, person_id, kind FROM identifiers WHERE id = ?1"),
	[STMT_CASE_IDENTS] =
		SQL("SELECT id, case_id, person_id, kind FROM identifiers WHERE case_id = ?1 ORDER BY id"),
	[STMT_REQUEST_INSERT] =
		NEWID("INSERT INTO requests(case_id, direction, country, authority, type, status, sent, "
			"received, due, reference) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"),
	[STMT_CASE_REQUESTS] =
		SQL("SELECT id, case_id, direction, country, authority, type, status, sent, received, "
			"due, reference FROM requests WHERE case_id = ?1 ORDER BY id"),

	[STMT_AUDIT_APPEND] =
		SQL("INSERT INTO audit(" AUDIT_COLS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"),
	[STMT_AUDIT_LAST] =
		SQL("SELECT " AUDIT_COLS " FROM audit ORDER BY seq DESC LIMIT 1"),
	[STMT_AUDIT_FROM] =
		SQL("SELECT " AUDIT_COLS " FROM audit WHERE seq >= ?1 ORDER BY seq"),

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
};
