/*
 * cmd.h — the command table of the khipu binary (git builtin / tmux cmd_entry).
 *
 * How to add a command:
 *   1. write src/cmd/cmd_<noun>.c with a run function and a
 *      `const struct cmd cmd_<noun>_<verb>` descriptor (name, usage, summary,
 *      description, options, examples); the same text makes --help and the
 *      man page; mark every text with N_() (cmd_help.c translates it when
 *      printing, so the help is in the user's language);
 *   2. declare it at the bottom of this file and add it to cmd_table in main.c;
 *   3. add the file to src/cmd/meson.build and a test in tests/integration.
 * Commands never touch the store: they parse options, call app/ use cases
 * and print. Errors go through cmd_fail(), which maps codes to exit status.
 */
#ifndef KHIPU_CMD_H
#define KHIPU_CMD_H

#include <stdio.h>

#include "app/app.h"
#include "lib/i18n.h"
#include "lib/kerr.h"

#define CMD_MAX_OPTS 16
#define CMD_MAX_ARGS 8

struct cmd_opt {
	const char *name;      /* long name without "--" */
	const char *arg;       /* placeholder ("FILE") or NULL for a flag */
	const char *help;
	int repeat;            /* may be given several times: values joined by '\n' */
};

enum cmd_flags {
	CMD_OPEN   = 1 << 0,   /* needs an open register (--db, --key-file) */
	CMD_ACTOR  = 1 << 1,   /* needs --as USER */
	CMD_SYSTEM = 1 << 2,   /* --as optional: without it, acts as "system" */
	CMD_NEW_OK = 1 << 3,   /* with CMD_OPEN: where no register exists yet, run
	                          with ctx->app NULL (restore on a new machine) */
	CMD_OPEN_AS = 1 << 4,  /* --as optional: given, the register is opened and
	                          the actor found (CMD_OPEN | CMD_ACTOR); absent, the
	                          command runs on files only, ctx->app NULL */
};

struct cmd_ctx;

struct cmd {
	const char *name;          /* "case add" */
	const char *usage;         /* after "khipu ": "case add --as USER --json FILE|-" */
	const char *summary;       /* one line */
	const char *description;   /* paragraphs for --help and the man page */
	const char *examples;      /* optional: "khipu ...  # what it does" lines */
	struct cmd_opt opts[CMD_MAX_OPTS];
	int min_args, max_args;    /* positional arguments */
	int flags;
	int (*run)(struct cmd_ctx *ctx);
};

/* What a command receives: parsed options, the open register, the actor. */
struct cmd_ctx {
	const struct cmd *cmd;
	const char *db;
	const char *db_read;                /* --db-read URL: a replica for reads */
	const char *key_file;
	const char *as;
	const char *values[CMD_MAX_OPTS];   /* by index in cmd->opts; "1" for flags */
	const char *args[CMD_MAX_ARGS];
	int nargs;
	struct app *app;
	struct policy_actor actor;
	struct arena arena;
	int interactive;                    /* stderr is a terminal: show progress */
	struct kerr err;
};

/* Value of option name, or NULL when not given. */
const char *cmd_opt(const struct cmd_ctx *ctx, const char *name);
/* Report ctx->err (or code/message) on stderr as "khipu: ..." and return the
 * exit status for it. */
int cmd_fail(struct cmd_ctx *ctx, enum kerr_code code);
/* Usage error naming the option; exit status 2. */
int cmd_usage_error(struct cmd_ctx *ctx, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Read a password: one line from standard input (no echo games: scripts pipe
 * it). Returns a malloc'd string or NULL with ctx->err set. */
char *cmd_read_password(struct cmd_ctx *ctx);
/* Read a whole file ("-" = standard input), capped at 16 MiB. */
char *cmd_read_file(struct cmd_ctx *ctx, const char *path, size_t *n);
/* Progress on stderr when interactive: "label  42% (4200/10000)". */
void cmd_progress(void *ctx, size_t done, size_t total);
/* Output format from --format, checked against the allowed list
 * ("table,json,csv"); returns the format or NULL after a usage error. */
const char *cmd_format(struct cmd_ctx *ctx, const char *allowed, const char *dflt);

/* `case show ID --version N` (cmd_revise.c). */
int cmd_case_show_version(struct cmd_ctx *ctx, int64_t id, const char *version, int reveal);

/* Help and man pages from the same descriptors (cmd_help.c). */
void cmd_print_help(FILE *f, const struct cmd *c);
void cmd_print_man(FILE *f, const struct cmd *c);
void cmd_print_overview(FILE *f);

/* Tables and CSV (cmd_out.c). */
struct cmd_table;
struct cmd_table *cmd_table_new(int ncols, const char *const *headers);
void cmd_table_row(struct cmd_table *t, const char *const *cells);
/* Writes as aligned text ("table", headers translated with _()) or RFC 4180
 * CSV ("csv", headers as given: stable names for programs), then frees t. */
void cmd_table_print(struct cmd_table *t, FILE *f, const char *format);
void cmd_table_free(struct cmd_table *t);   /* without printing; NULL is fine */
/* Print a JSON value (takes the reference) with a final newline. */
struct json_t;
void cmd_json_print(struct json_t *v, FILE *f);

extern const struct cmd *const cmd_table[];

extern const struct cmd cmd_init;
extern const struct cmd cmd_demo;
extern const struct cmd cmd_office_add, cmd_office_list;
extern const struct cmd cmd_user_add, cmd_user_list, cmd_user_lock, cmd_user_unlock, cmd_user_role,
	cmd_user_passwd;
extern const struct cmd cmd_case_add, cmd_case_list, cmd_case_show, cmd_case_event;
extern const struct cmd cmd_case_outcome;
extern const struct cmd cmd_case_update, cmd_case_edit, cmd_case_history;
extern const struct cmd cmd_case_assign, cmd_case_transfer;
extern const struct cmd cmd_case_protect, cmd_case_asset, cmd_police_reconcile;
extern const struct cmd cmd_case_attach, cmd_case_attachments, cmd_case_attachment_get;
extern const struct cmd cmd_case_deadlines;
extern const struct cmd cmd_person_search, cmd_identifier_search, cmd_dedup;
extern const struct cmd cmd_person_merge, cmd_person_unmerge, cmd_dedup_reject, cmd_network;
extern const struct cmd cmd_link_dedup, cmd_link_evaluate, cmd_link_encode, cmd_link_match;
extern const struct cmd cmd_mla_add, cmd_mla_list, cmd_mla_show, cmd_mla_update;
extern const struct cmd cmd_exchange_keygen, cmd_exchange_key, cmd_exchange_peer_add,
	cmd_exchange_peer_list, cmd_exchange_peer_remove, cmd_exchange_pack, cmd_exchange_open;
extern const struct cmd cmd_export_htcds, cmd_import_htcds;
extern const struct cmd cmd_audit_verify, cmd_audit_show;
extern const struct cmd cmd_backup, cmd_restore, cmd_check, cmd_key_rotate;
extern const struct cmd cmd_codebook;
extern const struct cmd cmd_migrate;
extern const struct cmd cmd_help, cmd_man;
extern const struct cmd cmd_serve, cmd_token_create, cmd_token_revoke, cmd_user_totp;
extern const struct cmd cmd_stats;
extern const struct cmd cmd_import_ctdc;
extern const struct cmd cmd_export_ctdc, cmd_export_unodc, cmd_export_xlsx;

#endif
