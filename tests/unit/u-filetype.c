/* u-filetype.c — unit tests for io/filetype: the type of a file from its
 * content, never its name (REQ-ATTACH-003). */
#include <criterion/criterion.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/filetype.h"

#define DETECT(lit) filetype_detect((lit), sizeof(lit) - 1)

Test(filetype, images_documents_recordings)
{
	cr_assert_eq(DETECT("%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj"), FILETYPE_PDF);
	cr_assert_eq(DETECT("\x89PNG\r\n\x1a\n\0\0\0\rIHDR"), FILETYPE_PNG);
	cr_assert_eq(DETECT("\xff\xd8\xff\xe0\0\x10JFIF\0"), FILETYPE_JPEG);
	cr_assert_eq(DETECT("GIF89a\x01\0\x01\0"), FILETYPE_GIF);
	cr_assert_eq(DETECT("GIF87a\x01\0\x01\0"), FILETYPE_GIF);
	cr_assert_eq(DETECT("RIFF\x24\0\0\0WEBPVP8 "), FILETYPE_WEBP);
	cr_assert_eq(DETECT("RIFF\x24\0\0\0WAVEfmt "), FILETYPE_WAV);
	cr_assert_eq(DETECT("II*\0\x08\0\0\0"), FILETYPE_TIFF);
	cr_assert_eq(DETECT("MM\0*\0\0\0\x08"), FILETYPE_TIFF);
	cr_assert_eq(DETECT("\0\0\0\x18" "ftypheic\0\0\0\0"), FILETYPE_HEIC);
	cr_assert_eq(DETECT("\0\0\0\x18" "ftypisom\0\0\x02\0"), FILETYPE_MP4);
	cr_assert_eq(DETECT("ID3\x04\0\0\0\0\0\0"), FILETYPE_MP3);
	cr_assert_eq(DETECT("OggS\0\x02\0\0"), FILETYPE_OGG);
	cr_assert_eq(DETECT("{\\rtf1\\ansi hola}"), FILETYPE_RTF);
}

Test(filetype, text)
{
	cr_assert_eq(DETECT("Atestado policial 045-2024\nMadre de Dios\n"), FILETYPE_TEXT);
	cr_assert_eq(DETECT("Declaraci\xc3\xb3n de la v\xc3\xad" "ctima\r\n\tfin"), FILETYPE_TEXT);
	cr_assert_eq(DETECT("\xef\xbb\xbfcon BOM"), FILETYPE_TEXT);
	cr_assert_eq(DETECT("Latin-1: Espa\xf1" "a"), FILETYPE_TEXT, "single-byte text");
	cr_assert_eq(DETECT("binary\0data"), FILETYPE_UNKNOWN, "a NUL byte is no text");
	cr_assert_eq(DETECT("esc\x1b[31m"), FILETYPE_UNKNOWN, "control bytes are no text");
	cr_assert_eq(filetype_detect("", 0), FILETYPE_UNKNOWN, "nothing is nothing");
}

Test(filetype, executables_whatever_their_name)
{
	cr_assert_eq(DETECT("\x7f" "ELF\x02\x01\x01\0"), FILETYPE_EXECUTABLE);
	cr_assert_eq(DETECT("MZ\x90\0\x03\0\0\0"), FILETYPE_EXECUTABLE);
	cr_assert_eq(DETECT("\xcf\xfa\xed\xfe\x07\0\0\x01"), FILETYPE_EXECUTABLE);
	cr_assert_eq(DETECT("\xfe\xed\xfa\xce\0\0\0\x07"), FILETYPE_EXECUTABLE);
	cr_assert_eq(DETECT("\xca\xfe\xba\xbe\0\0\0\x02"), FILETYPE_EXECUTABLE);
	cr_assert_eq(DETECT("\0asm\x01\0\0\0"), FILETYPE_EXECUTABLE);
	cr_assert_eq(DETECT("#!/bin/sh\nrm -rf /\n"), FILETYPE_SCRIPT);
	cr_assert_eq(DETECT("\xef\xbb\xbf#!/usr/bin/env python3\n"), FILETYPE_SCRIPT);
	cr_assert_eq(DETECT("\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0"), FILETYPE_OLE);
	cr_assert(!filetype_info(FILETYPE_EXECUTABLE)->accepted);
	cr_assert(!filetype_info(FILETYPE_SCRIPT)->accepted);
	cr_assert(!filetype_info(FILETYPE_UNKNOWN)->accepted);
	cr_assert(filetype_info(FILETYPE_PDF)->accepted);
}

/* ---- ZIP containers, built here: stored entries, a central directory ---- */

struct zip {
	unsigned char b[8192];
	size_t n;
	unsigned char cd[4096];
	size_t ncd;
	unsigned entries;
};

static void
put16(unsigned char *p, unsigned v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
}

static void
put32(unsigned char *p, uint32_t v)
{
	put16(p, v & 0xffff);
	put16(p + 2, v >> 16);
}

static void
zip_add(struct zip *z, const char *name, const char *data)
{
	size_t nl = strlen(name), dl = strlen(data);
	unsigned char *h = z->b + z->n, *c = z->cd + z->ncd;

	memset(h, 0, 30);
	put32(h, 0x04034b50);
	put32(h + 18, (uint32_t)dl);
	put32(h + 22, (uint32_t)dl);
	put16(h + 26, (unsigned)nl);
	memcpy(h + 30, name, nl);
	memcpy(h + 30 + nl, data, dl);
	memset(c, 0, 46);
	put32(c, 0x02014b50);
	put32(c + 20, (uint32_t)dl);
	put32(c + 24, (uint32_t)dl);
	put16(c + 28, (unsigned)nl);
	put32(c + 42, (uint32_t)z->n);
	memcpy(c + 46, name, nl);
	z->n += 30 + nl + dl;
	z->ncd += 46 + nl;
	z->entries++;
}

static size_t
zip_end(struct zip *z)
{
	unsigned char *e;

	memcpy(z->b + z->n, z->cd, z->ncd);
	e = z->b + z->n + z->ncd;
	memset(e, 0, 22);
	put32(e, 0x06054b50);
	put16(e + 8, z->entries);
	put16(e + 10, z->entries);
	put32(e + 12, (uint32_t)z->ncd);
	put32(e + 16, (uint32_t)z->n);
	z->n += z->ncd + 22;
	return z->n;
}

static enum filetype
zip_of(const char *const *names, size_t k, const char *first_data)
{
	static struct zip z;
	size_t i;

	memset(&z, 0, sizeof(z));
	for (i = 0; i < k; i++)
		zip_add(&z, names[i], i == 0 && first_data ? first_data : "<x/>");
	return filetype_detect(z.b, zip_end(&z));
}

Test(filetype, office_documents_and_archives)
{
	const char *docx[] = { "[Content_Types].xml", "_rels/.rels", "word/document.xml" };
	const char *xlsx[] = { "[Content_Types].xml", "xl/workbook.xml", "xl/worksheets/sheet1.xml" };
	const char *pptx[] = { "[Content_Types].xml", "ppt/presentation.xml" };
	const char *docm[] = { "[Content_Types].xml", "word/document.xml", "word/vbaProject.bin" };
	const char *odt[] = { "mimetype", "content.xml", "META-INF/manifest.xml" };
	const char *odtm[] = { "mimetype", "content.xml", "Basic/Standard/Module1.xml" };
	const char *jar[] = { "META-INF/MANIFEST.MF", "Main.class" };
	const char *zip[] = { "fotos/1.jpg", "programa.exe" };

	cr_assert_eq(zip_of(docx, 3, NULL), FILETYPE_DOCX);
	cr_assert_eq(zip_of(xlsx, 3, NULL), FILETYPE_XLSX);
	cr_assert_eq(zip_of(pptx, 2, NULL), FILETYPE_PPTX);
	cr_assert_eq(zip_of(docm, 3, NULL), FILETYPE_MACRO, "macros are refused");
	cr_assert_eq(zip_of(odt, 3, "application/vnd.oasis.opendocument.text"), FILETYPE_ODT);
	cr_assert_eq(zip_of(odt, 3, "application/vnd.oasis.opendocument.spreadsheet"),
		FILETYPE_ODS);
	cr_assert_eq(zip_of(odt, 3, "application/x-something"), FILETYPE_ARCHIVE);
	cr_assert_eq(zip_of(odtm, 3, "application/vnd.oasis.opendocument.text"), FILETYPE_MACRO);
	cr_assert_eq(zip_of(jar, 2, NULL), FILETYPE_ARCHIVE, "a jar is an archive");
	cr_assert_eq(zip_of(zip, 2, NULL), FILETYPE_ARCHIVE, "a zip with an .exe inside");
	cr_assert(!filetype_info(FILETYPE_ARCHIVE)->accepted);
	cr_assert(!filetype_info(FILETYPE_MACRO)->accepted);
}

Test(filetype, damaged_zips_stay_in_bounds)
{
	const char *docx[] = { "[Content_Types].xml", "word/document.xml" };
	static struct zip z;
	size_t n, cut;

	memset(&z, 0, sizeof(z));
	zip_add(&z, docx[0], "<x/>");
	zip_add(&z, docx[1], "<x/>");
	n = zip_end(&z);
	/* every truncation is an archive (or a document when whole), never a crash */
	for (cut = 4; cut < n; cut++) {
		enum filetype t = filetype_detect(z.b, cut);
		cr_assert(t == FILETYPE_ARCHIVE || t == FILETYPE_DOCX, "cut at %zu: %d", cut, t);
	}
	/* a central directory offset pointing past the end */
	put32(z.b + n - 22 + 16, 0xfffffff0u);
	cr_assert_eq(filetype_detect(z.b, n), FILETYPE_ARCHIVE);
}

Test(filetype, names_and_infos)
{
	int t;

	for (t = 0; t < FILETYPE__MAX; t++) {
		const struct filetype_info *i = filetype_info((enum filetype)t);
		cr_assert_not_null(i->name);
		cr_assert_eq(filetype_by_name(i->name), t, "%s", i->name);
		cr_assert(!i->accepted || *i->ext, "%s has an extension", i->name);
	}
	cr_assert_eq(filetype_by_name("nonsense"), FILETYPE_UNKNOWN);
}
