/* Wrapper acquire APIs: exported functions whose GUP acquire's pages reach their own caller. */
#include <stdlib.h>
#include <string.h>
#include "flow.h"
#include "flow_int.h"
#include "util.h"

/* Does file ff define a non-static GUP-family acquire (mm/gup.c, lib/iov_iter.c)? */
static int impl_file(const struct file_facts *ff)
{
	for (size_t i = 0; i < ff->nfns; i++) {
		const struct gup_api *api = api_lookup(ff->fns[i].name);

		if (api && api_is_acquire(api) && !ff->fns[i].is_static)
			return 1;
	}
	return 0;
}

/* A breadth-first walk over one function's local edges, stamped per walk. */
struct wrap_walk {
	struct graph *g;
	unsigned *seen;
	int *queue;
	unsigned gen;
};

/*
 * Do the pages at node start, in function fn, reach one of fn's parameters or its return
 * value through fn's own local edges (assignments, and the out-parameter links of its
 * callees)?  Fields and globals end the walk: pages stored there are not handed back.
 */
static int reaches_caller(struct wrap_walk *w, int start, long fn)
{
	struct graph *g = w->g;
	size_t head = 0, tail = 0;

	w->gen++;
	w->seen[start] = w->gen;
	w->queue[tail++] = start;
	while (head < tail) {
		const struct node *nd = &g->nodes[w->queue[head++]];

		if (nd->is_start && nd->fn == fn)
			return 1;
		for (size_t i = 0; i < nd->ne; i++) {
			int to = nd->e[i].to;

			if (nd->e[i].kind != EDGE_LOCAL || g->nodes[to].fn != fn ||
			    g->nodes[to].global || w->seen[to] == w->gen)
				continue;
			w->seen[to] = w->gen;
			w->queue[tail++] = to;
		}
	}
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Is the definition of function number fn non-static? */
static int exported(const struct graph *g, long fn)
{
	struct call_ref r = g->fn_ref[fn];

	return !g->plan->facts[r.file].fns[r.call].is_static;
}

void flow_find_wrappers(struct file_facts *facts, size_t n, struct strvec *out)
{
	struct plan p = { .facts = facts, .nfiles = n };
	struct graph g = { .plan = &p };
	struct wrap_walk w = { .g = &g };

	graph_build(&g);
	w.seen = xcalloc(g.nnodes + 1, sizeof(*w.seen));
	w.queue = xcalloc(g.nnodes + 1, sizeof(*w.queue));
	for (size_t f = 0; f < n; f++) {
		if (impl_file(&facts[f]))
			continue;
		for (size_t i = 0; i < facts[f].ncalls; i++) {
			const struct call_fact *c = &facts[f].calls[i];
			long fn;
			int start;

			if (!api_is_acquire(c->api) || !c->compiled || strcmp(c->seen_by, "clang") ||
			    (fn = graph_fn_lookup(&g, f, c->function)) < 0 || !exported(&g, fn))
				continue;
			start = graph_loc_node(&g, f, fn, c->pages_to);
			if (start >= 0 && reaches_caller(&w, start, fn))
				strvec_push(out, c->function);
		}
	}
	qsort(out->v, out->n, sizeof(*out->v), cmp_str);
	for (size_t i = 0, k = 0; i < out->n; i++) {
		if (k && !strcmp(out->v[i], out->v[k - 1]))
			free(out->v[i]);
		else
			out->v[k++] = out->v[i];
		if (i + 1 == out->n)
			out->n = k;
	}
	free(w.seen);
	free(w.queue);
	graph_release(&g);
}
