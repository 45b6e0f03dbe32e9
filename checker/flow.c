/* The flow model's entry point: build the graph, walk from each acquire, run the other phases. */
#include <string.h>
#include "flow.h"
#include "flow_int.h"
#include "util.h"

/*
 * Labels in the sites point into the graph, which is freed here: they are
 * copied into the plan's string pool first.
 */
static const char *keep(struct plan *p, const char *s)
{
	if (!s)
		return NULL;
	for (size_t i = 0; i < p->pool.n; i++)
		if (!strcmp(p->pool.v[i], s))
			return p->pool.v[i];
	strvec_push(&p->pool, s);
	return p->pool.v[p->pool.n - 1];
}

/* Copy the strings site s points to in the graph into the plan's pool. */
static void keep_site(struct plan *p, struct site *s)
{
	s->escape = keep(p, s->escape);
	s->unknown = keep(p, s->unknown);
	s->data_use = keep(p, s->data_use);
	s->maps = keep(p, s->maps);
	for (size_t r = 0; r < s->nrel; r++) {
		s->rel[r].via = keep(p, s->rel[r].via);
		s->rel[r].teardown = keep(p, s->rel[r].teardown);
	}
	s->unknown_call = keep(p, s->unknown_call);
	s->inspected = keep(p, s->inspected);
	s->fills_into = keep(p, s->fills_into);
	for (size_t r = 0; r < s->npaths; r++) {
		s->paths[r].via = keep(p, s->paths[r].via);
		s->paths[r].teardown = keep(p, s->paths[r].teardown);
	}
	for (size_t r = 0; r < s->ndirty; r++)
		s->dirty[r].via = keep(p, s->dirty[r].via);
}

/* A site for each acquire call; the pages of each compiled, clang-seen one are followed. */
static void walk_acquires(struct graph *g, struct walk *w)
{
	struct plan *p = g->plan;
	size_t nsites = 0;

	for (size_t f = 0; f < p->nfiles; f++)
		for (size_t i = 0; i < p->facts[f].ncalls; i++)
			nsites += api_is_acquire(p->facts[f].calls[i].api);
	p->sites = xcalloc(nsites + 1, sizeof(*p->sites));
	for (size_t f = 0; f < p->nfiles; f++)
		for (size_t i = 0; i < p->facts[f].ncalls; i++) {
			const struct call_fact *c = &p->facts[f].calls[i];
			struct site *s;
			int n;

			if (!api_is_acquire(c->api))
				continue;
			s = &p->sites[p->nsites++];
			s->at = (struct call_ref){ f, i };
			s->merge.file = (size_t)-1;
			if (!c->compiled || strcmp(c->seen_by, "clang"))
				continue;
			n = graph_loc_node(g, f, graph_fn_lookup(g, f, c->function), c->pages_to);
			if (n >= 0)
				walk_site(g, w, s, n, c->arms);
		}
}

void flow_analyse(struct plan *p)
{
	struct graph g = { .plan = p };
	struct walk w;

	graph_build(&g);
	walk_init(&w, &g);
	walk_acquires(&g, &w);
	flow_walk_origins(&g, &w);
	flow_run_probes(&g, &w);
	flow_summarise(&g, &w);
	flow_find_dispatch(&g, &w);
	flow_origin_dispatch(p);
	flow_find_impl(p);
	flow_carry_flags(&g, &w);
	flow_callers(&g, &w);
	for (size_t i = 0; i < p->nsites; i++)
		keep_site(p, &p->sites[i]);
	walk_release(&w);
	graph_release(&g);
}
