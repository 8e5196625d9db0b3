/*
 * pages/attach.c — the "Attachments" section of a case page: the list of
 * files, a download button for each (a POST with the CSRF token, like a
 * reveal, since opening a file is audited as one) and the upload form
 * (multipart/form-data). Downloads are served as attachments with nosniff
 * (server.c adds it to every answer), never rendered by the browser.
 */
#include "web/web_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <sodium.h>

#include "app/attach.h"

size_t
web_upload_max(void)
{
	struct kerr e;
	size_t lim;

	if (app_attach_limit(&lim, &e) != KERR_OK)
		lim = APP_ATTACH_DEFAULT_MAX;
	return lim + (1u << 20);   /* the form around the file */
}

static const char *
human_size(struct web_req *r, int64_t n)
{
	if (n >= (1 << 20))
		return arena_printf(&r->a, "%.1f MiB", (double)n / (1 << 20));
	if (n >= 1024)
		return arena_printf(&r->a, "%.1f KiB", (double)n / 1024);
	return arena_printf(&r->a, "%lld B", (long long)n);
}

static const char *
when(struct web_req *r, int64_t t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	char s[32];

	gmtime_r(&tt, &tm);
	strftime(s, sizeof(s), "%Y-%m-%d %H:%M UTC", &tm);
	return arena_strdup(&r->a, s);
}

static void
upload_form(struct web_req *r, const struct kcase *c)
{
	w_rawf(r, "<form class=\"grid\" method=\"post\" enctype=\"multipart/form-data\" "
		"action=\"/cases/%lld/attachments\">", (long long)c->id);
	w_csrf(r);
	w_raw(r, "<div><label for=\"att-file\">");
	w_text(r, _("File"));
	w_raw(r, "</label><input id=\"att-file\" name=\"file\" type=\"file\" required></div>"
		"<div><label for=\"att-title\">");
	w_text(r, _("Title"));
	w_raw(r, "</label><input id=\"att-title\" name=\"title\" maxlength=\"300\"></div>"
		"<div><button type=\"submit\" id=\"attach\">");
	w_text(r, _("Attach"));
	w_raw(r, "</button></div></form><p class=\"hint\">");
	w_text(r, _("Documents, images and recordings; the type is read from the content. "
		"Programs, scripts, archives and documents with macros are refused."));
	w_raw(r, "</p>");
}

void
page_attach_section(struct web_req *r, const struct kcase *c)
{
	struct app_attachment *all;
	size_t n, i;
	struct kerr e;
	int can_open = w_can(r, POL_ATTACHMENT_READ);

	w_raw(r, "<h2 id=\"attachments\">");
	w_text(r, _("Attachments"));
	w_raw(r, "</h2>");
	if (app_attach_list(r->app, &r->actor, c->id, &r->a, &all, &n, &e) != KERR_OK) {
		w_raw(r, "<p class=\"error\">");
		w_text(r, w_kerr_msg(r, &e));
		w_raw(r, "</p>");
		return;
	}
	if (n == 0) {
		w_raw(r, "<p>—</p>");
	} else {
		w_raw(r, "<table class=\"attachments\"><thead><tr><th scope=\"col\">");
		w_text(r, _("No."));
		w_raw(r, "</th><th scope=\"col\">");
		w_text(r, _("Title"));
		w_raw(r, "</th><th scope=\"col\">");
		w_text(r, _("Type"));
		w_raw(r, "</th><th scope=\"col\">");
		w_text(r, _("Size"));
		w_raw(r, "</th><th scope=\"col\">");
		w_text(r, _("Attached by"));
		w_raw(r, "</th><th scope=\"col\"></th></tr></thead><tbody>");
		for (i = 0; i < n; i++) {
			w_rawf(r, "<tr><td>%d</td><td>", all[i].n);
			w_text(r, all[i].title ? all[i].title : _("[protected]"));
			w_raw(r, "</td><td>");
			w_text(r, all[i].type);
			w_raw(r, "</td><td>");
			w_text(r, human_size(r, all[i].size));
			w_raw(r, "</td><td>");
			w_text(r, all[i].created_by);
			w_raw(r, " · ");
			w_text(r, when(r, all[i].created_at));
			w_raw(r, "</td><td>");
			if (can_open) {
				w_rawf(r, "<form method=\"post\" action=\"/cases/%lld/attachments/%d\">",
					(long long)c->id, all[i].n);
				w_csrf(r);
				w_rawf(r, "<button type=\"submit\" id=\"download-%d\">", all[i].n);
				w_text(r, _("Download (audited)"));
				w_raw(r, "</button></form>");
			}
			w_raw(r, "</td></tr>");
		}
		w_raw(r, "</tbody></table>");
	}
	if (w_can(r, POL_CASE_UPDATE))
		upload_form(r, c);
}

/* ---- the two POSTs ---- */

static int
param_int(const char *s, long long max, long long *out)
{
	char *end;
	long long v = strtoll(s, &end, 10);

	if (*s == '\0' || *end || v <= 0 || v > max)
		return -1;
	*out = v;
	return 0;
}

/* An error of the upload, on a page that leads back to the case. */
static void
upload_error(struct web_req *r, int64_t id, int status, const char *message)
{
	buf_reset(&r->out);
	r->status = status;
	w_page_begin(r, _("The file was not attached"));
	w_alert(r, message);
	w_rawf(r, "<p><a href=\"/cases/%lld#attachments\">", (long long)id);
	w_text(r, _("Back to the case"));
	w_raw(r, "</a></p>");
	w_page_end(r);
}

/* The uploaded file of the form; none is an empty one, which the app
 * refuses after the policy (a refusal comes first, then "empty"). */
static struct multipart_part
form_file(struct web_req *r)
{
	struct multipart_part none = { .name = "file", .filename = NULL, .data = "", .len = 0 };
	size_t i;

	for (i = 0; i < r->nfiles; i++)
		if (strcmp(r->files[i].name, "file") == 0)
			return r->files[i];
	return none;
}

void
page_attach_post(struct web_req *r)
{
	struct multipart_part f;
	struct app_attachment att;
	long long id;
	size_t lim;
	enum kerr_code rc;

	if (param_int(r->params[0], INT64_MAX, &id) != 0) {
		w_error(r, 404, _("There is no such case."));
		return;
	}
	f = form_file(r);
	rc = app_attach_add(r->app, &r->actor, id, f.data, f.len, f.filename,
		form_nonblank(&r->form, "title"), &r->a, &att, &r->err);
	if (rc == KERR_INVALID) {
		struct kerr e;
		int big = app_attach_limit(&lim, &e) == KERR_OK && f.len > lim;
		upload_error(r, id, big ? 413 : 422, w_kerr_msg(r, &r->err));
		return;
	}
	if (rc != KERR_OK) {
		w_kerr(r, &r->err);
		return;
	}
	w_redirect(r, arena_printf(&r->a, "/cases/%lld#attachments", id));
}

/* RFC 6266: an ASCII name for old clients, the real one (RFC 5987) for the rest. */
static const char *
disposition(struct web_req *r, int64_t case_id, const struct app_attachment *m)
{
	static const char hex[] = "0123456789ABCDEF";
	const char *name = m->filename ? m->filename : "";
	const char *dot = strrchr(name, '.');
	struct buf b;
	char *out;
	size_t i;
	int ext_ok = dot != NULL && *m->ext && strcasecmp(dot + 1, m->ext) == 0;

	buf_init(&b, 4096);
	if (buf_addf(&b, "attachment; filename=\"case-%lld-%d.%s\"; filename*=UTF-8''",
	    (long long)case_id, m->n, *m->ext ? m->ext : "bin") < 0)
		abort();
	for (i = 0; name[i]; i++) {
		unsigned char c = (unsigned char)name[i];
		int plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			(c >= '0' && c <= '9') || strchr("!#$&+-.^_`|~", c) != NULL;
		if ((plain ? buf_addc(&b, (char)c) :
		    buf_addf(&b, "%%%c%c", hex[c >> 4], hex[c & 15])) < 0)
			break;
	}
	/* the extension of the type, whatever the name said */
	if (!ext_ok && *m->ext && buf_addf(&b, ".%s", m->ext) < 0)
		abort();
	out = arena_strdup(&r->a, b.s);
	buf_release(&b);
	return out;
}

void
page_attach_get_post(struct web_req *r)
{
	struct app_attachment meta;
	unsigned char *data;
	long long id, n;
	size_t len;

	if (param_int(r->params[0], INT64_MAX, &id) != 0 ||
	    param_int(r->params[1], 1000000, &n) != 0) {
		w_error(r, 404, _("There is no such attachment."));
		return;
	}
	if (app_attach_get(r->app, &r->actor, id, (int)n, &r->a, &meta, &data, &len,
	    &r->err) != KERR_OK) {
		w_kerr(r, &r->err);
		return;
	}
	buf_release(&r->out);
	buf_init(&r->out, len + 1);
	if (buf_add(&r->out, data, len) < 0)
		abort();
	sodium_memzero(data, len);
	free(data);
	r->status = 200;
	r->ctype = meta.mime;
	w_header(r, "Content-Disposition", disposition(r, id, &meta));
}
