/*
 * mixed-origin: one release receives pages GUP took and pages of another origin (kernel pages,
 * an allocation, the page cache, ZERO_PAGE) in one object, with no branch or flag between them.
 */
#include <string.h>
#include "checks.h"
#include "flow.h"

static int same(struct call_ref a, struct call_ref b)
{
	return a.file == b.file && a.call == b.call;
}

/*
 * Do the site's and an origin's walks hold one object where they reach a release (a and b)?
 * Not when both went down into the release's helper from their own locations (no field or
 * global crossed) and those locations differ: two calls of one helper, each with its caller's
 * pages, meet in no local of the helper.
 */
static int one_object(const struct reached *a, const struct reached *b)
{
	return a->entry < 0 || b->entry < 0 || a->entry == b->entry;
}

/*
 * The first origin (in plan order) whose pages reach the site's release x through their own
 * object (flow_origin.c's proof: .own), one object with the site's (one_object()), or NULL.
 * Pages that go into bios (the origin reaches a completion) are end-io's and bio-mixed-kinds'
 * business.
 */
static const struct origin *origin_reaching(const struct plan *p, const struct reached *x)
{
	for (size_t i = 0; i < p->norigins; i++)
		for (size_t k = 0; !p->origins[i].nendios && k < p->origins[i].nrel; k++) {
			const struct reached *y = &p->origins[i].rel[k];

			if (y->own && same(y->at, x->at) && one_object(x, y))
				return &p->origins[i];
		}
	return NULL;
}

/*
 * Is the call f (a FLOW_CALL fact of ff) in an arm of an if on the pages' kind: one whose other
 * arm calls another function (arms_kind_split(): "if (bio_flagged(bio, BIO_USER_MAPPED))
 * bio_unmap_user(bio); else bio_uncopy_user(bio);"), or any other (arms_kind_test(): "if
 * (STbp->do_dio) release_buffering()", a flag guards it)?  An if on a result ("if (err) a();
 * else b();") picks nothing.
 */
static int call_picked(const struct file_facts *ff, const struct flow_fact *f)
{
	for (size_t k = 0; f->arms && k < ff->nflows; k++) {
		const struct flow_fact *g = &ff->flows[k];

		if (g->kind == FLOW_CALL && g->callee && strcmp(g->callee, f->callee) &&
		    !strcmp(g->function, f->function) && arms_kind_split(ff, f->arms, g->arms))
			return 1;
	}
	return arms_kind_test(ff, f->arms) != NULL;
}

/*
 * Is the function holding the release r called, and every call of it picked by an if on the
 * pages' kind between it and another function (call_picked())?  Then its callers tell the kinds apart, as
 * __blk_rq_unmap_user() picks bio_unmap_user() by BIO_USER_MAPPED in v5.4: taken as
 * separating them, like a release in a branch of its own function.  A static function's
 * callers are in its own file.
 */
static int picked_by_callers(const struct plan *p, struct call_ref r)
{
	const struct file_facts *own = &p->facts[r.file];
	const char *fn = call_at(p, r)->function;
	int is_static = 0, calls = 0;

	if (!fn)
		return 0;
	for (size_t k = 0; k < own->nfns; k++)
		if (!strcmp(own->fns[k].name, fn))
			is_static = own->fns[k].is_static;
	for (size_t i = 0; i < p->nfiles; i++) {
		const struct file_facts *ff = &p->facts[i];

		if (is_static && i != r.file)
			continue;
		for (size_t k = 0; k < ff->nflows; k++) {
			const struct flow_fact *f = &ff->flows[k];

			if (f->kind != FLOW_CALL || !f->callee || strcmp(f->callee, fn))
				continue;
			if (!call_picked(ff, f))
				return 0;
			calls++;
		}
	}
	return calls > 0;
}

/* The origin's name as a report says it: "alloc_page()", "ZERO_PAGE". */
static const char *origin_name(const struct flow_fact *fl)
{
	const char *colon = strchr(fl->src, ':');

	return strcmp(fl->src, "zero") ? colon ? colon + 1 : fl->src : "ZERO_PAGE";
}

/*
 * A release that the site's pages and pages of another origin both reach through their own
 * object.  One picked at run time by the pages' kind (dispatched: an if on their kind separates
 * it from the other kind's release, or, in the origin's function, from where the origin's pages
 * come in: flow_origin_dispatch()), or in a function its callers pick by such an if against
 * another function or guarded by such an if (picked_by_callers()), or itself in a branch of an
 * if on a kind or a flag (arms_kind_test(): "if (info->pages_need_release)"), is taken as
 * separating them; one in a branch of a result test ("if (rc)") is not: the others are
 * reported at the release,
 * naming the branch the GUP call sits in when it has one (the condition that tells the kinds
 * apart).  Pins: the unpin corrupts the other pages' count, or the put leaves the pin.
 * References: balanced today, but no pin can be taken until a branch or flag tells the two
 * kinds apart (gupcheck convert does not pin such a site).
 */
void check_mixed_origin(struct plan *p, long i)
{
	struct site *s = site_at(p, i);
	const struct call_fact *c = call_at(p, s->at);
	int pinned = c->api->kind == API_PIN || c->api->kind == API_ITER_EXTRACT;

	if (p->impl[s->at.file])
		return;
	for (size_t k = 0; k < s->nrel; k++) {
		struct call_ref r = s->rel[k].at;
		const struct origin *o;
		const struct flow_fact *fl;

		if (!s->rel[k].own || p->dispatched[r.file][r.call] ||
		    arms_kind_test(&p->facts[r.file], call_at(p, r)->arms) ||
		    !(o = origin_reaching(p, &s->rel[k])) || picked_by_callers(p, r))
			continue;
		fl = &p->facts[o->at.file].flows[o->at.call];
		plan_report(p, r, i, CHECK_mixed_origin,
			    "%s() releases pages of %s() at %s:%u%s%s and pages of %s%s at %s:%u,"
			    " which GUP did not take, with no branch or flag between them: %s",
			    call_at(p, r)->api->name, c->api->name, path_of(p, s->at), c->line,
			    c->cond ? " if " : "", c->cond ? c->cond : "",
			    origin_name(fl), strcmp(fl->src, "zero") ? "()" : "",
			    path_of(p, o->at), fl->line, pinned ?
			    "one of the two kinds is released the wrong way; release each by its own"
			    " call, under the condition that tells them apart" :
			    "both are references today, but the GUP pages cannot become pins until a"
			    " branch or a flag tells the two kinds apart");
	}
}
