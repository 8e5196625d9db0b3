/*
 * filetype.c — magic-byte detection of attachment types (filetype.h).
 * Executables are looked for first; ZIP files are opened far enough to
 * read their central directory, which says whether they are OOXML or ODF
 * documents, and whether they carry macros.
 */
#include "io/filetype.h"

#include <stdint.h>
#include <string.h>

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static const struct filetype_info infos[] = {
	[FILETYPE_UNKNOWN]    = { "unknown", "application/octet-stream", "", 0 },
	[FILETYPE_PDF]        = { "pdf", "application/pdf", "pdf", 1 },
	[FILETYPE_PNG]        = { "png", "image/png", "png", 1 },
	[FILETYPE_JPEG]       = { "jpeg", "image/jpeg", "jpg", 1 },
	[FILETYPE_GIF]        = { "gif", "image/gif", "gif", 1 },
	[FILETYPE_WEBP]       = { "webp", "image/webp", "webp", 1 },
	[FILETYPE_TIFF]       = { "tiff", "image/tiff", "tif", 1 },
	[FILETYPE_HEIC]       = { "heic", "image/heic", "heic", 1 },
	[FILETYPE_DOCX]       = { "docx", "application/vnd.openxmlformats-officedocument."
		"wordprocessingml.document", "docx", 1 },
	[FILETYPE_XLSX]       = { "xlsx", "application/vnd.openxmlformats-officedocument."
		"spreadsheetml.sheet", "xlsx", 1 },
	[FILETYPE_PPTX]       = { "pptx", "application/vnd.openxmlformats-officedocument."
		"presentationml.presentation", "pptx", 1 },
	[FILETYPE_ODT]        = { "odt", "application/vnd.oasis.opendocument.text", "odt", 1 },
	[FILETYPE_ODS]        = { "ods", "application/vnd.oasis.opendocument.spreadsheet", "ods", 1 },
	[FILETYPE_ODP]        = { "odp", "application/vnd.oasis.opendocument.presentation", "odp", 1 },
	[FILETYPE_RTF]        = { "rtf", "application/rtf", "rtf", 1 },
	[FILETYPE_MP3]        = { "mp3", "audio/mpeg", "mp3", 1 },
	[FILETYPE_MP4]        = { "mp4", "video/mp4", "mp4", 1 },
	[FILETYPE_WAV]        = { "wav", "audio/wav", "wav", 1 },
	[FILETYPE_OGG]        = { "ogg", "audio/ogg", "ogg", 1 },
	[FILETYPE_TEXT]       = { "text", "text/plain; charset=utf-8", "txt", 1 },
	[FILETYPE_EXECUTABLE] = { "executable", "application/octet-stream", "", 0 },
	[FILETYPE_SCRIPT]     = { "script", "application/octet-stream", "", 0 },
	[FILETYPE_ARCHIVE]    = { "archive", "application/octet-stream", "", 0 },
	[FILETYPE_MACRO]      = { "macro", "application/octet-stream", "", 0 },
	[FILETYPE_OLE]        = { "ole", "application/octet-stream", "", 0 },
};
_Static_assert(NELEM(infos) == FILETYPE__MAX, "one info per enum filetype");

const struct filetype_info *
filetype_info(enum filetype t)
{
	return (unsigned)t < FILETYPE__MAX ? &infos[t] : &infos[FILETYPE_UNKNOWN];
}

enum filetype
filetype_by_name(const char *name)
{
	size_t i;

	for (i = 0; name != NULL && i < FILETYPE__MAX; i++)
		if (strcmp(infos[i].name, name) == 0)
			return (enum filetype)i;
	return FILETYPE_UNKNOWN;
}

/* ---- helpers ---- */

static int
starts(const unsigned char *p, size_t n, const void *magic, size_t m)
{
	return n >= m && memcmp(p, magic, m) == 0;
}

static unsigned
le16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static uint32_t
le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* ---- executables ---- */

static int
is_executable(const unsigned char *p, size_t n)
{
	static const struct { const char *m; size_t len; } magics[] = {
		{ "\x7f" "ELF", 4 },                /* Linux, BSD */
		{ "MZ", 2 },                        /* DOS, Windows PE */
		{ "\xfe\xed\xfa\xce", 4 }, { "\xce\xfa\xed\xfe", 4 },   /* Mach-O 32 */
		{ "\xfe\xed\xfa\xcf", 4 }, { "\xcf\xfa\xed\xfe", 4 },   /* Mach-O 64 */
		{ "\xca\xfe\xba\xbe", 4 },          /* Mach-O universal, Java class */
		{ "\0asm", 4 },                     /* WebAssembly */
		{ "L\0\0\0\x01\x14\x02\0", 8 },     /* Windows shortcut (.lnk) */
		{ "dex\n", 4 },                     /* Android */
	};
	size_t i;

	for (i = 0; i < NELEM(magics); i++)
		if (starts(p, n, magics[i].m, magics[i].len))
			return 1;
	return 0;
}

/* ---- ZIP containers: office documents or archives ---- */

/* The end-of-central-directory record: within the last 64 KiB + 22. */
static const unsigned char *
zip_eocd(const unsigned char *p, size_t n)
{
	size_t i, lo;

	if (n < 22)
		return NULL;
	lo = n > 22 + 65535 ? n - 22 - 65535 : 0;
	for (i = n - 22 + 1; i-- > lo;)
		if (le32(p + i) == 0x06054b50)
			return p + i;
	return NULL;
}

struct zip_names {
	int content_types, word, xl, ppt, macros, mimetype, programs;
};

static int
name_is(const unsigned char *s, size_t len, const char *want)
{
	return len == strlen(want) && memcmp(s, want, len) == 0;
}

static int
name_has_suffix(const unsigned char *s, size_t len, const char *suffix)
{
	size_t k = strlen(suffix);

	return len >= k && memcmp(s + len - k, suffix, k) == 0;
}

/* Walk the central directory; -1 when it is not a readable one. */
static int
zip_walk(const unsigned char *p, size_t n, struct zip_names *z)
{
	const unsigned char *e = zip_eocd(p, n);
	size_t off, entries, i;

	if (e == NULL)
		return -1;
	entries = le16(e + 10);
	off = le32(e + 16);
	for (i = 0; i < entries && i < 65535; i++) {
		size_t nl, el, cl;
		const unsigned char *name;
		if (off > n || n - off < 46 || le32(p + off) != 0x02014b50)
			return -1;
		nl = le16(p + off + 28);
		el = le16(p + off + 30);
		cl = le16(p + off + 32);
		if (n - off - 46 < nl)
			return -1;
		name = p + off + 46;
		z->content_types |= name_is(name, nl, "[Content_Types].xml");
		z->word |= name_is(name, nl, "word/document.xml");
		z->xl |= name_is(name, nl, "xl/workbook.xml");
		z->ppt |= name_is(name, nl, "ppt/presentation.xml");
		z->mimetype |= name_is(name, nl, "mimetype");
		/* VBA projects of OOXML, Basic macros of ODF */
		z->macros |= name_has_suffix(name, nl, "vbaProject.bin") ||
			(nl > 6 && memcmp(name, "Basic/", 6) == 0);
		z->programs |= name_has_suffix(name, nl, ".exe") || name_has_suffix(name, nl, ".dll");
		off += 46 + nl + el + cl;
	}
	return 0;
}

/* ODF: the first entry is "mimetype", stored, holding the media type. */
static enum filetype
odf_type(const unsigned char *p, size_t n)
{
	static const struct { const char *mime; enum filetype t; } odf[] = {
		{ "application/vnd.oasis.opendocument.text", FILETYPE_ODT },
		{ "application/vnd.oasis.opendocument.spreadsheet", FILETYPE_ODS },
		{ "application/vnd.oasis.opendocument.presentation", FILETYPE_ODP },
	};
	size_t nl, el, size, at, i;

	if (n < 30 || le16(p + 8) != 0)
		return FILETYPE_ARCHIVE;
	size = le32(p + 18);
	nl = le16(p + 26);
	el = le16(p + 28);
	if (!name_is(p + 30, n - 30 < nl ? n - 30 : nl, "mimetype"))
		return FILETYPE_ARCHIVE;
	at = 30 + nl + el;
	if (at > n || n - at < size)
		return FILETYPE_ARCHIVE;
	for (i = 0; i < NELEM(odf); i++)
		if (size == strlen(odf[i].mime) && memcmp(p + at, odf[i].mime, size) == 0)
			return odf[i].t;
	return FILETYPE_ARCHIVE;
}

static enum filetype
zip_type(const unsigned char *p, size_t n)
{
	struct zip_names z = { 0 };

	if (zip_walk(p, n, &z) != 0 || z.programs)
		return FILETYPE_ARCHIVE;
	if (z.macros)
		return FILETYPE_MACRO;
	if (z.content_types && z.word)
		return FILETYPE_DOCX;
	if (z.content_types && z.xl)
		return FILETYPE_XLSX;
	if (z.content_types && z.ppt)
		return FILETYPE_PPTX;
	if (z.mimetype)
		return odf_type(p, n);
	return FILETYPE_ARCHIVE;
}

/* ---- media ---- */

static enum filetype
iso_media_type(const unsigned char *p, size_t n)
{
	static const char *const heic[] = { "heic", "heix", "mif1", "msf1", "hevc", "heim" };
	size_t i;

	if (n < 12 || memcmp(p + 4, "ftyp", 4) != 0)
		return FILETYPE_UNKNOWN;
	for (i = 0; i < NELEM(heic); i++)
		if (memcmp(p + 8, heic[i], 4) == 0)
			return FILETYPE_HEIC;
	return FILETYPE_MP4;
}

static enum filetype
media_type(const unsigned char *p, size_t n)
{
	if (starts(p, n, "%PDF-", 5))
		return FILETYPE_PDF;
	if (starts(p, n, "\x89PNG\r\n\x1a\n", 8))
		return FILETYPE_PNG;
	if (starts(p, n, "\xff\xd8\xff", 3))
		return FILETYPE_JPEG;
	if (starts(p, n, "GIF87a", 6) || starts(p, n, "GIF89a", 6))
		return FILETYPE_GIF;
	if (starts(p, n, "RIFF", 4) && n >= 12 && memcmp(p + 8, "WEBP", 4) == 0)
		return FILETYPE_WEBP;
	if (starts(p, n, "RIFF", 4) && n >= 12 && memcmp(p + 8, "WAVE", 4) == 0)
		return FILETYPE_WAV;
	if (starts(p, n, "II*\0", 4) || starts(p, n, "MM\0*", 4))
		return FILETYPE_TIFF;
	if (starts(p, n, "{\\rtf", 5))
		return FILETYPE_RTF;
	if (starts(p, n, "OggS", 4))
		return FILETYPE_OGG;
	if (starts(p, n, "ID3", 3) || (n >= 2 && p[0] == 0xff && (p[1] & 0xe0) == 0xe0 &&
	    (p[1] & 0x06) != 0))
		return FILETYPE_MP3;
	return iso_media_type(p, n);
}

/* ---- text ---- */

/* Length of the UTF-8 sequence at p (well-formed, shortest form, no
 * surrogates), or 0. */
static size_t
utf8_seq(const unsigned char *p, size_t n)
{
	size_t len, i;
	uint32_t cp;

	if (p[0] < 0x80)
		return 1;
	if (p[0] >= 0xc2 && p[0] <= 0xdf)
		len = 2, cp = p[0] & 0x1f;
	else if (p[0] >= 0xe0 && p[0] <= 0xef)
		len = 3, cp = p[0] & 0x0f;
	else if (p[0] >= 0xf0 && p[0] <= 0xf4)
		len = 4, cp = p[0] & 0x07;
	else
		return 0;
	if (n < len)
		return 0;
	for (i = 1; i < len; i++) {
		if ((p[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (p[i] & 0x3f);
	}
	if ((len == 3 && (cp < 0x800 || (cp >= 0xd800 && cp <= 0xdfff))) ||
	    (len == 4 && (cp < 0x10000 || cp > 0x10ffff)))
		return 0;
	return len;
}

/* Text: no NUL and no control byte but tab, newline, carriage return and
 * form feed; UTF-8, or a single-byte code page (Windows-1252, Latin-1). */
static int
is_text(const unsigned char *p, size_t n)
{
	size_t i = 0, k;

	while (i < n) {
		unsigned char c = p[i];
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f')
			return 0;
		if (c == 0x7f)
			return 0;
		k = utf8_seq(p + i, n - i);
		i += k ? k : 1;
	}
	return 1;
}

enum filetype
filetype_detect(const void *data, size_t n)
{
	const unsigned char *p = data;
	enum filetype t;

	if (n == 0)
		return FILETYPE_UNKNOWN;
	if (is_executable(p, n))
		return FILETYPE_EXECUTABLE;
	if (starts(p, n, "#!", 2) || starts(p, n, "\xef\xbb\xbf#!", 5))
		return FILETYPE_SCRIPT;
	if (starts(p, n, "PK\x03\x04", 4))
		return zip_type(p, n);
	if (starts(p, n, "PK\x05\x06", 4) || starts(p, n, "PK\x07\x08", 4))
		return FILETYPE_ARCHIVE;
	if (starts(p, n, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8))
		return FILETYPE_OLE;
	if ((t = media_type(p, n)) != FILETYPE_UNKNOWN)
		return t;
	return is_text(p, n) ? FILETYPE_TEXT : FILETYPE_UNKNOWN;
}
