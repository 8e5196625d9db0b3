/*
 * pagecache.h — rendered case pages (identities masked) kept per worker
 * thread, so that a page viewed again costs one look at the register's
 * version instead of some forty statements and twenty decryptions.
 *
 * An entry is for one user, one case and one language, valid while the
 * register's version (the audit head, app_register_version) is the one it
 * was rendered at, and for PAGECACHE_TTL seconds at most. Every change the
 * app layer makes (a new event, a user's new role or office, a share)
 * appends an audit entry and so ends every entry; the policy decision the
 * render took therefore still holds when the page is served again. Pages
 * with identities in clear are never kept. The CSRF token in a page is the
 * session's: it is swapped for the current session's on the way out.
 */
#ifndef KHIPU_PAGECACHE_H
#define KHIPU_PAGECACHE_H

#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "lib/buf.h"

#define PAGECACHE_SLOTS 128       /* per worker thread */
#define PAGECACHE_TTL 30          /* seconds */
#define PAGECACHE_MAX_PAGE (256u << 10)

struct pagecache_key {
	int64_t user_id;
	int64_t case_id;
	int lang;
};

/* On a valid entry, append the page to out with csrf (64 hex) in place of
 * the token it was rendered with, and return 1; else 0. */
int pagecache_get(const struct pagecache_key *k, const struct app_version *v,
	const char *csrf, struct buf *out);
/* Keep body (rendered with csrf) for k at version v. */
void pagecache_put(const struct pagecache_key *k, const struct app_version *v,
	const char *csrf, const char *body, size_t len);

#endif
