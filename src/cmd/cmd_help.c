/*
 * cmd_help.c — --help, the overview and man pages, all from the command
 * descriptors, so the help a user reads and the man page never disagree.
 */
#include "cmd/cmd.h"

#include <string.h>

static void
print_opts(FILE *f, const struct cmd *c)
{
	int i;
	char left[64];

	if (c->flags & (CMD_ACTOR | CMD_SYSTEM))
		fprintf(f, "  %-24s %s\n", "--as USER", c->flags & CMD_ACTOR ?
			"act as this user; the policy of their role applies" :
			"act as this user (default: the system, for whoever holds the key file)");
	for (i = 0; i < CMD_MAX_OPTS && c->opts[i].name != NULL; i++) {
		snprintf(left, sizeof(left), "--%s%s%s", c->opts[i].name,
			c->opts[i].arg ? " " : "", c->opts[i].arg ? c->opts[i].arg : "");
		fprintf(f, "  %-24s %s\n", left, c->opts[i].help);
	}
	if (c->flags & CMD_OPEN) {
		fprintf(f, "  %-24s %s\n", "--db PATH|URL", "register database: a file, or postgresql://... (env KHIPU_DB, default var/khipu.db)");
		fprintf(f, "  %-24s %s\n", "--db-read URL", "a streaming replica for lists and statistics (env KHIPU_DB_READ)");
		fprintf(f, "  %-24s %s\n", "--key-file PATH", "key file (env KHIPU_KEY_FILE, default: database + .key; required with a postgresql:// database)");
	}
}

void
cmd_print_help(FILE *f, const struct cmd *c)
{
	fprintf(f, "usage: khipu %s\n\n%s.\n\n%s\n", c->usage, c->summary, c->description);
	fprintf(f, "\noptions:\n");
	print_opts(f, c);
	fprintf(f, "  %-24s %s\n", "--help", "show this help");
}

void
cmd_print_overview(FILE *f)
{
	const struct cmd *const *c;

	fprintf(f, "usage: khipu [--db PATH] [--key-file PATH] COMMAND [OPTIONS]\n\n"
		"Khipu, a register of human-trafficking cases.\n\ncommands:\n");
	for (c = cmd_table; *c != NULL; c++)
		fprintf(f, "  %-18s %s\n", (*c)->name, (*c)->summary);
	fprintf(f, "\n'khipu COMMAND --help' tells more; 'khipu man COMMAND' writes its man page.\n");
}

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
	fprintf(f, ".TH %s 1 \"\" \"khipu %s\" \"Khipu Manual\"\n.SH NAME\n", title, KHIPU_VERSION);
	roff(f, title);
	fputs(" \\- ", f);
	roff(f, c->summary);
	fputs("\n.SH SYNOPSIS\n.B khipu\n", f);
	roff(f, c->usage);
	fputs("\n.SH DESCRIPTION\n", f);
	roff(f, c->description);
	fputs("\n.SH OPTIONS\n", f);
	if (c->flags & (CMD_ACTOR | CMD_SYSTEM))
		fputs(".TP\n.B \\-\\-as USER\nact as this user; the policy of their role applies\n", f);
	for (k = 0; k < CMD_MAX_OPTS && c->opts[k].name != NULL; k++) {
		fputs(".TP\n.B \\-\\-", f);
		roff(f, c->opts[k].name);
		if (c->opts[k].arg) {
			fputc(' ', f);
			roff(f, c->opts[k].arg);
		}
		fputc('\n', f);
		roff(f, c->opts[k].help);
		fputc('\n', f);
	}
	fputs(".SH SEE ALSO\n.BR khipu (1)\n", f);
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
		return cmd_usage_error(ctx, "no command '%s'", name);
	(man ? cmd_print_man : cmd_print_help)(stdout, c);
	return 0;
}

static int run_help(struct cmd_ctx *ctx) { return run_help_or_man(ctx, 0); }
static int run_man(struct cmd_ctx *ctx) { return run_help_or_man(ctx, 1); }

const struct cmd cmd_help = {
	.name = "help",
	.usage = "help [COMMAND [SUBCOMMAND]]",
	.summary = "Show the commands, or the help of one",
	.description = "Without a command, lists every command. With one, prints the same text as 'khipu COMMAND --help'.",
	.max_args = 2,
	.run = run_help,
};

const struct cmd cmd_man = {
	.name = "man",
	.usage = "man COMMAND [SUBCOMMAND]",
	.summary = "Write the man page of a command (roff) to standard output",
	.description = "The man page is made from the same text as --help. Read it with 'khipu man case add | man -l -'.",
	.max_args = 2,
	.run = run_man,
};
