/* The walk over the flow graph: from one node, by phases, to the releases and completions. */
#include <stdlib.h>
#include <string.h>
#include "flow_int.h"
#include "kernel.h"
#include "util.h"

void walk_init(struct walk *w, const struct graph *g)
{
	memset(w, 0, sizeof(*w));
	w->stamp = xcalloc(g->nnodes * 2 * WALK_ARRIVALS + 1, sizeof(*w->stamp));
	w->queue = xcalloc(g->nnodes * 2 * WALK_ARRIVALS + 1, sizeof(*w->queue));
	w->via = xcalloc(g->nnodes * 2 * WALK_ARRIVALS + 1, sizeof(*w->via));
	w->entry = xcalloc(g->nnodes * 2 * WALK_ARRIVALS + 1, sizeof(*w->entry));
	w->numbered = xcalloc(g->nnodes * 2 * WALK_ARRIVALS + 1, 1);
}

void walk_release(struct walk *w)
{
	free(w->stamp);
	free(w->queue);
	free(w->via);
	free(w->entry);
	free(w->numbered);
}

void walk_result_release(struct site *s)
{
	free(s->rel);
	free(s->paths);
	free(s->dirty);
	free(s->endios);
}

static void reach(struct reached **v, size_t *n, size_t *alloc, struct call_ref at,
		  const char *via, const char *teardown, int entry)
{
	for (size_t i = 0; i < *n; i++)
		if ((*v)[i].at.file == at.file && (*v)[i].at.call == at.call)
			return;
	ALLOC_GROW(*v, *n + 1, *alloc);
	(*v)[(*n)++] = (struct reached){ at, via, teardown, 0, entry };
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

/* Is fn, or a function calling it directly, named for ending an I/O? */
static int ends_io(const struct graph *g, long fn)
{
	if (kernel_has(graph_fn_name(g, fn), ROLE_END_IO_WORD))
		return 1;
	for (size_t i = 0; i < g->ncallers[fn]; i++)
		if (kernel_has(graph_fn_name(g, g->callers[fn][i]), ROLE_END_IO_WORD))
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

	if (fn < 0 || ends_io(g, fn))
		return NULL;
	queue[n] = fn;
	depth[n++] = 0;
	while (head < n) {
		long f = queue[head];
		int d = depth[head++];

		if (!named && kernel_has(graph_fn_name(g, f), ROLE_TEARDOWN_WORD))
			named = graph_fn_name(g, f);
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

/* The teardown the release or dirtying at r is part of, when the walk crossed via; else NULL. */
static const char *teardown_at(struct graph *g, struct call_ref r, const char *via)
{
	const struct call_fact *c = call_at(g->plan, r);
	char *holder;
	const char *td;

	if (!via)
		return NULL;
	holder = holder_of(via);
	td = teardown_of(g, graph_fn_lookup(g, r.file, c->function), holder);
	free(holder);
	return td;
}

/* Add the (release, via) path r to s's paths, once each, at most SITE_PATHS_MAX. */
static void add_path(struct site *s, const struct reached *r)
{
	for (size_t i = 0; i < s->npaths; i++)
		if (s->paths[i].at.file == r->at.file && s->paths[i].at.call == r->at.call &&
		    !strcmp(s->paths[i].via, r->via))
			return;
	if (s->npaths >= SITE_PATHS_MAX)
		return;
	ALLOC_GROW(s->paths, s->npaths + 1, s->paths_alloc);
	s->paths[s->npaths++] = *r;
}

/* Collect what node n holds into s; via is how the walk got there. */
static void visit(struct graph *g, struct site *s, long start_fn, int n, int phase,
		  const char *via, int entry)
{
	struct node *nd = &g->nodes[n];
	const char *how = via ? via : nd->fn != start_fn && nd->fn >= 0 ? nd->label : "";

	for (size_t i = 0; i < nd->ncalls; i++) {
		const struct call_fact *c = call_at(g->plan, nd->calls[i]);
		const char *td = teardown_at(g, nd->calls[i], via);

		if (is_release_kind(c->api->kind)) {
			reach(&s->rel, &s->nrel, &s->rel_alloc, nd->calls[i], how, td, entry);
			if (td)
				add_path(s, &(struct reached){ nd->calls[i], how, td, 0, entry });
		}
		else if (c->api->kind == API_DIRTY)
			reach(&s->dirty, &s->ndirty, &s->dirty_alloc, nd->calls[i], how, NULL,
			      entry);
	}
	if (nd->unknown && !s->unknown)
		s->unknown = nd->unknown;
	if (nd->data_use && !s->data_use)
		s->data_use = nd->data_use;
	if (nd->maps && !s->maps)
		s->maps = nd->maps;
	if (nd->unknown_call && !s->unknown_call)
		s->unknown_call = nd->unknown_call;
	if (nd->inspected && !s->inspected)
		s->inspected = nd->inspected;
	if (nd->fills_into && !s->fills_into)
		s->fills_into = nd->fills_into;
	s->fills |= nd->fills;
	if (nd->merge.file != (size_t)-1 && s->merge.file == (size_t)-1)
		s->merge = nd->merge;
	if (phase == PHASE_UP && nd->is_start && !nd->has_up)
		s->returned = 1;
}

void walk_note_kept(const struct graph *g, struct site *s, const struct edge *e, int to,
		    int numbered)
{
	const struct node *nd = &g->nodes[to];

	/* the first place the pages are kept; else the first their numbers are */
	if (!nd->stored || (e && (e->local_struct || e->cache)) || (s->escape && !s->escape_numbers) ||
	    (s->escape && !nd->stored_pages))
		return;
	s->escape = nd->label;
	s->escape_numbers = !nd->stored_pages;
	s->escape_via_number = nd->stored_pages && numbered;
}

void walk_home_add(struct walk *w, long fn)
{
	if (fn < 0)
		return;
	for (size_t i = 0; i < w->nhome; i++)
		if (w->home[i] == fn)
			return;
	if (w->nhome < WALK_HOME_MAX)
		w->home[w->nhome++] = fn;
}

/* Does a walk that arrived at a node by arrival (enum walk_arrival) refuse e, a back edge? */
static int backs_out(const struct edge *e, int arrival)
{
	if (arrival == ARRIVE_ASSIGN)
		return e->dir == EDGE_ASSIGN_BACK || e->dir == EDGE_FILL_BACK;
	return arrival == ARRIVE_FILL && e->dir == EDGE_FILL_BACK;
}

/* Does the if-branch list b (branch_arms()'s "IF:ARM,...") name if statement at with another arm? */
static int arm_differs(const char *b, unsigned long at, unsigned long arm)
{
	while (b && *b) {
		char *end;
		unsigned long i = strtoul(b, &end, 10), k;

		if (*end != ':')
			return 0;
		k = strtoul(end + 1, &end, 10);
		if (i == at && k != arm)
			return 1;
		b = *end == ',' ? end + 1 : NULL;
	}
	return 0;
}

int arms_exclusive(const char *a, const char *b)
{
	while (a && *a) {
		char *end;
		unsigned long at = strtoul(a, &end, 10), arm;

		if (*end != ':')
			return 0;
		arm = strtoul(end + 1, &end, 10);
		if (arm_differs(b, at, arm))
			return 1;
		a = *end == ',' ? end + 1 : NULL;
	}
	return 0;
}

static int arrival_by(const struct edge *e)
{
	return e->dir == EDGE_ASSIGN_FWD ? ARRIVE_ASSIGN :
	       e->dir == EDGE_FILL_FWD ? ARRIVE_FILL : ARRIVE_OTHER;
}

/*
 * Queue the state edge e leads to from state st (see struct walk), unless this walk queued it
 * before; note the bio completion e enters, if it is one.  The new state keeps st's via, entry
 * and whether its way crossed a page-to-number edge; the first edge down into a callee's
 * parameter from a caller's own location sets the entry to that location, and crossing a
 * field or global clears it.  Back edges out of a merge point are not taken as flow_int.h's
 * enum edge_dir says; an own-reference store only by a walk for dirtyings (walk_own_refs()).
 */
static void follow(struct graph *g, struct walk *w, struct site *s, const struct edge *e, int st,
		   size_t *tail)
{
	const struct node *to = &g->nodes[e->to];
	int ph = st / WALK_ARRIVALS % 2, entry = w->entry[st], nph = ph, ns;
	int num = w->numbered[st] || e->number;
	const char *via = w->via[st];

	if (e->kind == EDGE_UP && ph != PHASE_UP)
		return;
	if (backs_out(e, st % WALK_ARRIVALS))
		return;
	if (st / WALK_ARRIVALS / 2 == w->start && e->kind == EDGE_LOCAL && e->arms &&
	    arms_exclusive(w->arms, e->arms))
		return;	/* an assignment on another branch than the acquire's */
	if (e->own_ref && !w->own_ref) {
		w->met_own_ref = 1;
		return;
	}
	if (e->assign_file >= 0) {	/* the bio completes in to's function */
		struct call_ref assign = { (size_t)e->assign_file, (size_t)e->assign_flow };

		hit_endio(&s->endios, &s->nendios, &s->endios_alloc, g->fn_ref[to->endio_fn],
			  assign);
	}
	if (e->kind == EDGE_DOWN || to->global)
		nph = PHASE_DOWN;
	ns = (e->to * 2 + nph) * WALK_ARRIVALS + arrival_by(e);
	if (w->stamp[ns] == w->gen)
		return;
	/* first come: a store back into a field from where the field led is no new hold */
	walk_note_kept(g, s, e, e->to, num);
	w->stamp[ns] = w->gen;
	w->via[ns] = via ? via : to->global ? to->label : NULL;
	if (entry < 0 && ph == PHASE_UP && e->kind == EDGE_DOWN)
		entry = st / WALK_ARRIVALS / 2;
	w->entry[ns] = w->via[ns] ? -1 : entry;	/* a field's object: flow_origin.c's ties */
	w->numbered[ns] = num;
	w->queue[(*tail)++] = ns;
}

static void walk_states(struct graph *g, struct walk *w, struct site *s, int start, int phase,
			const char *arms);

/* Note that the walk entered field or global node n. */
static void walk_field_add(struct walk *w, int n)
{
	for (size_t i = 0; i < w->nfields; i++)
		if (w->fields[i] == n)
			return;
	if (w->nfields < WALK_HOME_MAX)
		w->fields[w->nfields++] = n;
}

/*
 * The dirtyings and bio completions past an own-reference store (a pipe buffer's, an
 * nfs_page's, direct-io's cur_page): the same pages, dirtied or completed through the
 * container's reference, are still the site's pages; the releases are the container's.  The
 * walk's home stays the first walk's.
 */
static void walk_own_refs(struct graph *g, struct walk *w, struct site *s, int start, int phase,
			  const char *arms)
{
	struct site t = { .merge.file = (size_t)-1 };
	long home[WALK_HOME_MAX];
	size_t nhome = w->nhome;

	memcpy(home, w->home, sizeof(home));
	w->own_ref = 1;
	walk_states(g, w, &t, start, phase, arms);
	w->own_ref = 0;
	memcpy(w->home, home, sizeof(home));
	w->nhome = nhome;
	for (size_t i = 0; i < t.ndirty; i++)
		reach(&s->dirty, &s->ndirty, &s->dirty_alloc, t.dirty[i].at, t.dirty[i].via, NULL,
		      t.dirty[i].entry);
	for (size_t i = 0; i < t.nendios; i++)
		hit_endio(&s->endios, &s->nendios, &s->endios_alloc, t.endios[i].fn,
			  t.endios[i].assign);
	walk_result_release(&t);
}

void walk_from(struct graph *g, struct walk *w, struct site *s, int start, int phase)
{
	walk_from_arms(g, w, s, start, phase, NULL);
}

void walk_from_arms(struct graph *g, struct walk *w, struct site *s, int start, int phase,
		    const char *arms)
{
	w->met_own_ref = 0;
	w->nfields = 0;
	walk_states(g, w, s, start, phase, arms);
	if (w->met_own_ref)
		walk_own_refs(g, w, s, start, phase, arms);
}

static void walk_states(struct graph *g, struct walk *w, struct site *s, int start, int phase,
			const char *arms)
{
	size_t head = 0, tail = 0;
	long start_fn = g->nodes[start].fn;
	int first = (start * 2 + phase) * WALK_ARRIVALS;

	if (++w->gen == 0) {
		memset(w->stamp, 0, g->nnodes * 2 * WALK_ARRIVALS * sizeof(*w->stamp));
		w->gen = 1;
	}
	walk_note_kept(g, s, NULL, start, 0);
	w->queue[tail++] = first;
	w->stamp[first] = w->gen;
	w->via[first] = g->nodes[start].global ? g->nodes[start].label : NULL;
	w->entry[first] = -1;
	w->numbered[first] = 0;
	w->nhome = 0;
	/* a field's or global's edges come from many functions: their branches are not comparable */
	w->arms = g->nodes[start].global || g->nodes[start].fn < 0 ? NULL : arms;
	w->start = start;
	while (head < tail) {
		int st = w->queue[head++], n = st / WALK_ARRIVALS / 2;
		int ph = st / WALK_ARRIVALS % 2;
		const char *via = w->via[st];

		if (ph == PHASE_UP && !via && !g->nodes[n].global && g->nodes[n].fn >= 0)
			walk_home_add(w, g->nodes[n].fn);
		if (g->nodes[n].global && !w->own_ref)
			walk_field_add(w, n);
		visit(g, s, start_fn, n, ph, via, w->entry[st]);
		for (size_t i = 0; i < g->nodes[n].ne; i++)
			follow(g, w, s, &g->nodes[n].e[i], st, &tail);
	}
}

/*
 * A site's walk (walk_from_arms() from the acquire's pages), and then every (release, via)
 * path through the fields and globals it entered: a walk from each of them reaches the
 * releases a first arrival by another way (a helper's parameter, entered from the acquiring
 * function's error path before the teardown's call) hid, with the field as their via, so
 * that plan.c's long-term test sees the teardown paths too.  The home stays the first walk's.
 */
void walk_site(struct graph *g, struct walk *w, struct site *s, int start, const char *arms)
{
	int fields[WALK_HOME_MAX];
	long home[WALK_HOME_MAX];
	size_t nfields, nhome;

	walk_from_arms(g, w, s, start, PHASE_UP, arms);
	nfields = w->nfields;
	memcpy(fields, w->fields, sizeof(fields));
	nhome = w->nhome;
	memcpy(home, w->home, sizeof(home));
	for (size_t i = 0; i < nfields; i++) {
		struct site t = { .merge.file = (size_t)-1 };

		if (fields[i] == start)
			continue;
		walk_states(g, w, &t, fields[i], PHASE_DOWN, NULL);
		for (size_t k = 0; k < t.npaths; k++)
			add_path(s, &t.paths[k]);
		walk_result_release(&t);
	}
	memcpy(w->home, home, sizeof(home));
	w->nhome = nhome;
}
