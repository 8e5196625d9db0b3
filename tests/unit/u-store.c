/*
 * u-store.c — unit tests for the store on a real SQLite file in a temporary
 * directory: migrations, offices and users, a whole case round trip, the
 * case list filters, transactions, sealed values, blind indexes, the audit
 * table, backup, restore and check. With KHIPU_TEST_BACKEND=pg the same
 * tests run on a database of the PostgreSQL test server (pgtest.h); the few
 * that are about SQLite files are skipped there.
 */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <sqlite3.h>

#include "lib/arena.h"
#include "lib/kerr.h"
#include "store/store.h"
#include "store/store_int.h"

#include "pgtest.h"

/* ---- fixture: a fresh, migrated register per test ---- */

static char dir[64];
static char dbpath[512];     /* a file, or the url of a PostgreSQL database */
static char pgname[64];
static struct store *st;
static struct kerr err;
static struct arena ar;

static void
path_in_dir(char *out, size_t n, const char *name)
{
	snprintf(out, n, "%s/%s", dir, name);
}

static void
setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/khipu-ustore-XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	path_in_dir(dbpath, sizeof(dbpath), "k.db");
	if (pgtest_on())
		pgtest_db_new(dbpath, sizeof(dbpath), pgname, sizeof(pgname));
	cr_assert_eq(store_open(dbpath, STORE_CREATE, &st, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(store_migrate(st, &err), KERR_OK, "%s", err.msg);
	arena_init(&ar);
}

static void
teardown(void)
{
	char cmd[128];

	if (dir[0] == '\0')
		return;   /* released already */
	arena_release(&ar);
	store_close(st);
	st = NULL;
	if (pgtest_on())
		pgtest_db_drop(pgname);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
	dir[0] = '\0';
}

TestSuite(store, .init = setup, .fini = teardown);

/* For a test about SQLite files only; Criterion runs no .fini after a
 * skip, so the fixture is released here (teardown may run twice). */
#define SQLITE_ONLY() do { if (pgtest_on()) { teardown(); \
	cr_skip_test("about SQLite files"); } } while (0)

/* Run SQL on the file behind the store's back (to break it on purpose). */
static void
raw_sql(const char *path, const char *sql)
{
	sqlite3 *db;

	if (pgtest_on()) {
		/* PostgreSQL's way to write past the foreign keys */
		const char *off = "PRAGMA foreign_keys = OFF;";
		char buf[1024];
		if (strncmp(sql, off, strlen(off)) == 0) {
			snprintf(buf, sizeof(buf), "SET session_replication_role = replica;%s",
				sql + strlen(off));
			sql = buf;
		}
		pgtest_sql(path, sql);
		return;
	}
	cr_assert_eq(sqlite3_open(path, &db), SQLITE_OK);
	cr_assert_eq(sqlite3_exec(db, sql, NULL, NULL, NULL), SQLITE_OK, "%s", sqlite3_errmsg(db));
	sqlite3_close(db);
}

static int64_t
add_office(const char *code, const char *dep)
{
	struct office o = { .code = code, .name = "Fiscalía especializada", .kind = "fepmtp",
		.distrito_fiscal = "lima", .department = dep };

	cr_assert_eq(store_office_insert(st, &o, &err), KERR_OK, "%s", err.msg);
	cr_assert_gt(o.id, 0);
	return o.id;
}

static int64_t
add_user(const char *name, enum role role, int64_t office)
{
	struct user u = { .name = name, .role = role, .office_id = office,
		.pwhash = "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA", .lang = "es",
		.created = 1700000000 };

	cr_assert_eq(store_user_insert(st, &u, &err), KERR_OK, "%s", err.msg);
	return u.id;
}

/* ---- schema and opening ---- */

Test(store, migrates_a_fresh_database)
{
	struct stat sb;

	SQLITE_ONLY();

	cr_assert_geq(store_schema_latest(), 1);
	cr_assert_eq(store_schema_version(st), store_schema_latest());
	cr_assert_str_eq(store_backend(st), "sqlite");
	cr_assert_str_eq(store_url(st), dbpath);
	cr_assert_eq(stat(dbpath, &sb), 0);
	cr_assert_eq(sb.st_mode & 0777, 0600, "the register is private to its owner");
	/* again: nothing to do, nothing changes */
	cr_assert_eq(store_migrate(st, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(store_schema_version(st), store_schema_latest());
}

Test(store, empty_database_has_version_zero)
{
	struct store *s2;
	char p[160];

	SQLITE_ONLY();

	path_in_dir(p, sizeof(p), "empty.db");
	cr_assert_eq(store_open(p, STORE_CREATE, &s2, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(store_schema_version(s2), 0);
	store_close(s2);
}

Test(store, sqlite_url_prefix_opens_the_same_file)
{
	struct store *s2;
	char url[sizeof(dbpath) + 8];
	int64_t n = -1;

	SQLITE_ONLY();

	add_office("FEPMTP-LIM", "15");
	snprintf(url, sizeof(url), "sqlite:%s", dbpath);
	cr_assert_eq(store_open(url, 0, &s2, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(store_schema_version(s2), store_schema_latest());
	cr_assert_eq(store_case_count(s2, &n, &err), KERR_OK);
	cr_assert_eq(n, 0);
	store_close(s2);
}

Test(store, refuses_a_schema_newer_than_the_binary)
{
	char sql[160];

	store_close(st);
	snprintf(sql, sizeof(sql), "INSERT INTO schema_migrations VALUES (%d, 'future', 0)",
		store_schema_latest() + 1);
	raw_sql(dbpath, sql);
	cr_assert_eq(store_open(dbpath, 0, &st, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(store_migrate(st, &err), KERR_INTEGRITY);
	cr_assert_not_null(strstr(err.msg, "newer than this khipu"), "%s", err.msg);
}

Test(store, refuses_a_missing_database_without_create)
{
	struct store *s2 = NULL;
	char p[160];

	SQLITE_ONLY();

	path_in_dir(p, sizeof(p), "nope.db");
	cr_assert_eq(store_open(p, 0, &s2, &err), KERR_IO);
	cr_assert_null(s2);
	cr_assert_not_null(strstr(err.msg, "does not exist; create it with 'khipu init'"),
		"%s", err.msg);
	cr_assert_neq(access(p, F_OK), 0, "the file must not have been created");
}

Test(store, refuses_a_file_that_is_not_a_database)
{
	struct store *s2 = NULL;
	char p[160];
	FILE *f;

	SQLITE_ONLY();

	path_in_dir(p, sizeof(p), "notes.txt");
	f = fopen(p, "w");
	cr_assert_not_null(f);
	for (int i = 0; i < 100; i++)
		fputs("this is not a database at all, just text\n", f);
	fclose(f);
	cr_assert_eq(store_open(p, 0, &s2, &err), KERR_IO);
	cr_assert_not_null(strstr(err.msg, "is not a khipu database"), "%s", err.msg);
}

Test(store, an_unreachable_postgresql_server_fails_clearly)
{
	struct store *s2 = NULL;

	cr_assert_eq(store_open("postgresql://khipu:secret@/khipu?host=/nonexistent-khipu-dir",
		0, &s2, &err), KERR_IO);
	cr_assert_null(s2);
	cr_assert_not_null(strstr(err.msg, "cannot reach PostgreSQL at "
		"'khipu@/nonexistent-khipu-dir:5432/khipu'"), "%s", err.msg);
	cr_assert_null(strstr(err.msg, "secret"), "no password in a message: %s", err.msg);
	cr_assert_eq(store_open("postgres://khipu@127.0.0.1:1/khipu?connect_timeout=5", 0, &s2,
		&err), KERR_IO);
	cr_assert_not_null(strstr(err.msg, "check that the server runs"), "%s", err.msg);
}

Test(store, urls_are_redacted_for_messages)
{
	char *r = store_url_redact("postgresql://ana:s3cr3t@db.example:5432/khipu?sslmode=require");

	cr_assert_str_eq(r, "postgresql://ana:***@db.example:5432/khipu?sslmode=require");
	free(r);
	r = store_url_redact("postgresql://ana@db/khipu?password=x&sslmode=require");
	cr_assert_str_eq(r, "postgresql://ana@db/khipu?password=***&sslmode=require");
	free(r);
	r = store_url_redact("var/khipu.db");
	cr_assert_str_eq(r, "var/khipu.db");
	free(r);
}

Test(store, every_statement_has_sqlite_text)
{
	SQLITE_ONLY();
	for (int i = 0; i < STMT__MAX; i++)
		cr_assert_not_null(store_sqlite_sql[i].text, "statement %d", i);
	/* and each one compiles against the migrated schema */
	{
		sqlite3 *db;
		sqlite3_stmt *q;
		cr_assert_eq(sqlite3_open(dbpath, &db), SQLITE_OK);
		for (int i = 0; i < STMT__MAX; i++) {
			cr_assert_eq(sqlite3_prepare_v2(db, store_sqlite_sql[i].text, -1, &q, NULL),
				SQLITE_OK, "statement %d: %s", i, sqlite3_errmsg(db));
			sqlite3_finalize(q);
		}
		sqlite3_close(db);
	}
	cr_assert_eq(store_migrations[store_nmigrations - 1].version, store_schema_latest());
	for (size_t i = 0; i < store_nmigrations; i++)
		cr_assert_gt(store_migrations[i].version, i ? store_migrations[i - 1].version : 0);
}

Test(store, ddl_substitution_for_other_dialects)
{
	static const char *const map[][2] = {
		{ "INTEGER PRIMARY KEY", "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY" },
		{ "BLOB", "BYTEA" },
		{ " WITHOUT ROWID", "" },
	};
	char *out = store_ddl_subst("CREATE TABLE t (id INTEGER PRIMARY KEY, b BLOB, c BLOB)"
		" WITHOUT ROWID;", map, 3);

	cr_assert_str_eq(out, "CREATE TABLE t (id BIGINT GENERATED BY DEFAULT AS IDENTITY "
		"PRIMARY KEY, b BYTEA, c BYTEA);");
	free(out);
	out = store_ddl_subst("SELECT 1", NULL, 0);
	cr_assert_str_eq(out, "SELECT 1");
	free(out);
}

/* ---- meta, offices, users ---- */

Test(store, meta_set_get_and_overwrite)
{
	const char *v;

	cr_assert_eq(store_meta_get(st, "audit_head", &ar, &v, &err), KERR_NOTFOUND);
	cr_assert_eq(store_meta_set(st, "audit_head", "1:abc", &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(store_meta_set(st, "audit_head", "2:def", &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(store_meta_get(st, "audit_head", &ar, &v, &err), KERR_OK);
	cr_assert_str_eq(v, "2:def");
}

Test(store, offices_insert_get_list_and_conflict)
{
	struct office o, *list;
	size_t n;
	int64_t b = add_office("FEPMTP-MDD", "17");
	int64_t a = add_office("FEPMTP-CUS", "08");
	struct office dup = { .code = "FEPMTP-MDD", .name = "otra" };

	cr_assert_eq(store_office_get(st, b, &ar, &o, &err), KERR_OK, "%s", err.msg);
	cr_assert_str_eq(o.code, "FEPMTP-MDD");
	cr_assert_str_eq(o.name, "Fiscalía especializada");
	cr_assert_str_eq(o.kind, "fepmtp");
	cr_assert_str_eq(o.distrito_fiscal, "lima");
	cr_assert_str_eq(o.department, "17");
	cr_assert_eq(store_office_by_code(st, "FEPMTP-CUS", &ar, &o, &err), KERR_OK);
	cr_assert_eq(o.id, a);
	cr_assert_eq(store_office_by_code(st, "NOPE", &ar, &o, &err), KERR_NOTFOUND);
	cr_assert_eq(store_office_get(st, 999, &ar, &o, &err), KERR_NOTFOUND);
	cr_assert_eq(store_office_insert(st, &dup, &err), KERR_CONFLICT);
	cr_assert_str_eq(err.field, "code");
	cr_assert_eq(store_office_list(st, &ar, &list, &n, &err), KERR_OK);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(list[0].code, "FEPMTP-CUS", "ordered by code");
	cr_assert_str_eq(list[1].code, "FEPMTP-MDD");
}

Test(store, users_insert_get_update_list_and_conflict)
{
	int64_t off = add_office("FEPMTP-PUN", "21");
	int64_t ana = add_user("ana", ROLE_PROSECUTOR, off);
	struct user u, *list;
	size_t n;

	add_user("admin", ROLE_ADMIN, 0);
	cr_assert_eq(store_user_by_name(st, "ana", &ar, &u, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(u.id, ana);
	cr_assert_eq(u.role, ROLE_PROSECUTOR);
	cr_assert_eq(u.office_id, off);
	cr_assert_eq(u.locked, 0);
	cr_assert_str_eq(u.lang, "es");
	cr_assert_str_eq(u.pwhash, "$argon2id$v=19$m=65536,t=2,p=1$c2FsdA$aGFzaA");
	cr_assert_eq(u.created, 1700000000);

	u.role = ROLE_ANALYST;
	u.office_id = 0;
	u.locked = 1;
	u.failed_logins = 5;
	u.lang = "en";
	u.pwhash = "$argon2id$new";
	cr_assert_eq(store_user_update(st, &u, &err), KERR_OK, "%s", err.msg);
	memset(&u, 0, sizeof(u));
	cr_assert_eq(store_user_get(st, ana, &ar, &u, &err), KERR_OK);
	cr_assert_eq(u.role, ROLE_ANALYST);
	cr_assert_eq(u.office_id, 0);
	cr_assert_eq(u.locked, 1);
	cr_assert_eq(u.failed_logins, 5);
	cr_assert_str_eq(u.lang, "en");
	cr_assert_str_eq(u.pwhash, "$argon2id$new");
	u.pwhash = NULL;    /* NULL keeps the password */
	cr_assert_eq(store_user_update(st, &u, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(store_user_get(st, ana, &ar, &u, &err), KERR_OK);
	cr_assert_str_eq(u.pwhash, "$argon2id$new");

	u.name = "ana";
	cr_assert_eq(store_user_insert(st, &u, &err), KERR_CONFLICT);
	cr_assert_str_eq(err.field, "name");
	u.id = 4242;
	cr_assert_eq(store_user_update(st, &u, &err), KERR_NOTFOUND);
	cr_assert_eq(store_user_by_name(st, "bob", &ar, &u, &err), KERR_NOTFOUND);
	u.role = ROLE__MAX;
	cr_assert_eq(store_user_insert(st, &u, &err), KERR_INVALID);

	cr_assert_eq(store_user_list(st, &ar, &list, &n, &err), KERR_OK);
	cr_assert_eq(n, 2);
	cr_assert_str_eq(list[0].name, "admin");
	cr_assert_eq(list[0].role, ROLE_ADMIN);
	cr_assert_eq(list[0].office_id, 0);
	cr_assert_str_eq(list[1].name, "ana");
}

/* ---- a whole case ---- */

static const char *offences[] = { "art153", "art153a" };
static const char *related[] = { "organised_crime" };
static const char *expl_v1[] = { "sexual", "forced_labour" };
static const char *control_v1[] = { "debt_bondage", "threats", "document_retention" };
static const char *recr_v1[] = { "false_job_offer" };
static const char *assist_v1[] = { "shelter", "psychological" };
static const char *expl_v2[] = { "forced_labour" };
static const char *net_roles[] = { "recruiter", "transporter" };
static const char *charges[] = { "art153" };

struct fixture_case {
	struct kcase c;
	struct participation parts[4];
	struct event events[3];
	struct asset assets[2];
	struct asset_measure am0[2];
	struct coercive_measure cm[2];
	struct identifier idents[2];
	struct intl_request req;
	int64_t shares[1];
};

/* Insert the mining-camp case of the design's first journey. */
static void
insert_case(struct fixture_case *f, const char *number, int64_t office, int64_t share,
	int64_t user)
{
	struct kcase *c = &f->c;
	size_t i;

	memset(f, 0, sizeof(*f));
	c->number = number;
	c->office_id = office;
	strcpy(c->complaint_date, "2023-04-11");
	c->complaint_source = "police_report";
	c->place.country = "PE";
	c->place.ubigeo = "170101";
	c->offences = offences;
	c->noffences = 2;
	c->related = related;
	c->nrelated = 1;
	c->stage = "preliminary";
	c->created_by = user;
	c->created_at = 1700000100;
	f->shares[0] = share;
	c->shared_with = f->shares;
	c->nshared = share ? 1 : 0;
	cr_assert_eq(store_case_insert(st, c, &err), KERR_OK, "%s", err.msg);
	cr_assert_gt(c->id, 0);

	/* two victims, one suspect, one witness */
	f->parts[0].role = "victim";
	f->parts[0].person = (struct person){ .name = "never stored", .sex = "f",
		.birth_year = 2005, .nationality = "PE", .origin_ubigeo = "080101",
		.doc_type = "dni" };
	f->parts[0].victim = (struct victim_attrs){ .age_at_recruitment = 17,
		.trafficking_status = "actual", .exploitation = expl_v1, .nexploitation = 2,
		.control = control_v1, .ncontrol = 3, .recruitment = recr_v1, .nrecruitment = 1,
		.assistance = assist_v1, .nassistance = 2, .relationship = "acquaintance",
		.recruitment_place = { "PE", "080101" }, .exploitation_place = { "PE", "170101" },
		.recruitment_date = "2022-11-02", .exploitation_start = "2022-11-20",
		.exploitation_end = "2023-04-10", .rescue_date = "2023-04-10" };
	f->parts[1].role = "victim";
	f->parts[1].person = (struct person){ .sex = "f", .nationality = "BO",
		.origin_ubigeo = "" };
	f->parts[1].victim = (struct victim_attrs){ .age_at_recruitment = -1,
		.exploitation = expl_v2, .nexploitation = 1,
		.recruitment_place = { "BO", "" }, .exploitation_place = { "PE", "1701" } };
	f->cm[0] = (struct coercive_measure){ "detention", "2023-04-10" };
	f->cm[1] = (struct coercive_measure){ "prision_preventiva", "2023-04-12" };
	f->parts[2].role = "suspect";
	f->parts[2].person = (struct person){ .sex = "m", .birth_year = 1980,
		.nationality = "PE", .origin_ubigeo = "2101" };
	f->parts[2].victim.age_at_recruitment = 44;    /* not a victim: not stored */
	f->parts[2].suspect = (struct suspect_attrs){ .network_roles = net_roles,
		.nnetwork_roles = 2, .charges = charges, .ncharges = 1, .measures = f->cm,
		.nmeasures = 2, .outcome = "convicted", .sentence_months = 180,
		.reparation_cents = 5000000, .reparation_currency = "PEN" };
	f->parts[3].role = "witness";
	f->parts[3].person = (struct person){ .sex = "m" };
	for (i = 0; i < 4; i++) {
		cr_assert_eq(store_person_insert(st, &f->parts[i].person, &err), KERR_OK, "%s",
			err.msg);
		f->parts[i].case_id = c->id;
		f->parts[i].person_id = f->parts[i].person.id;
		cr_assert_eq(store_participation_insert(st, &f->parts[i], &err), KERR_OK, "%s",
			err.msg);
	}

	/* events recorded out of date order */
	f->events[0] = (struct event){ .case_id = c->id, .stage = "investigation",
		.date = "2023-06-01", .recorded_by = user, .recorded_at = 1700000200 };
	f->events[1] = (struct event){ .case_id = c->id, .stage = "complaint",
		.date = "2023-04-11", .recorded_by = user, .recorded_at = 1700000300 };
	f->events[2] = (struct event){ .case_id = c->id, .stage = "preliminary",
		.date = "2023-04-11", .recorded_by = 0, .recorded_at = 1700000400 };
	for (i = 0; i < 3; i++)
		cr_assert_eq(store_event_insert(st, &f->events[i], &err), KERR_OK, "%s", err.msg);

	f->am0[0] = (struct asset_measure){ .measure = "seized", .date = "2023-04-10" };
	f->am0[1] = (struct asset_measure){ .measure = "forfeited", .date = "2024-09-30" };
	f->assets[0] = (struct asset){ .case_id = c->id, .kind = "vehicle",
		.value_cents = 4500000, .currency = "PEN", .measures = f->am0, .nmeasures = 2 };
	f->assets[1] = (struct asset){ .case_id = c->id, .kind = "cash",
		.value_cents = 1200000, .currency = "USD" };
	for (i = 0; i < 2; i++)
		cr_assert_eq(store_asset_insert(st, &f->assets[i], &err), KERR_OK, "%s", err.msg);

	f->idents[0] = (struct identifier){ .case_id = c->id,
		.person_id = f->parts[2].person_id, .kind = "phone", .value = "never stored" };
	f->idents[1] = (struct identifier){ .case_id = c->id, .kind = "vehicle_plate" };
	for (i = 0; i < 2; i++)
		cr_assert_eq(store_identifier_insert(st, &f->idents[i], &err), KERR_OK, "%s",
			err.msg);

	f->req = (struct intl_request){ .case_id = c->id, .direction = "outgoing",
		.country = "BO", .authority = "Fiscalía General del Estado", .type = "mla",
		.status = "sent", .sent = "2023-07-01", .due = "2023-10-01",
		.reference = "MLA-2023-88" };
	cr_assert_eq(store_request_insert(st, &f->req, &err), KERR_OK, "%s", err.msg);
}

static void
assert_codes(const char **got, size_t ngot, const char **want, size_t nwant)
{
	cr_assert_eq(ngot, nwant);
	for (size_t i = 0; i < nwant; i++)
		cr_assert_str_eq(got[i], want[i]);
}

static void
assert_person(const struct person *got, const struct person *want, int64_t id)
{
	cr_assert_eq(got->id, id);
	cr_assert_null(got->name, "identities never come from the tables");
	cr_assert_null(got->doc_number);
	cr_assert_eq(got->birth_year, want->birth_year);
	cr_assert_str_eq(got->sex, want->sex);
	if (want->nationality)
		cr_assert_str_eq(got->nationality, want->nationality);
	else
		cr_assert_null(got->nationality);
	if (want->origin_ubigeo)
		cr_assert_str_eq(got->origin_ubigeo, want->origin_ubigeo);
	if (want->doc_type)
		cr_assert_str_eq(got->doc_type, want->doc_type);
}

Test(store, case_round_trip_with_every_child)
{
	int64_t off = add_office("FEPMTP-MDD", "17"), off2 = add_office("FEPMTP-CUS", "08");
	int64_t user = add_user("ana", ROLE_PROSECUTOR, off);
	struct fixture_case f;
	struct kcase g;
	const struct participation *p;

	insert_case(&f, "2023-117", off, off2, user);
	cr_assert_eq(store_case_get(st, f.c.id, &ar, &g, &err), KERR_OK, "%s", err.msg);

	cr_assert_eq(g.id, f.c.id);
	cr_assert_str_eq(g.number, "2023-117");
	cr_assert_eq(g.office_id, off);
	cr_assert_str_eq(g.complaint_date, "2023-04-11");
	cr_assert_str_eq(g.complaint_source, "police_report");
	cr_assert_str_eq(g.place.country, "PE");
	cr_assert_str_eq(g.place.ubigeo, "170101");
	assert_codes(g.offences, g.noffences, offences, 2);
	assert_codes(g.related, g.nrelated, related, 1);
	cr_assert_null(g.summary);
	cr_assert_str_eq(g.stage, "preliminary");
	cr_assert_eq(g.synthetic, 0);
	cr_assert_eq(g.created_by, user);
	cr_assert_eq(g.created_at, 1700000100);
	cr_assert_eq(g.nshared, 1);
	cr_assert_eq(g.shared_with[0], off2);

	cr_assert_eq(g.nparts, 4);
	for (size_t i = 0; i < 4; i++) {
		cr_assert_eq(g.parts[i].id, f.parts[i].id);
		cr_assert_eq(g.parts[i].case_id, f.c.id);
		cr_assert_eq(g.parts[i].person_id, f.parts[i].person_id);
		cr_assert_str_eq(g.parts[i].role, f.parts[i].role);
		assert_person(&g.parts[i].person, &f.parts[i].person, f.parts[i].person_id);
	}
	p = &g.parts[0];
	cr_assert_eq(p->victim.age_at_recruitment, 17);
	cr_assert_str_eq(p->victim.trafficking_status, "actual");
	assert_codes(p->victim.exploitation, p->victim.nexploitation, expl_v1, 2);
	assert_codes(p->victim.control, p->victim.ncontrol, control_v1, 3);
	assert_codes(p->victim.recruitment, p->victim.nrecruitment, recr_v1, 1);
	assert_codes(p->victim.assistance, p->victim.nassistance, assist_v1, 2);
	cr_assert_str_eq(p->victim.relationship, "acquaintance");
	cr_assert_str_eq(p->victim.recruitment_place.country, "PE");
	cr_assert_str_eq(p->victim.recruitment_place.ubigeo, "080101");
	cr_assert_str_eq(p->victim.exploitation_place.ubigeo, "170101");
	cr_assert_str_eq(p->victim.recruitment_date, "2022-11-02");
	cr_assert_str_eq(p->victim.exploitation_start, "2022-11-20");
	cr_assert_str_eq(p->victim.exploitation_end, "2023-04-10");
	cr_assert_str_eq(p->victim.rescue_date, "2023-04-10");
	cr_assert_eq(p->suspect.nnetwork_roles, 0);
	cr_assert_null(p->suspect.outcome);

	p = &g.parts[1];
	cr_assert_eq(p->victim.age_at_recruitment, -1);
	cr_assert_eq(p->person.birth_year, 0);
	cr_assert_null(p->victim.trafficking_status);
	assert_codes(p->victim.exploitation, p->victim.nexploitation, expl_v2, 1);
	cr_assert_eq(p->victim.ncontrol, 0);
	cr_assert_str_eq(p->victim.recruitment_place.country, "BO");
	cr_assert_str_eq(p->victim.recruitment_place.ubigeo, "");
	cr_assert_str_eq(p->victim.recruitment_date, "");

	p = &g.parts[2];
	cr_assert_eq(p->victim.age_at_recruitment, -1, "victim columns stay empty for suspects");
	assert_codes(p->suspect.network_roles, p->suspect.nnetwork_roles, net_roles, 2);
	assert_codes(p->suspect.charges, p->suspect.ncharges, charges, 1);
	cr_assert_eq(p->suspect.nmeasures, 2);
	cr_assert_str_eq(p->suspect.measures[0].kind, "detention");
	cr_assert_str_eq(p->suspect.measures[0].date, "2023-04-10");
	cr_assert_str_eq(p->suspect.measures[1].kind, "prision_preventiva");
	cr_assert_str_eq(p->suspect.measures[1].date, "2023-04-12");
	cr_assert_str_eq(p->suspect.outcome, "convicted");
	cr_assert_eq(p->suspect.sentence_months, 180);
	cr_assert_eq(p->suspect.reparation_cents, 5000000);
	cr_assert_str_eq(p->suspect.reparation_currency, "PEN");

	/* by date, then id */
	cr_assert_eq(g.nevents, 3);
	cr_assert_eq(g.events[0].id, f.events[1].id);
	cr_assert_eq(g.events[1].id, f.events[2].id);
	cr_assert_eq(g.events[2].id, f.events[0].id);
	cr_assert_str_eq(g.events[2].stage, "investigation");
	cr_assert_str_eq(g.events[2].date, "2023-06-01");
	cr_assert_eq(g.events[2].recorded_by, user);
	cr_assert_eq(g.events[2].recorded_at, 1700000200);
	cr_assert_eq(g.events[1].recorded_by, 0);
	cr_assert_null(g.events[0].note);

	cr_assert_eq(g.nassets, 2);
	cr_assert_eq(g.assets[0].id, f.assets[0].id);
	cr_assert_str_eq(g.assets[0].kind, "vehicle");
	cr_assert_eq(g.assets[0].value_cents, 4500000);
	cr_assert_str_eq(g.assets[0].currency, "PEN");
	cr_assert_eq(g.assets[0].nmeasures, 2);
	cr_assert_str_eq(g.assets[0].measures[0].measure, "seized");
	cr_assert_str_eq(g.assets[0].measures[0].date, "2023-04-10");
	cr_assert_str_eq(g.assets[0].measures[1].measure, "forfeited");
	cr_assert_str_eq(g.assets[0].measures[1].date, "2024-09-30");
	cr_assert_null(g.assets[0].description);
	cr_assert_str_eq(g.assets[1].currency, "USD");
	cr_assert_eq(g.assets[1].nmeasures, 0);

	cr_assert_eq(g.nidents, 2);
	cr_assert_eq(g.idents[0].id, f.idents[0].id);
	cr_assert_str_eq(g.idents[0].kind, "phone");
	cr_assert_eq(g.idents[0].person_id, f.parts[2].person_id);
	cr_assert_eq(g.idents[0].person_index, 2);
	cr_assert_null(g.idents[0].value, "values are sealed, never in the table");
	cr_assert_eq(g.idents[1].person_id, 0);
	cr_assert_eq(g.idents[1].person_index, -1);

	cr_assert_eq(g.nrequests, 1);
	cr_assert_eq(g.requests[0].id, f.req.id);
	cr_assert_str_eq(g.requests[0].direction, "outgoing");
	cr_assert_str_eq(g.requests[0].country, "BO");
	cr_assert_str_eq(g.requests[0].authority, "Fiscalía General del Estado");
	cr_assert_str_eq(g.requests[0].type, "mla");
	cr_assert_str_eq(g.requests[0].status, "sent");
	cr_assert_str_eq(g.requests[0].sent, "2023-07-01");
	cr_assert_str_eq(g.requests[0].received, "");
	cr_assert_str_eq(g.requests[0].due, "2023-10-01");
	cr_assert_str_eq(g.requests[0].reference, "MLA-2023-88");
}

/* 0011_response: a victim's protection, an asset's life (owner, file,
 * realised values, references, identifiers), the police report; written
 * with the case's own typed functions and read back with the case. */
Test(store, response_round_trip)
{
	int64_t off = add_office("FEPMTP-MDD", "17");
	int64_t user = add_user("ana", ROLE_PROSECUTOR, off);
	struct fixture_case f;
	struct protection prot[2] = {
		{ .measure = "shelter", .provider = "mimp_car", .date = "2023-04-12",
		  .end_date = "2023-06-01", .consent = 1, .result = "completed" },
		{ .measure = "single_interview", .date = "2023-04-13", .consent = -1 },
	};
	struct asset_measure life[3] = {
		{ .measure = "seized", .date = "2023-04-10", .reference = "Res. 1-2023" },
		{ .measure = "ed_founded", .date = "2024-01-10" },
		{ .measure = "sold", .date = "2024-05-10", .value_cents = 3800050 },
	};
	struct kcase g;

	insert_case(&f, "2023-118", off, 0, user);
	/* the first victim's protection, the first asset's life, a police report */
	f.parts[0].victim.protection = prot;
	f.parts[0].victim.nprotection = 2;
	cr_assert_eq(store_participation_update(st, &f.parts[0], &err), KERR_OK, "%s", err.msg);
	f.assets[0].measures = life;
	f.assets[0].nmeasures = 3;
	f.assets[0].owner_part = f.parts[2].id;
	f.assets[0].owner_relation = "front_man";
	f.assets[0].forfeiture_file = "ED-45-2023";
	cr_assert_eq(store_asset_update(st, &f.assets[0], &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(store_identifier_set_asset(st, f.idents[0].id, f.assets[0].id, &err),
		KERR_OK, "%s", err.msg);
	f.c.police = (struct police_intake){ .kind = "informe", .number = "INF-1", .unit = "DEPINTRAP",
		.reta = "RETA-9", .sidpol = NULL, .received = "2023-04-12" };
	cr_assert_eq(store_case_intake_write(st, &f.c, &err), KERR_OK, "%s", err.msg);

	cr_assert_eq(store_case_get(st, f.c.id, &ar, &g, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(g.parts[0].victim.nprotection, 2);
	cr_assert_str_eq(g.parts[0].victim.protection[0].measure, "shelter");
	cr_assert_str_eq(g.parts[0].victim.protection[0].provider, "mimp_car");
	cr_assert_str_eq(g.parts[0].victim.protection[0].end_date, "2023-06-01");
	cr_assert_eq(g.parts[0].victim.protection[0].consent, 1);
	cr_assert_eq(g.parts[0].victim.protection[1].consent, -1);
	cr_assert_null(g.parts[0].victim.protection[1].provider);
	cr_assert_eq(g.parts[1].victim.nprotection, 0);
	cr_assert_eq(g.assets[0].nmeasures, 3);
	cr_assert_str_eq(g.assets[0].measures[0].reference, "Res. 1-2023");
	cr_assert_null(g.assets[0].measures[1].reference);
	cr_assert_eq(g.assets[0].measures[2].value_cents, 3800050);
	cr_assert_eq(g.assets[0].owner_part, f.parts[2].id);
	cr_assert_eq(g.assets[0].owner_pos, 3);
	cr_assert_str_eq(g.assets[0].owner_relation, "front_man");
	cr_assert_str_eq(g.assets[0].forfeiture_file, "ED-45-2023");
	cr_assert_eq(g.assets[1].owner_pos, 0);
	cr_assert_eq(g.idents[0].asset_id, f.assets[0].id);
	cr_assert_eq(g.idents[0].asset_pos, 1);
	cr_assert_str_eq(g.police.kind, "informe");
	cr_assert_str_eq(g.police.reta, "RETA-9");
	cr_assert_null(g.police.sidpol);
	cr_assert_str_eq(g.police.received, "2023-04-12");

	/* an update replaces the protection and clears what is gone */
	f.parts[0].victim.nprotection = 1;
	f.assets[0].owner_part = 0;
	f.assets[0].owner_relation = NULL;
	cr_assert_eq(store_participation_update(st, &f.parts[0], &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(store_asset_update(st, &f.assets[0], &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(store_case_get(st, f.c.id, &ar, &g, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(g.parts[0].victim.nprotection, 1);
	cr_assert_eq(g.assets[0].owner_part, 0);
	cr_assert_null(g.assets[0].owner_relation);
	cr_assert_str_eq(g.assets[0].forfeiture_file, "ED-45-2023");
}

Test(store, case_lookups_stage_share_and_conflicts)
{
	int64_t off = add_office("FEPMTP-MDD", "17"), off2 = add_office("FEPMTP-CUS", "08");
	struct fixture_case f;
	struct kcase g, dup;
	struct person pe;
	struct participation *parts;
	struct identifier id;
	size_t n;
	int64_t cid, count;

	insert_case(&f, "2023-117", off, 0, 0);
	cr_assert_eq(store_case_id_by_number(st, "2023-117", &cid, &err), KERR_OK);
	cr_assert_eq(cid, f.c.id);
	cr_assert_eq(store_case_id_by_number(st, "2023-999", &cid, &err), KERR_NOTFOUND);
	cr_assert_eq(store_case_get(st, 777, &ar, &g, &err), KERR_NOTFOUND);

	dup = (struct kcase){ .number = "2023-117", .office_id = off, .created_at = 1 };
	cr_assert_eq(store_case_insert(st, &dup, &err), KERR_INVALID, "no complaint date");
	strcpy(dup.complaint_date, "2023-01-01");
	cr_assert_eq(store_case_insert(st, &dup, &err), KERR_CONFLICT);
	cr_assert_str_eq(err.field, "number");
	dup.number = "2023-118";
	dup.office_id = 999;
	cr_assert_eq(store_case_insert(st, &dup, &err), KERR_INVALID, "unknown office");
	cr_assert_eq(store_case_count(st, &count, &err), KERR_OK);
	cr_assert_eq(count, 1, "failed inserts leave nothing behind");

	struct case_term running = { .kind = "complex", .start = "2023-05-02",
		.due = "2024-01-02", .extended = 0 }, none = { 0 };
	cr_assert_eq(store_case_set_derived(st, f.c.id, "formalised_investigation", &running,
		&err), KERR_OK, "%s", err.msg);
	cr_assert_eq(store_case_get(st, f.c.id, &ar, &g, &err), KERR_OK);
	cr_assert_str_eq(g.term.kind, "complex", "the term is kept with the case");
	cr_assert_str_eq(g.term.start, "2023-05-02");
	cr_assert_str_eq(g.term.due, "2024-01-02");
	{
		struct store_term_row *tr;
		struct store_count_row *od;
		struct store_case_row *lr;
		struct store_case_filter lf = { .due_from = "", .due_to = "2024-01-02",
			.sort = STORE_CASE_DUE };
		size_t nt;

		cr_assert_eq(store_case_terms(st, 0, "", "~", 0, &ar, &tr, &nt, &err), KERR_OK, "%s",
			err.msg);
		cr_assert_eq(nt, 1);
		cr_assert_str_eq(tr[0].term.kind, "complex");
		cr_assert_str_eq(tr[0].term.due, "2024-01-02");
		cr_assert_str_eq(tr[0].stage, "formalised_investigation");
		cr_assert_eq(store_case_terms(st, 0, "", "2024-01-02", 0, &ar, &tr, &nt, &err), KERR_OK);
		cr_assert_eq(nt, 0, "not yet due before its last day");
		cr_assert_eq(store_case_terms(st, off2, "", "~", 0, &ar, &tr, &nt, &err), KERR_OK);
		cr_assert_eq(nt, 0, "another office does not see it");
		cr_assert_eq(store_terms_overdue_by_office(st, "2024-01-03", &ar, &od, &nt, &err),
			KERR_OK);
		cr_assert_eq(nt, 1, "overdue the day after");
		cr_assert_eq(od[0].count, 1);
		cr_assert_eq(store_case_list(st, &lf, &ar, &lr, &nt, &err), KERR_OK, "%s", err.msg);
		cr_assert_eq(nt, 0, "the list's due filter: [from, to)");
		lf.due_to = "2024-01-03";
		cr_assert_eq(store_case_list(st, &lf, &ar, &lr, &nt, &err), KERR_OK, "%s", err.msg);
		cr_assert_eq(nt, 1);
		cr_assert_str_eq(lr[0].c.term.due, "2024-01-02");
	}
	cr_assert_eq(store_case_set_derived(st, f.c.id, "trial", &none, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(store_case_set_derived(st, 777, "trial", &none, &err), KERR_NOTFOUND);
	cr_assert_eq(store_case_share(st, f.c.id, off2, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(store_case_share(st, f.c.id, off2, &err), KERR_OK, "sharing twice is fine");
	cr_assert_eq(store_case_get(st, f.c.id, &ar, &g, &err), KERR_OK);
	cr_assert_str_eq(g.stage, "trial");
	cr_assert_null(g.term.kind, "no term runs at the trial");
	cr_assert_eq(g.nshared, 1);
	cr_assert_eq(g.created_by, 0);

	cr_assert_eq(store_person_get(st, f.parts[0].person_id, &ar, &pe, &err), KERR_OK);
	assert_person(&pe, &f.parts[0].person, f.parts[0].person_id);
	cr_assert_eq(store_person_get(st, 9999, &ar, &pe, &err), KERR_NOTFOUND);
	cr_assert_eq(store_person_participations(st, f.parts[2].person_id, &ar, &parts, &n,
		&err), KERR_OK);
	cr_assert_eq(n, 1);
	cr_assert_eq(parts[0].case_id, f.c.id);
	cr_assert_str_eq(parts[0].suspect.outcome, "convicted");
	cr_assert_eq(parts[0].suspect.nmeasures, 2);

	cr_assert_eq(store_identifier_get(st, f.idents[0].id, &ar, &id, &err), KERR_OK);
	cr_assert_str_eq(id.kind, "phone");
	cr_assert_eq(id.case_id, f.c.id);
	cr_assert_eq(id.person_id, f.parts[2].person_id);
	cr_assert_eq(store_identifier_get(st, 9999, &ar, &id, &err), KERR_NOTFOUND);
}

/* ---- the case list ---- */

static int64_t
add_plain_case(const char *number, int64_t office, const char *date, const char *ubigeo,
	const char *stage, const char *exploitation, int nvictims)
{
	struct kcase c = { .number = number, .office_id = office, .place = { "PE", ubigeo },
		.stage = stage, .offences = offences, .noffences = 1, .created_at = 5 };
	const char *ex[1] = { exploitation };

	strcpy(c.complaint_date, date);
	cr_assert_eq(store_case_insert(st, &c, &err), KERR_OK, "%s", err.msg);
	for (int i = 0; i < nvictims + 1; i++) {
		struct participation p = { .case_id = c.id, .role = i < nvictims ? "victim" : "suspect" };
		cr_assert_eq(store_person_insert(st, &p.person, &err), KERR_OK);
		p.person_id = p.person.id;
		p.victim.age_at_recruitment = -1;
		p.victim.exploitation = ex;
		p.victim.nexploitation = exploitation ? 1 : 0;
		cr_assert_eq(store_participation_insert(st, &p, &err), KERR_OK, "%s", err.msg);
	}
	return c.id;
}

static size_t
list(struct store_case_filter f, struct store_case_row **rows)
{
	size_t n = 0;

	cr_assert_eq(store_case_list(st, &f, &ar, rows, &n, &err), KERR_OK, "%s", err.msg);
	return n;
}

Test(store, case_list_filters_and_counts)
{
	int64_t mdd = add_office("FEPMTP-MDD", "17"), cus = add_office("FEPMTP-CUS", "08");
	struct store_case_row *r;
	int64_t a, b, c, d;

	a = add_plain_case("MDD-2022-1", mdd, "2022-03-01", "170101", "archived", "sexual", 2);
	b = add_plain_case("MDD-2023-2", mdd, "2023-05-01", "1701", "trial", "forced_labour", 1);
	c = add_plain_case("CUS-2023-3", cus, "2023-08-15", "080101", "trial", "sexual", 3);
	d = add_plain_case("CUS-2024-4", cus, "2024-01-20", "21", "complaint", NULL, 0);
	cr_assert_eq(store_case_share(st, c, mdd, &err), KERR_OK);

	/* everything, newest first, with counts and codes */
	cr_assert_eq(list((struct store_case_filter){ 0 }, &r), 4);
	cr_assert_eq(r[0].c.id, d);
	cr_assert_eq(r[1].c.id, c);
	cr_assert_eq(r[2].c.id, b);
	cr_assert_eq(r[3].c.id, a);
	cr_assert_str_eq(r[1].office_code, "FEPMTP-CUS");
	cr_assert_eq(r[1].nvictims, 3);
	cr_assert_eq(r[1].nsuspects, 1);
	cr_assert_eq(r[0].nvictims, 0);
	cr_assert_str_eq(r[1].c.number, "CUS-2023-3");
	cr_assert_str_eq(r[1].c.complaint_date, "2023-08-15");
	cr_assert_str_eq(r[1].c.stage, "trial");
	cr_assert_eq(r[1].c.noffences, 1);
	cr_assert_str_eq(r[1].c.offences[0], "art153");
	cr_assert_eq(r[1].c.nparts, 0, "summary rows carry no children");

	/* office: owned or shared */
	cr_assert_eq(list((struct store_case_filter){ .office_id = mdd }, &r), 3);
	cr_assert_eq(r[0].c.id, c);
	cr_assert_eq(list((struct store_case_filter){ .office_id = cus }, &r), 2);

	cr_assert_eq(list((struct store_case_filter){ .stage = "trial" }, &r), 2);
	cr_assert_eq(list((struct store_case_filter){ .department = "17" }, &r), 2);
	cr_assert_eq(list((struct store_case_filter){ .department = "21" }, &r), 1);
	cr_assert_eq(r[0].c.id, d);
	cr_assert_eq(list((struct store_case_filter){ .year = 2023 }, &r), 2);
	cr_assert_eq(list((struct store_case_filter){ .year = 2021 }, &r), 0);
	cr_assert_eq(list((struct store_case_filter){ .exploitation = "sexual" }, &r), 2);
	cr_assert_eq(r[0].c.id, c);
	cr_assert_eq(r[1].c.id, a);
	cr_assert_eq(list((struct store_case_filter){ .number_like = "mdd-" }, &r), 2);
	cr_assert_eq(list((struct store_case_filter){ .number_like = "2023" }, &r), 2);
	cr_assert_eq(list((struct store_case_filter){ .number_like = "%" }, &r), 0,
		"no pattern characters");
	cr_assert_eq(list((struct store_case_filter){ .office_id = mdd, .stage = "trial",
		.year = 2023, .exploitation = "sexual" }, &r), 1);
	cr_assert_eq(r[0].c.id, c);

	/* pages */
	cr_assert_eq(list((struct store_case_filter){ .limit = 2 }, &r), 2);
	cr_assert_eq(r[0].c.id, d);
	cr_assert_eq(list((struct store_case_filter){ .limit = 2, .offset = 2 }, &r), 2);
	cr_assert_eq(r[0].c.id, b);
	cr_assert_eq(r[1].c.id, a);
	cr_assert_eq(list((struct store_case_filter){ .offset = 3 }, &r), 1);
	cr_assert_eq(list((struct store_case_filter){ .offset = 10 }, &r), 0);

	/* the owner filter within a scope: a case shared with MDD is CUS's */
	cr_assert_eq(list((struct store_case_filter){ .office_id = mdd, .owner_office_id = cus },
		&r), 1);
	cr_assert_eq(r[0].c.id, c);
	cr_assert_eq(list((struct store_case_filter){ .owner_office_id = mdd }, &r), 2);
	/* orders */
	cr_assert_eq(list((struct store_case_filter){ .sort = STORE_CASE_OLDEST }, &r), 4);
	cr_assert_eq(r[0].c.id, a);
	cr_assert_eq(r[3].c.id, d);
	cr_assert_eq(list((struct store_case_filter){ .sort = STORE_CASE_NUMBER, .limit = 1,
		.offset = 1 }, &r), 1);
	cr_assert_str_eq(r[0].c.number, "CUS-2024-4");
	/* the count: the same filter, limit and offset aside, capped */
	{
		int64_t k;
		struct store_case_filter f = { .office_id = mdd, .limit = 1, .offset = 2 };
		cr_assert_eq(store_case_list_count(st, &f, 0, &k, &err), KERR_OK, "%s", err.msg);
		cr_assert_eq(k, 3);
		cr_assert_eq(store_case_list_count(st, &f, 2, &k, &err), KERR_OK);
		cr_assert_eq(k, 2, "counted at most to the cap");
		f = (struct store_case_filter){ .stage = "trial", .owner_office_id = cus };
		cr_assert_eq(store_case_list_count(st, &f, 0, &k, &err), KERR_OK);
		cr_assert_eq(k, 1);
	}
}

/* ---- assignment and transfer (0007_assignment.sql) ---- */

Test(store, assign_list_by_assignee_and_transfer)
{
	int64_t mdd = add_office("FEPMTP-MDD", "17"), cus = add_office("FEPMTP-CUS", "08");
	int64_t rosa = add_user("rosa", ROLE_PROSECUTOR, mdd), by = add_user("ana", ROLE_PROSECUTOR, mdd);
	struct store_case_row *r;
	struct case_transfer t = { 0 }, *ts;
	struct office to;
	struct kcase c;
	size_t n;
	int64_t a, b;

	a = add_plain_case("MDD-1", mdd, "2022-03-01", "170101", "trial", NULL, 1);
	b = add_plain_case("MDD-2", mdd, "2023-03-01", "170101", "trial", NULL, 1);
	cr_assert_eq(store_case_share(st, a, cus, &err), KERR_OK);
	cr_assert_eq(store_case_assign(st, a, rosa, "rosa", &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(store_case_assign(st, 999, rosa, "rosa", &err), KERR_NOTFOUND);
	cr_assert_eq(store_case_get(st, a, &ar, &c, &err), KERR_OK);
	cr_assert_eq(c.assigned_to, rosa);
	cr_assert_str_eq(c.assignee, "rosa");
	cr_assert_eq(c.ntransfers, 0);
	cr_assert_eq(list((struct store_case_filter){ .assigned_to = rosa }, &r), 1);
	cr_assert_eq(r[0].c.id, a);
	cr_assert_str_eq(r[0].c.assignee, "rosa");
	cr_assert_eq(list((struct store_case_filter){ .assigned_to = -1 }, &r), 1);
	cr_assert_eq(r[0].c.id, b);
	cr_assert_null(r[0].c.assignee);
	cr_assert_eq(list((struct store_case_filter){ .assigned_to = -2 }, &r), 0,
		"no user has a negative id");

	cr_assert_eq(store_office_get(st, cus, &ar, &to, &err), KERR_OK);
	t.case_id = a;
	t.from_office = mdd;
	t.by = by;
	t.at = 1700000000;
	cr_assert_eq(store_case_transfer(st, &t, &to, &err), KERR_OK, "%s", err.msg);
	cr_assert_gt(t.id, 0);
	cr_assert_eq(t.to_office, cus);
	cr_assert_eq(store_case_get(st, a, &ar, &c, &err), KERR_OK);
	cr_assert_eq(c.office_id, cus);
	cr_assert_eq(c.assigned_to, 0, "a transfer clears the assignment");
	cr_assert_null(c.assignee);
	cr_assert_eq(c.nshared, 0, "the new owner's share is dropped");
	cr_assert_eq(c.nparts, 2, "the children go with the case");
	cr_assert_eq(c.ntransfers, 1);
	cr_assert_str_eq(c.transfers[0].from_code, "FEPMTP-MDD");
	cr_assert_str_eq(c.transfers[0].to_code, "FEPMTP-CUS");
	cr_assert_str_eq(c.transfers[0].by_name, "ana");
	cr_assert_eq(c.transfers[0].at, 1700000000);
	cr_assert_eq(list((struct store_case_filter){ .office_id = mdd }, &r), 1);
	cr_assert_eq(r[0].c.id, b);
	cr_assert_eq(store_case_transfers(st, b, &ar, &ts, &n, &err), KERR_OK);
	cr_assert_eq(n, 0);
	t.case_id = 999;
	cr_assert_eq(store_case_transfer(st, &t, &to, &err), KERR_NOTFOUND);
}

/* ---- transactions ---- */

Test(store, rollback_leaves_nothing)
{
	int64_t off = add_office("FEPMTP-MDD", "17"), n0, n1;
	struct fixture_case f;
	const unsigned char *blob;
	size_t n;

	cr_assert_eq(store_case_count(st, &n0, &err), KERR_OK);
	cr_assert_eq(store_begin(st, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(store_begin(st, &err), KERR_INTERNAL, "not nestable");
	insert_case(&f, "2023-500", off, 0, 0);
	cr_assert_eq(store_sealed_put(st, "case", f.c.id, "summary",
		(const unsigned char *)"x", 1, &err), KERR_OK);
	store_rollback(st);
	store_rollback(st);   /* harmless outside a transaction */
	cr_assert_eq(store_case_count(st, &n1, &err), KERR_OK);
	cr_assert_eq(n1, n0);
	cr_assert_eq(store_sealed_get(st, "case", f.c.id, "summary", &ar, &blob, &n, &err),
		KERR_NOTFOUND);
	cr_assert_eq(store_person_get(st, f.parts[0].person_id, &ar, &f.parts[0].person, &err),
		KERR_NOTFOUND);

	cr_assert_eq(store_commit(st, &err), KERR_INTERNAL, "nothing to commit");
	cr_assert_eq(store_begin(st, &err), KERR_OK);
	insert_case(&f, "2023-501", off, 0, 0);
	cr_assert_eq(store_commit(st, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(store_case_count(st, &n1, &err), KERR_OK);
	cr_assert_eq(n1, n0 + 1);
}

Test(store, a_failing_participation_is_not_half_written)
{
	int64_t off = add_office("FEPMTP-MDD", "17");
	struct fixture_case f;
	struct participation p = { .role = "victim", .person_id = 12345 };
	struct kcase g;

	insert_case(&f, "2023-600", off, 0, 0);
	p.case_id = f.c.id;
	p.victim.exploitation = expl_v1;
	p.victim.nexploitation = 2;
	cr_assert_eq(store_participation_insert(st, &p, &err), KERR_INVALID, "no such person");
	cr_assert_eq(store_case_get(st, f.c.id, &ar, &g, &err), KERR_OK);
	cr_assert_eq(g.nparts, 4);
}

/* ---- sealed values and blind indexes ---- */

struct seen {
	char what[8][48];
	size_t n;
	int stop_at;
};

static int
collect_sealed(void *ctx, const char *table, int64_t row, const char *column,
	const unsigned char *blob, size_t n, struct kerr *e)
{
	struct seen *s = ctx;

	if (s->stop_at >= 0 && (int)s->n == s->stop_at) {
		if (s->stop_at == 1)
			return kerr_set(e, KERR_CRYPTO, "cannot open sealed value");
		return 1;
	}
	snprintf(s->what[s->n++], sizeof(s->what[0]), "%s/%lld/%s/%.*s", table, (long long)row,
		column, (int)n, (const char *)blob);
	return 0;
}

Test(store, sealed_put_get_replace_and_walk)
{
	struct seen s = { .stop_at = -1 };
	const unsigned char *blob;
	const unsigned char bin[4] = { 0, 1, 0, 255 };
	size_t n;

	cr_assert_eq(store_sealed_put(st, "person", 2, "name", (const unsigned char *)"AAA", 3,
		&err), KERR_OK, "%s", err.msg);
	cr_assert_eq(store_sealed_put(st, "person", 1, "name", (const unsigned char *)"BBB", 3,
		&err), KERR_OK);
	cr_assert_eq(store_sealed_put(st, "case", 1, "summary", (const unsigned char *)"CC", 2,
		&err), KERR_OK);
	cr_assert_eq(store_sealed_put(st, "person", 2, "name", (const unsigned char *)"DDDD", 4,
		&err), KERR_OK, "replace");
	cr_assert_eq(store_sealed_put(st, "event", 9, "note", bin, 4, &err), KERR_OK);

	cr_assert_eq(store_sealed_get(st, "person", 2, "name", &ar, &blob, &n, &err), KERR_OK);
	cr_assert_eq(n, 4);
	cr_assert_eq(memcmp(blob, "DDDD", 4), 0);
	cr_assert_eq(store_sealed_get(st, "event", 9, "note", &ar, &blob, &n, &err), KERR_OK);
	cr_assert_eq(n, 4);
	cr_assert_eq(memcmp(blob, bin, 4), 0, "binary bytes survive");
	cr_assert_eq(store_sealed_get(st, "person", 3, "name", &ar, &blob, &n, &err),
		KERR_NOTFOUND);
	cr_assert_null(blob);

	cr_assert_eq(store_sealed_foreach(st, collect_sealed, &s, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(s.n, 4);
	cr_assert_str_eq(s.what[0], "case/1/summary/CC");
	cr_assert_str_eq(s.what[2], "person/1/name/BBB");
	cr_assert_str_eq(s.what[3], "person/2/name/DDDD");

	/* a callback's own error wins; a bare non-zero is internal */
	s = (struct seen){ .stop_at = 1 };
	cr_assert_eq(store_sealed_foreach(st, collect_sealed, &s, &err), KERR_CRYPTO);
	cr_assert_str_eq(err.msg, "cannot open sealed value");
	s = (struct seen){ .stop_at = 2 };
	cr_assert_eq(store_sealed_foreach(st, collect_sealed, &s, &err), KERR_INTERNAL);
	cr_assert_eq(s.n, 2);
}

Test(store, blind_put_find_and_clear)
{
	unsigned char h1[32], h2[32];
	int64_t *rows;
	size_t n;

	memset(h1, 0xab, sizeof(h1));
	memset(h2, 0xab, sizeof(h2));
	h2[31] = 0;
	cr_assert_eq(store_blind_put(st, "name", h1, 32, "person", 7, &err), KERR_OK, "%s",
		err.msg);
	cr_assert_eq(store_blind_put(st, "name", h1, 32, "person", 3, &err), KERR_OK);
	cr_assert_eq(store_blind_put(st, "name", h1, 32, "person", 3, &err), KERR_OK,
		"the same entry twice is kept once");
	cr_assert_eq(store_blind_put(st, "name", h1, 32, "person", 5, &err), KERR_OK);
	cr_assert_eq(store_blind_put(st, "name", h2, 32, "person", 4, &err), KERR_OK);
	cr_assert_eq(store_blind_put(st, "name_ph", h1, 32, "person", 6, &err), KERR_OK);
	cr_assert_eq(store_blind_put(st, "name", h1, 32, "identifier", 8, &err), KERR_OK);

	cr_assert_eq(store_blind_find(st, "name", h1, 32, "person", &ar, &rows, &n, 10, &err),
		KERR_OK);
	cr_assert_eq(n, 3);
	cr_assert_eq(rows[0], 3);
	cr_assert_eq(rows[1], 5);
	cr_assert_eq(rows[2], 7);
	cr_assert_eq(store_blind_find(st, "name", h1, 32, "person", &ar, &rows, &n, 2, &err),
		KERR_OK);
	cr_assert_eq(n, 2, "at most max");
	cr_assert_eq(store_blind_find(st, "name", h2, 32, "person", &ar, &rows, &n, 10, &err),
		KERR_OK);
	cr_assert_eq(n, 1);
	cr_assert_eq(rows[0], 4);
	cr_assert_eq(store_blind_find(st, "doc", h1, 32, "person", &ar, &rows, &n, 10, &err),
		KERR_OK);
	cr_assert_eq(n, 0);

	cr_assert_eq(store_blind_clear(st, &err), KERR_OK);
	cr_assert_eq(store_blind_find(st, "name", h1, 32, "person", &ar, &rows, &n, 10, &err),
		KERR_OK);
	cr_assert_eq(n, 0);
}

/* ---- audit ---- */

struct audit_seen {
	int64_t seqs[8];
	size_t n;
	size_t stop_after;
	char last_detail[64];
};

static int
collect_audit(void *ctx, const struct audit_entry *e)
{
	struct audit_seen *s = ctx;

	s->seqs[s->n++] = e->seq;
	snprintf(s->last_detail, sizeof(s->last_detail), "%s", e->detail);
	return s->stop_after != 0 && s->n >= s->stop_after;
}

static void
audit_add(int64_t seq, const char *action)
{
	struct audit_entry e = { .seq = seq, .ts = 1700000000 + seq, .actor = "ana",
		.action = action, .object = "case:1", .detail = "{\"n\":1}", .key_id = 3 };

	memset(e.prev, (int)seq - 1, sizeof(e.prev));
	memset(e.hash, (int)seq, sizeof(e.hash));
	cr_assert_eq(store_audit_append(st, &e, &err), KERR_OK, "%s", err.msg);
}

Test(store, audit_append_last_and_walk_in_order)
{
	struct audit_entry last;
	struct audit_seen s = { 0 };
	unsigned char want[32];

	cr_assert_eq(store_audit_last(st, &ar, &last, &err), KERR_NOTFOUND);
	audit_add(1, "case.create");
	audit_add(2, "person.reveal");
	audit_add(3, "case.read");
	audit_add(4, "audit.verify");
	audit_add(5, "case.read");
	cr_assert_eq(store_audit_last(st, &ar, &last, &err), KERR_OK);
	cr_assert_eq(last.seq, 5);
	cr_assert_eq(last.ts, 1700000005);
	cr_assert_str_eq(last.actor, "ana");
	cr_assert_str_eq(last.action, "case.read");
	cr_assert_str_eq(last.object, "case:1");
	cr_assert_str_eq(last.detail, "{\"n\":1}");
	cr_assert_eq(last.key_id, 3);
	memset(want, 4, sizeof(want));
	cr_assert_eq(memcmp(last.prev, want, 32), 0);
	memset(want, 5, sizeof(want));
	cr_assert_eq(memcmp(last.hash, want, 32), 0);

	cr_assert_eq(store_audit_foreach(st, 0, collect_audit, &s, &err), KERR_OK);
	cr_assert_eq(s.n, 5);
	for (size_t i = 0; i < 5; i++)
		cr_assert_eq(s.seqs[i], (int64_t)i + 1);
	cr_assert_str_eq(s.last_detail, "{\"n\":1}");
	s = (struct audit_seen){ 0 };
	cr_assert_eq(store_audit_foreach(st, 3, collect_audit, &s, &err), KERR_OK);
	cr_assert_eq(s.n, 3);
	cr_assert_eq(s.seqs[0], 3);
	s = (struct audit_seen){ .stop_after = 2 };
	cr_assert_eq(store_audit_foreach(st, 0, collect_audit, &s, &err), KERR_OK);
	cr_assert_eq(s.n, 2, "the callback stops the walk");

	{
		struct audit_entry dup = { .seq = 3, .actor = "x", .action = "y" };
		cr_assert_eq(store_audit_append(st, &dup, &err), KERR_CONFLICT);
	}
}

/* One page of the trail: each filter alone and together, newest first,
 * the keyset paging and the limit. */
static void
audit_put(int64_t seq, const char *actor, const char *action, const char *object,
	const char *detail)
{
	struct audit_entry e = { .seq = seq, .ts = 1700000000 + 100 * seq, .actor = actor,
		.action = action, .object = object, .detail = detail, .key_id = 1 };

	cr_assert_eq(store_audit_append(st, &e, &err), KERR_OK, "%s", err.msg);
}

static size_t
audit_seqs(const struct store_audit_filter *f, int64_t *seqs)
{
	struct audit_entry *e;
	size_t n, i;

	cr_assert_eq(store_audit_page(st, f, &ar, &e, &n, &err), KERR_OK, "%s", err.msg);
	for (i = 0; i < n; i++)
		seqs[i] = e[i].seq;
	return n;
}

Test(store, audit_page_filters_and_pages)
{
	struct store_audit_filter f;
	int64_t s[16];

	audit_put(1, "system", "system.init", "", "{}");
	audit_put(2, "ana", "case.create", "case:7", "{\"number\":\"X\"}");
	audit_put(3, "rosa", "identity.reveal_victim", "person:4", "{\"case\":7,\"role\":\"victim\"}");
	audit_put(4, "rosa", "identity.reveal_other", "person:5", "{\"case\":71,\"role\":\"suspect\"}");
	audit_put(5, "rosa", "case.read", "case:17", "{}");
	audit_put(6, "ana", "identity.reveal_victim", "case:7", "{\"case\":7}");

	memset(&f, 0, sizeof(f));
	cr_assert_eq(audit_seqs(&f, s), 6);
	cr_assert(s[0] == 6 && s[5] == 1, "newest first");
	f.actor = "rosa";
	cr_assert_eq(audit_seqs(&f, s), 3);
	cr_assert(s[0] == 5 && s[2] == 3);
	f.action = "identity.reveal_victim";
	cr_assert_eq(audit_seqs(&f, s), 1, "user and action together");
	cr_assert_eq(s[0], 3);
	memset(&f, 0, sizeof(f));
	f.case_id = 7;
	cr_assert_eq(audit_seqs(&f, s), 3, "the case, and the reveals that name it (not 71, not 17)");
	cr_assert(s[0] == 6 && s[1] == 3 && s[2] == 2);
	memset(&f, 0, sizeof(f));
	f.from_ts = 1700000000 + 300;
	f.to_ts = 1700000000 + 500;
	cr_assert_eq(audit_seqs(&f, s), 2, "[from, to)");
	cr_assert(s[0] == 4 && s[1] == 3);
	memset(&f, 0, sizeof(f));
	f.limit = 2;
	cr_assert_eq(audit_seqs(&f, s), 2);
	cr_assert_eq(s[1], 5);
	f.before_seq = 5;
	cr_assert_eq(audit_seqs(&f, s), 2, "the next page");
	cr_assert(s[0] == 4 && s[1] == 3);
	f.actor = "nobody";
	cr_assert_eq(audit_seqs(&f, s), 0);
}

/* ---- maintenance ---- */

Test(store, backup_restore_and_refusals)
{
	int64_t off = add_office("FEPMTP-MDD", "17"), n;
	struct fixture_case f;
	struct store *b;
	struct kcase g;
	char bak[160];

	insert_case(&f, "2023-700", off, 0, 0);
	cr_assert_eq(store_sealed_put(st, "case", f.c.id, "summary",
		(const unsigned char *)"sealed", 6, &err), KERR_OK);
	path_in_dir(bak, sizeof(bak), "k-backup.db");
	cr_assert_eq(store_backup(st, bak, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(store_backup(st, bak, &err), KERR_CONFLICT, "never overwrites");
	cr_assert_not_null(strstr(err.msg, "already exists"), "%s", err.msg);

	/* the copy opens on its own and holds the same rows */
	cr_assert_eq(store_open(bak, STORE_READONLY, &b, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(store_schema_version(b), store_schema_latest());
	cr_assert_eq(store_case_get(b, f.c.id, &ar, &g, &err), KERR_OK, "%s", err.msg);
	cr_assert_str_eq(g.number, "2023-700");
	cr_assert_eq(g.nparts, 4);
	cr_assert_eq(g.nevents, 3);
	store_close(b);

	/* later changes are undone by the restore */
	cr_assert_eq(store_case_set_derived(st, f.c.id, "sentence", &(struct case_term){ 0 }, &err),
		KERR_OK);
	insert_case(&f, "2023-701", off, 0, 0);
	cr_assert_eq(store_case_count(st, &n, &err), KERR_OK);
	cr_assert_eq(n, 2);
	cr_assert_eq(store_restore(st, bak, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(store_case_count(st, &n, &err), KERR_OK);
	cr_assert_eq(n, 1);
	cr_assert_eq(store_case_id_by_number(st, "2023-700", &n, &err), KERR_OK);
	cr_assert_eq(store_case_get(st, n, &ar, &g, &err), KERR_OK);
	cr_assert_str_eq(g.stage, "preliminary");
	cr_assert_eq(store_check(st, NULL, NULL, &err), KERR_OK, "%s", err.msg);
	/* still writable afterwards */
	insert_case(&f, "2023-702", off, 0, 0);

	path_in_dir(bak, sizeof(bak), "missing.db");
	cr_assert_eq(store_restore(st, bak, &err), KERR_IO);
}

Test(store, restore_refuses_a_file_without_a_register)
{
	struct store *e;
	char p[160];
	int64_t n;

	add_plain_case("X-1", add_office("O", "15"), "2024-01-01", "15", "complaint", NULL, 1);
	path_in_dir(p, sizeof(p), "empty.db");
	cr_assert_eq(store_open(p, STORE_CREATE, &e, &err), KERR_OK);
	store_close(e);
	cr_assert_eq(store_restore(st, p, &err), KERR_INVALID);
	cr_assert_eq(store_case_count(st, &n, &err), KERR_OK);
	cr_assert_eq(n, 1, "the register is untouched");
}

static void
count_lines(void *ctx, const char *line)
{
	(void)line;
	(*(int *)ctx)++;
}

Test(store, check_passes_then_finds_a_broken_reference)
{
	int64_t off = add_office("FEPMTP-MDD", "17");
	struct fixture_case f;
	int lines = 0;

	insert_case(&f, "2023-800", off, 0, 0);
	cr_assert_eq(store_check(st, count_lines, &lines, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(lines, 0);
	/* another program writes without foreign keys on */
	raw_sql(dbpath, "PRAGMA foreign_keys = OFF; INSERT INTO events(case_id, stage, "
		"date, recorded_at) VALUES (4242, 'trial', '2024-01-01', 0)");
	cr_assert_eq(store_check(st, count_lines, &lines, &err), KERR_INTEGRITY);
	cr_assert_eq(lines, 1);
}

/* Inside a transaction blind entries are written in sorted batches: they
 * must be found before commit, survive it, and vanish with a rollback. */
Test(store, blind_entries_in_a_transaction)
{
	unsigned char h[32];
	int64_t *rows;
	size_t n, i, total = 70000;   /* more than one batch */

	memset(h, 0, sizeof(h));
	cr_assert_eq(store_begin(st, &err), KERR_OK);
	for (i = 0; i < total; i++) {
		h[0] = (unsigned char)(i * 7919 % 251);
		h[1] = (unsigned char)(i % 256);
		h[2] = (unsigned char)(i / 256 % 256);
		cr_assert_eq(store_blind_put(st, i % 2 ? "name" : "doc", h, 32, "person",
			(int64_t)i, &err), KERR_OK);
	}
	h[0] = (unsigned char)(69999u * 7919 % 251);
	h[1] = 69999 % 256;
	h[2] = 69999 / 256 % 256;
	cr_assert_eq(store_blind_find(st, "name", h, 32, "person", &ar, &rows, &n, 5, &err),
		KERR_OK);
	cr_assert_eq(n, 1, "found before commit");
	cr_assert_eq(rows[0], 69999);
	cr_assert_eq(store_blind_put(st, "name", h, 32, "person", 5, &err), KERR_OK);
	cr_assert_eq(store_commit(st, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(store_blind_find(st, "name", h, 32, "person", &ar, &rows, &n, 5, &err),
		KERR_OK);
	cr_assert_eq(n, 2, "the entry put after the last read was written at commit");
	cr_assert_eq(rows[0], 5);

	h[3] = 1;
	cr_assert_eq(store_begin(st, &err), KERR_OK);
	cr_assert_eq(store_blind_put(st, "name", h, 32, "person", 9, &err), KERR_OK);
	store_rollback(st);
	cr_assert_eq(store_blind_find(st, "name", h, 32, "person", &ar, &rows, &n, 5, &err),
		KERR_OK);
	cr_assert_eq(n, 0, "a rollback drops pending entries");
}

/* ---- what the performance work added (bench/) ---- */

/* Sealed values put in a transaction wait in a buffer: a read inside the
 * transaction sees them, the last put of a key wins, a rollback drops them,
 * and a commit writes them (more than one statement's worth). */
Test(store, sealed_values_in_a_transaction)
{
	const unsigned char *blob;
	char v[32];
	size_t n, i, total = 5000;   /* more than one flush of STMT_SEALED_PUT_MANY rows */

	cr_assert_eq(store_begin(st, &err), KERR_OK);
	for (i = 1; i <= total; i++) {
		snprintf(v, sizeof(v), "v%zu", i);
		cr_assert_eq(store_sealed_put(st, "identifier", (int64_t)i, "value",
			(const unsigned char *)v, strlen(v), &err), KERR_OK, "%s", err.msg);
	}
	cr_assert_eq(store_sealed_put(st, "identifier", 7, "value", (const unsigned char *)"x", 1,
		&err), KERR_OK);
	cr_assert_eq(store_sealed_get(st, "identifier", 7, "value", &ar, &blob, &n, &err),
		KERR_OK, "seen before commit");
	cr_assert_eq(n, 1, "the last put wins");
	cr_assert_eq(store_sealed_put(st, "identifier", 8, "value", (const unsigned char *)"y1", 2,
		&err), KERR_OK);
	cr_assert_eq(store_sealed_put(st, "identifier", 8, "value", (const unsigned char *)"y2", 2,
		&err), KERR_OK);
	cr_assert_eq(store_commit(st, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(store_sealed_get(st, "identifier", 8, "value", &ar, &blob, &n, &err),
		KERR_OK);
	cr_assert_eq(memcmp(blob, "y2", 2), 0, "two puts of a key in one batch: the last wins");
	cr_assert_eq(store_sealed_get(st, "identifier", (int64_t)total, "value", &ar, &blob, &n,
		&err), KERR_OK);
	cr_assert_eq(memcmp(blob, "v5000", 5), 0);

	cr_assert_eq(store_begin(st, &err), KERR_OK);
	cr_assert_eq(store_sealed_put(st, "case", 1, "summary", (const unsigned char *)"gone", 4,
		&err), KERR_OK);
	store_rollback(st);
	cr_assert_eq(store_sealed_get(st, "case", 1, "summary", &ar, &blob, &n, &err),
		KERR_NOTFOUND, "a rollback drops pending values");
}

/* Clearing the blind index keeps the sealed values put in the same
 * transaction (key rotation does both). */
Test(store, blind_clear_keeps_pending_sealed_values)
{
	const unsigned char *blob;
	size_t n;

	cr_assert_eq(store_begin(st, &err), KERR_OK);
	cr_assert_eq(store_sealed_put(st, "case", 3, "summary", (const unsigned char *)"kept", 4,
		&err), KERR_OK);
	cr_assert_eq(store_blind_clear(st, &err), KERR_OK);
	cr_assert_eq(store_commit(st, &err), KERR_OK);
	cr_assert_eq(store_sealed_get(st, "case", 3, "summary", &ar, &blob, &n, &err), KERR_OK);
}

static int
count_indexes(void)
{
	sqlite3 *db;
	sqlite3_stmt *q;
	int n = -1;

	cr_assert_eq(sqlite3_open(dbpath, &db), SQLITE_OK);
	cr_assert_eq(sqlite3_prepare_v2(db, "SELECT count(*) FROM sqlite_master WHERE "
		"type = 'index'", -1, &q, NULL), SQLITE_OK);
	if (sqlite3_step(q) == SQLITE_ROW)
		n = sqlite3_column_int(q, 0);
	sqlite3_finalize(q);
	sqlite3_close(db);
	return n;
}

/* A bulk transaction gives the same register as a plain one: every index
 * is back after the commit (and after a rollback), constraints hold during
 * it, and rows put in it are readable before the commit. */
Test(store, bulk_transaction_keeps_indexes_and_constraints)
{
	struct fixture_case f, g;
	struct store_case_filter flt = { 0 };
	struct store_case_row *rows;
	struct kcase c;
	int64_t office = add_office("FEPMTP-MDD", "17"), user = add_user("rosa", ROLE_PROSECUTOR,
		office);
	int before;
	size_t n;

	SQLITE_ONLY();

	before = count_indexes();
	cr_assert_gt(before, 10);
	cr_assert_eq(store_begin_bulk(st, &err), KERR_OK, "%s", err.msg);
	insert_case(&f, "2023-0001-FEPMTP-MDD", office, 0, user);
	cr_assert_eq(store_case_get(st, f.c.id, &ar, &c, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(c.nparts, 4, "read inside the bulk transaction");
	cr_assert_eq(store_case_insert(st, &f.c, &err), KERR_CONFLICT,
		"unique constraints hold during a bulk load");
	cr_assert_eq(store_commit(st, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(count_indexes(), before, "every index is back");
	cr_assert_eq(store_case_list(st, &flt, &ar, &rows, &n, &err), KERR_OK);
	cr_assert_eq(n, 1);
	cr_assert_eq(rows[0].nvictims, 2);
	cr_assert_eq(store_check(st, NULL, NULL, &err), KERR_OK, "%s", err.msg);

	cr_assert_eq(store_begin_bulk(st, &err), KERR_OK);
	insert_case(&g, "2023-0002-FEPMTP-MDD", office, 0, user);
	store_rollback(st);
	cr_assert_eq(count_indexes(), before, "a rollback brings the indexes back");
	cr_assert_eq(store_case_id_by_number(st, "2023-0002-FEPMTP-MDD", &g.c.id, &err),
		KERR_NOTFOUND);
	cr_assert_eq(store_begin(st, &err), KERR_OK, "the store is usable after a bulk rollback");
	cr_assert_eq(store_commit(st, &err), KERR_OK);
}

/* A search's view of persons: roles with their cases' offices and shares,
 * in the order of the ids asked for, many at once, unknown ids empty. */
Test(store, person_roles_for_many_persons)
{
	struct fixture_case f, g;
	struct store_person_roles pr[40];
	int64_t ids[40];
	int64_t mdd = add_office("FEPMTP-MDD", "17"), cus = add_office("FEPMTP-CUS", "08");
	int64_t user = add_user("rosa", ROLE_PROSECUTOR, mdd);
	size_t i;

	insert_case(&f, "2023-0001-FEPMTP-MDD", mdd, cus, user);
	insert_case(&g, "2023-0009-FEPMTP-CUS", cus, 0, user);
	/* the suspect of f is also a witness in g */
	g.parts[0] = (struct participation){ .case_id = g.c.id,
		.person_id = f.parts[2].person_id, .role = "witness" };
	g.parts[0].victim.age_at_recruitment = -1;
	cr_assert_eq(store_participation_insert(st, &g.parts[0], &err), KERR_OK, "%s", err.msg);

	for (i = 0; i < 40; i++)
		ids[i] = 999999 - (int64_t)i;   /* unknown */
	ids[0] = f.parts[2].person_id;
	ids[33] = f.parts[0].person_id;      /* in the second batch */
	cr_assert_eq(store_person_roles(st, ids, 40, &ar, pr, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(pr[0].person.id, f.parts[2].person_id);
	cr_assert_str_eq(pr[0].person.sex, "m");
	cr_assert_eq(pr[0].person.birth_year, 1980);
	cr_assert_null(pr[0].person.name, "no identity");
	cr_assert_eq(pr[0].nroles, 2, "suspect in f, witness in g");
	cr_assert_str_eq(pr[0].roles[0].role, "suspect");
	cr_assert_str_eq(pr[0].roles[0].case_number, "2023-0001-FEPMTP-MDD");
	cr_assert_eq(pr[0].roles[0].office_id, mdd);
	cr_assert_eq(pr[0].roles[0].nshared, 1);
	cr_assert_eq(pr[0].roles[0].shared_with[0], cus);
	cr_assert_str_eq(pr[0].roles[1].role, "witness");
	cr_assert_str_eq(pr[0].roles[1].case_number, "2023-0009-FEPMTP-CUS");
	cr_assert_eq(pr[0].roles[1].office_id, cus);
	cr_assert_eq(pr[0].roles[1].nshared, 0);
	cr_assert_eq(pr[33].person.id, f.parts[0].person_id);
	cr_assert_eq(pr[33].nroles, 1);
	cr_assert_str_eq(pr[33].roles[0].role, "victim");
	cr_assert_eq(pr[1].person.id, 0, "an unknown id is empty");
	cr_assert_eq(pr[1].nroles, 0);
}

/* A backend may leave out the optional statements (many rows at once, the
 * search's batch) and the bulk primitive, as a new backend would: the typed
 * functions then do the same work row by row. */
Test(store, a_backend_without_the_optional_statements)
{
	static struct store_sql sql[STMT__MAX];
	static struct store_backend be;
	struct fixture_case f;
	struct store_person_roles pr[2];
	const unsigned char *blob;
	unsigned char h[16] = { 7 };
	int64_t *rows, ids[2];
	int64_t office = add_office("FEPMTP-MDD", "17"), user = add_user("rosa", ROLE_PROSECUTOR,
		office);
	size_t n, i;

	SQLITE_ONLY();

	memcpy(sql, store_sqlite_sql, sizeof(sql));
	sql[STMT_PERSON_ROLES].text = NULL;
	sql[STMT_BLIND_PUT_MANY].text = NULL;
	sql[STMT_SEALED_PUT_MANY].text = NULL;
	be = store_sqlite_backend;
	be.sql = sql;
	be.bulk = NULL;
	st->be = &be;

	cr_assert_eq(store_begin_bulk(st, &err), KERR_OK, "%s", err.msg);
	insert_case(&f, "2023-0001-FEPMTP-MDD", office, 0, user);
	for (i = 0; i < 100; i++) {
		h[1] = (unsigned char)i;
		cr_assert_eq(store_blind_put(st, "name", h, sizeof(h), "person", (int64_t)i + 1,
			&err), KERR_OK);
		cr_assert_eq(store_sealed_put(st, "person", (int64_t)i + 1, "identity", h,
			sizeof(h), &err), KERR_OK);
	}
	cr_assert_eq(store_commit(st, &err), KERR_OK, "%s", err.msg);
	h[1] = 99;
	cr_assert_eq(store_blind_find(st, "name", h, sizeof(h), "person", &ar, &rows, &n, 5,
		&err), KERR_OK);
	cr_assert_eq(n, 1);
	cr_assert_eq(rows[0], 100);
	cr_assert_eq(store_sealed_get(st, "person", 100, "identity", &ar, &blob, &n, &err),
		KERR_OK);
	cr_assert_eq(memcmp(blob, h, sizeof(h)), 0);

	ids[0] = 424242;
	ids[1] = f.parts[2].person_id;
	cr_assert_eq(store_person_roles(st, ids, 2, &ar, pr, &err), KERR_OK, "%s", err.msg);
	cr_assert_eq(pr[0].person.id, 0);
	cr_assert_eq(pr[1].person.id, f.parts[2].person_id);
	cr_assert_eq(pr[1].nroles, 1);
	cr_assert_str_eq(pr[1].roles[0].role, "suspect");
	cr_assert_str_eq(pr[1].roles[0].case_number, "2023-0001-FEPMTP-MDD");
	cr_assert_eq(pr[1].roles[0].office_id, office);
	st->be = &store_sqlite_backend;
}

static int
journal_row(void *ctx, int ncol, char **val, char **col)
{
	(void)col;
	snprintf(ctx, 16, "%s", ncol == 1 && val[0] ? val[0] : "?");
	return 0;
}

static void
journal_mode(sqlite3 *db, char mode[16])
{
	cr_assert_eq(sqlite3_exec(db, "PRAGMA journal_mode", journal_row, mode, NULL), SQLITE_OK);
}

/* A bulk load leaves WAL for a rollback journal only when it is alone, and
 * the register is in WAL mode again after its commit or rollback. */
Test(store, bulk_load_journal_and_back_to_wal)
{
	struct fixture_case f;
	sqlite3 *other;
	char mode[16], journal[sizeof(dbpath) + 8];
	int64_t office = add_office("FEPMTP-MDD", "17"), user = add_user("rosa", ROLE_PROSECUTOR,
		office);

	SQLITE_ONLY();

	snprintf(journal, sizeof(journal), "%s-journal", dbpath);
	cr_assert_eq(store_begin_bulk(st, &err), KERR_OK, "%s", err.msg);
	insert_case(&f, "2023-0001-FEPMTP-MDD", office, 0, user);
	cr_assert_eq(access(journal, F_OK), 0, "alone: a rollback journal, not the WAL");
	cr_assert_eq(store_commit(st, &err), KERR_OK, "%s", err.msg);
	cr_assert_neq(access(journal, F_OK), 0, "the journal goes with the commit");
	cr_assert_eq(sqlite3_open(dbpath, &other), SQLITE_OK);
	journal_mode(other, mode);
	cr_assert_str_eq(mode, "wal", "back in WAL mode after the load");

	/* another connection open: the load stays in WAL mode and still works */
	cr_assert_eq(sqlite3_exec(other, "SELECT count(*) FROM cases", NULL, NULL, NULL),
		SQLITE_OK);
	cr_assert_eq(store_begin_bulk(st, &err), KERR_OK, "%s", err.msg);
	insert_case(&f, "2023-0002-FEPMTP-MDD", office, 0, user);
	cr_assert_neq(access(journal, F_OK), 0, "not alone: still the WAL");
	cr_assert_eq(store_commit(st, &err), KERR_OK, "%s", err.msg);
	journal_mode(other, mode);
	cr_assert_str_eq(mode, "wal");
	sqlite3_close(other);

	cr_assert_eq(store_begin_bulk(st, &err), KERR_OK);
	insert_case(&f, "2023-0003-FEPMTP-MDD", office, 0, user);
	store_rollback(st);
	cr_assert_eq(sqlite3_open(dbpath, &other), SQLITE_OK);
	journal_mode(other, mode);
	cr_assert_str_eq(mode, "wal", "and after a rollback");
	sqlite3_close(other);
	cr_assert_eq(store_case_id_by_number(st, "2023-0002-FEPMTP-MDD", &f.c.id, &err), KERR_OK);
	cr_assert_eq(store_check(st, NULL, NULL, &err), KERR_OK, "%s", err.msg);
}
