/*
 * graph.h — the measures of a link-analysis network (issue 12), computed
 * with igraph: connected components, degree, betweenness centrality and
 * communities (Louvain multilevel modularity). Nodes are 0..n-1, edges
 * undirected pairs; the caller owns every array.
 */
#ifndef KHIPU_GRAPH_H
#define KHIPU_GRAPH_H

#include <stddef.h>
#include <stdint.h>

struct graph_measures {
	int64_t *component;     /* [n] the component of each node (0-based) */
	int64_t *degree;        /* [n] */
	double *betweenness;    /* [n] */
	int64_t *community;     /* [n] (0-based) */
	int64_t ncomponents, ncommunities;
};

/* Fill m (arrays of n elements, allocated by the caller) for the graph of
 * n nodes and the ne edges (from[i], to[i]). Returns 0, or -1 when igraph
 * fails (out of memory). */
int graph_measure(size_t n, const int64_t *from, const int64_t *to, size_t ne,
	struct graph_measures *m);

#endif
