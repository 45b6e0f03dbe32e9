/* The flow graph of a tree's facts: locations as nodes, page moves as edges, callees resolved. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "flow_int.h"
#include "kernel.h"
#include "util.h"

static size_t hash_str(const char *s)
{
	size_t h = 1469598103934665603ULL;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return h;
}

static void map_grow(struct map *m);

/* The value slot of key; created (holding -1) when create is set, else NULL when absent. */
static int *map_slot(struct map *m, const char *key, int create)
{
	if (create && (m->n + 1) * 2 > m->cap)
		map_grow(m);
	if (!m->cap)
		return NULL;
	for (size_t i = hash_str(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		if (!m->k[i]) {
			if (!create)
				return NULL;
			m->k[i] = xstrdup(key);
			m->v[i] = -1;
			m->n++;
			return &m->v[i];
		}
		if (!strcmp(m->k[i], key))
			return &m->v[i];
	}
}

static void map_grow(struct map *m)
{
	struct map old = *m;

	m->cap = m->cap ? m->cap * 2 : 1024;
	m->k = xcalloc(m->cap, sizeof(*m->k));
	m->v = xcalloc(m->cap, sizeof(*m->v));
	m->n = 0;
	for (size_t i = 0; i < old.cap; i++)
		if (old.k[i]) {
			*map_slot(m, old.k[i], 1) = old.v[i];
			free(old.k[i]);
		}
	free(old.k);
	free(old.v);
}

static int map_get(struct map *m, const char *key)
{
	int *v = map_slot(m, key, 0);

	return v ? *v : -1;
}

static void map_clear(struct map *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->k[i]);
	free(m->k);
	free(m->v);
	memset(m, 0, sizeof(*m));
}

static int node_get(struct graph *g, const char *key, const char *label, long fn, int global)
{
	int *slot = map_slot(&g->node_of, key, 1);
	struct node *n;

	if (*slot >= 0)
		return *slot;
	ALLOC_GROW(g->nodes, g->nnodes + 1, g->nodes_alloc);
	n = &g->nodes[g->nnodes];
	memset(n, 0, sizeof(*n));
	n->key = xstrdup(key);
	n->label = xstrdup(label);
	n->fn = fn;
	n->global = global;
	n->endio_fn = -1;
	n->merge.file = (size_t)-1;
	*slot = (int)g->nnodes;
	return (int)g->nnodes++;
}

/*
 * Add edge from -> to once; one that two facts give with different directions is EDGE_BOTH,
 * with different if branches (arms: an assignment's flow_fact.arms, else NULL) has none.
 */
static void edge_add_dir(struct graph *g, int from, int to, enum edge_kind kind, long fn,
			 enum edge_dir dir, const char *arms)
{
	struct node *n;

	if (from < 0 || to < 0 || from == to)
		return;
	n = &g->nodes[from];
	for (size_t i = 0; i < n->ne; i++)
		if (n->e[i].to == to && n->e[i].kind == kind) {
			if (n->e[i].dir != dir)
				n->e[i].dir = EDGE_BOTH;
			if (n->e[i].arms && (!arms || strcmp(n->e[i].arms, arms)))
				n->e[i].arms = NULL;
			return;
		}
	ALLOC_GROW(n->e, n->ne + 1, n->e_alloc);
	n->e[n->ne++] = (struct edge){ .to = to, .kind = kind, .fn = fn, .assign_file = -1,
					   .assign_flow = -1, .dir = dir, .arms = arms };
	if (kind == EDGE_UP)
		n->has_up = 1;
}

static void edge_add_in(struct graph *g, int from, int to, enum edge_kind kind, long fn)
{
	edge_add_dir(g, from, to, kind, fn, EDGE_BOTH, NULL);
}

static void edge_add(struct graph *g, int from, int to, enum edge_kind kind)
{
	edge_add_in(g, from, to, kind, -1);
}

const char *graph_fn_name(const struct graph *g, long fn)
{
	struct call_ref r = g->fn_ref[fn];

	return g->plan->facts[r.file].fns[r.call].name;
}

/* map_get() of g->fn_of under the key prefix + name, built without printf: a hot path. */
static long fn_get(struct graph *g, const char *prefix, const char *name)
{
	char stack[256], *key = stack;
	size_t pl = strlen(prefix), nl = strlen(name);
	long ret;

	if (pl + nl + 1 > sizeof(stack))
		key = xmalloc(pl + nl + 1);
	memcpy(key, prefix, pl);
	memcpy(key + pl, name, nl + 1);
	ret = map_get(&g->fn_of, key);
	if (key != stack)
		free(key);
	return ret;
}

long graph_fn_lookup(struct graph *g, size_t file, const char *name)
{
	char prefix[32];
	long ret;

	if (!name)
		return -1;
	snprintf(prefix, sizeof(prefix), "%zu#", file);
	if ((ret = fn_get(g, prefix, name)) >= 0)
		return ret;
	if ((ret = fn_get(g, "@", name)) >= 0)
		return ret;
	return fn_get(g, "h@", name);	/* a header's static inline, seen by its includers */
}

static int is_header(const char *path)
{
	size_t n = strlen(path);

	return n > 2 && !strcmp(path + n - 2, ".h");
}

/* Number function i of file f as id: under "f#name", and under "@name" unless it is static. */
static void index_function(struct graph *g, size_t f, size_t i, long id)
{
	const struct fn_fact *fn = &g->plan->facts[f].fns[i];
	char *key = xasprintf("%zu#%s", f, fn->name);
	int *slot = map_slot(&g->fn_of, key, 1);

	free(key);
	g->fn_ref[id] = (struct call_ref){ f, i };
	if (*slot < 0)
		*slot = (int)id;
	if (fn->is_static && is_header(g->plan->facts[f].path)) {
		key = xasprintf("h@%s", fn->name);
		slot = map_slot(&g->fn_of, key, 1);
		free(key);
		if (*slot < 0)
			*slot = (int)id;
	}
	if (fn->is_static)
		return;
	key = xasprintf("@%s", fn->name);
	slot = map_slot(&g->fn_of, key, 1);
	free(key);
	*slot = (int)id;
}

static void index_functions(struct graph *g)
{
	struct plan *p = g->plan;

	g->fn_base = xcalloc(p->nfiles + 1, sizeof(*g->fn_base));
	for (size_t f = 0; f < p->nfiles; f++) {
		g->fn_base[f] = g->nfns;
		g->nfns += p->facts[f].nfns;
	}
	g->fn_ref = xcalloc(g->nfns + 1, sizeof(*g->fn_ref));
	for (size_t f = 0; f < p->nfiles; f++)
		for (size_t i = 0; i < p->facts[f].nfns; i++)
			index_function(g, f, i, (long)(g->fn_base[f] + i));
}

static int ret_node(struct graph *g, long fn)
{
	char key[32];
	int n;

	snprintf(key, sizeof(key), "ret:%ld", fn);
	n = node_get(g, key, graph_fn_name(g, fn), fn, 0);
	g->nodes[n].is_start = 1;
	return n;
}

/*
 * The node of a location written in function fn of file: locals and
 * parameters are per function, fields are per struct type, globals per file,
 * "call:F" is F's return value.  -1 for "null", "expr" and file scope.
 */
int graph_loc_node(struct graph *g, size_t file, long fn, const char *loc)
{
	char *key, *label;
	int n;

	if (!loc || fn < 0)
		return -1;
	while (*loc == '&')
		loc++;
	if (!strcmp(loc, "null") || !strcmp(loc, "expr"))
		return -1;
	if (!strncmp(loc, "call:", 5)) {
		long callee = graph_fn_lookup(g, file, loc + 5);

		if (callee >= 0)
			return ret_node(g, callee);
	}
	if (!strncmp(loc, "field:", 6) || !strncmp(loc, "lfield:", 7)) {
		const char *f = loc + (loc[0] == 'l' ? 7 : 6);

		key = xasprintf("field:%s", f);
		label = xasprintf("field %s", f);
		n = node_get(g, key, label, -1, 1);
		free(key);
	} else if (!strncmp(loc, "global:", 7)) {
		key = xasprintf("%zu@%s", file, loc);
		label = xasprintf("global %s", loc + 7);
		n = node_get(g, key, label, -1, 1);
		free(key);
	} else {
		key = xasprintf("%ld:%s", fn, loc);
		label = xstrdup(graph_fn_name(g, fn));
		n = node_get(g, key, label, fn, 0);
		free(key);
	}
	free(label);
	return n;
}

int graph_param_node(struct graph *g, long fn, int argno)
{
	char key[48];

	if (fn < 0)
		return -1;
	snprintf(key, sizeof(key), "%ld#%d", fn, argno);
	return map_get(&g->param_of, key);
}

size_t flow_count(const struct plan *p, enum flow_kind kind)
{
	size_t n = 0;

	for (size_t f = 0; f < p->nfiles; f++)
		for (size_t i = 0; i < p->facts[f].nflows; i++)
			n += p->facts[f].flows[i].kind == kind;
	return n;
}

/*
 * Pages of node n are passed to callee: no data use if it only inspects struct page, an
 * unknown unless it is a use that releases nothing (kernel.def's INSPECT and USE rows).
 */
static void note_pass(struct node *n, const char *callee)
{
	if (kernel_has(callee, ROLE_INSPECT))
		return;
	if (!strcmp(callee, "(conversion)")) {	/* a pfn or address: may still be released */
		if (!n->unknown)
			n->unknown = "a page-to-number conversion";
		return;
	}
	/* a call through a pointer may do anything: an unknown, not a data use */
	if (!n->data_use && callee[0] != '(')
		n->data_use = callee;
	if (!n->maps && kernel_has(callee, ROLE_MAPS_DATA))
		n->maps = callee;
	if (kernel_has(callee, ROLE_USE))
		return;
	if (!n->unknown)
		n->unknown = callee;
	if (!n->unknown_call)
		n->unknown_call = callee;
}

/*
 * Mark node n as a place pages (numbers: only their numbers) are kept when loc stores into a
 * heap object or a global.
 */
static void mark_stored(struct graph *g, int n, const char *loc, int numbers)
{
	while (loc && *loc == '&')
		loc++;
	if (n < 0 || !loc || (strncmp(loc, "field:", 6) && strncmp(loc, "global:", 7)))
		return;
	g->nodes[n].stored = 1;
	g->nodes[n].stored_pages |= !numbers;
}

/* Does function fn (of ff) exit (return, goto, break) on a line after from, before to? */
static int exits_between(const struct file_facts *ff, const char *fn, unsigned from, unsigned to)
{
	for (size_t i = 0; i < ff->nfns; i++) {
		const struct fn_fact *x = &ff->fns[i];

		if (strcmp(x->name, fn) || from < x->line || from > x->end_line)
			continue;
		for (size_t k = 0; k < x->nexits; k++)
			if (x->exits[k] >= from && x->exits[k] <= to)
				return 1;
		return 0;
	}
	return 1;
}

/*
 * Is store f ("obj->page = page") a cache of the pointer, not of the reference: released in
 * its function after it, by a release of the stored location or its source in no if arm,
 * with no return, goto or break between?  (Without a CFG: a release in a loop whose break
 * comes after it is taken as unconditional.)
 */
static int released_after(const struct file_facts *ff, const struct flow_fact *f)
{
	if (f->kind != FLOW_ASSIGN || f->callee || !f->function || !f->src || !f->dst)
		return 0;
	for (size_t i = 0; i < ff->ncalls; i++) {
		const struct call_fact *c = &ff->calls[i];
		enum api_kind k = c->api->kind;

		if ((k != API_PUT && k != API_RELEASE && k != API_PUT_USER && k != API_UNPIN) ||
		    c->line <= f->line || c->arms || !c->function || !c->pages_to ||
		    strcmp(c->function, f->function) ||
		    (strcmp(c->pages_to, f->src) && strcmp(c->pages_to, f->dst)))
			continue;
		if (!exits_between(ff, f->function, f->line, c->line))
			return 1;
	}
	return 0;
}

/* The edge of kind from -> to, or NULL. */
static struct edge *edge_find(struct graph *g, int from, int to, enum edge_kind kind);

/*
 * The assignment made the edge s -> d into a field or global: marked cache when every
 * assignment making it is released after it in its function (released_after()): what crosses
 * it is not kept there.
 */
static void mark_cache(struct graph *g, int d, int s, int existed, int cache)
{
	struct edge *e = edge_find(g, s, d, EDGE_LOCAL);

	if (!e || d < 0 || !g->nodes[d].global)
		return;
	if (!cache)
		e->cache = 0;
	else if (!existed)
		e->cache = 1;
}

/* The edge of kind from -> to, or NULL. */
static struct edge *edge_find(struct graph *g, int from, int to, enum edge_kind kind)
{
	struct node *n = from >= 0 ? &g->nodes[from] : NULL;

	for (size_t i = 0; n && i < n->ne; i++)
		if (n->e[i].to == to && n->e[i].kind == kind)
			return &n->e[i];
	return NULL;
}

/*
 * The assignment f made the edge s -> d into a field or global: marked local_struct when
 * every assignment making it writes a member of a local struct variable ("lfield:"), which
 * keeps nothing past the call (v5.10's "wait_page.page = page" in wait_on_page_bit_common()).
 */
static void mark_local_struct(struct graph *g, const struct flow_fact *f, int d, int s,
			      int existed)
{
	struct edge *e = edge_find(g, s, d, EDGE_LOCAL);
	const char *dst = f->dst;

	if (!e || d < 0 || !g->nodes[d].global)
		return;
	while (*dst == '&')
		dst++;
	if (strncmp(dst, "lfield:", 7))
		e->local_struct = 0;
	else if (!existed)
		e->local_struct = 1;
}

/* The own_ref key of location loc in function fn ("&" looked through). Caller frees. */
static char *own_ref_key(long fn, const char *loc)
{
	while (*loc == '&')
		loc++;
	return xasprintf("%ld#%s", fn, loc);
}

/* Index the locations each function takes its own reference on: get_page(buf->page = page). */
static void index_own_refs(struct graph *g)
{
	struct plan *p = g->plan;

	for (size_t f = 0; f < p->nfiles; f++)
		for (size_t i = 0; i < p->facts[f].nflows; i++) {
			const struct flow_fact *fl = &p->facts[f].flows[i];
			long fn;
			char *key;

			if (fl->kind != FLOW_PASS || !fl->src || !kernel_has(fl->callee, ROLE_OWN_REF) ||
			    (fn = graph_fn_lookup(g, f, fl->function)) < 0)
				continue;
			key = own_ref_key(fn, fl->src);
			*map_slot(&g->own_ref, key, 1) = 1;
			free(key);
		}
}

static int has_own_ref(struct graph *g, long fn, const char *loc)
{
	char *key;
	int ret;

	if (!loc)
		return 0;
	key = own_ref_key(fn, loc);
	ret = map_get(&g->own_ref, key) > 0;
	free(key);
	return ret;
}

/*
 * Does the assignment f in fn put pages into a field or global (a pipe buffer, an skb frag) or
 * take them out of one, on a side fn takes its own reference on?  Then the container holds
 * that reference, not the one the other side's pages came with: the releases of the one are
 * not the other's ("get_page(buf->page = page)" in copy_page_to_iter_pipe(), fuse_ref_page(),
 * nfs_create_request()); the pages are the same, so a dirtying still is (flow_walk.c).
 */
static int own_ref_store(struct graph *g, const struct flow_fact *f, long fn, int d, int s)
{
	if (d < 0 || s < 0 || (!g->nodes[d].global && !g->nodes[s].global))
		return 0;
	return has_own_ref(g, fn, f->dst) || has_own_ref(g, fn, f->src);
}

/*
 * The local edge from -> to (which existed before this assignment, or not) is marked own_ref
 * while every assignment making it is an own-reference store (own_ref_store()).
 */
static void mark_own_ref(struct graph *g, int from, int to, int existed, int own)
{
	struct edge *e = edge_find(g, from, to, EDGE_LOCAL);

	if (!e)
		return;
	if (!own)
		e->own_ref = 0;
	else if (!existed)
		e->own_ref = 1;
}

/* The local edge from -> to joins a page and its number. */
static void mark_number(struct graph *g, int from, int to)
{
	struct edge *e = edge_find(g, from, to, EDGE_LOCAL);

	if (e)
		e->number = 1;
}

/*
 * dst = src in function fn: both ways local (directed as flow_int.h's enum edge_dir says), or
 * down into / up from a callee's return value.
 */
static void add_assign(struct graph *g, const struct flow_fact *f, long fn, int d, int s)
{
	if (f->callee && s >= 0) {	/* a container fill: data use, not a release */
		g->nodes[s].fills = 1;
		if (!g->nodes[s].data_use)
			g->nodes[s].data_use = f->callee;
		if (d >= 0 && g->nodes[d].global && !g->nodes[s].fills_into)
			g->nodes[s].fills_into = g->nodes[d].label;
	}
	if (s >= 0 && !strncmp(g->nodes[s].key, "ret:", 4) && g->nodes[s].fn != fn) {
		/*
		 * Up only: what a caller's variable held before or on another branch is not what
		 * the callee returns ("if (copy) bio = g(); else bio = f();"); a callee that hands
		 * back its own parameter links its caller's arguments locally (flow_outparam.c).
		 */
		edge_add(g, s, d, EDGE_UP);
	} else {
		edge_add_dir(g, d, s, EDGE_LOCAL, -1, f->callee ? EDGE_FILL_BACK : EDGE_ASSIGN_BACK,
			     f->arms);
		edge_add_dir(g, s, d, EDGE_LOCAL, -1, f->callee ? EDGE_FILL_FWD : EDGE_ASSIGN_FWD,
			     f->arms);
	}
}

/*
 * Function fn returns the pages at node s: local to fn's return value, but "return f(...)"
 * enters f's return value as a call does (down, and up back), so that two callers of f are
 * not mixed through it.
 */
static void add_return(struct graph *g, long fn, int s)
{
	int r = ret_node(g, fn);

	if (s >= 0 && !strncmp(g->nodes[s].key, "ret:", 4) && g->nodes[s].fn != fn) {
		edge_add(g, r, s, EDGE_DOWN);
		edge_add(g, s, r, EDGE_UP);
		return;
	}
	edge_add(g, s, r, EDGE_LOCAL);
	edge_add(g, r, s, EDGE_LOCAL);
}

/*
 * Pages at node s are argument argno of a call in fn: down into the callee's parameter.  A
 * callee kernel.def says only inspects struct page is not entered even where its body is read
 * (a header inline such as is_longterm_pinnable_page()): what it calls is no use of the data.
 */
static void add_pass(struct graph *g, size_t file, const struct flow_fact *f, long fn, int s)
{
	long callee;
	int p;

	if (s < 0)
		return;
	if (kernel_has(f->callee, ROLE_INSPECT)) {
		if (!g->nodes[s].inspected)
			g->nodes[s].inspected = f->callee;
		return;
	}
	callee = f->callee[0] == '(' ? -1 : graph_fn_lookup(g, file, f->callee);
	p = graph_param_node(g, callee, f->argno);
	if (p < 0) {
		note_pass(&g->nodes[s], f->callee);
		return;
	}
	edge_add_in(g, s, p, EDGE_DOWN, fn);
	edge_add(g, p, s, EDGE_UP);
}

/*
 * A page number at node s is argument argno of a call in fn: down into the callee's parameter
 * when the files read define it; a number handed elsewhere (pfn_valid(), iommu_map(), a page
 * table) is no release and no use of the page's data.
 */
static void add_number(struct graph *g, size_t file, const struct flow_fact *f, long fn, int s)
{
	int p;

	if (s >= 0 && kernel_has(f->callee, ROLE_INSPECT)) {
		if (!g->nodes[s].inspected)	/* memory_failure(pfn, ...): as add_pass() */
			g->nodes[s].inspected = f->callee;
		return;
	}
	p = graph_param_node(g, graph_fn_lookup(g, file, f->callee), f->argno);
	if (s < 0 || p < 0)
		return;
	edge_add_in(g, s, p, EDGE_DOWN, fn);
	edge_add(g, p, s, EDGE_UP);
}

/* The bio at node s gets completion f->callee: down into its bio parameter, marked as such. */
static void add_endio(struct graph *g, size_t file, const struct flow_fact *f, long fn, int s)
{
	long callee = graph_fn_lookup(g, file, f->callee);
	int p = graph_param_node(g, callee, 0);
	struct node *from;

	if (p < 0 || s < 0)
		return;
	edge_add_in(g, s, p, EDGE_DOWN, fn);
	edge_add(g, p, s, EDGE_UP);
	g->nodes[p].endio_fn = callee;
	from = &g->nodes[s];
	for (size_t i = 0; i < from->ne; i++) {
		struct edge *e = &from->e[i];

		if (e->to != p || e->kind != EDGE_DOWN || e->assign_file >= 0)
			continue;
		e->assign_file = (long)file;
		e->assign_flow = (long)(f - g->plan->facts[file].flows);
	}
}

/* Function fn calls callee directly: one more caller of callee, for teardown_of(). */
static void add_caller(struct graph *g, long callee, long fn)
{
	if (callee < 0 || fn < 0)
		return;
	ALLOC_GROW(g->callers[callee], g->ncallers[callee] + 1, g->callers_alloc[callee]);
	g->callers[callee][g->ncallers[callee]++] = fn;
}

/*
 * A call through an ops member in fn (flow_ops.c resolves it): the call graph's edges to every
 * function assigned to the member, or the page-typed argument passed down into each; a call
 * it does not resolve is an unknown, as any call through a pointer.
 */
static void add_ops_call(struct graph *g, const struct flow_fact *f, long fn, int s)
{
	long to[OPS_MAX_TARGETS];
	size_t n = ops_targets(g, f->dst, to, OPS_MAX_TARGETS);
	int linked = 0;

	for (size_t i = 0; i < n && f->argno < 0; i++)
		add_caller(g, to[i], fn);
	if (f->argno < 0 || s < 0)
		return;
	for (size_t i = 0; i < n; i++) {
		int p = graph_param_node(g, to[i], f->argno);

		if (p < 0)
			continue;
		edge_add_in(g, s, p, EDGE_DOWN, fn);
		edge_add(g, p, s, EDGE_UP);
		linked = 1;
	}
	if (!linked)
		note_pass(&g->nodes[s], f->callee);
}

/*
 * dst = a number of page src: one place, both ways.  Into a field or global the edges are
 * directed as an assignment's (enum edge_dir): a walk that arrived at the field by one
 * function's conversion does not go back into the pages another function converts into it
 * (nouveau's phys[0] = page_to_phys() of two unrelated pages), while numbers read back from
 * the field are flows of their own.
 */
static void add_convert(struct graph *g, const struct flow_fact *f, int d, int s)
{
	if (d >= 0 && (!strncmp(f->dst, "field:", 6) || !strncmp(f->dst, "global:", 7))) {
		edge_add_dir(g, d, s, EDGE_LOCAL, -1, EDGE_ASSIGN_BACK, f->arms);
		edge_add_dir(g, s, d, EDGE_LOCAL, -1, EDGE_ASSIGN_FWD, f->arms);
		return;
	}
	edge_add(g, d, s, EDGE_LOCAL);
	edge_add(g, s, d, EDGE_LOCAL);
}

static void add_flow_edges(struct graph *g, size_t file, const struct flow_fact *f)
{
	long fn = graph_fn_lookup(g, file, f->function);
	int d = graph_loc_node(g, file, fn, f->dst), s = graph_loc_node(g, file, fn, f->src);

	int existed = edge_find(g, s, d, EDGE_LOCAL) != NULL;
	int back = edge_find(g, d, s, EDGE_LOCAL) != NULL;
	int own = f->kind == FLOW_ASSIGN && own_ref_store(g, f, fn, d, s);

	int cache = released_after(&g->plan->facts[file], f);

	if ((f->kind == FLOW_ASSIGN || f->kind == FLOW_NUMBER_COPY) && !own && !cache)
		mark_stored(g, d, f->dst, f->kind == FLOW_NUMBER_COPY);
	switch (f->kind) {
	case FLOW_PARAM:
	case FLOW_FLAGS:	/* flags, not pages: flow_wrap.c reads them */
	case FLOW_FLAG_PARAM:
		break;
	case FLOW_ASSIGN:
	case FLOW_NUMBER_COPY:	/* a number is its page's place: the same edges */
		add_assign(g, f, fn, d, s);
		mark_local_struct(g, f, d, s, existed);
		mark_cache(g, d, s, existed, cache);
		mark_own_ref(g, s, d, existed, own);
		mark_own_ref(g, d, s, back, own);
		break;
	case FLOW_RETURN:
		if (fn >= 0)
			add_return(g, fn, s);
		break;
	case FLOW_PASS:
		add_pass(g, file, f, fn, s);
		break;
	case FLOW_CONVERT:	/* a page and its number: one place, both ways */
		if (s >= 0)
			note_pass(&g->nodes[s], "(conversion)");
		add_convert(g, f, d, s);
		mark_number(g, d, s);
		mark_number(g, s, d);
		break;
	case FLOW_NUMBER:
		add_number(g, file, f, fn, s);
		break;
	case FLOW_FREE:
		if (fn >= 0)
			strvec_push(&g->frees[fn], f->dst);
		break;
	case FLOW_ENDIO:
		add_endio(g, file, f, fn, s);
		break;
	case FLOW_MERGE:
		if (s >= 0 && g->nodes[s].merge.file == (size_t)-1)
			g->nodes[s].merge = (struct call_ref){
				file, (size_t)(f - g->plan->facts[file].flows)
			};
		break;
	case FLOW_FLAG:
	case FLOW_ORIGIN:
	case FLOW_CALLBACK:
	case FLOW_PROBE:
		break;
	case FLOW_CALL:
		add_caller(g, graph_fn_lookup(g, file, f->callee), fn);
		break;
	case FLOW_OPS_SET:
		break;
	case FLOW_OPS_CALL:
		add_ops_call(g, f, fn, s);
		break;
	}
}

/* A FLOW_PARAM fact: its node is a start, found under "fn#argno". */
static void add_param(struct graph *g, size_t file, const struct flow_fact *fl)
{
	long fn;
	char key[48];
	int n;

	if (fl->kind != FLOW_PARAM || (fn = graph_fn_lookup(g, file, fl->function)) < 0)
		return;
	n = graph_loc_node(g, file, fn, fl->dst);
	g->nodes[n].is_start = 1;
	snprintf(key, sizeof(key), "%ld#%d", fn, fl->argno);
	*map_slot(&g->param_of, key, 1) = n;
}

/* A clang-seen, compiled call: it sits on the node of the pages it takes or releases. */
static void add_call(struct graph *g, size_t file, size_t i)
{
	const struct call_fact *c = &g->plan->facts[file].calls[i];
	struct node *nd;
	int n;

	if (!c->compiled || strcmp(c->seen_by, "clang"))
		return;
	n = graph_loc_node(g, file, graph_fn_lookup(g, file, c->function), c->pages_to);
	if (n < 0)
		return;
	if (api_is_acquire(c->api))
		mark_stored(g, n, c->pages_to, 0);
	nd = &g->nodes[n];
	ALLOC_GROW(nd->calls, nd->ncalls + 1, nd->calls_alloc);
	nd->calls[nd->ncalls++] = (struct call_ref){ file, i };
}

/* The path of the file that defines function fn. */
static const char *graph_fn_file(const struct graph *g, long fn)
{
	return g->plan->facts[g->fn_ref[fn].file].path;
}

/*
 * A header's accessor, a static inline that returns a field or a global (frame_vector_pages()
 * returns vec->ptrs), hands each caller the same heap location: its value is read like that
 * field, so its edges to and from the variables its callers assign it to are local, and a walk
 * that entered the field reaches them, and one from such a variable reaches the field.  Not a .c file's: opening those paired pins with pipe-buffer and skb puts.
 */
static void open_accessors(struct graph *g)
{
	for (size_t n = 0; n < g->nnodes; n++) {
		struct node *nd = &g->nodes[n];
		int global = 0;

		if (strncmp(nd->key, "ret:", 4) || !is_header(graph_fn_file(g, nd->fn)))
			continue;
		for (size_t i = 0; i < nd->ne; i++)
			global |= nd->e[i].kind == EDGE_LOCAL && g->nodes[nd->e[i].to].global;
		for (size_t i = 0; global && i < nd->ne; i++) {
			if (nd->e[i].kind != EDGE_UP)
				continue;
			nd->e[i].kind = EDGE_LOCAL;
			/* and back: the caller's variable is the field too (may move nd->e) */
			edge_add(g, nd->e[i].to, (int)n, EDGE_LOCAL);
			nd = &g->nodes[n];
		}
	}
}

void graph_build(struct graph *g)
{
	struct plan *p = g->plan;

	index_functions(g);
	g->callers = xcalloc(g->nfns + 1, sizeof(*g->callers));
	g->ncallers = xcalloc(g->nfns + 1, sizeof(*g->ncallers));
	g->callers_alloc = xcalloc(g->nfns + 1, sizeof(*g->callers_alloc));
	g->frees = xcalloc(g->nfns + 1, sizeof(*g->frees));
	for (size_t f = 0; f < p->nfiles; f++)
		for (size_t i = 0; i < p->facts[f].nflows; i++)
			add_param(g, f, &p->facts[f].flows[i]);
	ops_index_build(g);
	index_own_refs(g);
	for (size_t f = 0; f < p->nfiles; f++)
		for (size_t i = 0; i < p->facts[f].nflows; i++)
			add_flow_edges(g, f, &p->facts[f].flows[i]);
	for (size_t f = 0; f < p->nfiles; f++)
		for (size_t i = 0; i < p->facts[f].ncalls; i++)
			add_call(g, f, i);
	open_accessors(g);
	flow_link_outparams(g);
}

void graph_release(struct graph *g)
{
	for (size_t i = 0; i < g->nnodes; i++) {
		free(g->nodes[i].key);
		free(g->nodes[i].label);
		free(g->nodes[i].e);
		free(g->nodes[i].calls);
	}
	free(g->nodes);
	map_clear(&g->node_of);
	map_clear(&g->fn_of);
	map_clear(&g->param_of);
	map_clear(&g->own_ref);
	for (size_t i = 0; i < g->nfns; i++) {
		free(g->callers[i]);
		strvec_clear(&g->frees[i]);
	}
	free(g->frees);
	free(g->callers);
	free(g->ncallers);
	free(g->callers_alloc);
	free(g->fn_base);
	free(g->fn_ref);
	ops_index_release(g);
}
