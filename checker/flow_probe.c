/* The debug intrinsic __gupcheck_where(x): what the flow model believes about x, in words. */
#include <string.h>
#include "flow_int.h"
#include "util.h"

/* Append to sb what a walk collected into tmp: releases, where kept, unknowns, completions. */
static void describe_walk(struct strbuf *sb, const struct plan *p, const struct site *tmp)
{
	strbuf_addstr(sb, "; releases:");
	for (size_t r = 0; r < tmp->nrel; r++) {
		const struct call_fact *c = call_at(p, tmp->rel[r].at);

		strbuf_addf(sb, " %s:%u %s()", p->facts[tmp->rel[r].at.file].path, c->line,
			    c->api->name);
	}
	if (!tmp->nrel)
		strbuf_addstr(sb, " none");
	if (tmp->escape)
		strbuf_addf(sb, "; %skept in %s", tmp->escape_numbers ? "page numbers " : "",
			    tmp->escape);
	if (tmp->unknown)
		strbuf_addf(sb, "; reaches %s", tmp->unknown);
	if (tmp->returned)
		strbuf_addstr(sb, "; back to unseen callers");
	for (size_t k = 0; k < tmp->nendios; k++) {
		struct call_ref fn = tmp->endios[k].fn;

		strbuf_addf(sb, "; completes in %s()", p->facts[fn.file].fns[fn.call].name);
	}
}

/* The belief at the FLOW_PROBE fact fl of file f, one line of text; caller frees. */
static char *probe_belief(struct graph *g, struct walk *w, size_t f, const struct flow_fact *fl)
{
	struct site tmp = { .merge = { (size_t)-1, 0 } };
	struct strbuf sb = { 0 };
	const struct node *nd;
	int start;

	start = graph_loc_node(g, f, graph_fn_lookup(g, f, fl->function), fl->src);
	if (start < 0) {
		strbuf_addf(&sb, "%s is not followed", fl->src);
		return strbuf_detach(&sb);
	}
	walk_from(g, w, &tmp, start, PHASE_UP);
	nd = &g->nodes[start];
	/* the location without its function number: "local:x", "field:struct s.f" */
	strbuf_addstr(&sb, nd->key + (nd->fn >= 0 ? strcspn(nd->key, ":") + 1 : 0));
	describe_walk(&sb, g->plan, &tmp);
	walk_result_release(&tmp);
	return strbuf_detach(&sb);
}

/*
 * The debug intrinsic: for each __gupcheck_where(x), the node x is, and what a
 * walk from there reaches, as one sorted line of text.
 */
void flow_run_probes(struct graph *g, struct walk *w)
{
	struct plan *p = g->plan;

	p->probes = xcalloc(flow_count(p, FLOW_PROBE) + 1, sizeof(*p->probes));
	for (size_t f = 0; f < p->nfiles; f++)
		for (size_t i = 0; i < p->facts[f].nflows; i++) {
			const struct flow_fact *fl = &p->facts[f].flows[i];

			if (fl->kind != FLOW_PROBE)
				continue;
			p->probes[p->nprobes].at = (struct call_ref){ f, i };
			p->probes[p->nprobes++].belief = probe_belief(g, w, f, fl);
		}
}
