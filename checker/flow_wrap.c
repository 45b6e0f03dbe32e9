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

/* How many calls deep a wrapper of a wrapper is followed, for its name and for its flags. */
#define WRAP_ROUNDS 3

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

/* Is name among the sorted names? */
static int named(const struct strvec *names, const char *name)
{
	return name && bsearch(&name, names->v, names->n, sizeof(*names->v), cmp_str) != NULL;
}

/* Sort out and keep each name once. */
static void sort_unique(struct strvec *out)
{
	size_t k = 0;

	qsort(out->v, out->n, sizeof(*out->v), cmp_str);
	for (size_t i = 0; i < out->n; i++) {
		if (k && !strcmp(out->v[i], out->v[k - 1]))
			free(out->v[i]);
		else
			out->v[k++] = out->v[i];
	}
	out->n = k;
}

/*
 * Does flow fl, in function fn of file f, hand the pages of a call to one of the wrappers in
 * found to fn's own caller: a page argument of the call or the value it returns, reaching a
 * parameter or the return value of fn through fn's local edges?
 */
static int wraps_wrapper(struct wrap_walk *w, size_t f, long fn, const struct flow_fact *fl,
			 const struct strvec *found)
{
	int start;

	if (fl->kind == FLOW_PASS && named(found, fl->callee))
		start = graph_loc_node(w->g, f, fn, fl->src);
	else if ((fl->kind == FLOW_ASSIGN || fl->kind == FLOW_RETURN) && fl->src &&
		 !strncmp(fl->src, "call:", 5) && named(found, fl->src + 5))
		start = fl->kind == FLOW_RETURN ? -2 : graph_loc_node(w->g, f, fn, fl->dst);
	else
		return 0;
	return start == -2 || (start >= 0 && reaches_caller(w, start, fn));
}

/*
 * One more round: push to out the exported functions, not yet in found (sorted), that hand
 * the pages of a call of one of found to their own callers; their number.
 */
static size_t wrapper_round(struct wrap_walk *w, const struct strvec *found, struct strvec *out)
{
	struct graph *g = w->g;
	size_t before = out->n;

	for (size_t f = 0; f < g->plan->nfiles; f++) {
		const struct file_facts *ff = &g->plan->facts[f];

		if (impl_file(ff))
			continue;
		for (size_t i = 0; i < ff->nflows; i++) {
			const struct flow_fact *fl = &ff->flows[i];
			long fn = graph_fn_lookup(g, f, fl->function);

			if (fn < 0 || named(found, fl->function) || !exported(g, fn) ||
			    !wraps_wrapper(w, f, fn, fl, found))
				continue;
			strvec_push(out, fl->function);
		}
	}
	return out->n - before;
}

void flow_find_wrappers(struct file_facts *facts, size_t n, struct strvec *out)
{
	struct plan p = { .facts = facts, .nfiles = n };
	struct graph g = { .plan = &p };
	struct wrap_walk w = { .g = &g };
	size_t start = out->n;

	graph_build(&g);
	w.seen = xcalloc(g.nnodes + 1, sizeof(*w.seen));
	w.queue = xcalloc(g.nnodes + 1, sizeof(*w.queue));
	for (size_t f = 0; f < n; f++) {
		if (impl_file(&facts[f]))
			continue;
		for (size_t i = 0; i < facts[f].ncalls; i++) {
			const struct call_fact *c = &facts[f].calls[i];
			long fn;
			int at;

			if (!api_is_acquire(c->api) || !c->compiled || strcmp(c->seen_by, "clang") ||
			    (fn = graph_fn_lookup(&g, f, c->function)) < 0 || !exported(&g, fn))
				continue;
			at = graph_loc_node(&g, f, fn, c->pages_to);
			if (at >= 0 && reaches_caller(&w, at, fn))
				strvec_push(out, c->function);
		}
	}
	sort_unique(out);
	/* Wrappers of wrappers, a few rounds deep: each round's new ones join the next. */
	for (int round = 0; round < WRAP_ROUNDS && out->n > start; round++) {
		struct strvec more = { 0 };

		if (!wrapper_round(&w, out, &more)) {
			strvec_clear(&more);
			break;
		}
		for (size_t i = 0; i < more.n; i++)
			strvec_push(out, more.v[i]);
		strvec_clear(&more);
		sort_unique(out);
	}
	free(w.seen);
	free(w.queue);
	graph_release(&g);
}

/*
 * Flags carried through wrappers: the flags a wrapper's callers pass, resolved at each call
 * as they are at a direct acquire, down to the calls that pass constants.
 */
struct carry {
	struct graph *g;
	struct walk *w;
	struct strbuf text;	/* the calls, in words */
	char *missing;		/* the first call that keeps the pages without FOLL_LONGTERM */
	char *unkept_missing;	/* the first call without FOLL_LONGTERM, kept or not */
	size_t ncalls, nlong, nkept;
};

#define CARRY_MAX_SAID 6

/* The FLOW_FLAG_PARAM fact of file f's call at fl (callee, argno; -1: any), or NULL. */
static const struct flow_fact *flag_param_at(const struct file_facts *ff, const char *function,
					     unsigned line, const char *callee, int argno)
{
	for (size_t i = 0; i < ff->nflows; i++) {
		const struct flow_fact *p = &ff->flows[i];

		if (p->kind == FLOW_FLAG_PARAM && p->line == line && p->callee &&
		    !strcmp(p->callee, callee) && !strcmp(p->function, function) &&
		    (argno < 0 || p->argno == argno))
			return p;
	}
	return NULL;
}

/* "truth:N" or "flags:N" into *truth and the parameter number; -1 when malformed. */
static int param_of(const char *how, int *truth)
{
	const char *colon = how ? strchr(how, ':') : NULL;

	if (!colon)
		return -1;
	*truth = !strncmp(how, "truth", 5);
	return atoi(colon + 1);
}

/* Add the '|'-joined names to set (also '|'-joined), each once; "0" adds nothing. */
static void add_names(struct strbuf *set, const char *names, int drop_write)
{
	char *copy, *tok, *save;

	if (!names)
		return;
	copy = xstrdup(names);
	for (tok = strtok_r(copy, "|", &save); tok; tok = strtok_r(NULL, "|", &save)) {
		char *have = xasprintf("|%s|", set->len ? set->buf : "");
		char *want = xasprintf("|%s|", tok);

		if (strcmp(tok, "0") && !strstr(have, want) && !(drop_write && !strcmp(tok, "FOLL_WRITE")))
			strbuf_addf(set, "%s%s", set->len ? "|" : "", tok);
		free(have);
		free(want);
	}
	free(copy);
}

/*
 * Do the pages of the wrapper call at fl (in function fn of file f) reach a release in a
 * teardown that frees their holder: are they kept long-term by that call?
 */
static int call_keeps(struct carry *cy, size_t f, long fn, const struct flow_fact *fl)
{
	const struct file_facts *ff = &cy->g->plan->facts[f];
	int kept = 0;

	for (size_t i = 0; i < ff->nflows && !kept; i++) {
		const struct flow_fact *x = &ff->flows[i];
		struct site tmp = { .merge.file = (size_t)-1 };
		int n = -1;

		if (x->line != fl->line || strcmp(x->function, fl->function))
			continue;
		if (x->kind == FLOW_PASS && x->col == fl->col && x->callee &&
		    !strcmp(x->callee, fl->callee))
			n = graph_loc_node(cy->g, f, fn, x->src);
		else if (x->kind == FLOW_ASSIGN && x->src && !strncmp(x->src, "call:", 5) &&
			 !strcmp(x->src + 5, fl->callee))
			n = graph_loc_node(cy->g, f, fn, x->dst);
		if (n < 0)
			continue;
		walk_from(cy->g, cy->w, &tmp, n, PHASE_UP);
		for (size_t r = 0; r < tmp.nrel; r++)
			kept |= tmp.rel[r].teardown != NULL;
		walk_result_release(&tmp);
	}
	return kept;
}

/* The '|'-joined names in alphabetical order, for a stable text.  Caller frees. */
static char *sorted_names(const char *names)
{
	struct strvec v = { 0 };
	struct strbuf sb = { 0 };
	char *copy = xstrdup(names), *tok, *save;

	for (tok = strtok_r(copy, "|", &save); tok; tok = strtok_r(NULL, "|", &save))
		strvec_push(&v, tok);
	qsort(v.v, v.n, sizeof(*v.v), cmp_str);
	for (size_t i = 0; i < v.n; i++)
		strbuf_addf(&sb, "%s%s", i ? "|" : "", v.v[i]);
	strvec_clear(&v);
	free(copy);
	return strbuf_detach(&sb);
}

/* One call that passes constants: names are its flags; say it, count it. */
static void carry_leaf(struct carry *cy, size_t f, long fn, const struct flow_fact *fl,
		       const char *names)
{
	const char *path = cy->g->plan->facts[f].path;
	int lt = strstr(names, "FOLL_LONGTERM") != NULL;
	int kept = call_keeps(cy, f, fn, fl);
	char *sorted = sorted_names(names);
	char *said = xasprintf("%s at %s:%u (%s)", sorted, path, fl->line, fl->function);

	free(sorted);

	cy->ncalls++;
	cy->nlong += lt;
	cy->nkept += kept;
	if (!lt && kept && !cy->missing)
		cy->missing = xasprintf("%s() at %s:%u keeps the pages", fl->callee, path, fl->line);
	if (!lt && !cy->unkept_missing)
		cy->unkept_missing = xasprintf("%s() at %s:%u", fl->callee, path, fl->line);
	if (cy->ncalls <= CARRY_MAX_SAID)
		strbuf_addf(&cy->text, "%s%s", cy->ncalls > 1 ? ", " : "", said);
	free(said);
}

/*
 * The calls of wrapper fn whose argument number argno gives its flags parameter: truth says
 * the parameter is a truth value that selects FOLL_WRITE, base holds the FOLL_* names the
 * calls between add.  A call that passes its own caller's parameter is followed (depth).
 */
static void carry_calls(struct carry *cy, long fn, int argno, int truth, const char *base,
			int depth)
{
	struct plan *p = cy->g->plan;

	for (size_t f = 0; f < p->nfiles; f++) {
		const struct file_facts *ff = &p->facts[f];

		for (size_t i = 0; i < ff->nflows; i++) {
			const struct flow_fact *fl = &ff->flows[i], *up;
			long caller;
			struct strbuf names = { 0 };
			size_t before = cy->ncalls;
			int up_truth, up_arg;

			if (fl->kind != FLOW_FLAGS || fl->argno != argno ||
			    graph_fn_lookup(cy->g, f, fl->callee) != fn ||
			    (caller = graph_fn_lookup(cy->g, f, fl->function)) < 0)
				continue;
			add_names(&names, base, 0);
			up = flag_param_at(ff, fl->function, fl->line, fl->callee, argno);
			if (up && depth < WRAP_ROUNDS && exported(cy->g, caller) &&
			    (up_arg = param_of(up->dst, &up_truth)) >= 0) {
				/* written at this call, besides the parameter: "flags | FOLL_LONGTERM" */
				add_names(&names, truth ? NULL : fl->dst, up_truth);
				carry_calls(cy, caller, up_arg, up_truth, names.len ? names.buf : "",
					    depth + 1);
			}
			if (cy->ncalls == before) {	/* constants, or what is not followed */
				if (!fl->dst)
					add_names(&names, "?", 0);
				else if (truth && !strcmp(fl->dst, "true"))
					add_names(&names, "FOLL_WRITE", 0);
				else if (!truth)
					add_names(&names, fl->dst, 0);
				carry_leaf(cy, f, caller, fl, names.len ? names.buf : "0");
			}
			strbuf_release(&names);
		}
	}
}

void flow_carry_flags(struct graph *g, struct walk *w)
{
	struct plan *p = g->plan;
	struct wrap_walk ww = { .g = g };

	ww.seen = xcalloc(g->nnodes + 1, sizeof(*ww.seen));
	ww.queue = xcalloc(g->nnodes + 1, sizeof(*ww.queue));

	for (size_t i = 0; i < p->nsites; i++) {
		struct site *s = &p->sites[i];
		const struct call_fact *c = call_at(p, s->at);
		const struct flow_fact *fp;
		struct carry cy = { .g = g, .w = w };
		struct strbuf base = { 0 };
		long fn;
		int truth, param, at;

		if (!c->compiled || strcmp(c->seen_by, "clang") || !c->function ||
		    p->impl[s->at.file] ||
		    !(fp = flag_param_at(&p->facts[s->at.file], c->function, c->line, c->api->name, -1)) ||
		    (param = param_of(fp->dst, &truth)) < 0 ||
		    (fn = graph_fn_lookup(g, s->at.file, c->function)) < 0 || !exported(g, fn))
			continue;
		/* a wrapper only: pages that never go back to the caller keep their own flags */
		at = graph_loc_node(g, s->at.file, fn, c->pages_to);
		if (at < 0 || !reaches_caller(&ww, at, fn))
			continue;
		/* the names the acquire itself writes besides the parameter */
		if (call_has_longterm(c))
			add_names(&base, "FOLL_LONGTERM", 0);
		carry_calls(&cy, fn, param, truth, base.len ? base.buf : "", 1);
		strbuf_release(&base);
		if (cy.ncalls) {
			if (cy.ncalls > CARRY_MAX_SAID)
				strbuf_addf(&cy.text, " and %zu more", cy.ncalls - CARRY_MAX_SAID);
			s->carried = xasprintf("flags from the calls of %s(): %s", c->function,
					       cy.text.buf);
			s->carried_all_longterm = cy.nlong == cy.ncalls;
			/* no call is seen to keep the pages: any without FOLL_LONGTERM may */
			s->carried_missing = cy.nkept ? cy.missing : cy.unkept_missing;
			if (cy.nkept)
				free(cy.unkept_missing);
			else
				free(cy.missing);
			s->longterm_by_callers = !s->carried_missing && cy.nlong;
		} else {
			free(cy.missing);
			free(cy.unkept_missing);
		}
		strbuf_release(&cy.text);
	}
	free(ww.seen);
	free(ww.queue);
}
