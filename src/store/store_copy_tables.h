/*
 * store_copy_tables.h — every table of the register, for copying a whole
 * register between stores (khipu migrate, PostgreSQL backup and restore;
 * store_copy.c). One X-macro row per table, in an order in which every
 * reference points to a table already copied:
 *
 *   X(name, columns, key order, placeholders)
 *
 * From each row come three statements of enum store_stmt (store_int.h):
 * STMT_COPY_<name>_READ ("SELECT columns ORDER BY key"), _WRITE (insert
 * one row) and _CLEAR (delete every row). Their text is the same for both
 * backends: "$1".. placeholders in order are positional in PostgreSQL and
 * named-in-order in SQLite, and an INSERT takes its parameter types from
 * the columns. schema_migrations is not copied: the target is migrated to
 * the same version by store_migrate.
 *
 * Keep in step with src/store/migrations: a table the copy does not know
 * makes every copy refuse to run (store_copy_check_tables), never drop it.
 */
#ifndef KHIPU_STORE_COPY_TABLES_H
#define KHIPU_STORE_COPY_TABLES_H

#define STORE_COPY_TABLES(X) \
	X(meta, "key, value", "key", "$1, $2") \
	X(offices, "id, code, name, kind, distrito_fiscal, department", "id", \
		"$1, $2, $3, $4, $5, $6") \
	X(users, "id, name, role, office_id, locked, pwhash, lang, failed_logins, created", \
		"id", "$1, $2, $3, $4, $5, $6, $7, $8, $9") \
	X(cases, "id, number, office_id, complaint_date, complaint_source, place_country, " \
		"place_ubigeo, place_department, stage, synthetic, created_by, created_at, " \
		"term_kind, term_start, term_due, term_extended, assigned_to, version, " \
		"police_kind, police_number, police_unit, police_reta, police_sidpol, " \
		"police_received", "id", \
		"$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, " \
		"$18, $19, $20, $21, $22, $23, $24") \
	X(case_codes, "case_id, dim, code, pos", "case_id, dim, code", "$1, $2, $3, $4") \
	X(case_shares, "case_id, office_id", "case_id, office_id", "$1, $2") \
	X(case_transfers, "id, case_id, from_office, to_office, transferred_by, " \
		"transferred_at", "id", "$1, $2, $3, $4, $5, $6") \
	X(persons, "id, sex, birth_year, nationality, origin_ubigeo, doc_type", "id", \
		"$1, $2, $3, $4, $5, $6") \
	X(participations, "id, case_id, person_id, role, age_at_recruitment, " \
		"trafficking_status, relationship, recruitment_country, recruitment_ubigeo, " \
		"exploitation_country, exploitation_ubigeo, recruitment_date, exploitation_start, " \
		"exploitation_end, rescue_date, outcome, sentence_months, reparation_cents, " \
		"reparation_currency, removed_in, convicted_on, prosecuted_on, offence", "id", \
		"$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, " \
		"$18, $19, $20, $21, $22, $23") \
	X(participation_codes, "participation_id, dim, code, pos", "participation_id, dim, code", \
		"$1, $2, $3, $4") \
	X(coercive_measures, "participation_id, pos, kind, date", "participation_id, pos", \
		"$1, $2, $3, $4") \
	X(protections, "participation_id, pos, measure, provider, date, end_date, consent, " \
		"result", "participation_id, pos", "$1, $2, $3, $4, $5, $6, $7, $8") \
	X(suspect_steps, "participation_id, pos, step, date, offence, prison_months, suspended, " \
		"days_fine, disqualification_months, disqualification, reparation_cents, " \
		"reparation_currency", "participation_id, pos", \
		"$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12") \
	X(reparation_payments, "participation_id, pos, date, amount_cents", "participation_id, pos", \
		"$1, $2, $3, $4") \
	X(events, "id, case_id, stage, date, recorded_by, recorded_at, removed_in", "id", \
		"$1, $2, $3, $4, $5, $6, $7") \
	X(assets, "id, case_id, kind, value_cents, currency, removed_in, owner_participation, " \
		"owner_relation, forfeiture_file", "id", "$1, $2, $3, $4, $5, $6, $7, $8, $9") \
	X(asset_measures, "asset_id, pos, measure, date, value_cents, reference", \
		"asset_id, pos", "$1, $2, $3, $4, $5, $6") \
	X(identifiers, "id, case_id, person_id, kind, removed_in, asset_id", "id", \
		"$1, $2, $3, $4, $5, $6") \
	X(requests, "id, case_id, direction, country, authority, type, status, sent, " \
		"received, due, reference, removed_in, legal_basis, channel, assistance, answered, " \
		"persons, assets", "id", \
		"$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18") \
	X(revisions, "id, case_id, version, ts, actor, changes", "id", "$1, $2, $3, $4, $5, $6") \
	X(sealed, "tbl, row_id, col, blob", "tbl, row_id, col", "$1, $2, $3, $4") \
	X(blind, "kind, hash, tbl, row_id", "kind, hash, tbl, row_id", "$1, $2, $3, $4") \
	X(audit, "seq, ts, actor, action, object, detail, key_id, prev, hash", "seq", \
		"$1, $2, $3, $4, $5, $6, $7, $8, $9") \
	X(sessions, "id, kind, hash, user_id, created, last_seen, expires", "id", \
		"$1, $2, $3, $4, $5, $6, $7") \
	STORE_COPY_ATTACH(X) \
	STORE_COPY_MERGES(X) \
	STORE_COPY_STATS(X)

/* The statistics (0003_stats.sql). Imported records (stat_sources, and the
 * facts and codes of source <> 'register') cannot be derived again, so they
 * must be copied. The facts derived from the cases, and the cubes, could be
 * rebuilt, but they are copied too: the meta key "stats.marks" (copied with
 * meta) says up to which ids they were derived, the cubes add up register and
 * imported facts alike, and a copy that took the marks without the rows
 * would leave a register whose statistics miss everything before them.
 * Copied whole, the pair stays consistent and the digest proves both. */
#define STORE_COPY_STATS(X) \
	X(stat_sources, "id, tag, format, file, records, rejected, imported_by, imported_at", \
		"id", "$1, $2, $3, $4, $5, $6, $7, $8") \
	X(stat_facts, "kind, id, source, case_id, year, region, distrito_fiscal, office, sex, " \
		"age_band, age_group, nationality, origin_region, exploitation_country, " \
		"exploitation_region, stage, outcome, currency, value, convicted, assignee", \
		"kind, id", "$1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, " \
		"$16, $17, $18, $19, $20, $21") \
	X(stat_codes, "fact_id, dim, code", "fact_id, dim, code", "$1, $2, $3") \
	X(stat_cube, "cube, source, year, k1, k2, k3, k4, n", \
		"cube, source, year, k1, k2, k3, k4", "$1, $2, $3, $4, $5, $6, $7, $8")

/* Attachments (0006_attachments.sql): the rows and their encrypted chunks,
 * byte for byte; their keys, titles and names travel with `sealed`. */
#define STORE_COPY_ATTACH(X) \
	X(attachments, "id, case_id, seq, type, size, chunks, header, created_by, created_at", \
		"id", "$1, $2, $3, $4, $5, $6, $7, $8, $9") \
	X(attachment_chunks, "attachment_id, pos, data", "attachment_id, pos", "$1, $2, $3")

/* Merged persons and rejected dedup pairs (0017_person_merges.sql). */
#define STORE_COPY_MERGES(X) \
	X(person_merges, "id, kept_id, merged_id, merged_by, merged_at, undone_by, undone_at", \
		"id", "$1, $2, $3, $4, $5, $6, $7") \
	X(person_merge_rows, "merge_id, tbl, row_id", "merge_id, tbl, row_id", "$1, $2, $3") \
	X(dedup_rejections, "person_a, person_b, rejected_by, rejected_at", \
		"person_a, person_b", "$1, $2, $3, $4")

/* The enum entries (inside enum store_stmt). */
#define STORE_COPY_ENUM_(name, cols, key, params) \
	STMT_COPY_##name##_READ, STMT_COPY_##name##_WRITE, STMT_COPY_##name##_CLEAR,

/* The SQL rows (inside a backend's table of statements). */
#define STORE_COPY_SQL_(name, cols, key, params) \
	[STMT_COPY_##name##_READ] = { "SELECT " cols " FROM " #name " ORDER BY " key, \
		STORE_SQL_STREAM }, \
	[STMT_COPY_##name##_WRITE] = { "INSERT INTO " #name "(" cols ") VALUES (" params ")", 0 }, \
	[STMT_COPY_##name##_CLEAR] = { "DELETE FROM " #name, 0 },
#define STORE_COPY_SQL STORE_COPY_TABLES(STORE_COPY_SQL_)

#endif
