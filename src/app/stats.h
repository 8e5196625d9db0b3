/*
 * stats.h — the observatory's numbers: `khipu stats`, the dashboard, the
 * exports. Aggregates only; no identity is ever read.
 *
 * A query counts a measure (victims, cases, suspects, convictions, the
 * value of assets) grouped by up to four dimensions, over a year range,
 * with filters. It reads the statistical facts of the register (brought up
 * to date first, see app_stats_refresh) and of imported records (CTDC),
 * which the dimension "source" tells apart. Counts over a multi-valued
 * dimension (exploitation, means_of_control, recruitment, relationship,
 * asset_measure, asset_kind) count a victim once per value, so their total
 * can exceed the number of victims; a victim without any value is counted
 * once as unknown.
 */
#ifndef KHIPU_APP_STATS_H
#define KHIPU_APP_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "app/app.h"
#include "store/store_stats.h"

enum stat_measure {
	STAT_VICTIMS,
	STAT_CASES,
	STAT_SUSPECTS,
	STAT_CONVICTIONS,     /* suspects whose conviction is in force (plea agreements
	                         included), in the year of the judgement that convicted */
	STAT_ASSETS_VALUE,    /* sum of estimated values, in major units of one currency */
	STAT_OPEN_CASES,      /* cases not archived and without a final judgment (the
	                         workload: --by assignee,stage) */
	/* the State's response (app/response_stats.c; docs/statistics.md) */
	STAT_PROTECTIONS,     /* victims' protection measures, services, referrals */
	STAT_PROTECTED_VICTIMS, /* victims with at least one (per group) */
	STAT_ASSETS,          /* assets, by their current stage */
	STAT_ASSETS_STAGE_VALUE, /* their estimated values */
	STAT_SEIZED_VALUE,    /* estimated values of assets seized or frozen, by the
	                         year of the first seizure or freezing */
	STAT_CONFISCATED_VALUE, /* ... confiscated (decomiso, extinción de dominio) */
	STAT_REALISED_VALUE,  /* realised values of sales and assignments */
	STAT_PROSECUTED,      /* suspects indicted or judged, in the year of the first */
	/* international requests (app/mla_stats.c, issue 13; docs/statistics.md) */
	STAT_REQUESTS,        /* requests, by the year sent (outgoing) or received (incoming) */
	STAT_REQUEST_DAYS,    /* median days from that date to the answer */
	STAT_MEASURE__MAX
};

/* The dimensions, in the order `khipu stats --help` lists them. */
enum stat_dim {
	STAT_D_YEAR,
	STAT_D_REGION,               /* INEI department of the facts */
	STAT_D_DISTRITO_FISCAL,
	STAT_D_OFFICE,
	STAT_D_SEX,
	STAT_D_AGE_BAND,             /* CTDC bands 0--8 ... 48+ */
	STAT_D_AGE_GROUP,            /* UNODC child (0-17) / adult (18+) */
	STAT_D_NATIONALITY,
	STAT_D_ORIGIN_REGION,
	STAT_D_EXPLOITATION_COUNTRY,
	STAT_D_EXPLOITATION_REGION,
	STAT_D_STAGE,
	STAT_D_OUTCOME,
	STAT_D_SOURCE,
	STAT_D_CURRENCY,
	STAT_D_EXPLOITATION,         /* multi-valued from here on */
	STAT_D_MEANS_OF_CONTROL,
	STAT_D_RECRUITMENT,
	STAT_D_RELATIONSHIP,
	STAT_D_ASSET_MEASURE,
	STAT_D_ASSET_KIND,
	STAT_D_ORIGIN_UN_REGION,     /* imported (CTDC victim-perpetrator dataset) */
	STAT_D_EXPLOITATION_UN_REGION,
	STAT_D_YEAR_BAND,
	STAT_D_LABOUR_SECTOR,        /* imported (CTDC typeOfLabour...) */
	STAT_D_SEXUAL_EXPLOITATION_TYPE,   /* imported (CTDC typeOfSex...) */
	STAT_D_SENTENCE_YEARS,       /* a sentenced suspect's years: 00-04 ... 30+ */
	STAT_D_ASSIGNEE,             /* a case's assigned prosecutor (user name) */
	STAT_D_MONTH,                /* YYYY-MM of a protection measure or an asset's step */
	STAT_D_PROTECTION,           /* the protection measure (CB_PROTECTION) */
	STAT_D_PROVIDER,             /* who gave it (CB_PROVIDER) */
	STAT_D_PROTECTION_RESULT,    /* its result (CB_PROTECTION_RESULT) */
	STAT_D_CONSENT,              /* yes, no (unknown: not recorded) */
	STAT_D_ASSET_STAGE,          /* an asset's current stage (or the step counted) */
	STAT_D_OFFENCE,              /* the article convicted of (or charged with) */
	STAT_D_MEANS,                /* the means of art. 129-A(1) used on a victim */
	STAT_D_VULNERABILITY,        /* a victim's situation of vulnerability */
	STAT_D_AGGRAVATING,          /* a case's aggravating circumstances (129-B, 129-Ñ) */
	STAT_D_COUNTRY,              /* a request's other country (CB_COUNTRY) */
	STAT_D_DIRECTION,            /* outgoing, incoming (CB_REQUEST_DIRECTION) */
	STAT_D_REQUEST_TYPE,         /* CB_REQUEST_TYPE */
	STAT_D_REQUEST_STATUS,       /* CB_REQUEST_STATUS */
	STAT_D_CHANNEL,              /* CB_REQUEST_CHANNEL */
	STAT_D__MAX
};

#define STAT_MAXDIMS STORE_STAT_MAXDIMS
#define STAT_MAXWHERE (STORE_STAT_MAXWHERE + STORE_STAT_MAXMULTIWHERE)

struct stat_query {
	enum stat_measure measure;
	enum stat_dim by[STAT_MAXDIMS];
	size_t nby;
	int from, to;                       /* years, 0 = open */
	enum stat_dim where_dim[STAT_MAXWHERE];
	const char *where_val[STAT_MAXWHERE];
	size_t nwhere;
};

struct stat_result {
	struct stat_query q;
	struct store_stat_row *rows;        /* keys[0..q.nby), NULL = unknown */
	size_t nrows;
	int64_t total;                      /* sum of the rows' values */
	const char *currency;               /* assets_value: the currency summed */
};

/* Names as used on the command line and in JSON. */
const char *stat_measure_name(enum stat_measure m);
int stat_measure_by_name(const char *name);          /* -1 if unknown */
const char *stat_dim_name(enum stat_dim d);
int stat_dim_by_name(const char *name);              /* -1 if unknown */
/* The codebook dimension whose labels a dimension's values take, or -1. */
int stat_dim_codebook(enum stat_dim d);
/* 1 when dimension d applies to measure m. */
int stat_dim_applies(enum stat_dim d, enum stat_measure m);
/* Label of a value in lang (codebook label; the value itself otherwise;
 * "unknown"/"desconocido" for NULL). Never NULL. */
const char *stat_value_label(enum stat_dim d, const char *value, int lang_en);

/* Parse "--by year,sex" into q->by, "--where sex=female" (one at a time)
 * into q->where_*, a year range; errors name the option and the value. */
enum kerr_code stat_parse_by(struct stat_query *q, const char *list, struct kerr *err);
enum kerr_code stat_parse_where(struct stat_query *q, const char *dim_eq_value,
	struct kerr *err);
enum kerr_code stat_parse_years(struct stat_query *q, const char *from, const char *to,
	struct kerr *err);

/* Bring the register's statistical facts up to date: derive the facts of
 * cases, persons, events and assets written since the last refresh, in one
 * write transaction (so writers and other refreshers queue behind it and
 * nothing is counted twice or missed). Cheap when nothing changed. */
enum kerr_code app_stats_refresh(struct app *app, struct kerr *err);

/* 1 when m is a measure of the State's response (response_stats.c): it
 * reads the protection and asset tables, not the statistical facts. */
int stat_measure_is_response(enum stat_measure m);
/* 1 when m's values are money in minor units (printed as "12.34"). */
int stat_measure_is_money(enum stat_measure m);
/* Run such a query (after the policy check); rows in arena a. */
enum kerr_code app_response_stats(struct app *app, const struct stat_query *q,
	struct arena *a, struct stat_result *out, struct kerr *err);

/* 1 when m counts international requests (mla_stats.c): read from the
 * requests table, grouped in memory; request_days is a median per group,
 * and its total the median over every request counted. */
int stat_measure_is_request(enum stat_measure m);
enum kerr_code app_request_stats(struct app *app, const struct stat_query *q,
	struct arena *a, struct stat_result *out, struct kerr *err);
/* The same over the requests the actor may manage (request.manage, the
 * requests of `khipu mla list`): the figures of /cooperation. */
enum kerr_code app_mla_stats(struct app *app, const struct policy_actor *actor,
	const struct stat_query *q, struct arena *a, struct stat_result *out,
	struct kerr *err);

/* Run a query (policy stats.read; refreshes first). Rows in arena a. */
enum kerr_code app_stats(struct app *app, const struct policy_actor *actor,
	const struct stat_query *q, struct arena *a, struct stat_result *out, struct kerr *err);

#endif
