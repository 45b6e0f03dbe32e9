/* The flow graph of a tree's facts and the walk from each acquire to the releases its pages reach. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "flow.h"
#include "kernel.h"
#include "util.h"

/*
 * Edge kinds.  A walk is in phase UP while it may still return to callers (the
 * pages came from, or go back to, whoever called the acquiring function) and in
 * phase DOWN once it entered a callee or a field: from there it never climbs to
 * another caller, which keeps one helper's callers apart.
 */
enum edge_kind { EDGE_LOCAL, EDGE_DOWN, EDGE_UP };
enum { PHASE_UP, PHASE_DOWN };

struct edge {
	int to;
	enum edge_kind kind;
	long fn;		/* EDGE_DOWN: the function that passes the pages */
	long assign_file, assign_flow;	/* a bi_end_io assignment's edge: that flow, else -1 */
};

struct node {
	char *key;
	char *label;		/* for evidence: "field struct s.f", "global x", or the function's name */
	long fn;		/* global function number, -1 for fields and globals */
	int global;		/* a field or global: shared by every function that names it */
	int stored;		/* pages are stored into it through a pointer: they are kept */
	int has_up;		/* some caller is known (an UP edge leaves this node) */
	int is_start;		/* parameter or return node: its callers matter */
	struct edge *e;
	size_t ne, e_alloc;
	struct call_ref *calls;	/* acquires, releases and dirtyings at this location */
	size_t ncalls, calls_alloc;
	const char *unknown;	/* a callee outside the facts the pages are passed to */
	const char *data_use;	/* a callee that touches the data */
	int fills;
	long endio_fn;		/* the bio parameter of a bi_end_io function: that function, else -1 */
	struct call_ref merge;	/* a FLOW_MERGE on this location (file, flow index); .file is -1 if none */
};

/* A string -> int map with open addressing; it owns copies of its keys. */
struct map {
	char **k;
	int *v;
	size_t cap, n;
};

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

struct graph {
	struct plan *plan;
	struct node *nodes;
	size_t nnodes, nodes_alloc;
	struct map node_of;	/* key -> node */
	struct map fn_of;	/* "file#name" -> function number; "@name" -> last non-static one */
	size_t *fn_base;	/* first function number of each file */
	struct call_ref *fn_ref;	/* function number -> (file, index in fns) */
	struct map param_of;	/* "fn#argno" -> node */
	size_t nfns;
	long **callers;		/* function number -> the functions calling it directly */
	size_t *ncallers, *callers_alloc;
	struct strvec *frees;	/* function number -> the struct types it kfree()s */
};

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

static void edge_add_in(struct graph *g, int from, int to, enum edge_kind kind, long fn)
{
	struct node *n;

	if (from < 0 || to < 0 || from == to)
		return;
	n = &g->nodes[from];
	for (size_t i = 0; i < n->ne; i++)
		if (n->e[i].to == to && n->e[i].kind == kind)
			return;
	ALLOC_GROW(n->e, n->ne + 1, n->e_alloc);
	n->e[n->ne++] = (struct edge){ to, kind, fn, -1, -1 };
	if (kind == EDGE_UP)
		n->has_up = 1;
}

static void edge_add(struct graph *g, int from, int to, enum edge_kind kind)
{
	edge_add_in(g, from, to, kind, -1);
}

static const char *fn_name(const struct graph *g, long fn)
{
	struct call_ref r = g->fn_ref[fn];

	return g->plan->facts[r.file].fns[r.call].name;
}

/* The function number of name as seen from file: its own definition, else the last non-static one. */
static long fn_lookup(struct graph *g, size_t file, const char *name)
{
	char *key;
	long ret;

	if (!name)
		return -1;
	key = xasprintf("%zu#%s", file, name);
	ret = map_get(&g->fn_of, key);
	free(key);
	if (ret >= 0)
		return ret;
	key = xasprintf("@%s", name);
	ret = map_get(&g->fn_of, key);
	free(key);
	return ret;
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
	for (size_t f = 0; f < p->nfiles; f++) {
		for (size_t i = 0; i < p->facts[f].nfns; i++) {
			const struct fn_fact *fn = &p->facts[f].fns[i];
			long id = (long)(g->fn_base[f] + i);
			char *key = xasprintf("%zu#%s", f, fn->name);
			int *slot = map_slot(&g->fn_of, key, 1);

			free(key);
			g->fn_ref[id] = (struct call_ref){ f, i };
			if (*slot < 0)
				*slot = (int)id;
			if (fn->is_static)
				continue;
			key = xasprintf("@%s", fn->name);
			slot = map_slot(&g->fn_of, key, 1);
			free(key);
			*slot = (int)id;
		}
	}
}

static int ret_node(struct graph *g, long fn)
{
	char key[32];
	int n;

	snprintf(key, sizeof(key), "ret:%ld", fn);
	n = node_get(g, key, fn_name(g, fn), fn, 0);
	g->nodes[n].is_start = 1;
	return n;
}

/*
 * The node of a location written in function fn of file: locals and
 * parameters are per function, fields are per struct type, globals per file,
 * "call:F" is F's return value.  -1 for "null", "expr" and file scope.
 */
static int loc_node(struct graph *g, size_t file, long fn, const char *loc)
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
		long callee = fn_lookup(g, file, loc + 5);

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
		label = xstrdup(fn_name(g, fn));
		n = node_get(g, key, label, fn, 0);
		free(key);
	}
	free(label);
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
	if (!n->data_use && callee[0] != '(')
		n->data_use = callee;	/* a call through a pointer may do anything: unknown, not data */
	if (!n->unknown && !kernel_has(callee, ROLE_USE))
		n->unknown = callee;
}

/* Mark node n as a place pages are kept when loc stores into a heap object or a global. */
static void mark_stored(struct graph *g, int n, const char *loc)
{
	while (loc && *loc == '&')
		loc++;
	if (n >= 0 && loc && (!strncmp(loc, "field:", 6) || !strncmp(loc, "global:", 7)))
		g->nodes[n].stored = 1;
}

static void add_flow_edges(struct graph *g, size_t file, const struct flow_fact *f)
{
	long fn = fn_lookup(g, file, f->function);
	int d = loc_node(g, file, fn, f->dst), s = loc_node(g, file, fn, f->src);

	if (f->kind == FLOW_ASSIGN)
		mark_stored(g, d, f->dst);
	switch (f->kind) {
	case FLOW_PARAM:
		break;
	case FLOW_ASSIGN:
		if (f->callee && s >= 0) {	/* a container fill: data use, not a release */
			g->nodes[s].fills = 1;
			if (!g->nodes[s].data_use)
				g->nodes[s].data_use = f->callee;
		}
		if (s >= 0 && !strncmp(g->nodes[s].key, "ret:", 4) && g->nodes[s].fn != fn) {
			edge_add(g, d, s, EDGE_DOWN);
			edge_add(g, s, d, EDGE_UP);
		} else {
			edge_add(g, d, s, EDGE_LOCAL);
			edge_add(g, s, d, EDGE_LOCAL);
		}
		break;
	case FLOW_RETURN:
		if (fn >= 0) {
			int r = ret_node(g, fn);

			edge_add(g, s, r, EDGE_LOCAL);
			edge_add(g, r, s, EDGE_LOCAL);
		}
		break;
	case FLOW_PASS: {
		long callee = f->callee[0] == '(' ? -1 : fn_lookup(g, file, f->callee);
		char key[48];
		int p = -1;

		if (s < 0)
			break;
		if (callee >= 0) {
			snprintf(key, sizeof(key), "%ld#%d", callee, f->argno);
			p = map_get(&g->param_of, key);
		}
		if (p < 0) {
			note_pass(&g->nodes[s], f->callee);
			break;
		}
		edge_add_in(g, s, p, EDGE_DOWN, fn);
		edge_add(g, p, s, EDGE_UP);
		break;
	}
	case FLOW_FREE:
		if (fn >= 0)
			strvec_push(&g->frees[fn], f->dst);
		break;
	case FLOW_ENDIO: {
		long callee = fn_lookup(g, file, f->callee);
		char key[48];
		int p = -1;

		if (callee >= 0) {
			snprintf(key, sizeof(key), "%ld#0", callee);
			p = map_get(&g->param_of, key);
		}
		if (p < 0 || s < 0)
			break;
		edge_add_in(g, s, p, EDGE_DOWN, fn);
		edge_add(g, p, s, EDGE_UP);
		g->nodes[p].endio_fn = callee;
		for (size_t i = 0; i < g->nodes[s].ne; i++)
			if (g->nodes[s].e[i].to == p && g->nodes[s].e[i].kind == EDGE_DOWN &&
			    g->nodes[s].e[i].assign_file < 0) {
				g->nodes[s].e[i].assign_file = (long)file;
				g->nodes[s].e[i].assign_flow = (long)(f - g->plan->facts[file].flows);
			}
		break;
	}
	case FLOW_MERGE:
		if (s >= 0 && g->nodes[s].merge.file == (size_t)-1)
			g->nodes[s].merge = (struct call_ref){ file, (size_t)(f - g->plan->facts[file].flows) };
		break;
	case FLOW_FLAG:
	case FLOW_ORIGIN:
	case FLOW_CALLBACK:
	case FLOW_PROBE:
		break;
	case FLOW_CALL: {
		long callee = fn_lookup(g, file, f->callee);

		if (callee >= 0 && fn >= 0) {
			ALLOC_GROW(g->callers[callee], g->ncallers[callee] + 1, g->callers_alloc[callee]);
			g->callers[callee][g->ncallers[callee]++] = fn;
		}
		break;
	}
	}
}

static void build(struct graph *g)
{
	struct plan *p = g->plan;

	index_functions(g);
	g->callers = xcalloc(g->nfns + 1, sizeof(*g->callers));
	g->ncallers = xcalloc(g->nfns + 1, sizeof(*g->ncallers));
	g->callers_alloc = xcalloc(g->nfns + 1, sizeof(*g->callers_alloc));
	g->frees = xcalloc(g->nfns + 1, sizeof(*g->frees));
	for (size_t f = 0; f < p->nfiles; f++)
		for (size_t i = 0; i < p->facts[f].nflows; i++) {
			const struct flow_fact *fl = &p->facts[f].flows[i];
			long fn;
			char key[48];
			int n;

			if (fl->kind != FLOW_PARAM || (fn = fn_lookup(g, f, fl->function)) < 0)
				continue;
			n = loc_node(g, f, fn, fl->dst);
			g->nodes[n].is_start = 1;
			snprintf(key, sizeof(key), "%ld#%d", fn, fl->argno);
			*map_slot(&g->param_of, key, 1) = n;
		}
	for (size_t f = 0; f < p->nfiles; f++)
		for (size_t i = 0; i < p->facts[f].nflows; i++)
			add_flow_edges(g, f, &p->facts[f].flows[i]);
	for (size_t f = 0; f < p->nfiles; f++)
		for (size_t i = 0; i < p->facts[f].ncalls; i++) {
			const struct call_fact *c = &p->facts[f].calls[i];
			int n;

			if (!c->compiled || strcmp(c->seen_by, "clang"))
				continue;
			n = loc_node(g, f, fn_lookup(g, f, c->function), c->pages_to);
			if (n < 0)
				continue;
			if (api_is_acquire(c->api))
				mark_stored(g, n, c->pages_to);
			ALLOC_GROW(g->nodes[n].calls, g->nodes[n].ncalls + 1, g->nodes[n].calls_alloc);
			g->nodes[n].calls[g->nodes[n].ncalls++] = (struct call_ref){ f, i };
		}
}

/* One walk's bookkeeping: states are node * 2 + phase, stamped with the walk's generation. */
struct walk {
	unsigned *stamp;
	int *queue;
	const char **via;	/* per state: the first field or global crossed, or NULL */
	unsigned gen;
};

static void reach(struct reached **v, size_t *n, size_t *alloc, struct call_ref at, const char *via,
		  const char *teardown)
{
	for (size_t i = 0; i < *n; i++)
		if ((*v)[i].at.file == at.file && (*v)[i].at.call == at.call)
			return;
	ALLOC_GROW(*v, *n + 1, *alloc);
	(*v)[(*n)++] = (struct reached){ at, via, teardown };
}

static int is_release_kind(enum api_kind k)
{
	return k == API_PUT || k == API_RELEASE || k == API_PUT_USER || k == API_UNPIN ||
	       k == API_BIO_RELEASE;
}

static int frees_type(const struct graph *g, long fn, const char *type)
{
	for (size_t i = 0; type && i < g->frees[fn].n; i++)
		if (!strcmp(g->frees[fn].v[i], type))
			return 1;
	return 0;
}

/*
 * Is function fn part of a teardown: fn or a caller up to three calls away is
 * named for ending an object's life, one of them frees the object that holds
 * the pages (holder, "struct s"; NULL for a global), and neither fn nor a
 * direct caller is named for ending an I/O?  Returns the teardown's name, or NULL.
 */
static const char *teardown_of(struct graph *g, long fn, const char *holder)
{
	long queue[64];
	int depth[64], n = 0, head = 0;
	const char *named = NULL;
	int freed = !holder;

	if (fn < 0 || kernel_has(fn_name(g, fn), ROLE_END_IO_WORD))
		return NULL;
	for (size_t i = 0; i < g->ncallers[fn]; i++)
		if (kernel_has(fn_name(g, g->callers[fn][i]), ROLE_END_IO_WORD))
			return NULL;
	queue[n] = fn;
	depth[n++] = 0;
	while (head < n) {
		long f = queue[head];
		int d = depth[head++];

		if (!named && kernel_has(fn_name(g, f), ROLE_TEARDOWN_WORD))
			named = fn_name(g, f);
		freed |= frees_type(g, f, holder);
		for (size_t i = 0; d < 3 && i < g->ncallers[f] && n < 64; i++) {
			int seen = 0;

			for (int k = 0; k < n && !seen; k++)
				seen = queue[k] == g->callers[f][i];
			if (!seen) {
				queue[n] = g->callers[f][i];
				depth[n++] = d + 1;
			}
		}
	}
	return freed ? named : NULL;
}

/* "field struct s.f" -> "struct s"; NULL for a global. Caller frees. */
static char *holder_of(const char *via)
{
	const char *dot;

	if (strncmp(via, "field ", 6) || !(dot = strrchr(via, '.')))
		return NULL;
	return xstrndup(via + 6, dot - via - 6);
}

static void hit_endio(struct endio_hit **v, size_t *n, size_t *alloc, struct call_ref fn,
		      struct call_ref assign)
{
	for (size_t i = 0; i < *n; i++)
		if ((*v)[i].fn.file == fn.file && (*v)[i].fn.call == fn.call &&
		    (*v)[i].assign.file == assign.file && (*v)[i].assign.call == assign.call)
			return;
	ALLOC_GROW(*v, *n + 1, *alloc);
	(*v)[(*n)++] = (struct endio_hit){ fn, assign };
}

/* Collect what node n holds into s; via is how the walk got there. */
static void visit(struct graph *g, struct site *s, long start_fn, int n, int phase, const char *via)
{
	struct node *nd = &g->nodes[n];
	const char *how = via ? via : nd->fn != start_fn && nd->fn >= 0 ? nd->label : "";

	for (size_t i = 0; i < nd->ncalls; i++) {
		const struct call_fact *c = call_at(g->plan, nd->calls[i]);
		char *holder = via ? holder_of(via) : NULL;
		const char *td = via ? teardown_of(g, fn_lookup(g, nd->calls[i].file, c->function), holder) : NULL;

		free(holder);
		if (is_release_kind(c->api->kind))
			reach(&s->rel, &s->nrel, &s->rel_alloc, nd->calls[i], how, td);
		else if (c->api->kind == API_DIRTY)
			reach(&s->dirty, &s->ndirty, &s->dirty_alloc, nd->calls[i], how, NULL);
	}
	if (nd->stored && !s->escape)
		s->escape = nd->label;
	if (nd->unknown && !s->unknown)
		s->unknown = nd->unknown;
	if (nd->data_use && !s->data_use)
		s->data_use = nd->data_use;
	s->fills |= nd->fills;
	if (nd->merge.file != (size_t)-1 && s->merge.file == (size_t)-1)
		s->merge = nd->merge;
	if (phase == PHASE_UP && nd->is_start && !nd->has_up)
		s->returned = 1;
}

static void walk_from(struct graph *g, struct walk *w, struct site *s, int start, int phase)
{
	size_t head = 0, tail = 0;
	long start_fn = g->nodes[start].fn;

	if (++w->gen == 0) {
		memset(w->stamp, 0, g->nnodes * 2 * sizeof(*w->stamp));
		w->gen = 1;
	}
	w->queue[tail++] = start * 2 + phase;
	w->stamp[start * 2 + phase] = w->gen;
	w->via[start * 2 + phase] = g->nodes[start].global ? g->nodes[start].label : NULL;
	while (head < tail) {
		int st = w->queue[head++], n = st / 2, ph = st % 2;
		const char *via = w->via[st];

		visit(g, s, start_fn, n, ph, via);
		for (size_t i = 0; i < g->nodes[n].ne; i++) {
			const struct edge *e = &g->nodes[n].e[i];
			const struct node *to = &g->nodes[e->to];
			int nph = ph, ns;

			if (e->kind == EDGE_UP && ph != PHASE_UP)
				continue;
			if (e->assign_file >= 0)	/* the bio completes in to's function */
				hit_endio(&s->endios, &s->nendios, &s->endios_alloc,
					  g->fn_ref[to->endio_fn],
					  (struct call_ref){ (size_t)e->assign_file, (size_t)e->assign_flow });
			if (e->kind == EDGE_DOWN || to->global)
				nph = PHASE_DOWN;
			ns = e->to * 2 + nph;
			if (w->stamp[ns] == w->gen)
				continue;
			w->stamp[ns] = w->gen;
			w->via[ns] = via ? via : to->global ? to->label : NULL;
			w->queue[tail++] = ns;
		}
	}
}

static void summarise(struct graph *g, struct walk *w)
{
	struct plan *p = g->plan;

	for (size_t f = 0; f < p->nfiles; f++)
		for (size_t i = 0; i < p->facts[f].nflows; i++) {
			const struct flow_fact *fl = &p->facts[f].flows[i];
			struct site tmp = { 0 };
			long fn;
			char key[48];
			int n;

			if (fl->kind != FLOW_PARAM || (fn = fn_lookup(g, f, fl->function)) < 0)
				continue;
			snprintf(key, sizeof(key), "%ld#%d", fn, fl->argno);
			if ((n = map_get(&g->param_of, key)) < 0)
				continue;
			walk_from(g, w, &tmp, n, PHASE_DOWN);
			for (size_t r = 0; r < tmp.nrel; r++) {
				ALLOC_GROW(p->sums, p->nsums + 1, p->sums_alloc);
				p->sums[p->nsums++] = (struct summary){
					g->fn_ref[fn].file, g->fn_ref[fn].call, (size_t)fl->argno, tmp.rel[r].at
				};
			}
			free(tmp.rel);
			free(tmp.dirty);
			free(tmp.endios);
		}
}

static void graph_release(struct graph *g)
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
}

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

/* How many flows of one kind all files hold. */
static size_t count_flows(const struct plan *p, enum flow_kind kind)
{
	size_t n = 0;

	for (size_t f = 0; f < p->nfiles; f++)
		for (size_t i = 0; i < p->facts[f].nflows; i++)
			n += p->facts[f].flows[i].kind == kind;
	return n;
}

/* Follow each page that is not GUP's to the bio completions it reaches (issue 4's origins). */
static void walk_origins(struct graph *g, struct walk *w)
{
	struct plan *p = g->plan;

	p->origins = xcalloc(count_flows(p, FLOW_ORIGIN) + 1, sizeof(*p->origins));
	for (size_t f = 0; f < p->nfiles; f++)
		for (size_t i = 0; i < p->facts[f].nflows; i++) {
			const struct flow_fact *fl = &p->facts[f].flows[i];
			struct site tmp = { 0 };
			struct origin *o;
			int start;

			if (fl->kind != FLOW_ORIGIN)
				continue;
			start = loc_node(g, f, fn_lookup(g, f, fl->function), fl->dst);
			if (start < 0)
				continue;
			walk_from(g, w, &tmp, start, PHASE_UP);
			free(tmp.rel);
			free(tmp.dirty);
			if (!tmp.nendios)
				continue;
			o = &p->origins[p->norigins++];
			o->at = (struct call_ref){ f, i };
			o->endios = tmp.endios;
			o->nendios = tmp.nendios;
			o->endios_alloc = tmp.endios_alloc;
		}
}

/*
 * The debug intrinsic: for each __gupcheck_where(x), the node x is, and what a
 * walk from there reaches, as one sorted line of text.
 */
static void run_probes(struct graph *g, struct walk *w)
{
	struct plan *p = g->plan;

	p->probes = xcalloc(count_flows(p, FLOW_PROBE) + 1, sizeof(*p->probes));
	for (size_t f = 0; f < p->nfiles; f++)
		for (size_t i = 0; i < p->facts[f].nflows; i++) {
			const struct flow_fact *fl = &p->facts[f].flows[i];
			struct site tmp = { .merge = { (size_t)-1, 0 } };
			struct strbuf sb = { 0 };
			int start;

			if (fl->kind != FLOW_PROBE)
				continue;
			start = loc_node(g, f, fn_lookup(g, f, fl->function), fl->src);
			if (start < 0) {
				strbuf_addf(&sb, "%s is not followed", fl->src);
			} else {
				walk_from(g, w, &tmp, start, PHASE_UP);
				strbuf_addf(&sb, "%s; releases:", g->nodes[start].key + (g->nodes[start].fn >= 0 ?
					    strcspn(g->nodes[start].key, ":") + 1 : 0));
				for (size_t r = 0; r < tmp.nrel; r++)
					strbuf_addf(&sb, " %s:%u %s()", p->facts[tmp.rel[r].at.file].path,
						    call_at(p, tmp.rel[r].at)->line, call_at(p, tmp.rel[r].at)->api->name);
				if (!tmp.nrel)
					strbuf_addstr(&sb, " none");
				if (tmp.escape)
					strbuf_addf(&sb, "; kept in %s", tmp.escape);
				if (tmp.unknown)
					strbuf_addf(&sb, "; reaches %s", tmp.unknown);
				if (tmp.returned)
					strbuf_addstr(&sb, "; back to unseen callers");
				for (size_t k = 0; k < tmp.nendios; k++)
					strbuf_addf(&sb, "; completes in %s()",
						    p->facts[tmp.endios[k].fn.file].fns[tmp.endios[k].fn.call].name);
			}
			free(tmp.rel);
			free(tmp.dirty);
			free(tmp.endios);
			p->probes[p->nprobes].at = (struct call_ref){ f, i };
			p->probes[p->nprobes++].belief = strbuf_detach(&sb);
		}
}

/* Release families: a reference put, or the release of a GUP pin (put_user_page*, unpin_user_page*). */
static int family(enum api_kind k)
{
	return k == API_PUT || k == API_RELEASE ? 1 : k == API_PUT_USER || k == API_UNPIN ? 2 : 0;
}

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

/* Add the releases of node n that function fn performs itself or through its callees. */
static void gather(struct graph *g, struct walk *w, int n, struct disp **v, size_t *nv, size_t *alloc)
{
	struct node *nd = &g->nodes[n];

	for (size_t i = 0; i < nd->ncalls; i++) {
		const struct call_fact *c = call_at(g->plan, nd->calls[i]);

		if (family(c->api->kind)) {
			ALLOC_GROW(*v, *nv + 1, *alloc);
			(*v)[(*nv)++] = (struct disp){ fn_lookup(g, nd->calls[i].file, c->function),
						       nd->calls[i], family(c->api->kind) };
		}
	}
	for (size_t i = 0; i < nd->ne; i++) {
		struct site tmp = { 0 };

		if (nd->e[i].kind != EDGE_DOWN || nd->e[i].fn < 0)
			continue;
		walk_from(g, w, &tmp, nd->e[i].to, PHASE_DOWN);
		for (size_t r = 0; r < tmp.nrel; r++) {
			int fam = family(call_at(g->plan, tmp.rel[r].at)->api->kind);

			if (!fam)
				continue;
			ALLOC_GROW(*v, *nv + 1, *alloc);
			(*v)[(*nv)++] = (struct disp){ nd->e[i].fn, tmp.rel[r].at, fam };
		}
		free(tmp.rel);
		free(tmp.dirty);
		free(tmp.endios);
	}
}

/*
 * A function that releases one location both ways, as references and as pins
 * (directly or through its callees), picks the release at run time by the
 * pages' kind (a FOLL_PIN test, a flag on the object, a command): all those
 * releases are marked dispatched, and fit either kind of acquire.
 */
static void find_dispatch(struct graph *g, struct walk *w)
{
	struct plan *p = g->plan;
	struct disp *v = NULL;
	size_t alloc = 0;

	p->dispatched = xcalloc(p->nfiles + 1, sizeof(*p->dispatched));
	for (size_t f = 0; f < p->nfiles; f++) {
		p->dispatched[f] = xcalloc(p->facts[f].ncalls + 1, 1);
		/*
		 * Where bios carry BIO_PAGE_PINNED (v6.5+, kernel-patches/linux-6.1),
		 * bio_release_pages() and bio_release_page() unpin or put by it (GUP.md).
		 */
		for (size_t i = 0; i < p->facts[f].ncalls; i++)
			if (p->bio_pinned && p->facts[f].calls[i].api->kind == API_BIO_RELEASE)
				p->dispatched[f][i] = 1;
	}
	for (size_t n = 0; n < g->nnodes; n++) {
		size_t nv = 0;

		gather(g, w, (int)n, &v, &nv, &alloc);
		qsort(v, nv, sizeof(*v), by_fn);
		for (size_t i = 0, j; i < nv; i = j) {
			int fams = 0;

			for (j = i; j < nv && v[j].fn == v[i].fn; j++)
				fams |= v[j].family;
			for (size_t k = i; fams == 3 && v[i].fn >= 0 && k < j; k++)
				p->dispatched[v[k].at.file][v[k].at.call] = 1;
		}
	}
	free(v);
}

/* Files that define a GUP-family acquire function: their calls are the implementation, not users. */
static void find_impl(struct plan *p)
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

void flow_analyse(struct plan *p)
{
	struct graph g = { .plan = p };
	struct walk w = { 0 };
	size_t nsites = 0;

	build(&g);
	w.stamp = xcalloc(g.nnodes * 2 + 1, sizeof(*w.stamp));
	w.queue = xcalloc(g.nnodes * 2 + 1, sizeof(*w.queue));
	w.via = xcalloc(g.nnodes * 2 + 1, sizeof(*w.via));
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
			n = loc_node(&g, f, fn_lookup(&g, f, c->function), c->pages_to);
			if (n >= 0)
				walk_from(&g, &w, s, n, PHASE_UP);
		}
	walk_origins(&g, &w);
	run_probes(&g, &w);
	summarise(&g, &w);
	find_dispatch(&g, &w);
	find_impl(p);
	for (size_t i = 0; i < p->nsites; i++) {
		struct site *s = &p->sites[i];

		s->escape = keep(p, s->escape);
		s->unknown = keep(p, s->unknown);
		s->data_use = keep(p, s->data_use);
		for (size_t r = 0; r < s->nrel; r++) {
			s->rel[r].via = keep(p, s->rel[r].via);
			s->rel[r].teardown = keep(p, s->rel[r].teardown);
		}
		for (size_t r = 0; r < s->ndirty; r++)
			s->dirty[r].via = keep(p, s->dirty[r].via);
	}
	free(w.stamp);
	free(w.queue);
	free(w.via);
	graph_release(&g);
}
