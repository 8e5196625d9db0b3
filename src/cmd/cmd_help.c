/*
 * cmd_help.c — --help, the overview and man pages, all from the command
 * descriptors, so the help a user reads and the man page never disagree.
 */
#include "cmd/cmd.h"

#include <string.h>

/* roff needs backslashes doubled and a leading dot or quote escaped. */
static void
roff(FILE *f, const char *s)
{
	int bol = 1;

	for (; *s; s++) {
		if (bol && (*s == '.' || *s == '\''))
			fputs("\\&", f);
		if (*s == '\\')
			fputs("\\e", f);
		else if (*s == '-')
			fputs("\\-", f);
		else
			fputc(*s, f);
		bol = *s == '\n';
	}
}

/* The exit statuses of every command: the one mapping of kerr.c. */
static const struct {
	int status;
	const char *what;
} exit_statuses[] = {
	{ 0, N_("success") },
	{ 2, N_("bad input: a wrong option, value, code, date or document (nothing was written)") },
	{ 3, N_("not found: no such case, user or office") },
	{ 4, N_("denied: the user's role may not do this, or the user is unknown or locked") },
	{ 5, N_("conflict: it exists already (case number, user, office, file)") },
	{ 6, N_("a file, the database or the key file cannot be found, opened, read or written") },
	{ 7, N_("key problem: the key file is not this register's, is readable by others (needs mode 0600) or is damaged") },
	{ 8, N_("integrity: the audit trail or the database failed a check") },
	{ 9, N_("stale: the case changed since the version the update was made from (nothing was written; read it again)") },
	{ 70, N_("internal error (a bug: please report it)") },
};

/* Commands that name a register: those that open one, and init, which
 * creates it (and so must not open it first). */
static int
takes_db(const struct cmd *c)
{
	return (c->flags & CMD_OPEN) || strcmp(c->name, "init") == 0;
}

static const char *
as_help(const struct cmd *c)
{
	return c->flags & CMD_ACTOR ? _("act as this user; the policy of their role applies") :
		_("act as this user (default: the system, for whoever holds the key file)");
}

/* The options of every command that opens the register (help and man). */
static const struct {
	const char *name, *help;
} db_opts[] = {
	{ "--db PATH|URL", N_("register database: a file, or postgresql://... "
		"(env KHIPU_DB, default var/khipu.db)") },
	{ "--db-read URL", N_("a streaming replica for lists and statistics (env KHIPU_DB_READ)") },
	{ "--key-file PATH", N_("key file (env KHIPU_KEY_FILE, default: database + .key; "
		"required with a postgresql:// database)") },
};

static void
print_opts(FILE *f, const struct cmd *c)
{
	int i;
	char left[64];

	if (c->flags & (CMD_ACTOR | CMD_SYSTEM))
		fprintf(f, "  %-24s %s\n", "--as USER", as_help(c));
	for (i = 0; i < CMD_MAX_OPTS && c->opts[i].name != NULL; i++) {
		snprintf(left, sizeof(left), "--%s%s%s", c->opts[i].name,
			c->opts[i].arg ? " " : "", c->opts[i].arg ? c->opts[i].arg : "");
		fprintf(f, "  %-24s %s\n", left, _(c->opts[i].help));
	}
	if (takes_db(c))
		for (i = 0; i < (int)(sizeof(db_opts) / sizeof(db_opts[0])); i++)
			fprintf(f, "  %-24s %s\n", db_opts[i].name, _(db_opts[i].help));
}

/* Examples: one per line, "command  # what it does" (translated as a whole:
 * translators keep the commands as they are). */
static void
print_examples(FILE *f, const struct cmd *c, int man)
{
	const char *p = _(c->examples), *nl, *hash;

	while (p != NULL && *p) {
		char line[512];
		nl = strchr(p, '\n');
		snprintf(line, sizeof(line), "%.*s", (int)(nl ? nl - p : (long)strlen(p)), p);
		p = nl ? nl + 1 : NULL;
		if (!man) {
			fprintf(f, "  %s\n", line);
			continue;
		}
		if ((hash = strstr(line, "  # ")) != NULL)
			line[hash - line] = '\0';
		fputs(".TP\n.B ", f);
		roff(f, line);
		fputc('\n', f);
		if (hash != NULL)
			roff(f, hash + 4);
		fputc('\n', f);
	}
}

void
cmd_print_help(FILE *f, const struct cmd *c)
{
	size_t i;

	fprintf(f, "%s: khipu %s\n\n%s.\n\n%s\n", _("usage"), c->usage, _(c->summary),
		_(c->description));
	fprintf(f, "\n%s:\n", _("options"));
	print_opts(f, c);
	fprintf(f, "  %-24s %s\n", "--help", _("show this help"));
	if (c->examples != NULL) {
		fprintf(f, "\n%s:\n", _("examples"));
		print_examples(f, c, 0);
	}
	fprintf(f, "\n%s:\n", _("exit status"));
	for (i = 0; i < sizeof(exit_statuses) / sizeof(exit_statuses[0]); i++)
		fprintf(f, "  %-3d %s\n", exit_statuses[i].status, _(exit_statuses[i].what));
}

void
cmd_print_overview(FILE *f)
{
	const struct cmd *const *c;

	fprintf(f, "%s: khipu [--db PATH] [--key-file PATH] COMMAND [OPTIONS]\n\n%s\n\n%s:\n",
		_("usage"), _("Khipu, a register of human-trafficking cases."), _("commands"));
	for (c = cmd_table; *c != NULL; c++)
		fprintf(f, "  %-18s %s\n", (*c)->name, _((*c)->summary));
	fprintf(f, "\n%s\n",
		_("'khipu COMMAND --help' tells more; 'khipu man COMMAND' writes its man page."));
	fprintf(f, "%s\n", _("Messages are in Spanish by default; KHIPU_LANG=en gives English, "
		"KHIPU_LANG=es Spanish."));
}

void
cmd_print_man(FILE *f, const struct cmd *c)
{
	char title[64];
	size_t i;
	int k;

	snprintf(title, sizeof(title), "khipu-%s", c->name);
	for (i = 0; title[i]; i++)
		if (title[i] == ' ')
			title[i] = '-';
	/* TRANSLATORS: the section headings of a man page, in capitals */
	fprintf(f, ".TH %s 1 \"\" \"khipu %s\" \"%s\"\n.SH %s\n", title, KHIPU_VERSION,
		_("Khipu Manual"), _("NAME"));
	roff(f, title);
	fputs(" \\- ", f);
	roff(f, _(c->summary));
	fprintf(f, "\n.SH %s\n.B khipu\n", _("SYNOPSIS"));
	roff(f, c->usage);
	fprintf(f, "\n.SH %s\n", _("DESCRIPTION"));
	roff(f, _(c->description));
	fprintf(f, "\n.SH %s\n", _("OPTIONS"));
	if (c->flags & (CMD_ACTOR | CMD_SYSTEM)) {
		fputs(".TP\n.B \\-\\-as USER\n", f);
		roff(f, as_help(c));
		fputc('\n', f);
	}
	for (k = 0; k < CMD_MAX_OPTS && c->opts[k].name != NULL; k++) {
		fputs(".TP\n.B \\-\\-", f);
		roff(f, c->opts[k].name);
		if (c->opts[k].arg) {
			fputc(' ', f);
			roff(f, c->opts[k].arg);
		}
		fputc('\n', f);
		roff(f, _(c->opts[k].help));
		fputc('\n', f);
	}
	if (takes_db(c))
		for (i = 0; i < sizeof(db_opts) / sizeof(db_opts[0]); i++) {
			fputs(".TP\n.B ", f);
			roff(f, db_opts[i].name);
			fputc('\n', f);
			roff(f, _(db_opts[i].help));
			fputc('\n', f);
		}
	if (c->examples != NULL) {
		fprintf(f, ".SH %s\n", _("EXAMPLES"));
		print_examples(f, c, 1);
	}
	fprintf(f, ".SH \"%s\"\n", _("EXIT STATUS"));
	for (i = 0; i < sizeof(exit_statuses) / sizeof(exit_statuses[0]); i++) {
		fprintf(f, ".TP\n.B %d\n", exit_statuses[i].status);
		roff(f, _(exit_statuses[i].what));
		fputc('\n', f);
	}
	fprintf(f, ".SH \"%s\"\n.BR khipu (1)\n", _("SEE ALSO"));
}

static const struct cmd *
lookup(const char *name)
{
	const struct cmd *const *c;

	for (c = cmd_table; *c != NULL; c++)
		if (strcmp((*c)->name, name) == 0)
			return *c;
	return NULL;
}

static int
run_help_or_man(struct cmd_ctx *ctx, int man)
{
	char name[128];
	const struct cmd *c;

	if (ctx->nargs == 0) {
		cmd_print_overview(stdout);
		return 0;
	}
	snprintf(name, sizeof(name), "%s%s%s", ctx->args[0], ctx->nargs > 1 ? " " : "",
		ctx->nargs > 1 ? ctx->args[1] : "");
	if ((c = lookup(name)) == NULL)
		return cmd_usage_error(ctx, _("no command '%s'; 'khipu help' lists them"), name);
	(man ? cmd_print_man : cmd_print_help)(stdout, c);
	return 0;
}

static int run_help(struct cmd_ctx *ctx) { return run_help_or_man(ctx, 0); }
static int run_man(struct cmd_ctx *ctx) { return run_help_or_man(ctx, 1); }

const struct cmd cmd_help = {
	.name = "help",
	.usage = "help [COMMAND [SUBCOMMAND]]",
	.summary = N_("Show the commands, or the help of one"),
	.description = N_("Without a command, lists every command. With one, prints the same text as\n"
		"'khipu COMMAND --help'."),
	.examples = N_("khipu help\nkhipu help case list"),
	.max_args = 2,
	.run = run_help,
};

const struct cmd cmd_man = {
	.name = "man",
	.usage = "man COMMAND [SUBCOMMAND]",
	.summary = N_("Write the man page of a command (roff) to standard output"),
	.description = N_("The man page is made from the same text as --help, in the same language\n"
		"(KHIPU_LANG)."),
	.examples = N_("khipu man case add | man -l -  # read it\n"
		"khipu man user add > khipu-user-add.1  # save it"),
	.max_args = 2,
	.run = run_man,
};
