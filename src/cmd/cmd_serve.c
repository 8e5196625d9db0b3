/* cmd_serve.c — khipu serve: the web application and the JSON API. */
#include "cmd/cmd.h"

#include <stdlib.h>

#include "web/web.h"

static int
run_serve(struct cmd_ctx *ctx)
{
	struct web_config cfg = {
		.db = ctx->db,
		.key_file = ctx->key_file,
		.listen = cmd_opt(ctx, "listen"),
		.tls_cert = cmd_opt(ctx, "tls-cert"),
		.tls_key = cmd_opt(ctx, "tls-key"),
		.metrics_token_file = cmd_opt(ctx, "metrics-token-file"),
		.time_zone = cmd_opt(ctx, "time-zone"),
	};
	const char *t = cmd_opt(ctx, "threads");
	char *end;

	if (t != NULL) {
		long n = strtol(t, &end, 10);
		if (*end || n < 1 || n > 256)
			return cmd_usage_error(ctx, "--threads: give a number from 1 to 256");
		cfg.threads = (unsigned)n;
	}
	if ((t = cmd_opt(ctx, "request-timeout")) != NULL) {
		long n = strtol(t, &end, 10);
		if (*t == '\0' || *end || n < 1 || n > 3600)
			return cmd_usage_error(ctx, "--request-timeout: give seconds from 1 to 3600");
		cfg.request_timeout = (unsigned)n;
	}
	if ((t = cmd_opt(ctx, "max-per-address")) != NULL) {
		long n = strtol(t, &end, 10);
		if (*t == '\0' || *end || n < 1 || n > 1000)
			return cmd_usage_error(ctx, "--max-per-address: give a number from 1 to 1000");
		cfg.per_address = (unsigned)n;
	}
	if (web_serve(&cfg, &ctx->err) != KERR_OK)
		return cmd_fail(ctx, ctx->err.code);
	return 0;
}

const struct cmd cmd_serve = {
	.name = "serve",
	.usage = "serve [--listen ADDR:PORT] [--tls-cert FILE --tls-key FILE] [--threads N] "
		"[--metrics-token-file FILE] [--request-timeout S] [--max-per-address N] "
		"[--time-zone ZONE]",
	.summary = "Serve the web application and the JSON API",
	.description =
		"Serves the register to browsers (Spanish by default, English with ?lang=en)\n"
		"and the JSON API under /api/v1 (bearer tokens from 'khipu token create').\n"
		"Listens on 127.0.0.1:8080 unless told otherwise; port 0 picks a free port,\n"
		"named on standard error. With --tls-cert and --tls-key (PEM) it speaks HTTPS\n"
		"and marks cookies Secure. One line per request goes to standard error,\n"
		"without query strings or identities. SIGTERM or SIGINT stops it after the\n"
		"requests in flight are answered. GET /healthz needs no sign-in; GET /metrics\n"
		"(Prometheus) answers only with --metrics-token-file, to a request carrying\n"
		"that token (Authorization: Bearer TOKEN).\n"
		"Against denial of service: a whole request (headers, body and answer) must\n"
		"end within --request-timeout seconds (default 60), one address holds at\n"
		"most --max-per-address connections (default 32; 1,000 in all), and password\n"
		"hashing (sign-in, new users) runs on its own threads with a short queue:\n"
		"when it is full the answer is 503 with Retry-After.\n"
		"Times on the pages (the audit trail) are in --time-zone, an IANA zone name\n"
		"(default America/Lima; UTC for universal time).",
	.opts = {
		{ "listen", "ADDR:PORT", "address and port (default 127.0.0.1:8080)" },
		{ "tls-cert", "FILE", "TLS certificate chain (PEM)" },
		{ "tls-key", "FILE", "TLS private key (PEM)" },
		{ "threads", "N", "worker threads, each with its own database connection "
			"(default: one per CPU)" },
		{ "metrics-token-file", "FILE", "file (mode 600) holding the bearer token "
			"that GET /metrics requires; without it there is no /metrics" },
		{ "request-timeout", "S", "seconds a whole request may take (default 60)" },
		{ "max-per-address", "N", "connections from one client address (default 32)" },
		{ "time-zone", "ZONE", "the register's time zone for the times shown "
			"(default America/Lima)" },
	},
	.run = run_serve,
};
