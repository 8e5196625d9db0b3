/*
 * store_cube_sql.h — the statistics cubes (stat_cube: counts of facts
 * pre-added by year, source and four keys k1..k4), written once for both
 * backends: each line names the cube's enum suffix, its name in stat_cube,
 * the kind of fact it counts, the SQL of its four keys over the fact f and
 * the join that brings a multi-valued key (x, from stat_codes).
 *
 * The statements that add facts to the cubes (STMT_STAT_CUBE_<NAME>), take
 * a case's facts out and back in (STMT_STAT_CASE_CUBES), the enum
 * store_stat_cube and the names are all made from this list, so a cube is
 * added here and in app/stats.c's table of its columns, and nowhere else.
 * A cube whose keys change needs a migration that asks for the cubes to be
 * rebuilt from the facts (0020_stat_cubes.sql).
 *
 * Why so many: every table the dashboard and the exports publish must be
 * read from a few hundred cube rows, not from a scan of a million facts
 * (issue 10: 200 ms a table at 1,000,000 victims); the office and the
 * region of the facts are keys wherever the dashboard filters by them.
 */
#ifndef KHIPU_STORE_CUBE_SQL_H
#define KHIPU_STORE_CUBE_SQL_H

#define CUBE_CODE(dim) "LEFT JOIN stat_codes x ON x.fact_id = f.id AND x.dim = '" dim "' "
#define CUBE_K(col) "coalesce(f." col ", '')"
#define CUBE_OFFICE_KEYS(st) CUBE_K("office") ", " CUBE_K("distrito_fiscal") ", " \
	"coalesce(" st ", ''), " CUBE_K("region")
/* a multi-valued code by office and region (k4 unused) */
#define CUBE_CODE_KEYS "coalesce(x.code, ''), " CUBE_K("office") ", " CUBE_K("region") ", ''"

#define STORE_CUBES(X) \
	X(PERSON, "person", "victim", CUBE_K("sex") ", " CUBE_K("age_band") ", " \
		CUBE_K("age_group") ", " CUBE_K("nationality"), "") \
	X(PLACE, "place", "victim", CUBE_K("origin_region") ", " \
		CUBE_K("exploitation_region") ", " CUBE_K("exploitation_country") ", " \
		CUBE_K("region"), "") \
	X(EXPLOITATION, "exploitation", "victim", CUBE_CODE_KEYS, CUBE_CODE("exploitation")) \
	X(SUSPECT, "suspect", "suspect", CUBE_K("sex") ", " CUBE_K("outcome") ", " \
		"CAST(f.convicted AS TEXT), " CUBE_K("age_group"), "") \
	X(SENTENCE, "sentence", "suspect", "coalesce(x.code, ''), " CUBE_K("sex") ", " \
		"CAST(f.convicted AS TEXT), ''", CUBE_CODE("sentence_years")) \
	X(CONTROL, "control", "victim", CUBE_CODE_KEYS, CUBE_CODE("means_of_control")) \
	X(RECRUITMENT, "recruitment", "victim", CUBE_CODE_KEYS, CUBE_CODE("recruitment")) \
	X(OFFICE, "office", "victim", CUBE_OFFICE_KEYS("f.stage"), "") \
	X(CASE, "case", "case", CUBE_OFFICE_KEYS("f.stage"), "") \
	X(MEANS, "means", "victim", CUBE_CODE_KEYS, CUBE_CODE("means")) \
	X(VULNERABILITY, "vulnerability", "victim", CUBE_CODE_KEYS, CUBE_CODE("vulnerability")) \
	X(AGGRAVATING, "aggravating", "case", CUBE_CODE_KEYS, CUBE_CODE("aggravating")) \
	X(VICTIM_OFFICE, "victim_office", "victim", CUBE_K("sex") ", " CUBE_K("age_band") ", " \
		CUBE_K("nationality") ", " CUBE_K("office"), "") \
	X(VICTIM_REGION, "victim_region", "victim", CUBE_K("sex") ", " CUBE_K("age_band") ", " \
		CUBE_K("nationality") ", " CUBE_K("region"), "") \
	X(PLACE_OFFICE, "place_office", "victim", CUBE_K("origin_region") ", " \
		CUBE_K("exploitation_region") ", " CUBE_K("office") ", ''", "") \
	X(CONVICTION, "conviction", "conviction", CUBE_K("sex") ", " CUBE_K("nationality") ", " \
		CUBE_K("office") ", " CUBE_K("region"), "") \
	X(PROSECUTED, "prosecuted", "prosecuted", CUBE_K("sex") ", " CUBE_K("nationality") ", " \
		CUBE_K("office") ", " CUBE_K("region"), "") \
	X(CONVICTION_SENTENCE, "conviction_sentence", "conviction", "coalesce(x.code, ''), " \
		CUBE_K("sex") ", " CUBE_K("office") ", " CUBE_K("region"), \
		CUBE_CODE("sentence_years"))

/* STAT_CASE_CUBES: the facts of one case in every cube, each count times a
 * sign, as one UNION ALL; the dialect defines STAT_CASE_CUBE(cube, kind,
 * keys, join) for one cube. The last, empty SELECT ends the chain. */
#define CUBE_CASE_PART(e, name, kind, keys, join) \
	STAT_CASE_CUBE("'" name "'", "'" kind "'", keys, join) " UNION ALL "
#define STAT_CASE_CUBES_UNION \
	STORE_CUBES(CUBE_CASE_PART) \
	"SELECT '', '', 0, '', '', '', '', 0 WHERE 1 = 0"

#endif
