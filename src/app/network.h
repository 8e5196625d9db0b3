/*
 * network.h — link analysis (issue 12): the graph of cases, persons and
 * identifiers (phones, accounts, plates, e-mails, RUCs...) reached from a
 * case, a person or an identifier value within --depth steps, over what
 * the actor may read. A case she may not read is never a node: where a
 * person or an identifier leads to one, the graph holds only its office
 * (whom to contact). Labels are masked identities, and only where the
 * actor may reveal the person in that case ("[protected]" otherwise);
 * identifier values are compared by their keyed hash, opened in memory
 * only. Measures by igraph (core/graph.h). Audited: how the graph was
 * reached (kind of start, depth, node and edge counts, the format), never
 * a value.
 */
#ifndef KHIPU_NETWORK_H
#define KHIPU_NETWORK_H

#include "app/app.h"
#include <jansson.h>

#include "io/netout.h"

#define APP_NETWORK_MAX_DEPTH 4
#define APP_NETWORK_MAX_NODES 2000

enum app_net_start { APP_NET_CASE, APP_NET_PERSON, APP_NET_IDENTIFIER };

struct app_network {
	struct net g;                 /* nodes and edges, in the arena */
	int64_t ncomponents, ncommunities;
	int truncated;                /* stopped at APP_NETWORK_MAX_NODES */
};

/* start: a case id or number, a person id, or an identifier "KIND:VALUE"
 * (phone:987654321). format names the export in the audit entry. Needs
 * person.search; a start out of reach is answered as one that does not
 * exist (KERR_NOTFOUND). */
enum kerr_code app_network(struct app *app, const struct policy_actor *actor,
	enum app_net_start kind, const char *start, int depth, const char *format,
	struct arena *a, struct app_network *out, struct kerr *err);

/* The formats app_network_write knows, comma-separated. */
#define APP_NETWORK_FORMATS "json,graphml,svg,ftm,i2"

/* The network as JSON ({"nodes", "edges", "components", "communities",
 * "truncated"}; caller decrefs). */
json_t *app_network_json(const struct app_network *n);
/* Write the network in format to path ("-": standard output; i2 writes
 * PATH-nodes.csv and PATH-links.csv and needs a path). A regular file is
 * written whole or not at all. */
enum kerr_code app_network_write(const struct app_network *n, const char *format,
	const char *path, struct kerr *err);

/* The drawing (SVG text without its XML prolog, malloc'd; NULL when
 * graphviz fails): for a page. */
char *app_network_svg(const struct app_network *n, size_t *len);

#endif
