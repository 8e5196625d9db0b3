/*
 * fuzz-api-cases.c — the body of POST /api/v1/cases all the way down:
 * app_case_add_json (parsing, office codes, validation, person references,
 * sealing, one transaction, the audit entry) on a real SQLite register in a
 * private folder, as the demo prosecutor of Madre de Dios. Invariants: a
 * refused body says why and leaves no case behind (its number is unknown);
 * an accepted one reads back (masked, and revealed) with its number, and
 * the audit chain holds.
 */
#include "fuzz.h"

#include <unistd.h>

#include "app/app.h"
#include "app/casedoc.h"
#include "lib/i18n.h"

static struct app *app;
static struct policy_actor actor;
static struct arena actor_arena;
static char dir[256];
static unsigned long runs;

static void
cleanup(void)
{
	char cmd[300];

	if (app != NULL)
		app_close(app);
	arena_release(&actor_arena);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (dir[0] != '\0' && system(cmd) != 0)
		fprintf(stderr, "fuzz-api-cases: could not remove %s\n", dir);
}

static void
die(const char *what, const struct kerr *e)
{
	fprintf(stderr, "fuzz-api-cases: %s: %s\n", what, e->msg);
	exit(1);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *tmp = access("/dev/shm", W_OK) == 0 ? "/dev/shm" : "/tmp";
	char db[300], key[300];
	struct policy_actor sys;
	struct kerr e;

	(void)argc;
	(void)argv;
	snprintf(dir, sizeof(dir), "%s/khipu-fuzz.XXXXXX", tmp);
	if (mkdtemp(dir) == NULL) {
		perror("fuzz-api-cases: mkdtemp");
		exit(1);
	}
	atexit(cleanup);
	snprintf(db, sizeof(db), "%s/reg.db", dir);
	snprintf(key, sizeof(key), "%s/reg.db.key", dir);
	if (app_init(db, key, NULL, NULL, &e) != KERR_OK)
		die("init", &e);
	if (app_open(db, key, &app, &e) != KERR_OK)
		die("open", &e);
	app_system_actor(&sys);
	if (app_demo(app, &sys, 2, 3, "khipu-demo-2024", NULL, NULL, &e) != KERR_OK)
		die("demo", &e);
	arena_init(&actor_arena);
	if (app_actor(app, "demo-prosecutor", &actor_arena, &actor, &e) != KERR_OK)
		die("actor", &e);
	return 0;
}

static void
read_back(int64_t id, const char *text, size_t size)
{
	struct arena a;
	struct kcase c, doc;
	struct kerr e;
	const char *office;

	arena_init(&a);
	FUZZ_CHECK(app_case_show(app, &actor, id, APP_MASKED, &a, &c, &e) == KERR_OK);
	json_t *j = casedoc_to_json(&c, NULL, "masked", CASEDOC_WITH_CHILDREN);
	FUZZ_CHECK(j != NULL);
	json_decref(j);
	FUZZ_CHECK(app_case_show(app, &actor, id, APP_REVEAL, &a, &c, &e) == KERR_OK);
	j = casedoc_to_json(&c, NULL, "revealed", CASEDOC_WITH_CHILDREN);
	FUZZ_CHECK(j != NULL);
	json_decref(j);
	/* the stored number is the one sent */
	FUZZ_CHECK(casedoc_parse(text, size, &a, &doc, &office, &e) == KERR_OK);
	FUZZ_CHECK(doc.number != NULL && c.number != NULL && strcmp(doc.number, c.number) == 0);
	arena_release(&a);
}

/* 1 when the document parses and names a number no case has yet. */
static int
names_a_new_number(const uint8_t *data, size_t size)
{
	struct arena a;
	struct kcase doc;
	struct kerr e;
	const char *office;
	int64_t id;
	int fresh = 0;

	arena_init(&a);
	if (casedoc_parse((const char *)data, size, &a, &doc, &office, &e) == KERR_OK &&
	    doc.number != NULL)
		fresh = store_case_id_by_number(app->st, doc.number, &id, &e) == KERR_NOTFOUND;
	arena_release(&a);
	return fresh;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct app_version before, after;
	struct kerr e;
	int64_t id = 0;
	enum kerr_code rc;
	int fresh;

	FUZZ_CHECK(app_register_version(app, &before, &e) == KERR_OK);
	fresh = names_a_new_number(data, size);
	kerr_clear(&e);
	rc = app_case_add_json(app, &actor, (const char *)data, size, &id, &e);
	if (rc != KERR_OK) {
		/* refused: it says why, and its number is still unknown (refusals
		 * may be audited, so the audit head is no measure; the cases are) */
		FUZZ_CHECK(e.msg[0] != '\0');
		if (fresh)
			FUZZ_CHECK(names_a_new_number(data, size));
	} else {
		FUZZ_CHECK(app_register_version(app, &after, &e) == KERR_OK);
		FUZZ_CHECK(id > 0 && after.seq > before.seq);
		read_back(id, (const char *)data, size);
	}
	/* the chain stays whole (checked now and then: it grows with every case) */
	if (++runs % 512 == 0) {
		struct app_audit_report rep;
		struct policy_actor sys;
		app_system_actor(&sys);
		FUZZ_CHECK(app_audit_verify(app, &sys, &rep, &e) == KERR_OK);
	}
	return 0;
}
