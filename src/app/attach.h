/*
 * attach.h — files attached to a case: the police report, the prosecutor's
 * dispositions, photographs (REQ-ATTACH-001..005, docs/security.md).
 *
 * Attaching is a case.update, listing a case.read, opening a file an
 * attachment.read: the rule of revealing a victim (a photograph can
 * identify one), audited every time. Each file is encrypted with a key of
 * its own (crypto/stream.h) sealed by the register key; its title and
 * original name are sealed too. The type comes from the content
 * (io/filetype.h), never from the name; executables, scripts, archives and
 * macros are refused, and so are empty files and files over the limit.
 */
#ifndef KHIPU_APP_ATTACH_H
#define KHIPU_APP_ATTACH_H

#include <stddef.h>
#include <stdint.h>

#include "app/app.h"

#define APP_ATTACH_DEFAULT_MAX (25u << 20)   /* 25 MiB */
#define APP_ATTACH_HARD_MAX    (512u << 20)  /* what KHIPU_ATTACH_MAX may ask at most */
#define APP_ATTACH_CHUNK       (1u << 20)    /* plaintext bytes per stored chunk */

/* The size limit of one file: KHIPU_ATTACH_MAX ("25MiB", "500KiB", "1GB",
 * bytes) or APP_ATTACH_DEFAULT_MAX. KERR_INVALID when the variable is not
 * a size between 1 byte and APP_ATTACH_HARD_MAX. */
enum kerr_code app_attach_limit(size_t *max, struct kerr *err);
/* KERR_INVALID (naming the field "file") when a file of n bytes may not be
 * attached: empty, or over the limit. Callers that know the size before
 * reading the file (a stat, a Content-Length) refuse early with it. */
enum kerr_code app_attach_check_size(size_t n, struct kerr *err);

struct app_attachment {
	int64_t case_id;
	int n;                       /* 1, 2, 3... within the case */
	const char *title;           /* NULL for roles that may not open the files */
	const char *filename;        /* the name it was attached under; NULL as title */
	const char *type;            /* io/filetype.h name: "pdf" */
	const char *mime;            /* Content-Type to serve it with */
	const char *ext;             /* usual extension */
	int64_t size;                /* bytes */
	const char *created_by;      /* user name */
	int64_t created_at;          /* unix seconds */
};

/* Attach the n bytes at data to case_id under filename (its last path
 * component is kept) and title (NULL or "": the file name). Checks the
 * policy, size and type, encrypts, stores and audits in one transaction.
 * out (may be NULL) receives the new attachment; strings in a. */
enum kerr_code app_attach_add(struct app *app, const struct policy_actor *actor,
	int64_t case_id, const void *data, size_t n, const char *filename, const char *title,
	struct arena *a, struct app_attachment *out, struct kerr *err);
/* The attachments of a case, by number. */
enum kerr_code app_attach_list(struct app *app, const struct policy_actor *actor,
	int64_t case_id, struct arena *a, struct app_attachment **out, size_t *n,
	struct kerr *err);
/* Open attachment number n of case_id: the read is audited (committed
 * before anything is returned). *data is malloc'd (*len bytes; the caller
 * frees it); meta is filled. KERR_CRYPTO when it does not decrypt whole. */
enum kerr_code app_attach_get(struct app *app, const struct policy_actor *actor,
	int64_t case_id, int n, struct arena *a, struct app_attachment *meta,
	unsigned char **data, size_t *len, struct kerr *err);

#endif
