/*
 * store_attach.h — attachments in the storage interface (migration
 * 0006_attachments): a row per file and its encrypted chunks. The store
 * never sees a byte in clear nor a key: encryption is the app layer's
 * (app/attach.c, crypto/stream.h); the file's key, title and name are
 * sealed values ('attachment', id, 'key'|'title'|'filename').
 */
#ifndef KHIPU_STORE_ATTACH_H
#define KHIPU_STORE_ATTACH_H

#include <stddef.h>
#include <stdint.h>

#include "lib/arena.h"
#include "lib/kerr.h"

struct store;

struct store_attachment {
	int64_t id;
	int64_t case_id;
	int64_t seq;                 /* 1, 2, 3... within the case */
	const char *type;            /* io/filetype.h name */
	int64_t size;                /* bytes in clear */
	int64_t chunks;
	const unsigned char *header; /* the stream header */
	size_t header_len;
	int64_t created_by;
	const char *created_by_name; /* the user's name; "" when none */
	int64_t created_at;          /* unix seconds */
};

/* The number the next attachment of the case gets (inside the write
 * transaction that inserts it). */
enum kerr_code store_attach_next_seq(struct store *st, int64_t case_id, int64_t *seq,
	struct kerr *err);
/* Insert the row (a->id set); its chunks follow with store_attach_chunk_put. */
enum kerr_code store_attach_insert(struct store *st, struct store_attachment *a,
	struct kerr *err);
enum kerr_code store_attach_chunk_put(struct store *st, int64_t attachment_id, int64_t pos,
	const unsigned char *data, size_t n, struct kerr *err);
/* Every attachment of a case, by seq; strings in arena. */
enum kerr_code store_attach_list(struct store *st, int64_t case_id, struct arena *ar,
	struct store_attachment **out, size_t *n, struct kerr *err);
/* Attachment seq of a case; KERR_NOTFOUND when there is none. */
enum kerr_code store_attach_get(struct store *st, int64_t case_id, int64_t seq,
	struct arena *ar, struct store_attachment *out, struct kerr *err);
/* Chunk pos of an attachment, into arena ar; KERR_NOTFOUND when missing. */
enum kerr_code store_attach_chunk_get(struct store *st, int64_t attachment_id, int64_t pos,
	struct arena *ar, const unsigned char **data, size_t *n, struct kerr *err);

#endif
