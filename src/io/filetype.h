/*
 * filetype.h — the type of a file taken from its content (magic bytes),
 * never from its name: what an attachment is, and whether the register
 * accepts it (REQ-ATTACH-003).
 *
 * An allow-list: documents (PDF, DOCX, XLSX, PPTX, ODT, ODS, ODP, RTF,
 * plain text), images (PNG, JPEG, GIF, WebP, TIFF, HEIC) and recordings
 * (MP3, MP4, WAV, Ogg). Everything else is refused, and these are refused
 * by name so the message can say why: executables (ELF, PE/MZ, Mach-O,
 * Java classes, WebAssembly, Windows shortcuts), scripts ("#!"), ZIP
 * archives that are not office documents (they can carry executables),
 * office documents with macros, and legacy OLE files (.doc/.xls share
 * their format with Windows installers: convert them to PDF or DOCX).
 */
#ifndef KHIPU_FILETYPE_H
#define KHIPU_FILETYPE_H

#include <stddef.h>

enum filetype {
	FILETYPE_UNKNOWN,       /* nothing recognised: refused */
	FILETYPE_PDF,
	FILETYPE_PNG,
	FILETYPE_JPEG,
	FILETYPE_GIF,
	FILETYPE_WEBP,
	FILETYPE_TIFF,
	FILETYPE_HEIC,
	FILETYPE_DOCX,
	FILETYPE_XLSX,
	FILETYPE_PPTX,
	FILETYPE_ODT,
	FILETYPE_ODS,
	FILETYPE_ODP,
	FILETYPE_RTF,
	FILETYPE_MP3,
	FILETYPE_MP4,
	FILETYPE_WAV,
	FILETYPE_OGG,
	FILETYPE_TEXT,          /* UTF-8 (or single-byte) text without control bytes */
	/* refused */
	FILETYPE_EXECUTABLE,    /* ELF, PE/MZ, Mach-O, Java class, wasm, .lnk, dex */
	FILETYPE_SCRIPT,        /* starts with "#!" */
	FILETYPE_ARCHIVE,       /* a ZIP that is no office document (jar, apk, zip) */
	FILETYPE_MACRO,         /* an office document carrying macros (vbaProject.bin) */
	FILETYPE_OLE,           /* legacy compound file: .doc, .xls, .msi */
	FILETYPE__MAX
};

struct filetype_info {
	const char *name;       /* stable short name: "pdf", "docx", "text" */
	const char *mime;       /* Content-Type to serve it with */
	const char *ext;        /* usual extension without the dot, "" when none */
	int accepted;           /* 1: may be attached */
};

/* The type of the n bytes at p. Reads only within them. */
enum filetype filetype_detect(const void *p, size_t n);
const struct filetype_info *filetype_info(enum filetype t);
/* The type named name ("pdf"), or FILETYPE_UNKNOWN. */
enum filetype filetype_by_name(const char *name);

#endif
