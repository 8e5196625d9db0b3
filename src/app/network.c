/*
 * network.c — the link-analysis graph (network.h).
 *
 * Breadth first from the start: a case brings its persons and identifiers;
 * a person her other cases; an identifier value (its keyed hash) every
 * case holding it. A case out of the actor's reach becomes the node of its
 * office, and the walk does not go through it.
 *
 * NEEDSWORK(linkage): reads whole cases (store_case_get) as it walks; a
 * walk of thousands of cases wants a store query per step.
 */
#include "app/network.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_int.h"
#include "core/codebook.h"
#include "core/graph.h"
#include "lib/i18n.h"
#include "io/linkcsv.h"
#include "lib/norm.h"
#include "lib/xalloc.h"

#define NET_MAX_ROWS 5000

struct node_ex {
	int64_t id;                   /* case, person or office id; identifiers: 0 */
	unsigned char hash[VAULT_BLIND_LEN];   /* identifiers: the value's keyed hash */
	int depth;
	int expanded;
	int revealable;               /* persons, identifiers: a masked label is allowed */
};

struct walk {
	struct app *app;
	const struct policy_actor *actor;
	struct arena *a;
	struct net_node *nodes;
	struct node_ex *ex;
	size_t n, cap;
	struct net_edge *edges;
	size_t ne, ecap;
	int depth, truncated;
	size_t nident;
};

static size_t
find(const struct walk *w, const char *type, int64_t id, const unsigned char *hash)
{
	size_t i;

	for (i = 0; i < w->n; i++)   /* NEEDSWORK(linkage): a hash table past a few thousand */
		if (strcmp(w->nodes[i].type, type) == 0 && (hash ?
		    memcmp(w->ex[i].hash, hash, VAULT_BLIND_LEN) == 0 : w->ex[i].id == id))
			return i;
	return (size_t)-1;
}

/* The node of type/id (or hash), added at depth when new; -1 when full. */
static size_t
node(struct walk *w, const char *type, int64_t id, const unsigned char *hash, int depth,
	int *isnew)
{
	size_t i = find(w, type, id, hash);

	*isnew = 0;
	if (i != (size_t)-1)
		return i;
	if (w->n >= APP_NETWORK_MAX_NODES) {
		w->truncated = 1;
		return (size_t)-1;
	}
	if (w->n == w->cap) {
		size_t cap = w->cap ? 2 * w->cap : 64;
		struct net_node *nn = arena_alloc(w->a, cap * sizeof(*nn));
		struct node_ex *ne = arena_alloc(w->a, cap * sizeof(*ne));
		if (w->n) {
			memcpy(nn, w->nodes, w->n * sizeof(*nn));
			memcpy(ne, w->ex, w->n * sizeof(*ne));
		}
		w->nodes = nn;
		w->ex = ne;
		w->cap = cap;
	}
	memset(&w->nodes[w->n], 0, sizeof(w->nodes[0]));
	memset(&w->ex[w->n], 0, sizeof(w->ex[0]));
	w->nodes[w->n].type = type;
	w->ex[w->n].id = id;
	if (hash)
		memcpy(w->ex[w->n].hash, hash, VAULT_BLIND_LEN);
	w->ex[w->n].depth = depth;
	*isnew = 1;
	return w->n++;
}

static void
edge(struct walk *w, size_t a, size_t b, const char *type)
{
	size_t i;

	if (a == (size_t)-1 || b == (size_t)-1 || a == b)
		return;
	for (i = 0; i < w->ne; i++)
		if (((w->edges[i].a == a && w->edges[i].b == b) ||
		     (w->edges[i].a == b && w->edges[i].b == a)) && strcmp(w->edges[i].type, type) == 0)
			return;
	if (w->ne == w->ecap) {
		size_t cap = w->ecap ? 2 * w->ecap : 64;
		struct net_edge *e = arena_alloc(w->a, cap * sizeof(*e));
		if (w->ne)
			memcpy(e, w->edges, w->ne * sizeof(*e));
		w->edges = e;
		w->ecap = cap;
	}
	w->edges[w->ne++] = (struct net_edge){ a, b, type };
}

/* The node standing for case c: the case when readable, else its office. */
static enum kerr_code
case_node(struct walk *w, const struct kcase *c, int depth, size_t *out, struct kerr *err)
{
	struct policy_case pc = { c->office_id, c->shared_with, c->nshared };
	struct kerr ignored;
	struct office o;
	int isnew;
	enum kerr_code rc;

	if (app_is_system(w->actor) ||
	    policy_check(w->actor, POL_CASE_READ, &pc, &ignored) != KERR_OK) {
		*out = node(w, "office", c->office_id, NULL, depth, &isnew);
		if (isnew) {
			if ((rc = store_office_get(w->app->st, c->office_id, w->a, &o, err)) != KERR_OK)
				return rc;
			w->nodes[*out].key = arena_printf(w->a, "office-%s", o.code);
			w->nodes[*out].label = arena_printf(w->a, "%s (%s)", o.code, o.name);
			w->nodes[*out].office = o.code;
			w->ex[*out].expanded = 1;   /* nothing behind it */
		}
		return KERR_OK;
	}
	*out = node(w, "case", c->id, NULL, depth, &isnew);
	if (isnew && *out != (size_t)-1) {
		if ((rc = store_office_get(w->app->st, c->office_id, w->a, &o, err)) != KERR_OK)
			return rc;
		w->nodes[*out].key = arena_printf(w->a, "case-%lld", (long long)c->id);
		w->nodes[*out].label = c->number;
		w->nodes[*out].office = o.code;
	}
	return KERR_OK;
}

static int
may_reveal(const struct walk *w, const struct kcase *c, const char *role)
{
	struct policy_case pc = { c->office_id, c->shared_with, c->nshared };
	struct kerr ignored;

	return !app_is_system(w->actor) && policy_check(w->actor, role != NULL &&
	    strcmp(role, "victim") == 0 ? POL_REVEAL_VICTIM : POL_REVEAL_OTHER, &pc,
	    &ignored) == KERR_OK;
}

/* The keyed hash an identifier value is indexed under. */
static int
ident_hash(struct walk *w, const char *kind, const char *value, unsigned char *h)
{
	char norm[512], bkind[64];

	if (value == NULL || norm_identifier(kind, value, norm, sizeof(norm)) != 0)
		return -1;
	snprintf(bkind, sizeof(bkind), "ident:%s", kind);
	vault_blind(w->app->vault, bkind, norm, h);
	sodium_memzero(norm, sizeof(norm));
	return 0;
}

static const char *
role_of(const struct kcase *c, int64_t person)
{
	size_t i;

	for (i = 0; i < c->nparts; i++)
		if (c->parts[i].person_id == person)
			return c->parts[i].role;
	return NULL;
}

/* The identifier node of kind/value seen in case c (masked where allowed). */
static size_t
ident_node(struct walk *w, const struct kcase *c, const struct identifier *id,
	const unsigned char *h, int depth)
{
	int isnew;
	size_t k = node(w, "identifier", 0, h, depth, &isnew);
	const char *role = id->person_id ? role_of(c, id->person_id) : NULL;
	/* an identifier of the case itself may be anybody's: the victim's rule */
	int reveal = may_reveal(w, c, id->person_id ? role : "victim");

	if (k == (size_t)-1)
		return k;
	if (isnew) {
		w->nodes[k].key = arena_printf(w->a, "identifier-%zu", ++w->nident);
		w->nodes[k].kind = id->kind;
		w->nodes[k].label = id->kind;
	}
	if (reveal && !w->ex[k].revealable && id->value != NULL) {
		w->ex[k].revealable = 1;
		w->nodes[k].label = arena_printf(w->a, "%s %s", id->kind, app_mask(w->a, id->value));
	}
	return k;
}

static enum kerr_code
expand_case(struct walk *w, size_t at, struct kerr *err)
{
	struct kcase c;
	size_t i, p, k;
	int isnew, d = w->ex[at].depth + 1;
	enum kerr_code rc;

	if ((rc = store_case_get(w->app->st, w->ex[at].id, w->a, &c, err)) != KERR_OK)
		return rc;
	for (i = 0; i < c.nparts; i++) {
		const struct participation *pa = &c.parts[i];
		p = node(w, "person", pa->person_id, NULL, d, &isnew);
		if (p == (size_t)-1)
			continue;
		if (isnew) {
			w->nodes[p].key = arena_printf(w->a, "person-%lld", (long long)pa->person_id);
			w->nodes[p].label = _("[protected]");
		}
		if (!w->ex[p].revealable && may_reveal(w, &c, pa->role)) {
			struct person per = pa->person;
			per.id = pa->person_id;
			if ((rc = app_unseal_person(w->app, w->a, &per, err)) != KERR_OK)
				return rc;
			if (per.name != NULL) {
				w->nodes[p].label = app_mask(w->a, per.name);
				w->ex[p].revealable = 1;
			}
			app_person_wipe(&per);
		}
		edge(w, at, p, pa->role);
	}
	for (i = 0; i < c.nidents; i++) {
		struct identifier id = c.idents[i];
		unsigned char h[VAULT_BLIND_LEN];
		const char *clear = NULL;
		if ((rc = app_unseal(w->app, w->a, "identifier", id.id, "value", &clear, err)) != KERR_OK)
			return rc;
		id.value = clear;
		if (ident_hash(w, id.kind, clear, h) != 0)
			continue;
		k = ident_node(w, &c, &id, h, d);
		if (clear != NULL)
			sodium_memzero((char *)clear, strlen(clear));
		edge(w, at, k, "identifier");
		if (id.person_id && (p = find(w, "person", id.person_id, NULL)) != (size_t)-1)
			edge(w, p, k, "holder");
	}
	return KERR_OK;
}

static enum kerr_code
expand_person(struct walk *w, size_t at, struct kerr *err)
{
	struct participation *parts;
	struct kcase c;
	size_t np, i, k;
	enum kerr_code rc;

	if ((rc = store_person_participations(w->app->st, w->ex[at].id, w->a, &parts, &np,
	    err)) != KERR_OK)
		return rc;
	for (i = 0; i < np; i++) {
		if ((rc = store_case_get(w->app->st, parts[i].case_id, w->a, &c, err)) != KERR_OK ||
		    (rc = case_node(w, &c, w->ex[at].depth + 1, &k, err)) != KERR_OK)
			return rc;
		edge(w, k, at, strcmp(w->nodes[k].type, "office") == 0 ? "match" : parts[i].role);
	}
	return KERR_OK;
}

static enum kerr_code
expand_ident(struct walk *w, size_t at, struct kerr *err)
{
	char bkind[64];
	int64_t *rows;
	size_t nrows, i, k;
	struct identifier id;
	struct kcase c;
	enum kerr_code rc;

	snprintf(bkind, sizeof(bkind), "ident:%s", w->nodes[at].kind);
	if ((rc = store_blind_find(w->app->st, bkind, w->ex[at].hash, VAULT_BLIND_LEN,
	    "identifier", w->a, &rows, &nrows, NET_MAX_ROWS, err)) != KERR_OK)
		return rc;
	for (i = 0; i < nrows; i++) {
		if ((rc = store_identifier_get(w->app->st, rows[i], w->a, &id, err)) != KERR_OK ||
		    (rc = store_case_get(w->app->st, id.case_id, w->a, &c, err)) != KERR_OK ||
		    (rc = case_node(w, &c, w->ex[at].depth + 1, &k, err)) != KERR_OK)
			return rc;
		edge(w, k, at, strcmp(w->nodes[k].type, "office") == 0 ? "match" : "identifier");
	}
	return KERR_OK;
}

static enum kerr_code
walk(struct walk *w, struct kerr *err)
{
	size_t i;
	enum kerr_code rc = KERR_OK;

	/* nodes are appended in breadth-first order: one pass expands them */
	for (i = 0; i < w->n && rc == KERR_OK; i++) {
		if (w->ex[i].expanded || w->ex[i].depth >= w->depth)
			continue;
		w->ex[i].expanded = 1;
		if (strcmp(w->nodes[i].type, "case") == 0)
			rc = expand_case(w, i, err);
		else if (strcmp(w->nodes[i].type, "person") == 0)
			rc = expand_person(w, i, err);
		else if (strcmp(w->nodes[i].type, "identifier") == 0)
			rc = expand_ident(w, i, err);
	}
	return rc;
}

static enum kerr_code
not_found(const char *start, struct kerr *err)
{
	(void)start;
	return kerr_set(err, KERR_NOTFOUND, "%s",
	    _("nothing that you may read is registered under that start (a case number, a "
	      "person id, or an identifier as KIND:VALUE such as phone:987654321)"));
}

/* The start node, checked against what the actor may read. */
static enum kerr_code
start_node(struct walk *w, enum app_net_start kind, const char *start, struct kerr *err)
{
	struct kcase c;
	struct identifier id;
	int64_t cid;
	size_t k;
	int isnew;
	enum kerr_code rc;

	if (kind == APP_NET_CASE) {
		if (app_case_id(w->app, start, &cid, err) != KERR_OK)
			return not_found(start, err);
		if ((rc = store_case_get(w->app->st, cid, w->a, &c, err)) != KERR_OK)
			return rc == KERR_NOTFOUND ? not_found(start, err) : rc;
		if ((rc = case_node(w, &c, 0, &k, err)) != KERR_OK)
			return rc;
		if (strcmp(w->nodes[k].type, "case") != 0)
			return not_found(start, err);
		return KERR_OK;
	}
	if (kind == APP_NET_PERSON) {
		char *end;
		long long pid = strtoll(start, &end, 10);
		struct store_person_roles pr;
		struct kerr ignored;
		size_t i;
		int seen = 0;
		if (*end != '\0' || pid <= 0)
			return not_found(start, err);
		if ((rc = store_person_roles(w->app->st, (int64_t *)&pid, 1, w->a, &pr, err)) != KERR_OK)
			return rc;
		for (i = 0; i < pr.nroles && !app_is_system(w->actor); i++) {
			struct policy_case pc = { pr.roles[i].office_id, pr.roles[i].shared_with,
				pr.roles[i].nshared };
			seen |= policy_check(w->actor, POL_CASE_READ, &pc, &ignored) == KERR_OK;
		}
		if (!seen)
			return not_found(start, err);
		k = node(w, "person", pid, NULL, 0, &isnew);
		w->nodes[k].key = arena_printf(w->a, "person-%lld", pid);
		w->nodes[k].label = _("[protected]");
		/* her label comes from the first readable case the walk opens */
		return KERR_OK;
	}
	/* KIND:VALUE */
	const char *colon = strchr(start, ':');
	unsigned char h[VAULT_BLIND_LEN];
	if (colon == NULL || colon == start || strlen(start) > 300)
		return kerr_set(err, KERR_INVALID, "%s", _("--identifier: KIND:VALUE, such as "
			"phone:987654321 (kinds: 'khipu codebook identifier_kind')"));
	memset(&id, 0, sizeof(id));
	id.kind = arena_strndup(w->a, start, (size_t)(colon - start));
	if (cb_lookup(CB_IDENTIFIER_KIND, id.kind) == NULL)
		return kerr_set(err, KERR_INVALID, _("--identifier: unknown kind of identifier '%s' "
			"(see 'khipu codebook identifier_kind')"), id.kind);
	if (ident_hash(w, id.kind, colon + 1, h) != 0)
		return kerr_set(err, KERR_INVALID, "%s", _("--identifier: the value is not one of "
			"its kind (a phone has 6 to 15 digits)"));
	k = node(w, "identifier", 0, h, 0, &isnew);
	w->nodes[k].key = arena_printf(w->a, "identifier-%zu", ++w->nident);
	w->nodes[k].kind = id.kind;
	w->nodes[k].label = id.kind;
	if ((rc = expand_ident(w, k, err)) != KERR_OK)
		return rc;
	w->ex[k].expanded = 1;
	for (size_t i = 1; i < w->n; i++)
		if (strcmp(w->nodes[i].type, "case") == 0)
			return KERR_OK;
	return not_found(start, err);   /* in no case she may read */
}

static enum kerr_code
measure(struct walk *w, struct app_network *out)
{
	struct graph_measures m;
	int64_t *from = arena_alloc(w->a, (w->ne + 1) * sizeof(int64_t));
	int64_t *to = arena_alloc(w->a, (w->ne + 1) * sizeof(int64_t));
	size_t i;

	for (i = 0; i < w->ne; i++) {
		from[i] = (int64_t)w->edges[i].a;
		to[i] = (int64_t)w->edges[i].b;
	}
	m.component = arena_alloc(w->a, (w->n + 1) * sizeof(int64_t));
	m.degree = arena_alloc(w->a, (w->n + 1) * sizeof(int64_t));
	m.community = arena_alloc(w->a, (w->n + 1) * sizeof(int64_t));
	m.betweenness = arena_alloc(w->a, (w->n + 1) * sizeof(double));
	if (graph_measure(w->n, from, to, w->ne, &m) != 0)
		return KERR_INTERNAL;
	for (i = 0; i < w->n; i++) {
		w->nodes[i].component = m.component[i];
		w->nodes[i].degree = m.degree[i];
		w->nodes[i].community = m.community[i];
		w->nodes[i].betweenness = m.betweenness[i];
	}
	out->ncomponents = m.ncomponents;
	out->ncommunities = m.ncommunities;
	return KERR_OK;
}

enum kerr_code
app_network(struct app *app, const struct policy_actor *actor, enum app_net_start kind,
	const char *start, int depth, const char *format, struct arena *a,
	struct app_network *out, struct kerr *err)
{
	static const char *const starts[] = { "case", "person", "identifier" };
	struct walk w = { .app = app, .actor = actor, .a = a, .depth = depth };
	enum kerr_code rc;

	memset(out, 0, sizeof(*out));
	if (depth < 1 || depth > APP_NETWORK_MAX_DEPTH)
		return kerr_set(err, KERR_INVALID, _("--depth: a number of steps from 1 to %d"),
			APP_NETWORK_MAX_DEPTH);
	if (start == NULL || *start == '\0')
		return not_found("", err);
	if ((rc = app_allow(app, actor, POL_PERSON_SEARCH, NULL, "network", err)) != KERR_OK)
		return rc;
	if ((rc = store_begin(app->st, err)) != KERR_OK)
		return rc;
	rc = start_node(&w, kind, start, err);
	if (rc == KERR_OK)
		rc = walk(&w, err);
	if (rc == KERR_OK && (rc = measure(&w, out)) != KERR_OK)
		kerr_set(err, rc, "%s", _("the network's measures could not be computed"));
	if (rc == KERR_OK) {
		char *detail = app_audit_detail(json_pack("{s:s,s:s,s:i,s:I,s:I,s:s}", "by",
		    "network", "start", starts[kind], "depth", depth, "nodes", (json_int_t)w.n,
		    "edges", (json_int_t)w.ne, "format", format ? format : "json"));
		rc = app_audit(app, actor, POL_PERSON_SEARCH, "network", detail, err);
		free(detail);
	}
	if (rc == KERR_OK)
		rc = store_commit(app->st, err);
	else
		store_rollback(app->st);
	if (rc != KERR_OK)
		return rc;
	out->g = (struct net){ w.nodes, w.n, w.edges, w.ne };
	out->truncated = w.truncated;
	return KERR_OK;
}

/* ---- output ---- */

json_t *
app_network_json(const struct app_network *n)
{
	json_t *nodes = json_array(), *edges = json_array();
	size_t i;

	for (i = 0; i < n->g.nnodes; i++) {
		const struct net_node *x = &n->g.nodes[i];
		json_t *o = json_pack("{s:s,s:s,s:s,s:I,s:I,s:f,s:I}", "id", x->key, "type",
			x->type, "label", x->label, "component", (json_int_t)x->component, "degree",
			(json_int_t)x->degree, "betweenness", x->betweenness, "community",
			(json_int_t)x->community);
		if (x->kind)
			json_object_set_new(o, "kind", json_string(x->kind));
		if (x->office)
			json_object_set_new(o, "office", json_string(x->office));
		json_array_append_new(nodes, o);
	}
	for (i = 0; i < n->g.nedges; i++)
		json_array_append_new(edges, json_pack("{s:s,s:s,s:s}", "source",
			n->g.nodes[n->g.edges[i].a].key, "target", n->g.nodes[n->g.edges[i].b].key,
			"type", n->g.edges[i].type));
	return json_pack("{s:o,s:o,s:I,s:I,s:b}", "nodes", nodes, "edges", edges, "components",
		(json_int_t)n->ncomponents, "communities", (json_int_t)n->ncommunities,
		"truncated", n->truncated);
}

static enum kerr_code
write_one(const struct app_network *n, const char *format, const char *path, struct kerr *err)
{
	struct linkout o;
	enum kerr_code rc;

	if ((rc = linkout_open(&o, path, err)) != KERR_OK)
		return rc;
	if (strcmp(format, "json") == 0) {
		json_t *j = app_network_json(n);
		json_dumpf(j, o.f, JSON_INDENT(2) | JSON_ENSURE_ASCII);
		fputc('\n', o.f);
		json_decref(j);
	} else if (strcmp(format, "graphml") == 0) {
		net_write_graphml(o.f, &n->g);
	} else if (strcmp(format, "ftm") == 0) {
		net_write_ftm(o.f, &n->g);
	} else if (net_write_svg(o.f, &n->g) != 0) {
		linkout_abort(&o);
		return kerr_set(err, KERR_INTERNAL, "%s", _("graphviz could not draw the network"));
	}
	return linkout_commit(&o, err);
}

enum kerr_code
app_network_write(const struct app_network *n, const char *format, const char *path,
	struct kerr *err)
{
	struct linkout nodes, links;
	enum kerr_code rc;
	char *pn, *pl;

	if (strcmp(format, "i2") != 0)
		return write_one(n, format, path, err);
	if (path == NULL || strcmp(path, "-") == 0)
		return kerr_set(err, KERR_INVALID, "%s", _("--out: i2 writes two files, "
			"PATH-nodes.csv and PATH-links.csv: give a PATH"));
	pn = xasprintf("%s-nodes.csv", path);
	pl = xasprintf("%s-links.csv", path);
	rc = linkout_open(&nodes, pn, err);
	if (rc == KERR_OK && (rc = linkout_open(&links, pl, err)) != KERR_OK)
		linkout_abort(&nodes);
	if (rc == KERR_OK) {
		net_write_i2(nodes.f, links.f, &n->g);
		if ((rc = linkout_commit(&nodes, err)) != KERR_OK)
			linkout_abort(&links);
		else
			rc = linkout_commit(&links, err);
	}
	free(pn);
	free(pl);
	return rc;
}

char *
app_network_svg(const struct app_network *n, size_t *len)
{
	char *data = NULL, *svg;
	size_t sz = 0;
	FILE *f = open_memstream(&data, &sz);
	int rc;

	if (f == NULL)
		return NULL;
	rc = net_write_svg(f, &n->g);
	fclose(f);
	svg = data ? strstr(data, "<svg") : NULL;
	if (rc != 0 || svg == NULL) {
		free(data);
		return NULL;
	}
	*len = sz - (size_t)(svg - data);
	memmove(data, svg, *len + 1);
	return data;
}
