/* cmd_exchange.c — khipu exchange keygen|key|peer add|peer list|peer
 * remove|pack|open, export htcds, import htcds: cases exchanged with
 * another country's register, signed and encrypted, and the HTCDS form of
 * a case (issue 13, items 2 and 3). */
#include "cmd/cmd.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "io/htcds.h"

/* Write n bytes to path through a temporary file renamed over it (mode
 * 0600: a package or an HTCDS file holds suspects' identities). */
static int
write_file(struct cmd_ctx *ctx, const char *path, const void *p, size_t n)
{
	char tmp[4096];
	FILE *f;
	int fd, ok;

	if (strcmp(path, "-") == 0)
		return fwrite(p, 1, n, stdout) == n ? 0 : -1;
	snprintf(tmp, sizeof(tmp), "%s.tmp-XXXXXX", path);
	if ((fd = mkstemp(tmp)) < 0 || (f = fdopen(fd, "wb")) == NULL) {
		kerr_set(&ctx->err, KERR_IO, _("cannot write '%s': %s"), path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	ok = fwrite(p, 1, n, f) == n;
	ok &= fclose(f) == 0;
	if (!ok || rename(tmp, path) != 0) {
		kerr_set(&ctx->err, KERR_IO, _("cannot write '%s': %s"), path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

/* --include, default everything; 0 after a usage error (status in *st). */
static unsigned
include_opt(struct cmd_ctx *ctx, int *st)
{
	const char *s = cmd_opt(ctx, "include"), *bad;
	unsigned inc;

	*st = 0;
	if (s == NULL)
		return HTCDS_ALL;
	if (htcds_include_parse(s, &inc, &bad) != 0 || inc == 0) {
		*st = cmd_usage_error(ctx, _("--include: '%s' is not one of victims, suspects, events, "
			"assets, identifiers"), inc == 0 && bad == NULL ? s : bad);
		return 0;
	}
	return inc;
}

static int
run_keygen(struct cmd_ctx *ctx)
{
	struct app_exchange_identity id;
	enum kerr_code rc = app_exchange_keygen(ctx->app, &ctx->actor, &id, &ctx->err);

	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	printf(_("key:         %s\nfingerprint: %s\n"), id.key, id.fingerprint);
	return 0;
}

static int
run_key(struct cmd_ctx *ctx)
{
	struct app_exchange_identity id;
	enum kerr_code rc = app_exchange_key(ctx->app, &id, &ctx->err);

	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	printf(_("key:         %s\nfingerprint: %s\n"), id.key, id.fingerprint);
	return 0;
}

static int
run_peer_add(struct cmd_ctx *ctx)
{
	char fp[SIGN_FP_LEN];
	enum kerr_code rc = app_exchange_peer_add(ctx->app, &ctx->actor, ctx->args[0], ctx->args[1],
		fp, &ctx->err);

	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	printf(_("peer '%s' trusted; fingerprint %s (check it with them by phone)\n"),
		ctx->args[0], fp);
	return 0;
}

static int
run_peer_remove(struct cmd_ctx *ctx)
{
	enum kerr_code rc = app_exchange_peer_remove(ctx->app, &ctx->actor, ctx->args[0], &ctx->err);

	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	printf(_("peer '%s' removed: its packages are refused from now on\n"), ctx->args[0]);
	return 0;
}

static int
run_peer_list(struct cmd_ctx *ctx)
{
	static const char *const headers[] = { N_("name"), N_("fingerprint"), N_("state") };
	const char *format = cmd_format(ctx, "table,json", "table");
	struct cmd_table *t;
	json_t *arr, *p;
	size_t i;
	enum kerr_code rc;

	if (format == NULL)
		return 2;
	if ((rc = app_exchange_peer_list(ctx->app, &ctx->actor, &arr, &ctx->err)) != KERR_OK)
		return cmd_fail(ctx, rc);
	if (strcmp(format, "json") == 0) {
		cmd_json_print(arr, stdout);
		return 0;
	}
	t = cmd_table_new(3, headers);
	json_array_foreach(arr, i, p) {
		const char *cells[] = { json_string_value(json_object_get(p, "name")),
			json_string_value(json_object_get(p, "fingerprint")),
			json_is_null(json_object_get(p, "removed")) ? _("trusted") : _("removed") };
		cmd_table_row(t, cells);
	}
	cmd_table_print(t, stdout, "table");
	json_decref(arr);
	return 0;
}

static int
run_pack(struct cmd_ctx *ctx)
{
	const char *out = cmd_opt(ctx, "out"), *to = cmd_opt(ctx, "to"), *cs = cmd_opt(ctx, "case");
	unsigned char *pkg;
	char package[33];
	unsigned inc;
	size_t n;
	int64_t id;
	int st;
	enum kerr_code rc;

	if (out == NULL || to == NULL || cs == NULL)
		return cmd_usage_error(ctx, "%s", _("--case ID, --to PEER and --out FILE are required"));
	if ((inc = include_opt(ctx, &st)) == 0)
		return st;
	if ((rc = app_case_id(ctx->app, cs, &id, &ctx->err)) != KERR_OK)
		return cmd_fail(ctx, rc);
	rc = app_exchange_pack(ctx->app, &ctx->actor, id, to, inc, &pkg, &n, package, &ctx->err);
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	st = write_file(ctx, out, pkg, n);
	free(pkg);
	if (st != 0)
		return cmd_fail(ctx, ctx->err.code);
	fprintf(stderr, _("case %lld packed for '%s': package %s, %zu bytes\n"), (long long)id, to,
		package, n);
	return 0;
}

static int
run_open(struct cmd_ctx *ctx)
{
	struct app_exchange_received r;
	char *data;
	size_t n;
	enum kerr_code rc;

	if ((data = cmd_read_file(ctx, ctx->args[0], &n)) == NULL)
		return cmd_fail(ctx, ctx->err.code);
	rc = app_exchange_open(ctx->app, &ctx->actor, (const unsigned char *)data, n, &ctx->arena,
		&r, &ctx->err);
	free(data);
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	printf(_("package %s from '%s' (fingerprint %s), made %s: signature and integrity "
		"verified\n"), r.package, r.peer, r.fingerprint, r.created);
	printf(_("it holds %zu persons, %zu events, %zu assets, %zu requests\n"), r.persons,
		r.events, r.assets, r.requests);
	printf(_("imported as case %lld '%s'\n"), (long long)r.case_id, r.number);
	return 0;
}

static int
run_export_htcds(struct cmd_ctx *ctx)
{
	const char *cs = cmd_opt(ctx, "case"), *out = cmd_opt(ctx, "out");
	json_t *h;
	char *text;
	unsigned inc;
	int64_t id;
	int st;
	enum kerr_code rc;

	if (cs == NULL)
		return cmd_usage_error(ctx, "%s", _("--case ID is required"));
	if ((inc = include_opt(ctx, &st)) == 0)
		return st;
	if ((rc = app_case_id(ctx->app, cs, &id, &ctx->err)) != KERR_OK)
		return cmd_fail(ctx, rc);
	if ((rc = app_htcds_export(ctx->app, &ctx->actor, id, inc, &h, &ctx->err)) != KERR_OK)
		return cmd_fail(ctx, rc);
	text = json_dumps(h, JSON_INDENT(2) | JSON_SORT_KEYS);
	json_decref(h);
	st = write_file(ctx, out != NULL ? out : "-", text, strlen(text));
	if (st == 0 && (out == NULL || strcmp(out, "-") == 0))
		putchar('\n');
	free(text);
	return st == 0 ? 0 : cmd_fail(ctx, ctx->err.code);
}

static int
run_import_htcds(struct cmd_ctx *ctx)
{
	char *data, number[65];
	size_t n;
	int64_t id;
	enum kerr_code rc;

	if ((data = cmd_read_file(ctx, ctx->args[0], &n)) == NULL)
		return cmd_fail(ctx, ctx->err.code);
	rc = app_htcds_import(ctx->app, &ctx->actor, data, n, &id, number, &ctx->err);
	free(data);
	if (rc != KERR_OK)
		return cmd_fail(ctx, rc);
	printf(_("imported as case %lld '%s'\n"), (long long)id, number);
	return 0;
}

#define INCLUDE_OPT { "include", "LIST", N_("what goes: victims,suspects,events,assets," \
	"identifiers (default all; victims never with their identity)") }

const struct cmd cmd_exchange_keygen = {
	.name = "exchange keygen",
	.usage = "exchange keygen --as USER",
	.summary = N_("Make this installation's exchange identity"),
	.description =
		N_("Makes the installation's identity for exchanging cases with other countries'\n"
		"registers: an Ed25519 signing key and an X25519 encryption key (libsodium). The\n"
		"secret keys are sealed in the register with its key (backups carry them, key\n"
		"rotation reseals them); the public key is printed with its fingerprint, which\n"
		"the other side checks by phone before 'khipu exchange peer add'. An identity is\n"
		"made once: peers trust it."),
	.examples = N_("khipu exchange keygen --as enlace1"),
	.min_args = 0, .max_args = 0,
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_keygen,
};

const struct cmd cmd_exchange_key = {
	.name = "exchange key",
	.usage = "exchange key",
	.summary = N_("Print this installation's public exchange key and fingerprint"),
	.description = N_("Prints the public key to give to a peer and its fingerprint."),
	.examples = N_("khipu exchange key"),
	.min_args = 0, .max_args = 0,
	.flags = CMD_OPEN,
	.run = run_key,
};

const struct cmd cmd_exchange_peer_add = {
	.name = "exchange peer add",
	.usage = "exchange peer add NAME KEY --as USER",
	.summary = N_("Trust another installation's exchange key"),
	.description =
		N_("Adds a trusted peer: NAME (1 to 32 letters, digits, '.', '_', '-'), KEY its\n"
		"public key ('khipu exchange key' there, \"khx1:...\"). Check the fingerprint\n"
		"printed with the peer by phone. Packages are accepted only from trusted peers."),
	.examples = N_("khipu exchange peer add fge-bo khx1:... --as enlace1"),
	.min_args = 2, .max_args = 2,
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_peer_add,
};

const struct cmd cmd_exchange_peer_list = {
	.name = "exchange peer list",
	.usage = "exchange peer list --as USER [--format table|json]",
	.summary = N_("List the trusted peers"),
	.description = N_("Lists the peers with their fingerprints, removed ones marked."),
	.examples = N_("khipu exchange peer list --as enlace1"),
	.opts = { { "format", "FORMAT", N_("table (default) or json") } },
	.min_args = 0, .max_args = 0,
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_peer_list,
};

const struct cmd cmd_exchange_peer_remove = {
	.name = "exchange peer remove",
	.usage = "exchange peer remove NAME --as USER",
	.summary = N_("Stop trusting a peer"),
	.description =
		N_("Removes a peer: its packages are refused from now on. It stays listed as\n"
		"removed, so the cases received from it keep their provenance."),
	.examples = N_("khipu exchange peer remove fge-bo --as enlace1"),
	.min_args = 1, .max_args = 1,
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_peer_remove,
};

const struct cmd cmd_exchange_pack = {
	.name = "exchange pack",
	.usage = "exchange pack --as USER --case ID --to PEER [--include LIST] --out FILE",
	.summary = N_("Write a case for a peer, signed and encrypted"),
	.description =
		N_("Writes case ID for peer PEER in one file: the case as HTCDS (the standard's\n"
		"field names, with the prosecution's fields HTCDS lacks beside them), signed\n"
		"with this installation's key and encrypted to the peer's, with a package id\n"
		"the peer refuses to open twice. Victims travel without their identity;\n"
		"suspects with theirs; free text (summary, notes, descriptions) never. Needs\n"
		"exchange.send on the case; audited with the peer and the package id."),
	.examples = N_("khipu exchange pack --as enlace1 --case 17 --to fge-bo --out caso17.khx\n"
		"khipu exchange pack --as enlace1 --case 17 --to fge-bo --include suspects,events "
		"--out caso17.khx"),
	.opts = {
		{ "case", "ID", N_("the case (id or number)") },
		{ "to", "PEER", N_("the peer's name ('khipu exchange peer list')") },
		INCLUDE_OPT,
		{ "out", "FILE", N_("the package to write") },
	},
	.min_args = 0, .max_args = 0,
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_pack,
};

const struct cmd cmd_exchange_open = {
	.name = "exchange open",
	.usage = "exchange open FILE --as USER",
	.summary = N_("Verify, decrypt and import a peer's package"),
	.description =
		N_("Opens a package: it must come from a trusted peer (not removed), be encrypted\n"
		"to this installation, be whole and unaltered, carry a valid signature and never\n"
		"have been opened here. Then it shows what it holds and imports it as a new case\n"
		"of your office numbered RX-PEER-NUMBER-PACKAGE, keeping its provenance (peer,\n"
		"fingerprint, package id, when). Any refusal says why, is audited, and imports\n"
		"nothing. Needs exchange.receive (the liaison)."),
	.examples = N_("khipu exchange open caso17.khx --as enlace1"),
	.min_args = 1, .max_args = 1,
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_open,
};

const struct cmd cmd_export_htcds = {
	.name = "export htcds",
	.usage = "export htcds --as USER --case ID [--include LIST] [--out FILE]",
	.summary = N_("Write a case as HTCDS v2.0 JSON"),
	.description =
		N_("Writes case ID with the field names and value names of IOM's Human\n"
		"Trafficking Case Data Standard v2.0 (cas_, prs_, vic_, per_), and what HTCDS\n"
		"lacks (offences, procedural events, assets, identifiers, requests, finer codes)\n"
		"under khipu_ names, so 'khipu import htcds' gives the case back. Victims are\n"
		"written without their identity. Needs exchange.send on the case; audited."),
	.examples = N_("khipu export htcds --as enlace1 --case 17 --out caso17.htcds.json"),
	.opts = {
		{ "case", "ID", N_("the case (id or number)") },
		INCLUDE_OPT,
		{ "out", "FILE", N_("the file to write (default: standard output)") },
	},
	.min_args = 0, .max_args = 0,
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_export_htcds,
};

const struct cmd cmd_import_htcds = {
	.name = "import htcds",
	.usage = "import htcds FILE --as USER",
	.summary = N_("Register a case from an HTCDS v2.0 JSON file"),
	.description =
		N_("Registers the case of an HTCDS file as a new case of your office numbered\n"
		"RX-HTCDS-...: the khipu_ parts when present, else the standard's fields mapped\n"
		"to the codebook (a file with only HTCDS takes the referral's date as the\n"
		"complaint's and trafficking, CP art. 129-A, as the offence). An HTCDS value or a\n"
		"code the codebook does not know is refused naming the field; nothing is\n"
		"written. Needs exchange.receive (the liaison); audited."),
	.examples = N_("khipu import htcds caso17.htcds.json --as enlace1"),
	.min_args = 1, .max_args = 1,
	.flags = CMD_OPEN | CMD_ACTOR,
	.run = run_import_htcds,
};
