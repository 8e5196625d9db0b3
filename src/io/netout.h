/*
 * netout.h — a link-analysis network written for the tools analysts use
 * (issue 12): GraphML, an SVG drawing (graphviz, neato layout),
 * FollowTheMoney entities as JSON lines (OCCRP Aleph) and the node and link
 * CSV files i2 Analyst's Notebook imports. The network holds what the app
 * layer put in it (masked labels only); these writers add nothing.
 */
#ifndef KHIPU_NETOUT_H
#define KHIPU_NETOUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct net_node {
	const char *key;        /* "case-12", "person-34", "identifier-3", "office-FEPMTP-CUS" */
	const char *type;       /* "case", "person", "identifier", "office" */
	const char *label;      /* masked: a case number, a masked name, a kind and masked value */
	const char *kind;       /* identifiers: phone, account...; NULL otherwise */
	const char *office;     /* the office code (cases, offices) or NULL */
	int64_t component, degree, community;
	double betweenness;
};

struct net_edge {
	size_t a, b;            /* node indexes */
	const char *type;       /* a person's role in a case, "identifier", "holder", "match" */
};

struct net {
	struct net_node *nodes;
	size_t nnodes;
	struct net_edge *edges;
	size_t nedges;
};

void net_write_graphml(FILE *f, const struct net *g);
/* 0, or -1 when graphviz cannot lay the graph out. */
int net_write_svg(FILE *f, const struct net *g);
void net_write_ftm(FILE *f, const struct net *g);
void net_write_i2(FILE *nodes, FILE *links, const struct net *g);

#endif
