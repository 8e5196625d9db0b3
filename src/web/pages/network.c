/*
 * pages/network.c — GET /network?case=ID (issue 12): the network of a
 * case (app_network, two steps by default, ?depth=1..4): the drawing
 * graphviz made, the cases it reaches (links), the other offices holding a
 * match (whom to contact, nothing of their cases) and every node with its
 * measures in a table, the drawing's text alternative. Masked labels only;
 * the case id is checked by the app layer as on the CLI; audited there.
 */
#include "web/web_int.h"

#include <stdlib.h>
#include <string.h>

#include "app/network.h"

static void
node_list(struct web_req *r, const struct app_network *n, const char *type, const char *head)
{
	size_t i, k = 0;

	for (i = 0; i < n->g.nnodes; i++)
		k += strcmp(n->g.nodes[i].type, type) == 0;
	if (k == 0)
		return;
	w_raw(r, "<h2>");
	w_text(r, head);
	w_raw(r, "</h2><ul>");
	for (i = 0; i < n->g.nnodes; i++) {
		const struct net_node *x = &n->g.nodes[i];
		if (strcmp(x->type, type) != 0)
			continue;
		w_raw(r, "<li>");
		if (strcmp(type, "case") == 0) {
			w_rawf(r, "<a href=\"/cases/%lld\">", atoll(x->key + 5));
			w_text(r, x->label);
			w_raw(r, "</a>");
		} else {
			w_text(r, arena_printf(&r->a, _("A case of office %s holds a match: contact "
				"the office."), x->label));
		}
		w_raw(r, "</li>");
	}
	w_raw(r, "</ul>");
}

static const char *
type_word(const char *type)
{
	static const char *const words[][2] = { { "case", N_("case") }, { "person", N_("person") },
		{ "identifier", N_("identifier") }, { "office", N_("office") } };
	size_t i;

	for (i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (strcmp(words[i][0], type) == 0)
			return _(words[i][1]);
	return type;
}

static void
node_table(struct web_req *r, const struct app_network *n)
{
	static const char *const heads[] = { N_("Kind"), N_("Label"), N_("Links"),
		N_("Betweenness"), N_("Community") };
	size_t i;

	w_raw(r, "<table class=\"network\"><caption>");
	w_text(r, _("Every node of the network"));
	w_raw(r, "</caption><thead><tr>");
	for (i = 0; i < sizeof(heads) / sizeof(heads[0]); i++) {
		w_raw(r, "<th scope=\"col\">");
		w_text(r, _(heads[i]));
		w_raw(r, "</th>");
	}
	w_raw(r, "</tr></thead><tbody>");
	for (i = 0; i < n->g.nnodes; i++) {
		const struct net_node *x = &n->g.nodes[i];
		w_raw(r, "<tr><td>");
		w_text(r, x->kind ? x->kind : type_word(x->type));
		w_raw(r, "</td><td class=\"masked\">");
		w_text(r, x->label);
		w_rawf(r, "</td><td>%lld</td><td>%.1f</td><td>%lld</td></tr>", (long long)x->degree,
			x->betweenness, (long long)x->community + 1);
	}
	w_raw(r, "</tbody></table>");
}

void
page_network_get(struct web_req *r)
{
	const char *c = form_get(&r->query, "case"), *d = form_get(&r->query, "depth");
	struct app_network n;
	struct kerr e;
	char *svg, *end;
	size_t len = 0;
	long depth = 2;

	if (!w_can(r, POL_PERSON_SEARCH)) {
		w_error(r, 403, _("Your role may not search persons."));
		return;
	}
	if (d != NULL && *d != '\0') {
		depth = strtol(d, &end, 10);
		if (*end != '\0' || depth < 1 || depth > APP_NETWORK_MAX_DEPTH) {
			w_error(r, 400, _("depth is a number of steps from 1 to 4"));
			return;
		}
	}
	if (c == NULL || *c == '\0' || strspn(c, "0123456789") != strlen(c)) {
		w_error(r, 404, _("Open the network from a case's page."));
		return;
	}
	if (app_network(r->app, &r->actor, APP_NET_CASE, c, (int)depth, "page", &r->a, &n,
	    &e) != KERR_OK) {
		w_kerr(r, &e);
		return;
	}
	w_page_begin(r, arena_printf(&r->a, _("Network of case %s"), n.g.nodes[0].label));
	w_raw(r, "<p role=\"status\">");
	w_text(r, arena_printf(&r->a, _("%zu nodes and %zu links within %ld steps: %lld "
		"connected groups, %lld communities. Names and values are masked."), n.g.nnodes,
		n.g.nedges, depth, (long long)n.ncomponents, (long long)n.ncommunities));
	w_raw(r, "</p><p class=\"actions\">");
	for (long k = 1; k <= APP_NETWORK_MAX_DEPTH; k++) {
		if (k > 1)
			w_raw(r, " · ");
		if (k == depth) {
			w_text(r, arena_printf(&r->a, _("%ld steps"), k));
		} else {
			w_rawf(r, "<a href=\"/network?case=%lld&amp;depth=%ld\">", atoll(c), k);
			w_text(r, arena_printf(&r->a, _("%ld steps"), k));
			w_raw(r, "</a>");
		}
	}
	w_raw(r, "</p>");
	svg = app_network_svg(&n, &len);
	if (svg != NULL) {
		/* graphviz's markup, labels escaped by it; a name for assistive technology */
		w_raw(r, "<figure class=\"network\"><div class=\"drawing\" role=\"img\" aria-label=\"");
		w_text(r, _("Drawing of the network; the table below lists every node"));
		w_raw(r, "\">");
		w_raw(r, svg);
		w_raw(r, "</div></figure>");
		free(svg);
	}
	node_list(r, &n, "case", _("Cases reached"));
	node_list(r, &n, "office", _("Other offices with a match"));
	node_table(r, &n);
	w_page_end(r);
}
