/*
 * ubigeo.h — Peru's provinces and districts by their INEI UBIGEO codes, with
 * their names, so a place can be chosen by name (department → province →
 * district). The departments are the codebook's CB_DEPARTMENT. The table is
 * generated (scripts/gen-ubigeo.py) and compiled in: nothing is read at run
 * time. Pure: no I/O.
 */
#ifndef KHIPU_UBIGEO_H
#define KHIPU_UBIGEO_H

#include <stddef.h>

struct ubigeo_place {
	const char *parent;   /* the department ("17") or province ("1701") it is in */
	const char *code;     /* "1701" (province) or "170101" (district) */
	const char *name;     /* as written in Peru: "Tambopata" */
};

/* The generated table (ubigeo_data.c): by parent code, then by name. */
extern const struct ubigeo_place ubigeo_places[];
extern const size_t ubigeo_nplaces;

/* The places directly inside parent (a 2-digit department: its provinces; a
 * 4-digit province: its districts), alphabetical; *n their number (0 and
 * NULL when parent is unknown or holds none). */
const struct ubigeo_place *ubigeo_children(const char *parent, size_t *n);
/* The province or district of a 4- or 6-digit code, or NULL. */
const struct ubigeo_place *ubigeo_find(const char *code);
/* Does the code name a department (2 digits), province or district that
 * exists? */
int ubigeo_exists(const char *code);

#endif
