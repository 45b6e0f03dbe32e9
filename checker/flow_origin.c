/*
 * Origins: the bio completions and the releases that pages which are not GUP's (page cache,
 * allocations, kernel pages) reach, and which releases a walk reaches through its own object.
 */
#include <stdlib.h>
#include <string.h>
#include "flow.h"
#include "flow_int.h"
#include "util.h"

/*
 * Calls that tie two functions to one object: a release's function and a walk's home are
 * tied when some function at most TIE_DEPTH ties above each reaches both.  A tie is a direct
 * call, or taking the function's address (a completion, kref_put()'s release, "args->end =
 * f"), in the function that does it.  A call through an ops member is no tie: its dispatcher
 * (fuse_request_end(), pipe_buf_release()) serves every object of the type.
 */
#define TIE_DEPTH 2

struct ties {
	long **up;		/* function number -> the functions tied above it */
	size_t *nup, *up_alloc;
	size_t nfns;
	unsigned *mark, *seen;	/* stamps: ancestors of the release's function; one BFS's */
	unsigned gen;
};

static void tie_add(struct ties *t, long fn, long above)
{
	if (fn < 0 || above < 0 || fn == above)
		return;
	for (size_t i = 0; i < t->nup[fn]; i++)
		if (t->up[fn][i] == above)
			return;
	ALLOC_GROW(t->up[fn], t->nup[fn] + 1, t->up_alloc[fn]);
	t->up[fn][t->nup[fn]++] = above;
}

/* Build t from the plan's FLOW_CALL, FLOW_CALLBACK and FLOW_OPS_SET facts; ties_release(). */
static void ties_build(struct graph *g, struct ties *t)
{
	const struct plan *p = g->plan;

	t->nfns = g->nfns;
	t->up = xcalloc(t->nfns + 1, sizeof(*t->up));
	t->nup = xcalloc(t->nfns + 1, sizeof(*t->nup));
	t->up_alloc = xcalloc(t->nfns + 1, sizeof(*t->up_alloc));
	t->mark = xcalloc(t->nfns + 1, sizeof(*t->mark));
	t->seen = xcalloc(t->nfns + 1, sizeof(*t->seen));
	for (size_t f = 0; f < p->nfiles; f++)
		for (size_t i = 0; i < p->facts[f].nflows; i++) {
			const struct flow_fact *fl = &p->facts[f].flows[i];

			if (fl->kind != FLOW_CALL && fl->kind != FLOW_CALLBACK &&
			    fl->kind != FLOW_OPS_SET)
				continue;
			if (!fl->function || !fl->function[0] || !fl->callee)
				continue;
			tie_add(t, graph_fn_lookup(g, f, fl->callee),
				graph_fn_lookup(g, f, fl->function));
		}
}

static void ties_release(struct ties *t)
{
	for (size_t i = 0; i < t->nfns; i++)
		free(t->up[i]);
	free(t->up);
	free(t->nup);
	free(t->up_alloc);
	free(t->mark);
	free(t->seen);
}

/*
 * Stamp fn and the functions at most TIE_DEPTH ties above it into v with stamp; with check
 * set, stop and return 1 at the first one t->mark holds with t->gen.
 */
static int ties_above(struct ties *t, long fn, unsigned *v, unsigned stamp, int check)
{
	long queue[256];
	int depth[256];
	size_t head = 0, n = 0;

	queue[n] = fn;
	depth[n++] = 0;
	v[fn] = stamp;
	while (head < n) {
		long f = queue[head];
		int d = depth[head++];

		if (check && t->mark[f] == t->gen)
			return 1;
		for (size_t i = 0; d < TIE_DEPTH && i < t->nup[f] && n < 256; i++) {
			long a = t->up[f][i];

			if (v[a] == stamp)
				continue;
			v[a] = stamp;
			queue[n] = a;
			depth[n++] = d + 1;
		}
	}
	return 0;
}

/* Are function fn and one of the home functions tied by calls (see TIE_DEPTH)? */
static int tied(struct ties *t, long fn, const long *home, size_t nhome)
{
	if (fn < 0)
		return 0;
	t->gen++;
	ties_above(t, fn, t->mark, t->gen, 0);
	for (size_t i = 0; i < nhome; i++)
		if (ties_above(t, home[i], t->seen, t->gen, 1))
			return 1;
	return 0;
}

/* Did the walk reach a release through a field or a global, a location every object shares? */
static int crossed(const char *via)
{
	return via && (!strncmp(via, "field ", 6) || !strncmp(via, "global ", 7));
}

/*
 * Set .own on each of the n releases a walk with the given home reached: it reached the
 * release through its own object when it crossed no field or global on the way, or when the
 * release's function is tied to its home by calls.  Two objects of one struct type share a
 * field's node; the ties are what tells them apart.
 */
static void prove(struct graph *g, struct ties *t, struct reached *rel, size_t n,
		  const long *home, size_t nhome)
{
	for (size_t k = 0; k < n; k++) {
		const struct call_fact *c = call_at(g->plan, rel[k].at);

		rel[k].own = !crossed(rel[k].via) ||
			     tied(t, graph_fn_lookup(g, rel[k].at.file, c->function), home, nhome);
	}
}

/*
 * Walk from the FLOW_ORIGIN fact at (f, i); add an origin when its pages reach a completion or
 * a release (the origin takes over the walk's lists), its releases proved as prove() says.
 */
static void walk_origin(struct graph *g, struct walk *w, struct ties *t, size_t f, size_t i)
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
	walk_from_arms(g, w, &tmp, start, PHASE_UP, fl->arms);
	free(tmp.dirty);
	if (!tmp.nendios && !tmp.nrel) {
		free(tmp.rel);
		free(tmp.endios);
		return;
	}
	walk_home_add(w, graph_fn_lookup(g, f, fl->function));	/* a field's filler */
	prove(g, t, tmp.rel, tmp.nrel, w->home, w->nhome);
	o = &p->origins[p->norigins++];
	o->at = (struct call_ref){ f, i };
	o->endios = tmp.endios;
	o->nendios = tmp.nendios;
	o->endios_alloc = tmp.endios_alloc;
	o->rel = tmp.rel;
	o->nrel = tmp.nrel;
}

/* Does an origin whose pages go into no bio reach release r through its own object? */
static int origin_owns(const struct plan *p, struct call_ref r)
{
	for (size_t i = 0; i < p->norigins; i++)
		for (size_t k = 0; !p->origins[i].nendios && k < p->origins[i].nrel; k++) {
			const struct reached *x = &p->origins[i].rel[k];

			if (x->own && x->at.file == r.file && x->at.call == r.call)
				return 1;
		}
	return 0;
}

/*
 * Prove site s's releases (its walk is run again for its home), and drop each one it reached
 * only through a field or global whose function is tied to an origin's object and not to the
 * site's: fuse_retrieve_end() releases the page-cache pages fuse_retrieve() put into its own
 * struct fuse_args_pages, never the GUP pages another fuse_args_pages holds.
 */
static void prove_site(struct graph *g, struct walk *w, struct ties *t, struct site *s)
{
	struct plan *p = g->plan;
	const struct call_fact *c = call_at(p, s->at);
	struct site tmp = { 0 };
	size_t kept = 0;
	int n;

	if (!s->nrel)
		return;
	n = graph_loc_node(g, s->at.file, graph_fn_lookup(g, s->at.file, c->function),
			   c->pages_to);
	if (n < 0)
		return;
	tmp.merge.file = (size_t)-1;
	walk_from_arms(g, w, &tmp, n, PHASE_UP, c->arms);
	walk_result_release(&tmp);
	walk_home_add(w, graph_fn_lookup(g, s->at.file, c->function));
	prove(g, t, s->rel, s->nrel, w->home, w->nhome);
	for (size_t k = 0; k < s->nrel; k++)
		if (s->rel[k].own || !crossed(s->rel[k].via) || !origin_owns(p, s->rel[k].at))
			s->rel[kept++] = s->rel[k];
	s->nrel = kept;
}

/*
 * Follow each page that is not GUP's to the bio completions (issue 4's origins) and the
 * releases (issue 14's mixed-origin) it reaches; then prove the sites' releases (prove_site()).
 */
void flow_walk_origins(struct graph *g, struct walk *w)
{
	struct plan *p = g->plan;
	struct ties t = { 0 };

	ties_build(g, &t);
	p->origins = xcalloc(flow_count(p, FLOW_ORIGIN) + 1, sizeof(*p->origins));
	for (size_t f = 0; f < p->nfiles; f++)
		for (size_t i = 0; i < p->facts[f].nflows; i++)
			walk_origin(g, w, &t, f, i);
	for (size_t i = 0; i < p->nsites; i++)
		prove_site(g, w, &t, &p->sites[i]);
	ties_release(&t);
}

/* Do the pages of some GUP site reach release r through their own object? */
static int gup_owns(const struct plan *p, struct call_ref r)
{
	for (size_t i = 0; i < p->nsites; i++)
		for (size_t k = 0; k < p->sites[i].nrel; k++) {
			const struct reached *x = &p->sites[i].rel[k];

			if (x->own && x->at.file == r.file && x->at.call == r.call)
				return 1;
		}
	return 0;
}

/*
 * A release that pages of GUP and pages of another origin both reach, each through its own
 * object, is picked by the pages' kind when an if on their kind (arms_kind_split()) separates
 * it from where the origin's pages come in, as vchiq's create_pagelist() takes
 * vmalloc_to_page() pages under "if (is_vmalloc_addr(buf))" and unpins under its negation: it
 * stays as it is (convert keeps it, wrong-release and mixed-release pass it).  One in a branch
 * of a result test ("if (ret)") or in no branch is judged by its acquire's kind, and is
 * mixed-origin's.  The branch is in view only where the origin is: its own function.  Pages
 * that go into bios are end-io's: their completions are split, not dispatched here.
 */
void flow_origin_dispatch(struct plan *p)
{
	for (size_t i = 0; i < p->norigins; i++)
		for (size_t k = 0; !p->origins[i].nendios && k < p->origins[i].nrel; k++) {
			struct call_ref r = p->origins[i].rel[k].at;
			const struct file_facts *ff = &p->facts[p->origins[i].at.file];
			const struct flow_fact *fl = &ff->flows[p->origins[i].at.call];
			const char *fn = call_at(p, r)->function;
			const struct if_fact *by;

			if (!p->origins[i].rel[k].own || r.file != p->origins[i].at.file || !fn ||
			    strcmp(fn, fl->function))
				continue;
			by = arms_kind_split(ff, fl->arms, call_at(p, r)->arms);
			if (by && gup_owns(p, r)) {
				p->dispatched[r.file][r.call] = 1;
				if (!p->dispatch_cond[r.file][r.call])
					p->dispatch_cond[r.file][r.call] = by->cond;
			}
		}
}
