/*
 * kerr.h — the one error holder and error enum of Khipu.
 *
 * Functions that can fail return an enum kerr_code (0 = KERR_OK) and fill a
 * struct kerr with a message for the user, git-style: lower case, no final
 * full stop, what failed first, subjects in single quotes, and where useful
 * the field at fault in err->field ("persons[0].birth_date").
 * Messages never contain an identity in clear (a name, document, phone).
 * The mapping to CLI exit codes (and later HTTP statuses) lives here only.
 */
#ifndef KHIPU_KERR_H
#define KHIPU_KERR_H

enum kerr_code {
	KERR_OK = 0,
	KERR_INVALID,     /* bad input: malformed, unknown code, missing field */
	KERR_NOTFOUND,    /* the thing named does not exist */
	KERR_DENIED,      /* policy says no, or the user is locked/unknown */
	KERR_CONFLICT,    /* duplicate case number, name already taken */
	KERR_IO,          /* file or database cannot be opened, read, written */
	KERR_CRYPTO,      /* wrong key, corrupt ciphertext, key file problem */
	KERR_INTEGRITY,   /* audit chain broken, database check failed */
	KERR_INTERNAL,    /* a bug: logged with file and line */
	KERR_STALE,       /* an update made from a version that is not the current one */
	KERR__MAX
};

struct kerr {
	enum kerr_code code;
	char field[96];   /* JSON path or option of the offending input, or "" */
	char msg[384];
};

/* Set err (if not NULL) and return code. fmt follows printf. */
enum kerr_code kerr_set(struct kerr *err, enum kerr_code code, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Same, naming the field at fault; the message is prefixed "field: ". */
enum kerr_code kerr_field(struct kerr *err, enum kerr_code code, const char *field,
	const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void kerr_clear(struct kerr *err);
/* Process exit status for a code: 0 ok, 2 invalid input, 3 not found, 4 denied,
 * 5 conflict, 6 i/o, 7 crypto, 8 integrity, 9 stale version, 70 internal. */
int kerr_exit_status(enum kerr_code code);
/* Short stable name of the code ("invalid", "denied"...) for JSON errors. */
const char *kerr_name(enum kerr_code code);

#endif
