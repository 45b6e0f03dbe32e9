/* What walks conclude about releases: function summaries, run-time dispatch, GUP's own files. */
#include <stdlib.h>
#include "flow_int.h"
#include "util.h"

/* The releases the pages of the FLOW_PARAM fact fl reach, as summaries of its function. */
static void summarise_param(struct graph *g, struct walk *w, size_t file,
			    const struct flow_fact *fl)
{
	struct plan *p = g->plan;
	struct site tmp = { 0 };
	long fn;
	int n;

	if (fl->kind != FLOW_PARAM || (fn = graph_fn_lookup(g, file, fl->function)) < 0)
		return;
	if ((n = graph_param_node(g, fn, fl->argno)) < 0)
		return;
	walk_from(g, w, &tmp, n, PHASE_DOWN);
	for (size_t r = 0; r < tmp.nrel; r++) {
		ALLOC_GROW(p->sums, p->nsums + 1, p->sums_alloc);
		p->sums[p->nsums++] = (struct summary){
			g->fn_ref[fn].file, g->fn_ref[fn].call, (size_t)fl->argno, tmp.rel[r].at
		};
	}
	walk_result_release(&tmp);
}

void flow_summarise(struct graph *g, struct walk *w)
{
	struct plan *p = g->plan;

	for (size_t f = 0; f < p->nfiles; f++)
		for (size_t i = 0; i < p->facts[f].nflows; i++)
			summarise_param(g, w, f, &p->facts[f].flows[i]);
}

/*
 * Release families: a reference put, or the release of a GUP pin (put_user_page*,
 * unpin_user_page*).
 */
static int family(enum api_kind k)
{
	return k == API_PUT || k == API_RELEASE ? 1 : k == API_PUT_USER || k == API_UNPIN ? 2 : 0;
}

/* A release of some family that function fn performs itself or through its callees. */
struct disp {
	long fn;
	struct call_ref at;
	int family;
};

static int by_fn(const void *a, const void *b)
{
	const struct disp *x = a, *y = b;

	return (x->fn > y->fn) - (x->fn < y->fn);
}

/* A growing list of struct disp. */
struct disp_list {
	struct disp *v;
	size_t n, alloc;
};

static void disp_push(struct disp_list *l, long fn, struct call_ref at, int fam)
{
	ALLOC_GROW(l->v, l->n + 1, l->alloc);
	l->v[l->n++] = (struct disp){ fn, at, fam };
}

/* Add the releases of node n that function fn performs itself or through its callees. */
static void gather(struct graph *g, struct walk *w, int n, struct disp_list *l)
{
	struct node *nd = &g->nodes[n];

	for (size_t i = 0; i < nd->ncalls; i++) {
		const struct call_fact *c = call_at(g->plan, nd->calls[i]);

		if (family(c->api->kind))
			disp_push(l, graph_fn_lookup(g, nd->calls[i].file, c->function),
				  nd->calls[i], family(c->api->kind));
	}
	for (size_t i = 0; i < nd->ne; i++) {
		struct site tmp = { 0 };

		if (nd->e[i].kind != EDGE_DOWN || nd->e[i].fn < 0)
			continue;
		walk_from(g, w, &tmp, nd->e[i].to, PHASE_DOWN);
		for (size_t r = 0; r < tmp.nrel; r++) {
			int fam = family(call_at(g->plan, tmp.rel[r].at)->api->kind);

			if (fam)
				disp_push(l, nd->e[i].fn, tmp.rel[r].at, fam);
		}
		walk_result_release(&tmp);
	}
}

/*
 * Where bios carry BIO_PAGE_PINNED (v6.5+, kernel-patches/linux-6.1), bio_release_pages()
 * and bio_release_page() unpin or put by it (GUP.md): all of them are dispatched.
 */
static void dispatch_bio_releases(struct plan *p, size_t f)
{
	if (!p->bio_pinned)
		return;
	for (size_t i = 0; i < p->facts[f].ncalls; i++)
		if (p->facts[f].calls[i].api->kind == API_BIO_RELEASE)
			p->dispatched[f][i] = 1;
}

/*
 * A function that releases one location both ways, as references and as pins
 * (directly or through its callees), picks the release at run time by the
 * pages' kind (a FOLL_PIN test, a flag on the object, a command): all those
 * releases are marked dispatched, and fit either kind of acquire.
 */
void flow_find_dispatch(struct graph *g, struct walk *w)
{
	struct plan *p = g->plan;
	struct disp_list l = { 0 };

	p->dispatched = xcalloc(p->nfiles + 1, sizeof(*p->dispatched));
	for (size_t f = 0; f < p->nfiles; f++) {
		p->dispatched[f] = xcalloc(p->facts[f].ncalls + 1, 1);
		dispatch_bio_releases(p, f);
	}
	for (size_t n = 0; n < g->nnodes; n++) {
		struct disp *v;

		l.n = 0;
		gather(g, w, (int)n, &l);
		v = l.v;
		qsort(v, l.n, sizeof(*v), by_fn);
		for (size_t i = 0, j; i < l.n; i = j) {
			int fams = 0;

			for (j = i; j < l.n && v[j].fn == v[i].fn; j++)
				fams |= v[j].family;
			for (size_t k = i; fams == 3 && v[i].fn >= 0 && k < j; k++)
				p->dispatched[v[k].at.file][v[k].at.call] = 1;
		}
	}
	free(l.v);
}

/* Files that define a GUP-family acquire function: their calls are the implementation. */
void flow_find_impl(struct plan *p)
{
	p->impl = xcalloc(p->nfiles + 1, 1);
	for (size_t f = 0; f < p->nfiles; f++)
		for (size_t i = 0; i < p->facts[f].nfns; i++) {
			const struct fn_fact *fn = &p->facts[f].fns[i];
			const struct gup_api *api = api_lookup(fn->name);

			if (api && api_is_acquire(api) && !fn->is_static)
				p->impl[f] = 1;
		}
}
