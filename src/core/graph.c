/*
 * graph.c — network measures with igraph (graph.h).
 */
#include "core/graph.h"

#include <igraph.h>

int
graph_measure(size_t n, const int64_t *from, const int64_t *to, size_t ne,
	struct graph_measures *m)
{
	igraph_t g;
	igraph_vector_int_t edges, memb, deg;
	igraph_vector_t btw;
	igraph_integer_t ncomp = 0;
	size_t i;
	int rc = -1;

	if (igraph_vector_int_init(&edges, (igraph_integer_t)(2 * ne)) != IGRAPH_SUCCESS)
		return -1;
	for (i = 0; i < ne; i++) {
		VECTOR(edges)[2 * i] = (igraph_integer_t)from[i];
		VECTOR(edges)[2 * i + 1] = (igraph_integer_t)to[i];
	}
	if (igraph_create(&g, &edges, (igraph_integer_t)n, IGRAPH_UNDIRECTED) != IGRAPH_SUCCESS) {
		igraph_vector_int_destroy(&edges);
		return -1;
	}
	igraph_vector_int_init(&memb, 0);
	igraph_vector_int_init(&deg, 0);
	igraph_vector_init(&btw, 0);
	if (igraph_connected_components(&g, &memb, NULL, &ncomp, IGRAPH_WEAK) != IGRAPH_SUCCESS)
		goto out;
	for (i = 0; i < n; i++)
		m->component[i] = VECTOR(memb)[i];
	m->ncomponents = ncomp;
	if (igraph_degree(&g, &deg, igraph_vss_all(), IGRAPH_ALL, IGRAPH_NO_LOOPS) != IGRAPH_SUCCESS ||
	    igraph_betweenness(&g, &btw, igraph_vss_all(), IGRAPH_UNDIRECTED, NULL) != IGRAPH_SUCCESS)
		goto out;
	for (i = 0; i < n; i++) {
		m->degree[i] = VECTOR(deg)[i];
		m->betweenness[i] = VECTOR(btw)[i];
	}
	/* Louvain on a graph without edges: every node its own community */
	m->ncommunities = 0;
	if (ne == 0) {
		for (i = 0; i < n; i++)
			m->community[i] = (int64_t)i;
		m->ncommunities = (int64_t)n;
	} else {
		if (igraph_community_multilevel(&g, NULL, 1.0, &memb, NULL, NULL) != IGRAPH_SUCCESS)
			goto out;
		for (i = 0; i < n; i++) {
			m->community[i] = VECTOR(memb)[i];
			if (m->community[i] + 1 > m->ncommunities)
				m->ncommunities = m->community[i] + 1;
		}
	}
	rc = 0;
out:
	igraph_vector_destroy(&btw);
	igraph_vector_int_destroy(&deg);
	igraph_vector_int_destroy(&memb);
	igraph_destroy(&g);
	igraph_vector_int_destroy(&edges);
	return rc;
}
