/* Origins: the bio completions that pages which are not GUP's (page cache, allocations) reach. */
#include <stdlib.h>
#include "flow_int.h"
#include "util.h"

/* Walk from the FLOW_ORIGIN fact at (f, i); add an origin when its pages reach a completion. */
static void walk_origin(struct graph *g, struct walk *w, size_t f, size_t i)
{
	struct plan *p = g->plan;
	const struct flow_fact *fl = &p->facts[f].flows[i];
	struct site tmp = { 0 };
	struct origin *o;
	int start;

	if (fl->kind != FLOW_ORIGIN)
		return;
	start = graph_loc_node(g, f, graph_fn_lookup(g, f, fl->function), fl->dst);
	if (start < 0)
		return;
	walk_from(g, w, &tmp, start, PHASE_UP);
	free(tmp.rel);
	free(tmp.dirty);
	if (!tmp.nendios)
		return;
	o = &p->origins[p->norigins++];
	o->at = (struct call_ref){ f, i };
	o->endios = tmp.endios;
	o->nendios = tmp.nendios;
	o->endios_alloc = tmp.endios_alloc;
}

/* Follow each page that is not GUP's to the bio completions it reaches (issue 4's origins). */
void flow_walk_origins(struct graph *g, struct walk *w)
{
	struct plan *p = g->plan;

	p->origins = xcalloc(flow_count(p, FLOW_ORIGIN) + 1, sizeof(*p->origins));
	for (size_t f = 0; f < p->nfiles; f++)
		for (size_t i = 0; i < p->facts[f].nflows; i++)
			walk_origin(g, w, f, i);
}
