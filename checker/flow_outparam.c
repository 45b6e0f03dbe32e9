/* Out-parameters of helpers: a callee that moves one parameter's pages into another links them. */
#include <stdlib.h>
#include <string.h>
#include "flow_int.h"
#include "kernel.h"
#include "util.h"

/*
 * Rounds of linking: a helper of a helper is linked one round after its callee.  Kernel
 * helpers nest two or three deep; the bound keeps a pathological tree finite.
 */
#define OUTPARAM_ROUNDS 6

/* Parameter j's pages go into parameter k (k == -1: the return value) of function fn. */
struct link {
	long fn;
	int j, k;
};

struct outparam {
	struct graph *g;
	int *argno;		/* node -> its parameter number, -1 for other nodes */
	unsigned char *own_ref;	/* node -> the function takes its own reference on it */
	unsigned *seen;		/* node -> stamp of the last component walk */
	int *queue;
	unsigned gen;
	struct link *links;	/* sorted by fn */
	size_t nlinks, links_alloc;
	size_t added;		/* edges the current round added */
};

static void outparam_init(struct outparam *o, struct graph *g)
{
	struct plan *p = g->plan;

	memset(o, 0, sizeof(*o));
	o->g = g;
	o->argno = xcalloc(g->nnodes + 1, sizeof(*o->argno));
	o->own_ref = xcalloc(g->nnodes + 1, 1);
	o->seen = xcalloc(g->nnodes + 1, sizeof(*o->seen));
	o->queue = xcalloc(g->nnodes + 1, sizeof(*o->queue));
	for (size_t n = 0; n < g->nnodes; n++)
		o->argno[n] = -1;
	for (size_t f = 0; f < p->nfiles; f++)
		for (size_t i = 0; i < p->facts[f].nflows; i++) {
			const struct flow_fact *fl = &p->facts[f].flows[i];
			long fn = graph_fn_lookup(g, f, fl->function);
			int n;

			if (fl->kind == FLOW_PARAM && (n = graph_param_node(g, fn, fl->argno)) >= 0)
				o->argno[n] = fl->argno;
			if (fl->kind == FLOW_PASS && kernel_has(fl->callee, ROLE_OWN_REF) &&
			    (n = graph_loc_node(g, f, fn, fl->src)) >= 0)
				o->own_ref[n] = 1;
		}
}

static void outparam_release(struct outparam *o)
{
	free(o->argno);
	free(o->own_ref);
	free(o->seen);
	free(o->queue);
	free(o->links);
}

static void link_push(struct outparam *o, long fn, int j, int k)
{
	for (size_t i = 0; i < o->nlinks; i++)
		if (o->links[i].fn == fn && o->links[i].j == j && o->links[i].k == k)
			return;
	ALLOC_GROW(o->links, o->nlinks + 1, o->links_alloc);
	o->links[o->nlinks++] = (struct link){ fn, j, k };
}

/*
 * The links of parameter node start: the other parameters and the return value its
 * function's local edges reach, without leaving the function.  None when the function
 * takes its own reference on those pages (get_page() before storing: a pipe buffer or
 * skb then holds that reference, not the caller's).
 */
static void component_links(struct outparam *o, int start)
{
	struct graph *g = o->g;
	long fn = g->nodes[start].fn;
	size_t head = 0, tail = 0, first = o->nlinks;
	int own = 0;

	if (++o->gen == 0) {
		memset(o->seen, 0, g->nnodes * sizeof(*o->seen));
		o->gen = 1;
	}
	o->seen[start] = o->gen;
	o->queue[tail++] = start;
	while (head < tail) {
		int n = o->queue[head++];
		const struct node *nd = &g->nodes[n];

		own |= o->own_ref[n];
		if (n != start && o->argno[n] >= 0)
			link_push(o, fn, o->argno[start], o->argno[n]);
		else if (n != start && !strncmp(nd->key, "ret:", 4))
			link_push(o, fn, o->argno[start], -1);
		for (size_t i = 0; i < nd->ne; i++) {
			int to = nd->e[i].to;

			if (nd->e[i].kind != EDGE_LOCAL || g->nodes[to].fn != fn ||
			    g->nodes[to].global || o->seen[to] == o->gen)
				continue;
			o->seen[to] = o->gen;
			o->queue[tail++] = to;
		}
	}
	if (own)
		o->nlinks = first;
}

static int by_fn(const void *a, const void *b)
{
	const struct link *x = a, *y = b;

	return (x->fn > y->fn) - (x->fn < y->fn);
}

static void find_links(struct outparam *o)
{
	o->nlinks = 0;
	for (size_t n = 0; n < o->g->nnodes; n++)
		if (o->argno[n] >= 0)
			component_links(o, (int)n);
	qsort(o->links, o->nlinks, sizeof(*o->links), by_fn);
}

/* The first link of function fn, or nlinks when it has none. */
static size_t links_of(const struct outparam *o, long fn)
{
	size_t lo = 0, hi = o->nlinks;

	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (o->links[mid].fn < fn)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < o->nlinks && o->links[lo].fn == fn ? lo : o->nlinks;
}

static void link_nodes(struct outparam *o, int a, int b)
{
	struct node *na;

	if (a < 0 || b < 0 || a == b)
		return;
	na = &o->g->nodes[a];
	for (size_t i = 0; i < na->ne; i++)
		if (na->e[i].to == b && na->e[i].kind == EDGE_LOCAL)
			return;
	ALLOC_GROW(na->e, na->ne + 1, na->e_alloc);
	na->e[na->ne++] = (struct edge){ .to = b, .kind = EDGE_LOCAL, .fn = -1, .assign_file = -1,
					      .assign_flow = -1, .dir = EDGE_BOTH };
	o->added++;
	link_nodes(o, b, a);
}

/* The node of argument argno among the passes flows[from, to) of one call; -1 if not a page. */
static int arg_node(struct outparam *o, size_t file, long caller, size_t from, size_t to, int argno)
{
	const struct flow_fact *fl = o->g->plan->facts[file].flows;

	for (size_t i = from; i < to; i++)
		if (fl[i].argno == argno)
			return graph_loc_node(o->g, file, caller, fl[i].src);
	return -1;
}

/* The node of function caller's own return value (file's "call:NAME"). */
static int own_ret_node(struct outparam *o, size_t file, long caller)
{
	char *loc = xasprintf("call:%s", graph_fn_name(o->g, caller));
	int n = graph_loc_node(o->g, file, caller, loc);

	free(loc);
	return n;
}

/*
 * The location the value of the call at flows[at] goes to: an assignment or return of
 * "call:F" in the same function, on the call's line or the nearest of the two lines before it
 * (the "x =" of a call broken over lines); -1 if none.
 */
static int result_node(struct outparam *o, size_t file, long caller, size_t at)
{
	const struct file_facts *ff = &o->g->plan->facts[file];
	const struct flow_fact *call = &ff->flows[at], *best = NULL;

	for (size_t i = 0; i < ff->nflows; i++) {
		const struct flow_fact *fl = &ff->flows[i];
		const char *src = fl->src;

		if ((fl->kind != FLOW_ASSIGN && fl->kind != FLOW_NUMBER_COPY &&
		     fl->kind != FLOW_RETURN) || !src ||
		    fl->line > call->line || fl->line + 2 < call->line ||
		    (best && fl->line < best->line) ||
		    strcmp(fl->function, call->function))
			continue;
		while (*src == '&')
			src++;
		if (!strncmp(src, "call:", 5) && !strcmp(src + 5, call->callee))
			best = fl;
	}
	if (!best)
		return -1;
	if (best->kind == FLOW_RETURN)
		return own_ret_node(o, file, caller);
	return graph_loc_node(o->g, file, caller, best->dst);
}

/* The passes flows[from, to) are one call: link its arguments as the callee's links say. */
static void link_call(struct outparam *o, size_t file, size_t from, size_t to)
{
	const struct flow_fact *fl = &o->g->plan->facts[file].flows[from];
	long caller = graph_fn_lookup(o->g, file, fl->function);
	long callee = fl->callee[0] == '(' ? -1 : graph_fn_lookup(o->g, file, fl->callee);

	if (caller < 0 || callee < 0)
		return;
	for (size_t i = links_of(o, callee); i < o->nlinks && o->links[i].fn == callee; i++) {
		const struct link *l = &o->links[i];
		int a = arg_node(o, file, caller, from, to, l->j);

		if (a < 0)
			continue;
		if (l->k >= 0)
			link_nodes(o, a, arg_node(o, file, caller, from, to, l->k));
		else
			link_nodes(o, a, result_node(o, file, caller, from));
	}
}

/* Is fl an argument of a call: its pages (a pass) or a page's number (put_pfn(pfn))? */
static int is_argument(const struct flow_fact *fl)
{
	return fl->kind == FLOW_PASS || fl->kind == FLOW_NUMBER;
}

/* One round: the links every function has now, applied at every call of it. */
static void link_round(struct outparam *o)
{
	struct plan *p = o->g->plan;

	find_links(o);
	o->added = 0;
	for (size_t f = 0; f < p->nfiles; f++) {
		const struct flow_fact *fl = p->facts[f].flows;
		size_t n = p->facts[f].nflows;

		for (size_t i = 0, j; i < n; i = j) {
			for (j = i + 1; is_argument(&fl[i]) && j < n && is_argument(&fl[j]) &&
			     fl[j].line == fl[i].line && fl[j].col == fl[i].col &&
			     !strcmp(fl[j].callee, fl[i].callee); j++)
				;
			if (is_argument(&fl[i]))
				link_call(o, f, i, j);
		}
	}
}

void flow_link_outparams(struct graph *g)
{
	struct outparam o;

	outparam_init(&o, g);
	for (int round = 0; round < OUTPARAM_ROUNDS; round++) {
		link_round(&o);
		if (!o.added)
			break;
	}
	outparam_release(&o);
}
