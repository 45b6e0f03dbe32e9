/* What walks conclude about releases: function summaries, run-time dispatch, GUP's own files. */
#include <stdlib.h>
#include <string.h>
#include "flow_int.h"
#include "kernel.h"
#include "util.h"

/*
 * The releases the pages of the FLOW_PARAM fact fl reach, as summaries of its function.  A
 * function kernel.def says only inspects struct page (memory_failure()) has none: what it puts
 * is a reference of its own, as the walk, which does not enter it, assumes.
 */
static void summarise_param(struct graph *g, struct walk *w, size_t file,
			    const struct flow_fact *fl)
{
	struct plan *p = g->plan;
	struct site tmp = { 0 };
	long fn;
	int n;

	if (fl->kind != FLOW_PARAM || (fl->function && kernel_has(fl->function, ROLE_INSPECT)) ||
	    (fn = graph_fn_lookup(g, file, fl->function)) < 0)
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

/* The if statement at offset at among ff's (struct if_fact), or NULL. */
static const struct if_fact *if_lookup(const struct file_facts *ff, unsigned long at)
{
	for (size_t i = 0; i < ff->nifs; i++)
		if (ff->ifs[i].at == at)
			return &ff->ifs[i];
	return NULL;
}

/*
 * The condition text t with its blanks, outer parentheses and leading '!'s taken off into out
 * (at most n bytes with its NUL); the number of '!'s taken, odd for a negation.
 */
static int cond_base(const char *t, char *out, size_t n)
{
	size_t len = 0;
	int neg = 0;

	for (; *t && len + 1 < n; t++)
		if (*t != ' ' && *t != '\t' && *t != '\n')
			out[len++] = *t;
	out[len] = 0;
	for (;;) {
		int depth = 0, whole = len > 1 && out[0] == '(' && out[len - 1] == ')';

		for (size_t i = 0; whole && i + 1 < len; i++) {
			depth += out[i] == '(' ? 1 : out[i] == ')' ? -1 : 0;
			whole = depth > 0;
		}
		if (whole) {
			memmove(out, out + 1, len - 2);
			out[len -= 2] = 0;
		} else if (out[0] == '!') {
			memmove(out, out + 1, len--);
			neg++;
		} else {
			return neg;
		}
	}
}

/* Do the arm x (of if fx) and the arm y (of if fy) test one kind condition both ways? */
static int complementary(const struct if_fact *fx, unsigned long x, const struct if_fact *fy,
			 unsigned long y)
{
	char a[256], b[256];
	int na, nb;

	if (fx == fy)
		return x != y;
	na = cond_base(fx->cond, a, sizeof(a)) + (x == 2);
	nb = cond_base(fy->cond, b, sizeof(b)) + (y == 2);
	return !strcmp(a, b) && (na & 1) != (nb & 1);
}

/* Read the next "IF:ARM" of an arms list into at and arm; 0 at its end. */
static int next_arm(const char **s, unsigned long *at, unsigned long *arm)
{
	char *end;

	if (!*s || !**s)
		return 0;
	*at = strtoul(*s, &end, 10);
	if (*end != ':')
		return 0;
	*arm = strtoul(end + 1, &end, 10);
	*s = *end == ',' ? end + 1 : NULL;
	return 1;
}

/*
 * The first if on the pages' kind (COND_KIND) among the if-branch list arms of ff, or NULL:
 * a release under it is guarded by a flag, whatever its other arm holds.
 */
const struct if_fact *arms_kind_test(const struct file_facts *ff, const char *arms)
{
	unsigned long at, arm;
	const char *pa = arms;

	while (next_arm(&pa, &at, &arm)) {
		const struct if_fact *fx = if_lookup(ff, at);

		if (fx && fx->cls == COND_KIND)
			return fx;
	}
	return NULL;
}

const struct if_fact *arms_kind_split(const struct file_facts *ff, const char *a, const char *b)
{
	unsigned long at, arm, bt, barm;
	const char *pa = a;

	while (next_arm(&pa, &at, &arm)) {
		const struct if_fact *fx = if_lookup(ff, at);
		const char *pb = b;

		if (!fx || fx->cls != COND_KIND)
			continue;
		while (next_arm(&pb, &bt, &barm)) {
			const struct if_fact *fy = if_lookup(ff, bt);

			if (fy && fy->cls == COND_KIND && complementary(fx, arm, fy, barm))
				return fx;
		}
	}
	return NULL;
}

/*
 * A release of some family that function fn performs itself (callee -1) or through its call
 * of function callee.
 */
struct disp {
	long fn, callee;
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

static void disp_push(struct disp_list *l, long fn, long callee, struct call_ref at, int fam)
{
	ALLOC_GROW(l->v, l->n + 1, l->alloc);
	l->v[l->n++] = (struct disp){ fn, callee, at, fam };
}

/* Add the releases of node n that function fn performs itself or through its callees. */
static void gather(struct graph *g, struct walk *w, int n, struct disp_list *l)
{
	struct node *nd = &g->nodes[n];

	for (size_t i = 0; i < nd->ncalls; i++) {
		const struct call_fact *c = call_at(g->plan, nd->calls[i]);

		if (family(c->api->kind))
			disp_push(l, graph_fn_lookup(g, nd->calls[i].file, c->function), -1,
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
				disp_push(l, nd->e[i].fn, g->nodes[nd->e[i].to].fn, tmp.rel[r].at, fam);
		}
		walk_result_release(&tmp);
	}
}

/*
 * The if branches around d in its function: its release call's (call_fact.arms), or those of
 * the function's calls of its callee (FLOW_CALL's arms); NULL when unknown.
 */
static const char *disp_arms(struct graph *g, const struct disp *d)
{
	const struct file_facts *ff;
	const char *fn, *callee;

	if (d->callee < 0)
		return call_at(g->plan, d->at)->arms;
	if (d->fn < 0)
		return NULL;
	ff = &g->plan->facts[g->fn_ref[d->fn].file];
	fn = graph_fn_name(g, d->fn);
	callee = graph_fn_name(g, d->callee);
	for (size_t k = 0; k < ff->nflows; k++) {
		const struct flow_fact *f = &ff->flows[k];

		if (f->kind == FLOW_CALL && f->callee && f->function && !strcmp(f->callee, callee) &&
		    !strcmp(f->function, fn))
			return f->arms;
	}
	return NULL;
}

static void mark_dispatched(struct plan *p, struct call_ref r, const char *cond)
{
	p->dispatched[r.file][r.call] = 1;
	if (!p->dispatch_cond[r.file][r.call])
		p->dispatch_cond[r.file][r.call] = cond;
}

/*
 * The releases v[0..n) of one function: mark each pair of a reference release and a pin
 * release that an if on the pages' kind separates (arms_kind_split()) dispatched.
 */
static void dispatch_pairs(struct graph *g, const struct disp *v, size_t n)
{
	const struct file_facts *ff = &g->plan->facts[g->fn_ref[v[0].fn].file];

	for (size_t i = 0; i < n; i++) {
		const char *ai;

		if (v[i].family != 1 || !(ai = disp_arms(g, &v[i])))
			continue;
		for (size_t j = 0; j < n; j++) {
			const char *aj;
			const struct if_fact *by;

			if (v[j].family != 2 || !(aj = disp_arms(g, &v[j])) ||
			    !(by = arms_kind_split(ff, ai, aj)))
				continue;
			mark_dispatched(g->plan, v[i].at, by->cond);
			mark_dispatched(g->plan, v[j].at, arms_kind_split(ff, aj, ai)->cond);
		}
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
			mark_dispatched(p, (struct call_ref){ f, i }, "BIO_PAGE_PINNED");
}

/*
 * A function that releases one location both ways, as references and as pins (directly or
 * through its callees), picks the release at run time by the pages' kind only when an if on
 * their kind separates the two releases (arms_kind_split(): a FOLL_PIN or flag-bit test, a flag
 * on the object, an origin test, in the then and else branches of one if or in complementary
 * ifs): those pairs are marked dispatched, and fit either kind of acquire.  Releases an if on a
 * result or count separates ("if (ret < n) release_pages(); ... unpin_user_pages()"), or
 * nothing, are judged against their acquire's kind.
 */
void flow_find_dispatch(struct graph *g, struct walk *w)
{
	struct plan *p = g->plan;
	struct disp_list l = { 0 };

	p->dispatched = xcalloc(p->nfiles + 1, sizeof(*p->dispatched));
	p->dispatch_cond = xcalloc(p->nfiles + 1, sizeof(*p->dispatch_cond));
	for (size_t f = 0; f < p->nfiles; f++) {
		p->dispatched[f] = xcalloc(p->facts[f].ncalls + 1, 1);
		p->dispatch_cond[f] = xcalloc(p->facts[f].ncalls + 1, sizeof(**p->dispatch_cond));
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
			if (fams == 3 && v[i].fn >= 0)
				dispatch_pairs(g, v + i, j - i);
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
