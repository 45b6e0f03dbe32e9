/* Per-caller verdicts: a helper whose acquired pages go back to its callers is judged per call. */
#include <stdlib.h>
#include <string.h>
#include "flow.h"
#include "flow_int.h"
#include "util.h"

/* The nodes of one function that a breadth-first walk over its local edges reached. */
struct local_set {
	unsigned *seen;
	int *queue;
	unsigned gen;
};

/*
 * Mark in r the nodes of function fn that the pages at node start reach through fn's own
 * local edges (assignments, out-parameter links); fields and globals end the walk.
 */
static void local_reach(struct graph *g, struct local_set *r, int start, long fn)
{
	size_t head = 0, tail = 0;

	r->gen++;
	r->seen[start] = r->gen;
	r->queue[tail++] = start;
	while (head < tail) {
		const struct node *nd = &g->nodes[r->queue[head++]];

		for (size_t i = 0; i < nd->ne; i++) {
			int to = nd->e[i].to;

			if (nd->e[i].kind != EDGE_LOCAL || g->nodes[to].fn != fn ||
			    g->nodes[to].global || r->seen[to] == r->gen)
				continue;
			r->seen[to] = r->gen;
			r->queue[tail++] = to;
		}
	}
}

static int marked(const struct local_set *r, int n)
{
	return n >= 0 && r->seen[n] == r->gen;
}

/*
 * The caller's side of flow fl (file f) when it is a call of helper fn that carries the pages
 * r marks: the argument's location for a pass into a parameter the pages reach, the location
 * the call's value is assigned to, or the caller's own return value for "return fn(...)".
 * The node, or -1; *caller is the calling function.
 */
static int caller_side(struct graph *g, const struct local_set *r, size_t f,
		       const struct flow_fact *fl, long fn, long *caller)
{
	const char *src = fl->src;
	char *ret;
	int n;

	if (!fl->function || (*caller = graph_fn_lookup(g, f, fl->function)) < 0 || *caller == fn)
		return -1;
	if (fl->kind == FLOW_PASS && fl->callee && graph_fn_lookup(g, f, fl->callee) == fn &&
	    marked(r, graph_param_node(g, fn, fl->argno)))
		return graph_loc_node(g, f, *caller, fl->src);
	if ((fl->kind != FLOW_ASSIGN && fl->kind != FLOW_RETURN) || !src ||
	    strncmp(src, "call:", 5) || graph_fn_lookup(g, f, src + 5) != fn ||
	    !marked(r, graph_loc_node(g, f, fn, src)))
		return -1;
	if (fl->kind == FLOW_ASSIGN)
		return graph_loc_node(g, f, *caller, fl->dst);
	ret = xasprintf("call:%s", fl->function);
	n = graph_loc_node(g, f, *caller, ret);
	free(ret);
	return n;
}

/* Does file f's call of helper at line (in function) pass FOLL_LONGTERM in its flags? */
static int call_passes_longterm(const struct file_facts *ff, const struct flow_fact *at,
				const char *helper)
{
	for (size_t i = 0; i < ff->nflows; i++) {
		const struct flow_fact *x = &ff->flows[i];

		if (x->kind == FLOW_FLAGS && x->line == at->line && x->callee && x->dst &&
		    !strcmp(x->callee, helper) && !strcmp(x->function, at->function) &&
		    strstr(x->dst, "FOLL_LONGTERM"))
			return 1;
	}
	return 0;
}

/* Why a caller of helper fn (named name) may be out of view, or NULL: its address is taken. */
static char *address_taken(struct graph *g, long fn, const char *name)
{
	const struct plan *p = g->plan;

	for (size_t f = 0; f < p->nfiles; f++)
		for (size_t i = 0; i < p->facts[f].nflows; i++) {
			const struct flow_fact *x = &p->facts[f].flows[i];

			if ((x->kind == FLOW_CALLBACK || x->kind == FLOW_OPS_SET) && x->callee &&
			    !strcmp(x->callee, name) && graph_fn_lookup(g, f, name) == fn)
				return xasprintf("the address of %s() is taken at %s:%u (%s): a call"
						 " through it is not in view", name, p->facts[f].path,
						 x->line, x->function && *x->function ? x->function :
						 "file scope");
		}
	return NULL;
}

static int same_call(const struct plan *p, const struct site_caller *a, size_t f,
		     const struct flow_fact *fl)
{
	const struct flow_fact *x = &p->facts[a->at.file].flows[a->at.call];

	return a->at.file == f && x->line == fl->line && !strcmp(x->function, fl->function);
}

/* Copy what the decided pseudo-site t holds into caller c; frees t's walk results. */
static void keep_caller(struct plan *p, struct site *s, struct site_caller *c, struct site *t)
{
	const struct flow_fact *fl = &p->facts[c->at.file].flows[c->at.call];
	const struct call_fact *a = call_at(p, s->at);

	for (size_t r = 0; r < t->nrel; r++)
		c->keeps |= t->rel[r].teardown != NULL;
	if (call_passes_longterm(&p->facts[c->at.file], fl, a->function))
		c->passes_longterm = 1;
	plan_decide_site(p, t);
	if (c->passes_longterm && t->verdict != VERDICT_LONGTERM_PIN) {
		free(t->evidence);
		t->evidence = xstrdup("FOLL_LONGTERM is passed at this call");
		t->verdict = VERDICT_LONGTERM_PIN;
		t->rule = RULE_AS_WRITTEN;
	} else if (c->passes_longterm) {
		char *more = xasprintf("%s; FOLL_LONGTERM is passed at this call", t->evidence);

		free(t->evidence);
		t->evidence = more;
	}
	c->verdict = t->verdict;
	c->rule = t->rule;
	c->evidence = t->evidence;
	c->dirty = xcalloc(t->ndirty + 1, sizeof(*c->dirty));
	for (size_t d = 0; d < t->ndirty; d++)
		c->dirty[c->ndirty++] = t->dirty[d].at;
	walk_result_release(t);
}

static const struct plan *sort_plan;

static int by_place(const void *x, const void *y)
{
	const struct site_caller *a = x, *b = y;
	const struct flow_fact *fa = &sort_plan->facts[a->at.file].flows[a->at.call];
	const struct flow_fact *fb = &sort_plan->facts[b->at.file].flows[b->at.call];
	int c = strcmp(sort_plan->facts[a->at.file].path, sort_plan->facts[b->at.file].path);

	if (c)
		return c;
	return fa->line != fb->line ? (fa->line > fb->line) - (fa->line < fb->line) :
	       (fa->col > fb->col) - (fa->col < fb->col);
}

/*
 * A pseudo-site of s for its caller in file f: the acquire's call, nothing reached yet; its MMU
 * notifiers are the caller's file's (case 3 for a caller that keeps only the address).
 */
static struct site pseudo_site(const struct site *s, size_t f)
{
	return (struct site){ .at = s->at, .merge.file = (size_t)-1, .carried = s->carried,
			      .carried_all_longterm = s->carried_all_longterm,
			      .from_caller = 1, .caller_file = f };
}

/* Find and judge every call of the helper (function fn) that acquires s's pages. */
static void site_callers(struct graph *g, struct walk *w, struct local_set *r, struct site *s,
			 long fn)
{
	struct plan *p = g->plan;
	const struct call_fact *a = call_at(p, s->at);
	struct site *tmp = NULL;
	size_t alloc = 0;

	for (size_t f = 0; f < p->nfiles; f++)
		for (size_t i = 0; i < p->facts[f].nflows; i++) {
			const struct flow_fact *fl = &p->facts[f].flows[i];
			long caller;
			int start = caller_side(g, r, f, fl, fn, &caller);
			size_t k = 0;

			if (start < 0)
				continue;
			while (k < s->ncallers && !same_call(p, &s->callers[k], f, fl))
				k++;
			if (k == s->ncallers) {
				ALLOC_GROW(s->callers, s->ncallers + 1, alloc);
				tmp = xrealloc(tmp, alloc * sizeof(*tmp));
				s->callers[k] = (struct site_caller){ .at = { f, i } };
				tmp[k] = pseudo_site(s, f);
				s->ncallers++;
			}
			walk_from(g, w, &tmp[k], start, PHASE_UP);
		}
	for (size_t k = 0; k < s->ncallers; k++)
		keep_caller(p, s, &s->callers[k], &tmp[k]);
	free(tmp);
	sort_plan = p;
	qsort(s->callers, s->ncallers, sizeof(*s->callers), by_place);
	if (s->ncallers)
		s->callers_out = address_taken(g, fn, a->function);
}

void flow_callers(struct graph *g, struct walk *w)
{
	struct plan *p = g->plan;
	struct local_set r = { 0 };

	if (!p->per_caller)
		return;
	r.seen = xcalloc(g->nnodes + 1, sizeof(*r.seen));
	r.queue = xcalloc(g->nnodes + 1, sizeof(*r.queue));
	for (size_t i = 0; i < p->nsites; i++) {
		struct site *s = &p->sites[i];
		const struct call_fact *c = call_at(p, s->at);
		long fn;
		int at, back = 0;

		if (!c->compiled || strcmp(c->seen_by, "clang") || !c->function ||
		    p->impl[s->at.file] || (fn = graph_fn_lookup(g, s->at.file, c->function)) < 0 ||
		    (at = graph_loc_node(g, s->at.file, fn, c->pages_to)) < 0)
			continue;
		local_reach(g, &r, at, fn);
		/* the pages go back: they reach a parameter or the return value of fn */
		for (size_t k = 0; k < g->nnodes && !back; k++)
			back = marked(&r, (int)k) && g->nodes[k].is_start && g->nodes[k].fn == fn;
		if (back)
			site_callers(g, w, &r, s, fn);
	}
	free(r.seen);
	free(r.queue);
}

/* Does the need a rank above b's: ref, unknown, pin, longterm-pin? */
static int verdict_rank(enum verdict v)
{
	static const int rank[NR_VERDICTS] = {
		[VERDICT_REF] = 0, [VERDICT_UNKNOWN] = 1, [VERDICT_PIN] = 2,
		[VERDICT_LONGTERM_PIN] = 3,
	};

	return rank[v];
}

/* "F() at path:line" of caller c. Caller frees. */
static char *caller_words(const struct plan *p, const struct site_caller *c)
{
	const struct flow_fact *fl = &p->facts[c->at.file].flows[c->at.call];

	return xasprintf("%s() at %s:%u", fl->function, p->facts[c->at.file].path, fl->line);
}

/*
 * Do the calls of s that keep the pages (long-term) all pass FOLL_LONGTERM to the helper's
 * flags (sev_pin_memory(..., FOLL_LONGTERM) at the registration only)?  Then the callers say
 * it, and nothing is to be added at the acquire.
 */
static int keepers_pass(const struct site *s)
{
	size_t keepers = 0;

	for (size_t k = 0; k < s->ncallers; k++) {
		if (s->callers[k].verdict != VERDICT_LONGTERM_PIN)
			continue;
		if (!s->callers[k].passes_longterm)
			return 0;
		keepers++;
	}
	return keepers > 0;
}

/* The site's verdict from its callers', and the callers that keep the pages in its evidence. */
static void combine(struct plan *p, struct site *s)
{
	const struct site_caller *top = NULL;
	struct strbuf keep = { 0 };
	size_t nkeep = 0;
	char *more;

	for (size_t k = 0; k < s->ncallers; k++) {
		const struct site_caller *c = &s->callers[k];

		if (!top || verdict_rank(c->verdict) > verdict_rank(top->verdict))
			top = c;
	}
	if (!top || s->rule == RULE_NOT_COMPILED || s->rule == RULE_IMPLEMENTATION)
		return;
	if (!s->carried && keepers_pass(s))
		s->longterm_by_callers = 1;
	for (size_t k = 0; k < s->ncallers; k++) {
		const struct site_caller *c = &s->callers[k];
		char *who;

		if (c->verdict != VERDICT_LONGTERM_PIN || top->verdict != VERDICT_LONGTERM_PIN)
			continue;
		who = caller_words(p, c);
		strbuf_addf(&keep, "%s%s", nkeep++ ? ", " : "", who);
		free(who);
	}
	if (verdict_rank(top->verdict) != verdict_rank(s->verdict)) {
		char *who = caller_words(p, top);

		more = xasprintf("the strongest need among its callers, %s: %s%s%s", who,
				 top->evidence, s->carried ? "; " : "", s->carried ? s->carried : "");
		free(who);
		free(s->evidence);
		s->evidence = more;
		s->verdict = top->verdict;
		s->rule = top->rule;
	}
	if (nkeep && nkeep < s->ncallers && !s->carried) {	/* carried names the calls */
		more = xasprintf("%s; long-term at %zu of its %zu calls: %s", s->evidence, nkeep,
				 s->ncallers, keep.buf);
		free(s->evidence);
		s->evidence = more;
	}
	strbuf_release(&keep);
}

void flow_callers_combine(struct plan *p)
{
	for (size_t i = 0; i < p->nsites; i++)
		combine(p, &p->sites[i]);
}

void flow_callers_release(struct plan *p)
{
	for (size_t i = 0; i < p->nsites; i++) {
		struct site *s = &p->sites[i];

		for (size_t k = 0; k < s->ncallers; k++) {
			free(s->callers[k].evidence);
			free(s->callers[k].dirty);
		}
		free(s->callers);
		free(s->callers_out);
		s->callers = NULL;
		s->ncallers = 0;
		s->callers_out = NULL;
	}
}

int site_dirty_own(const struct site *s, struct call_ref d)
{
	size_t n = 0;

	for (size_t k = 0; k < s->ncallers; k++)
		for (size_t j = 0; j < s->callers[k].ndirty; j++)
			if (s->callers[k].dirty[j].file == d.file &&
			    s->callers[k].dirty[j].call == d.call) {
				n++;
				break;
			}
	return n == 0 || n == s->ncallers;
}
