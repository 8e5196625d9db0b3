/*
 * netout.c — network writers (netout.h). JSON through jansson, XML and CSV
 * escaped here, the drawing by graphviz's own renderer.
 */
#include "io/netout.h"

#include <graphviz/gvc.h>
#include <jansson.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

/* XML text or attribute value. */
static void
xml(FILE *f, const char *s)
{
	for (; s != NULL && *s; s++)
		switch (*s) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&apos;", f); break;
		default:
			if ((unsigned char)*s >= 0x20 || *s == '\t' || *s == '\n')
				fputc(*s, f);
		}
}

void
net_write_graphml(FILE *f, const struct net *g)
{
	static const char *const keys[][3] = {
		{ "type", "node", "string" }, { "label", "node", "string" },
		{ "kind", "node", "string" }, { "office", "node", "string" },
		{ "component", "node", "long" }, { "degree", "node", "long" },
		{ "betweenness", "node", "double" }, { "community", "node", "long" },
		{ "role", "edge", "string" },
	};
	size_t i, k;

	fputs("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
		"<graphml xmlns=\"http://graphml.graphdrawing.org/xmlns\">\n", f);
	for (k = 0; k < sizeof(keys) / sizeof(keys[0]); k++)
		fprintf(f, "  <key id=\"%s\" for=\"%s\" attr.name=\"%s\" attr.type=\"%s\"/>\n",
			keys[k][0], keys[k][1], keys[k][0], keys[k][2]);
	fputs("  <graph id=\"khipu\" edgedefault=\"undirected\">\n", f);
	for (i = 0; i < g->nnodes; i++) {
		const struct net_node *n = &g->nodes[i];
		fputs("    <node id=\"", f);
		xml(f, n->key);
		fputs("\"><data key=\"type\">", f);
		xml(f, n->type);
		fputs("</data><data key=\"label\">", f);
		xml(f, n->label);
		fputs("</data>", f);
		if (n->kind) {
			fputs("<data key=\"kind\">", f);
			xml(f, n->kind);
			fputs("</data>", f);
		}
		if (n->office) {
			fputs("<data key=\"office\">", f);
			xml(f, n->office);
			fputs("</data>", f);
		}
		fprintf(f, "<data key=\"component\">%lld</data><data key=\"degree\">%lld</data>"
			"<data key=\"betweenness\">%.6g</data><data key=\"community\">%lld</data>"
			"</node>\n", (long long)n->component, (long long)n->degree, n->betweenness,
			(long long)n->community);
	}
	for (i = 0; i < g->nedges; i++) {
		fprintf(f, "    <edge id=\"e%zu\" source=\"", i);
		xml(f, g->nodes[g->edges[i].a].key);
		fputs("\" target=\"", f);
		xml(f, g->nodes[g->edges[i].b].key);
		fputs("\"><data key=\"role\">", f);
		xml(f, g->edges[i].type);
		fputs("</data></edge>\n", f);
	}
	fputs("  </graph>\n</graphml>\n", f);
}

/* Only the layout and SVG plugins, linked in: graphviz's text-layout
 * plugin (pango) keeps font caches across graphs that a second drawing in
 * a server reads after they were freed. Text sizes are then estimated.
 * graphviz keeps layout state in globals: one drawing at a time. */
extern gvplugin_library_t gvplugin_neato_layout_LTX_library;
extern gvplugin_library_t gvplugin_core_LTX_library;
static lt_symlist_t gv_builtins[] = {
	{ "gvplugin_neato_layout_LTX_library", &gvplugin_neato_layout_LTX_library },
	{ "gvplugin_core_LTX_library", &gvplugin_core_LTX_library },
	{ NULL, NULL },
};
static pthread_mutex_t gv_lock = PTHREAD_MUTEX_INITIALIZER;

static int draw(FILE *f, const struct net *g);

int
net_write_svg(FILE *f, const struct net *g)
{
	int rc;

	pthread_mutex_lock(&gv_lock);
	rc = draw(f, g);
	pthread_mutex_unlock(&gv_lock);
	return rc;
}

static int
draw(FILE *f, const struct net *g)
{
	static const struct { const char *type, *shape, *fill; } look[] = {
		{ "case", "box", "#dbe9f6" }, { "person", "ellipse", "#fde7c8" },
		{ "identifier", "diamond", "#e3f1df" }, { "office", "octagon", "#eeeeee" },
	};
	GVC_t *gvc = gvContextPlugins(gv_builtins, 0);
	Agraph_t *gr;
	Agnode_t **nodes;
	char name[32], *data = NULL;
	unsigned int len = 0;
	size_t i, k;
	int rc = 0;

	gr = agopen("khipu", Agundirected, NULL);
	agattr(gr, AGRAPH, "overlap", "false");
	agattr(gr, AGRAPH, "splines", "true");
	agattr(gr, AGNODE, "label", "");
	agattr(gr, AGNODE, "shape", "ellipse");
	agattr(gr, AGNODE, "style", "filled");
	agattr(gr, AGNODE, "fillcolor", "#ffffff");
	agattr(gr, AGNODE, "fontname", "sans-serif");
	agattr(gr, AGNODE, "id", "");
	agattr(gr, AGEDGE, "label", "");
	agattr(gr, AGEDGE, "fontsize", "9");
	nodes = calloc(g->nnodes + 1, sizeof(*nodes));
	for (i = 0; i < g->nnodes; i++) {
		snprintf(name, sizeof(name), "n%zu", i);
		nodes[i] = agnode(gr, name, 1);
		agsafeset(nodes[i], "label", (char *)g->nodes[i].label, "");
		agsafeset(nodes[i], "id", (char *)g->nodes[i].key, "");
		for (k = 0; k < sizeof(look) / sizeof(look[0]); k++)
			if (strcmp(look[k].type, g->nodes[i].type) == 0) {
				agsafeset(nodes[i], "shape", (char *)look[k].shape, "");
				agsafeset(nodes[i], "fillcolor", (char *)look[k].fill, "");
			}
	}
	for (i = 0; i < g->nedges; i++) {
		Agedge_t *e = agedge(gr, nodes[g->edges[i].a], nodes[g->edges[i].b], NULL, 1);
		agsafeset(e, "label", (char *)g->edges[i].type, "");
	}
	if (gvLayout(gvc, gr, "neato") != 0 || gvRenderData(gvc, gr, "svg", &data, &len) != 0)
		rc = -1;
	else
		fwrite(data, 1, len, f);
	if (data)
		gvFreeRenderData(data);
	gvFreeLayout(gvc, gr);
	agclose(gr);
	gvFreeContext(gvc);
	free(nodes);
	return rc;
}

/* The FollowTheMoney schema of a node. */
static const char *
ftm_schema(const struct net_node *n)
{
	if (strcmp(n->type, "case") == 0)
		return "CourtCase";
	if (strcmp(n->type, "person") == 0)
		return "Person";
	if (strcmp(n->type, "office") == 0)
		return "PublicBody";
	if (n->kind && strcmp(n->kind, "account") == 0)
		return "BankAccount";
	if (n->kind && strcmp(n->kind, "plate") == 0)
		return "Vehicle";
	if (n->kind && strcmp(n->kind, "ruc") == 0)
		return "Company";
	return "Identification";
}

static void
ftm_line(FILE *f, json_t *o)
{
	char *s = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENSURE_ASCII);

	if (s) {
		fputs(s, f);
		fputc('\n', f);
	}
	free(s);
	json_decref(o);
}

void
net_write_ftm(FILE *f, const struct net *g)
{
	size_t i;

	for (i = 0; i < g->nnodes; i++) {
		const struct net_node *n = &g->nodes[i];
		const char *schema = ftm_schema(n);
		json_t *props = json_object();
		json_object_set_new(props, strcmp(schema, "CourtCase") == 0 ? "caseNumber" : "name",
			json_pack("[s]", n->label));
		if (strcmp(schema, "CourtCase") == 0)
			json_object_set_new(props, "name", json_pack("[s]", n->label));
		if (n->kind)
			json_object_set_new(props, "notes", json_pack("[s]", n->kind));
		ftm_line(f, json_pack("{s:s,s:s,s:o}", "id", n->key, "schema", schema,
			"properties", props));
	}
	for (i = 0; i < g->nedges; i++) {
		const struct net_node *a = &g->nodes[g->edges[i].a], *b = &g->nodes[g->edges[i].b];
		char id[48];
		snprintf(id, sizeof(id), "link-%zu", i);
		/* a person in a case: a party of the court case; anything else a plain link */
		if (strcmp(a->type, "case") == 0 && strcmp(b->type, "person") == 0)
			ftm_line(f, json_pack("{s:s,s:s,s:{s:[s],s:[s],s:[s]}}", "id", id, "schema",
				"CourtCaseParty", "properties", "case", a->key, "party", b->key, "role",
				g->edges[i].type));
		else
			ftm_line(f, json_pack("{s:s,s:s,s:{s:[s],s:[s],s:[s]}}", "id", id, "schema",
				"UnknownLink", "properties", "subject", a->key, "object", b->key, "role",
				g->edges[i].type));
	}
}

/* One CSV field, quoted when it must be. */
static void
csv(FILE *f, const char *s, int last)
{
	if (s != NULL && strpbrk(s, ",\"\n\r") != NULL) {
		fputc('"', f);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', f);
			fputc(*s, f);
		}
		fputc('"', f);
	} else if (s != NULL) {
		/* a value a spreadsheet would run as a formula is written as text */
		if (strchr("=+-@", *s) != NULL && *s)
			fputc('\'', f);
		fputs(s, f);
	}
	fputc(last ? '\n' : ',', f);
}

void
net_write_i2(FILE *nodes, FILE *links, const struct net *g)
{
	char num[64];
	size_t i;

	fputs("id,type,label,kind,office,component,degree,betweenness,community\n", nodes);
	for (i = 0; i < g->nnodes; i++) {
		const struct net_node *n = &g->nodes[i];
		csv(nodes, n->key, 0);
		csv(nodes, n->type, 0);
		csv(nodes, n->label, 0);
		csv(nodes, n->kind, 0);
		csv(nodes, n->office, 0);
		fprintf(nodes, "%lld,%lld,%.6g,%lld\n", (long long)n->component, (long long)n->degree,
			n->betweenness, (long long)n->community);
	}
	fputs("from,to,type\n", links);
	for (i = 0; i < g->nedges; i++) {
		csv(links, g->nodes[g->edges[i].a].key, 0);
		csv(links, g->nodes[g->edges[i].b].key, 0);
		csv(links, g->edges[i].type, 1);
	}
	(void)num;
}
