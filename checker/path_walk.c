/*
 * The path walk: from each counting acquire of a function, every path of its control-flow
 * graph to an exit (each block at most twice: loops unrolled once, a loop's exit carrying its
 * body's releases), with the facts of the tests on the acquire's result along the path, and
 * what the path does with the pages: summaries of the paths that leak, release twice or
 * release a wrong count go into the file's facts.
 */
#include <stdlib.h>
#include <string.h>
#include "api.h"
#include "cfg.h"

/* The acquire's result: failure, nothing, part of the request, all of it. */
enum { S_NEG = 1, S_ZERO = 2, S_PART = 4, S_FULL = 8, S_ALL = 15, S_HELD = S_PART | S_FULL };

enum var_kind { K_ALIAS = 1, K_NEG, K_ZERO };

#define MAX_VARS 8
#define MAX_FACTS 8
#define MAX_STEPS (PATH_CAP * 64)
#define MAX_LINES 48

/* One path's state, copied at each branch. */
struct pstate {
	unsigned mask;			/* what the result can still be */
	const char *var[MAX_VARS];	/* variables whose value is known */
	enum var_kind kind[MAX_VARS];
	int nvar;
	int released, handed, count_changed;
	int stored;			/* the pages were stored into a field on the path */
	int freed;			/* their array or holder was freed on the path */
	int noted;			/* the holder's object had a field set on the path */
	int fact[MAX_FACTS];		/* atoms (cfg conds) of other variables known on the path */
	unsigned char holds[MAX_FACTS];
	int nfact;
	const struct cfg_event *rel;	/* the first release statement on the path */
	int whole;			/* a release on the path that is not of one element */
	/*
	 * Inside loop susp_loop's next iterations, its element release (rel, now NULL) is of
	 * another element; leaving the loop, it covers them all again
	 */
	const struct cfg_event *susp_rel;
	int susp_loop;
	int ret_neg;			/* the exit returns an error */
	unsigned ret_line;		/* the line of the exit's return, 0 before one */
};

struct walker {
	struct parse_ctx *ctx;
	const struct cfg *cfg;
	const struct call_fact *acq;
	char *token;			/* "@L:C": the acquire's value in conditions */
	struct strvec locs;		/* where its pages are: its location and local aliases */
	char *holder;			/* the variable a field location's object is in, or NULL */
	int local;			/* the pages are in a local of this function only */
	int own_array;			/* the acquire fills a local's or parameter's array */
	int sw_block, sw_arm;		/* the switch arm the acquire is in (and its block), or -1 */
	struct strvec dsts;		/* the fields the pages are stored into on some path */
	unsigned char *visits;
	unsigned *lines;
	size_t nlines, lines_alloc;
	unsigned npaths, steps;
	int limit;
};

static int in_locs(const struct walker *w, const char *loc)
{
	if (!loc)
		return 0;
	for (size_t i = 0; i < w->locs.n; i++)
		if (!strcmp(w->locs.v[i], loc))
			return 1;
	return 0;
}

/* Is loc ("local:p", "param:p") the variable the holder of field pages is in? */
static int is_holder(const struct walker *w, const char *loc)
{
	const char *colon = loc ? strchr(loc, ':') : NULL;

	if (!w->holder || !colon || (strncmp(loc, "local:", 6) && strncmp(loc, "param:", 6)))
		return 0;
	return !strcmp(colon + 1, w->holder);
}

/* Is name (a variable of a condition, or a field's "field:struct s.m") where pages are? */
static int names_place(const struct walker *w, const char *name)
{
	char *loc;
	int in;

	if (!strncmp(name, "field:", 6))
		return in_locs(w, name);
	loc = xasprintf("local:%s", name);
	in = in_locs(w, loc);
	free(loc);
	if (!in) {
		loc = xasprintf("param:%s", name);
		in = in_locs(w, loc);
		free(loc);
	}
	return in;
}

static int var_index(const struct pstate *s, const char *name)
{
	for (int i = 0; i < s->nvar; i++)
		if (!strcmp(s->var[i], name))
			return i;
	return -1;
}

static void var_set(struct pstate *s, const char *name, int kind)
{
	int i = var_index(s, name);

	if (i < 0 && !kind)
		return;
	if (i < 0) {
		if (s->nvar == MAX_VARS)
			return;
		i = s->nvar++;
		s->var[i] = name;
	}
	if (kind) {
		s->kind[i] = kind;
		return;
	}
	s->var[i] = s->var[--s->nvar];
	s->kind[i] = s->kind[s->nvar];
}

static int var_kind(const struct walker *w, const struct pstate *s, const char *name)
{
	int i;

	if (!name)
		return 0;
	if (!strcmp(name, w->token))
		return K_ALIAS;
	i = var_index(s, name);
	return i < 0 ? 0 : (int)s->kind[i];
}

/* Append a summary (merged with an equal one) to the file's path facts. */
static void note(struct walker *w, enum path_outcome outcome, unsigned exit_line,
		 const char *detail)
{
	struct file_facts *ff = w->ctx->ff;
	struct strbuf sb = { 0 };
	struct path_fact *pf;

	for (size_t i = 0; i < ff->npaths; i++) {
		pf = &ff->paths[i];
		if (pf->line == w->acq->line && pf->col == w->acq->col && pf->outcome == outcome &&
		    pf->exit_line == exit_line && !strcmp(pf->detail ? pf->detail : "",
							  detail ? detail : "")) {
			pf->npaths++;
			return;
		}
	}
	for (size_t i = 0; i < w->nlines && i < MAX_LINES; i++)
		strbuf_addf(&sb, "%s%u", i ? "," : "", w->lines[i]);
	if (w->nlines > MAX_LINES)
		strbuf_addstr(&sb, ",...");
	ALLOC_GROW(ff->paths, ff->npaths + 1, ff->paths_alloc);
	pf = &ff->paths[ff->npaths++];
	*pf = (struct path_fact){
		.line = w->acq->line, .col = w->acq->col, .outcome = outcome,
		.exit_line = exit_line, .npaths = 1, .lines = strbuf_detach(&sb),
		.detail = detail ? xstrdup(detail) : NULL,
	};
}

/* A release with count text count (or a loop's bound) at line: is the count the result's? */
static void check_count(struct walker *w, const struct pstate *s, const char *count,
			unsigned line, int bound)
{
	if (!count)
		return;
	if (var_kind(w, s, count) == K_ALIAS) {
		if (bound)
			return;	/* "i < ret" runs no iteration for a negative ret */
		if (s->mask & S_NEG)
			note(w, PATH_COUNT_NEGATIVE, line, count);
		return;
	}
	if (w->acq->count && !strcmp(count, w->acq->count) && !s->count_changed &&
	    (s->mask & S_PART))
		note(w, PATH_COUNT_REQUESTED, line, count);
}

/* Is count a variable another acquire of the function assigns its result to? */
static int other_result(const struct walker *w, const char *count)
{
	const struct cfg *cfg = w->cfg;

	for (size_t b = 0; count && b < cfg->nb; b++)
		for (size_t i = 0; i < cfg->b[b].nev; i++) {
			const struct cfg_event *e = &cfg->b[b].ev[i];

			if (e->kind == EV_ASSIGN && e->value == VAL_ACQUIRE && e->loc &&
			    !strcmp(e->name, count) && strcmp(e->loc, w->token))
				return 1;
		}
	return 0;
}

static void release(struct walker *w, struct pstate *s, const struct cfg_event *e,
		    const char *bound)
{
	if (!in_locs(w, e->loc))
		return;
	if (e->count && var_kind(w, s, e->count) != K_ALIAS && other_result(w, e->count))
		return;	/* "unpin(map, y_got)" after "uv_got = pin(&map[y_got])": y's pages */
	if (!e->filled_only)
		check_count(w, s, e->count ? e->count : bound, e->line, !e->count);
	/* two releases of the pages a page test picks in each are not one page released twice */
	if (s->rel && s->rel != e && s->rel->line != e->line && !s->rel->selective &&
	    !e->selective) {
		char *d = xasprintf("%u,%u", s->rel->line, e->line);

		note(w, PATH_DOUBLE, e->line, d);
		free(d);
	}
	if (!s->rel)
		s->rel = e;
	s->released = 1;
	s->whole |= !e->element;
}

static const enum cond_rel negated[] = {
	[R_LT] = R_GE, [R_LE] = R_GT, [R_GT] = R_LE, [R_GE] = R_LT, [R_EQ] = R_NE, [R_NE] = R_EQ,
};

/* A known fact on the path decides atom c: 1 it holds, 0 it fails, -1 unknown. */
static int known(const struct walker *w, const struct pstate *s, const struct cond_node *c)
{
	for (int i = 0; i < s->nfact; i++) {
		const struct cond_node *k = &w->cfg->conds[s->fact[i]];

		if (strcmp(k->var, c->var) || strcmp(k->rhs, c->rhs))
			continue;
		if (k->rel == c->rel)
			return s->holds[i];
		if (negated[k->rel] == c->rel)
			return !s->holds[i];
	}
	return -1;
}

/* Atom n of a variable other than the result holds (or not) from here on the path. */
static void learn(const struct walker *w, struct pstate *s, int n, int holds)
{
	const struct cond_node *c = &w->cfg->conds[n];

	if (c->op != C_ATOM || var_kind(w, s, c->var) == K_ALIAS || c->var[0] == '@' ||
	    s->nfact == MAX_FACTS || known(w, s, c) >= 0)
		return;
	s->fact[s->nfact] = n;
	s->holds[s->nfact++] = (unsigned char)holds;
}

/* Variable name is assigned: what the path knew of it is gone. */
static void forget(const struct walker *w, struct pstate *s, const char *name)
{
	for (int i = 0; i < s->nfact; i++)
		if (!strcmp(w->cfg->conds[s->fact[i]].var, name)) {
			s->fact[i] = s->fact[--s->nfact];
			s->holds[i] = s->holds[s->nfact];
			i--;
		}
}

static void assign(struct walker *w, struct pstate *s, const struct cfg_event *e)
{
	int kind = 0;

	switch (e->value) {
	case VAL_ACQUIRE:
		kind = e->loc && !strcmp(e->loc, w->token) ? K_ALIAS : 0;
		break;
	case VAL_VAR:
		kind = var_kind(w, s, e->loc);
		break;
	case VAL_NEG:
		kind = K_NEG;
		break;
	case VAL_ZERO:
		kind = K_ZERO;
		break;
	default:
		break;
	}
	if (w->acq->count && !strcmp(e->name, w->acq->count))
		s->count_changed = 1;
	var_set(s, e->name, kind);
	forget(w, s, e->name);
}

/*
 * Is acquire e this walk's acquire again, or another that fills the same place ("goto
 * again" to a retry, a loop's next call): the pages from there on are that call's.
 */
static int same_places(const struct walker *w, const struct cfg_event *e)
{
	const struct file_facts *ff = w->ctx->ff;

	if (e->line == w->acq->line && e->col == w->acq->col)
		return 1;
	for (size_t i = 0; i < ff->ncalls; i++) {
		const struct call_fact *c = &ff->calls[i];
		const char *to = c->pages_to;

		if (c->line != e->line || c->col != e->col || !to)
			continue;
		while (*to == '&')
			to++;
		/* the same place written the same way: "&page" again, not "&map[got]" */
		return in_locs(w, to) && c->pages && w->acq->pages && !strcmp(c->pages, w->acq->pages);
	}
	return 0;
}

/* Apply event e; 1 when the path ends here (the acquire again: the next iteration's). */
static int apply(struct walker *w, struct pstate *s, const struct cfg_event *e,
		 const char *bound)
{
	switch (e->kind) {
	case EV_ACQUIRE:
		return same_places(w, e);
	case EV_RELEASE:
		release(w, s, e, bound);
		break;
	case EV_PASS:
		if (in_locs(w, e->loc) || is_holder(w, e->loc)) {
			if (s->released && in_locs(w, e->loc) && !s->handed) {
				char *d = xasprintf("%s:%d", e->name, e->argno);

				note(w, PATH_RELEASE_CALLEE, e->line, d);
				free(d);
			}
			s->handed = 1;
		}
		break;
	case EV_STORE:
		if (in_locs(w, e->loc) || is_holder(w, e->loc)) {
			s->handed = 1;
			s->stored = 1;
		}
		break;
	case EV_MEMBER_SET:
		if (w->holder && !strcmp(e->name, w->holder))
			s->noted = 1;
		break;
	case EV_FREE:
		if (in_locs(w, e->loc) || is_holder(w, e->loc))
			s->freed = 1;
		break;
	case EV_COUNT_STORE:
		if (var_kind(w, s, e->loc) == K_ALIAS)
			s->handed = 1;
		break;
	case EV_ASSIGN:
		assign(w, s, e);
		break;
	case EV_RETURN:
		if (in_locs(w, e->loc) || is_holder(w, e->loc))
			s->handed = 1;
		else if (!w->local && (e->value == VAL_ACQUIRE || var_kind(w, s, e->name) == K_ALIAS))
			s->handed = 1;	/* the count goes back with the caller's pages */
		s->ret_neg = e->value == VAL_NEG || var_kind(w, s, e->name) == K_NEG;
		s->ret_line = e->line;
		break;
	default:
		break;
	}
	return 0;
}

/* The (true, false) sets of results for which condition n can hold or fail. */
static void atom_sets(const struct walker *w, const struct cond_node *c, unsigned *t,
		      unsigned *f)
{
	static const unsigned zero_t[] = {
		[R_LT] = S_NEG, [R_LE] = S_NEG | S_ZERO, [R_GT] = S_HELD,
		[R_GE] = S_ZERO | S_HELD, [R_EQ] = S_ZERO, [R_NE] = S_NEG | S_HELD,
	};
	static const unsigned count_t[] = {
		[R_LT] = S_NEG | S_ZERO | S_PART, [R_LE] = S_ALL, [R_GT] = 0, [R_GE] = S_FULL,
		[R_EQ] = S_FULL, [R_NE] = S_NEG | S_ZERO | S_PART,
	};
	const char *rhs = c->rhs;
	char *end;
	long k = strtol(rhs, &end, 10);
	int number = *rhs && !*end;

	*t = *f = S_ALL;
	if (w->acq->count && !strcmp(rhs, w->acq->count)) {
		*t = count_t[c->rel];
		*f = S_ALL & ~*t;
	} else if (number && k == 0) {
		*t = zero_t[c->rel];
		*f = S_ALL & ~*t;
	} else if (number && k == 1 && (c->rel == R_LT || c->rel == R_GE)) {
		*t = c->rel == R_LT ? S_NEG | S_ZERO : S_HELD;
		*f = S_ALL & ~*t;
	} else if (number && k < 0 && (c->rel == R_EQ || c->rel == R_NE)) {
		*t = c->rel == R_EQ ? S_NEG : S_ALL;
		*f = c->rel == R_EQ ? S_ALL : S_NEG;
	}
}

static int is_number(const char *s)
{
	char *end;

	strtol(s, &end, 10);
	return *s && !*end;
}

/*
 * "p == 0", "p != 0" for a pointer the walk knows: the pages' own array is not NULL while
 * it holds pages; a field the function stores them into holds them once the path stored
 * them, and is taken as NULL before ("if (!req->page_list) unpin(...)": not handed yet).
 */
static void pointer_sets(const struct walker *w, const struct pstate *s,
			 const struct cond_node *c, unsigned *t, unsigned *f)
{
	unsigned nonnull_t = S_ALL, nonnull_f = S_ALL;

	if (strvec_has(&w->dsts, c->var)) {
		nonnull_t = s->stored ? S_ALL : 0;
		nonnull_f = s->stored ? 0 : S_ALL;
	} else if (names_place(w, c->var)) {
		nonnull_f = S_ALL & ~S_HELD;
	}
	*t = c->rel == R_NE ? nonnull_t : nonnull_f;
	*f = c->rel == R_NE ? nonnull_f : nonnull_t;
}

static void eval(const struct walker *w, const struct pstate *s, int n, unsigned *t,
		 unsigned *f)
{
	const struct cond_node *c = &w->cfg->conds[n];
	unsigned ta, fa, tb, fb;
	int kind;

	*t = *f = S_ALL;
	switch (c->op) {
	case C_AND:
	case C_OR:
		eval(w, s, c->a, &ta, &fa);
		eval(w, s, c->b, &tb, &fb);
		*t = c->op == C_AND ? ta & tb : ta | tb;
		*f = c->op == C_AND ? fa | fb : fa & fb;
		break;
	case C_NOT:
		eval(w, s, c->a, f, t);
		break;
	case C_ATOM:
		kind = var_kind(w, s, c->var);
		if (kind != K_ALIAS && known(w, s, c) >= 0) {
			*t = known(w, s, c) ? S_ALL : 0;
			*f = known(w, s, c) ? 0 : S_ALL;
		} else if (!kind && !strcmp(c->rhs, "0") && (c->rel == R_EQ || c->rel == R_NE)) {
			pointer_sets(w, s, c, t, f);
		} else if (kind == K_ALIAS) {
			atom_sets(w, c, t, f);
		} else if ((kind == K_NEG || kind == K_ZERO) && is_number(c->rhs)) {
			/* a known constant compared with a number: the branch is decided */
			unsigned at, af, v = kind == K_NEG ? S_NEG : S_ZERO;

			atom_sets(w, c, &at, &af);
			*t = at & v ? S_ALL : 0;
			*f = af & v ? S_ALL : 0;
		}
		break;
	default:
		break;
	}
}

static void walk_block(struct walker *w, int b, size_t from, struct pstate s);

/* The exit of a path: is anything held that nothing released or handed off? */
static void exit_path(struct walker *w, const struct cfg_block *blk, const struct pstate *s)
{
	w->npaths++;
	if (!(s->mask & S_HELD) || s->released || s->handed)
		return;
	if (!w->local && !s->ret_neg)
		return;	/* the caller's or an object's pages, and no error returned */
	if (!w->local && !w->own_array && !s->freed && s->noted)
		return;	/* the object says what it holds ("obj->n = got"): its teardown's */
	note(w, PATH_LEAK, s->ret_line ? s->ret_line : blk->line, NULL);
}

/* The releases and hand-offs of a loop's body, on the path that leaves it. */
static void loop_summary(struct walker *w, const struct cfg_block *head, struct pstate *s)
{
	for (int i = head->body_first; i < head->body_end; i++)
		for (size_t j = 0; j < w->cfg->b[i].nev; j++)
			if (w->cfg->b[i].ev[j].kind == EV_ACQUIRE && same_places(w, &w->cfg->b[i].ev[j]))
				return;	/* the loop takes the pages: its body is walked, not summed */
	for (int i = head->body_first; i < head->body_end; i++) {
		const struct cfg_block *blk = &w->cfg->b[i];

		for (size_t j = 0; j < blk->nev; j++) {
			const struct cfg_event *e = &blk->ev[j];

			if (e->kind == EV_RELEASE && in_locs(w, e->loc)) {
				if (!e->count && !e->filled_only)	/* own counts: on its path */
					check_count(w, s, blk->loop_bound, e->line, 1);
				s->released = 1;
			} else if ((e->kind == EV_PASS || e->kind == EV_STORE) &&
				   in_locs(w, e->loc)) {
				s->handed = 1;
			}
		}
	}
}

static void follow(struct walker *w, const struct cfg_block *blk, struct pstate *s)
{
	for (size_t i = 0; i < blk->nsucc; i++) {
		struct pstate n = *s;

		if (blk - w->cfg->b == w->sw_block && (int)i != w->sw_arm)
			continue;	/* the switch's value has not changed: the acquire's case */
		if (blk->cond >= 0 && blk->nsucc == 2 && i < 2) {
			unsigned t, f;

			eval(w, s, blk->cond, &t, &f);
			n.mask &= i == 0 ? t : f;
			if (!n.mask)
				continue;	/* the facts on the result rule this branch out */
			learn(w, &n, blk->cond, i == 0);
		}
		if (blk->loop_head && i == 1 && n.susp_rel && n.susp_loop == blk - w->cfg->b) {
			if (!n.rel)
				n.rel = n.susp_rel;
			n.released = 1;
			n.susp_rel = NULL;
		}
		if (blk->loop_head && i == 1)
			loop_summary(w, blk, &n);
		walk_block(w, blk->succ[i], 0, n);
	}
}

static void walk_block(struct walker *w, int b, size_t from, struct pstate s)
{
	const struct cfg_block *blk = &w->cfg->b[b];
	size_t saved = w->nlines;

	if (w->limit || w->visits[b] >= 2)
		return;
	if (w->npaths >= PATH_CAP || ++w->steps > MAX_STEPS) {
		w->limit = 1;
		return;
	}
	/*
	 * Back at a loop's head: what the last iteration released was its element only
	 * ("put_page(list[j]); continue;"), and the next iteration's element is another
	 */
	if (blk->loop_head && w->visits[b] && s.rel && !s.whole) {
		s.susp_rel = s.rel;
		s.susp_loop = b;
		s.rel = NULL;
		s.released = 0;
	}
	w->visits[b]++;
	if (blk->line && (!w->nlines || w->lines[w->nlines - 1] != blk->line)) {
		ALLOC_GROW(w->lines, w->nlines + 1, w->lines_alloc);
		w->lines[w->nlines++] = blk->line;
	}
	for (size_t i = from; i < blk->nev; i++)
		if (apply(w, &s, &blk->ev[i], blk->loop_bound))
			goto done;	/* back at the acquire: the next iteration's pages */
	if (blk->is_exit || !blk->nsucc)
		exit_path(w, blk, &s);
	else
		follow(w, blk, &s);
done:
	w->nlines = saved;
	w->visits[b]--;
}

static const char *bare(const char *loc)
{
	while (loc && *loc == '&')
		loc++;
	return loc;
}

static int is_local(const char *loc)
{
	return !strncmp(loc, "local:", 6) || !strncmp(loc, "lfield:", 7);
}

/*
 * Does another acquire of the function fill the same array (its pages written the same way)
 * between this walk's acquire and a copy at line, in the order the code runs: after the
 * acquire and before the copy, or, for a copy above the acquire (reached only by a loop), above
 * the copy?  The copy then takes that acquire's pages ("a = pages[0]; ...; pin(.., pages);
 * b = pages[0]": a is the first call's page, b the second's).
 */
static int refilled_before(const struct walker *w, unsigned line)
{
	const struct file_facts *ff = w->ctx->ff;
	const struct call_fact *a = w->acq;

	if (!a->pages || !a->function)
		return 0;
	for (size_t i = 0; i < ff->ncalls; i++) {
		const struct call_fact *c = &ff->calls[i];

		if (c == a || !c->compiled || !api_is_acquire(c->api) || !c->pages ||
		    !c->function || strcmp(c->function, a->function) || strcmp(c->pages, a->pages))
			continue;
		if (line > a->line ? c->line > a->line && c->line < line : c->line < line)
			return 1;
	}
	return 0;
}

/* One flow of the function: the places of the pages it adds, and whether they are kept outside. */
static void flow_places(struct walker *w, const struct flow_fact *f)
{
	const char *src = bare(f->src), *dst = bare(f->dst);

	if ((f->kind == FLOW_CONVERT || f->kind == FLOW_ASSIGN) && in_locs(w, src) &&
	    !in_locs(w, dst) && refilled_before(w, f->line))
		return;

	if (f->kind == FLOW_CONVERT && in_locs(w, src)) {
		if (!is_local(dst))
			w->local = 0;	/* its number kept outside: "*pfn = page_to_pfn(p)" */
		else if (!in_locs(w, dst))
			strvec_push(&w->locs, dst);	/* the number stands for the page */
		return;
	}
	if (f->kind != FLOW_ASSIGN)
		return;
	if (in_locs(w, src) && !in_locs(w, dst) && (is_local(dst) || f->callee))
		strvec_push(&w->locs, dst);	/* a copy, or a container filled with them */
	if (in_locs(w, dst) && is_local(src) && !in_locs(w, src) && !f->callee)
		strvec_push(&w->locs, src);	/* "pages = pvec + n": the array they are in */
	if (in_locs(w, dst) && !is_local(src)) {
		w->local = 0;	/* a local pointing into an object */
		if (!strncmp(src, "field:", 6) && !in_locs(w, src))
			strvec_push(&w->locs, src);	/* "pages = ttm->pages + pinned" */
	}
	if (in_locs(w, src) && !is_local(dst))
		w->local = 0;	/* stored or put in a caller's container */
}

/* The pages' places: the acquire's location and the locals the function's flows copy it to. */
static void pages_places(struct walker *w)
{
	const struct file_facts *ff = w->ctx->ff;
	const char *to = bare(w->acq->pages_to);
	size_t before;

	strvec_push(&w->locs, to);
	w->local = !strncmp(to, "local:", 6);
	w->own_array = w->local || !strncmp(to, "param:", 6);
	do {
		before = w->locs.n;
		for (size_t i = w->ctx->fn_first_flow; i < ff->nflows; i++)
			if (ff->flows[i].dst && ff->flows[i].src)
				flow_places(w, &ff->flows[i]);
	} while (w->locs.n != before);
}

/* The variable of the object whose field holds the pages ("umem" of "umem->pages"). */
static char *holder_of(const struct call_fact *a)
{
	const char *p = a->pages, *arrow;

	if (!p || strncmp(a->pages_to, "field:", 6))
		return NULL;
	while (*p == '&' || *p == '(')
		p++;
	arrow = strstr(p, "->");
	if (!arrow)
		return NULL;
	for (const char *q = p; q < arrow; q++)
		if (!is_ident_char(*q))
			return NULL;
	return xstrndup(p, (size_t)(arrow - p));
}

/*
 * The object variable a field store before the acquire points at the pages' own array
 * ("bo->pages = pages; got = pin_user_pages(..., pages, ...)"): the object holds what the
 * acquire fills, as it does when the acquire writes into its field; NULL when none does.
 */
static char *holder_stored_before(const struct walker *w)
{
	for (size_t b = 0; b < w->cfg->nb; b++) {
		const struct cfg_block *blk = &w->cfg->b[b];

		for (size_t i = 1; i < blk->nev; i++) {
			const struct cfg_event *e = &blk->ev[i], *m = &blk->ev[i - 1];

			if (e->kind == EV_STORE && e->line < w->acq->line && in_locs(w, e->loc) &&
			    !strncmp(e->name, "field:", 6) && m->kind == EV_MEMBER_SET &&
			    m->line == e->line && m->name)
				return xstrdup(m->name);
		}
	}
	return NULL;
}

/* "local:pages local:pvec; local": the pages' places and whether they are this function's only. */
static char *places_text(const struct walker *w)
{
	struct strbuf sb = { 0 };

	for (size_t i = 0; i < w->locs.n; i++)
		strbuf_addf(&sb, "%s%s", i ? " " : "", w->locs.v[i]);
	if (w->holder)
		strbuf_addf(&sb, "; holder %s", w->holder);
	strbuf_addstr(&sb, w->local ? "; local" : "; kept outside");
	return strbuf_detach(&sb);
}

/* The fields the function stores the pages into (a test of one asks whether it did). */
static void store_dsts(struct walker *w)
{
	for (size_t b = 0; b < w->cfg->nb; b++)
		for (size_t i = 0; i < w->cfg->b[b].nev; i++) {
			const struct cfg_event *e = &w->cfg->b[b].ev[i];

			if (e->kind == EV_STORE && in_locs(w, e->loc) && !in_locs(w, e->name) &&
			    !strvec_has(&w->dsts, e->name))
				strvec_push(&w->dsts, e->name);
		}
}

/* Is variable name assigned anywhere in the function? */
static int assigned(const struct cfg *cfg, const char *name)
{
	for (size_t b = 0; b < cfg->nb; b++)
		for (size_t i = 0; i < cfg->b[b].nev; i++)
			if (cfg->b[b].ev[i].kind == EV_ASSIGN && !strcmp(cfg->b[b].ev[i].name, name))
				return 1;
	return 0;
}

/*
 * The innermost switch whose body holds block a, on a variable the function never assigns,
 * and the case a is in: reached again (a loop around it), the switch takes that case again.
 */
static void switch_arm(struct walker *w, int a)
{
	const struct cfg *cfg = w->cfg;
	int best = -1;

	w->sw_block = w->sw_arm = -1;
	for (size_t b = 0; b < cfg->nb; b++) {
		const struct cfg_block *sw = &cfg->b[b];

		if (!sw->switch_head || a < sw->body_first || a >= sw->body_end ||
		    !sw->cond_text || (best >= 0 && sw->body_first < cfg->b[best].body_first))
			continue;
		best = (int)b;
	}
	if (best < 0 || assigned(cfg, cfg->b[best].cond_text))
		return;
	for (size_t i = 0; i < cfg->b[best].nsucc; i++) {
		int first = cfg->b[best].succ[i];

		if (first >= cfg->b[best].body_first && first <= a &&
		    (w->sw_arm < 0 || first > cfg->b[best].succ[w->sw_arm]))
			w->sw_arm = (int)i;
	}
	if (w->sw_arm >= 0)
		w->sw_block = best;
}

/* Is block a in the then (arm 0) or else (arm 1) arm of if block c, as lowered? */
static int in_arm(const struct cfg_block *c, int a, int arm)
{
	if (arm == 0)
		return a == c->succ[0] || (a > c->succ[1] && a < c->then_end);
	return a == c->succ[1] || (a >= c->then_end && a < c->else_end);
}

/*
 * The tests around the acquire (block a): an if whose arm holds it, on a variable no later
 * block assigns, is known to have gone that way ("if (y == n) uv = pin(...);
 * ... if (y == n)" takes the same arm again).
 */
static void entry_facts(const struct walker *w, struct pstate *s, int a)
{
	const struct cfg *cfg = w->cfg;

	for (int b = 0; b < a && b < (int)cfg->nb; b++) {
		const struct cfg_block *c = &cfg->b[b];
		int arm = -1, later = 0;

		if (c->cond < 0 || c->nsucc != 2 || !c->then_end || c->loop_head)
			continue;
		if (in_arm(c, a, 0))
			arm = 0;
		else if (in_arm(c, a, 1))
			arm = 1;
		if (arm < 0 || cfg->conds[c->cond].op != C_ATOM)
			continue;
		for (size_t x = (size_t)b + 1; x < cfg->nb && !later; x++)
			for (size_t i = 0; i < cfg->b[x].nev; i++)
				if (cfg->b[x].ev[i].kind == EV_ASSIGN &&
				    !strcmp(cfg->b[x].ev[i].name, cfg->conds[c->cond].var))
					later = 1;
		if (!later)
			learn(w, s, c->cond, arm == 0);
	}
}

static void walk_acquire(struct parse_ctx *ctx, const struct cfg *cfg, const struct call_fact *a)
{
	struct walker w = { .ctx = ctx, .cfg = cfg, .acq = a, .sw_block = -1 };
	struct pstate s = { .mask = S_ALL };
	size_t before = ctx->ff->npaths;
	char *places;

	for (size_t b = 0; b < cfg->nb; b++)
		for (size_t i = 0; i < cfg->b[b].nev; i++) {
			const struct cfg_event *e = &cfg->b[b].ev[i];

			if (e->kind != EV_ACQUIRE || e->line != a->line || e->col != a->col)
				continue;
			w.token = xasprintf("@%u:%u", a->line, a->col);
			w.visits = xcalloc(cfg->nb, 1);
			pages_places(&w);
			w.holder = holder_of(a);
			if (!w.holder)
				w.holder = holder_stored_before(&w);
			store_dsts(&w);
			switch_arm(&w, (int)b);
			entry_facts(&w, &s, (int)b);
			if (a->count && !strcmp(a->count, "1"))
				s.mask &= ~S_PART;
			walk_block(&w, (int)b, i + 1, s);
			goto found;
		}
	return;
found:
	if (w.limit)
		note(&w, PATH_LIMIT, 0, "path limit reached");
	w.nlines = 0;
	places = places_text(&w);
	note(&w, PATH_TOTAL, 0, places);
	free(places);
	for (size_t i = before; i < ctx->ff->npaths; i++)
		if (ctx->ff->paths[i].outcome == PATH_TOTAL &&
		    ctx->ff->paths[i].line == a->line && ctx->ff->paths[i].col == a->col)
			ctx->ff->paths[i].npaths = w.npaths;
	free(w.token);
	free(w.holder);
	free(w.visits);
	free(w.lines);
	strvec_clear(&w.locs);
	strvec_clear(&w.dsts);
}

void path_walk_function(struct parse_ctx *ctx, const struct cfg *cfg)
{
	for (size_t i = 0; i < ctx->ff->ncalls; i++) {
		const struct call_fact *a = &ctx->ff->calls[i];

		if (!a->function || strcmp(a->function, ctx->fn) || !api_is_acquire(a->api) ||
		    !a->pages_to || !a->result || strcmp(a->result, "used"))
			continue;
		if (a->api->kind != API_GET && a->api->kind != API_PIN &&
		    a->api->kind != API_LONGTERM)
			continue;
		walk_acquire(ctx, cfg, a);
	}
}

void path_stats(const struct file_facts *facts, size_t n, struct path_stats *st)
{
	*st = (struct path_stats){ 0 };
	for (size_t i = 0; i < n; i++)
		for (size_t j = 0; j < facts[i].npaths; j++) {
			const struct path_fact *pf = &facts[i].paths[j];

			if (pf->outcome == PATH_LIMIT)
				st->capped++;
			if (pf->outcome != PATH_TOTAL)
				continue;
			st->acquires++;
			st->paths += pf->npaths;
			if (pf->npaths > st->most)
				st->most = pf->npaths;
		}
}
