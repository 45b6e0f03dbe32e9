/* Calls through ops tables: a member call resolves to every function assigned to that member. */
#include <stdlib.h>
#include <string.h>
#include "flow_int.h"
#include "kernel.h"
#include "util.h"


/* One function assigned to one member ("struct s.m"); sorted by member, then function. */
struct ops_pair {
	const char *member;	/* points into the plan's facts */
	long fn;
};

struct ops_index {
	struct ops_pair *v;
	size_t n, alloc;
};

static int pair_cmp(const void *a, const void *b)
{
	const struct ops_pair *x = a, *y = b;
	int c = strcmp(x->member, y->member);

	return c ? c : (x->fn > y->fn) - (x->fn < y->fn);
}

/*
 * Is member ("struct s.m") one of a container's (bio.bi_end_io)?  Those are the callbacks of
 * one I/O, which their own model follows (FLOW_ENDIO), not an object's ops table.
 */
static int of_container(const char *member)
{
	const char *dot = strrchr(member, '.');
	char *type;
	int ret;

	if (!dot)
		return 0;
	type = xstrndup(member, dot - member);
	ret = kernel_has(type, ROLE_CONTAINER);
	free(type);
	return ret;
}

void ops_index_build(struct graph *g)
{
	struct plan *p = g->plan;
	struct ops_index *ix = xcalloc(1, sizeof(*ix));
	size_t k = 0;

	for (size_t f = 0; f < p->nfiles; f++)
		for (size_t i = 0; i < p->facts[f].nflows; i++) {
			const struct flow_fact *fl = &p->facts[f].flows[i];
			long fn;

			if (fl->kind != FLOW_OPS_SET || !fl->dst || of_container(fl->dst) ||
			    (fn = graph_fn_lookup(g, f, fl->callee)) < 0)
				continue;
			ALLOC_GROW(ix->v, ix->n + 1, ix->alloc);
			ix->v[ix->n++] = (struct ops_pair){ fl->dst, fn };
		}
	if (ix->n)
		qsort(ix->v, ix->n, sizeof(*ix->v), pair_cmp);
	for (size_t i = 0; i < ix->n; i++)	/* one pair per member and function */
		if (!k || pair_cmp(&ix->v[k - 1], &ix->v[i]))
			ix->v[k++] = ix->v[i];
	ix->n = k;
	g->ops = ix;
}

static const struct ops_pair *ops_first(const struct ops_index *ix, const char *member)
{
	size_t lo = 0, hi = ix->n;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (strcmp(ix->v[mid].member, member) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < ix->n && !strcmp(ix->v[lo].member, member) ? &ix->v[lo] : NULL;
}

size_t ops_targets(const struct graph *g, const char *member, long *out, size_t max)
{
	const struct ops_index *ix = g->ops;
	const struct ops_pair *first = member && ix ? ops_first(ix, member) : NULL;
	size_t n = 0;

	if (!first)
		return 0;
	while (first + n < ix->v + ix->n && !strcmp(first[n].member, member))
		n++;
	if (n > OPS_MAX_TARGETS || n > max)
		return 0;
	for (size_t i = 0; i < n; i++)
		out[i] = first[i].fn;
	return n;
}

void ops_index_release(struct graph *g)
{
	if (!g->ops)
		return;
	free(g->ops->v);
	free(g->ops);
	g->ops = NULL;
}
