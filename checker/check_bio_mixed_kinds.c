/*
 * bio-mixed-kinds: one bio completion receives pinned pages and pages that are not pinned,
 * and releases them one way.
 */
#include <string.h>
#include "checks.h"

static int same(struct call_ref a, struct call_ref b)
{
	return a.file == b.file && a.call == b.call;
}

/*
 * The completion among ends (n of them) that is fn: the first one at the assignment assign,
 * else the last one; -1 if none is.
 */
static long hit_of(const struct endio_hit *ends, size_t n, struct call_ref fn,
		   struct call_ref assign)
{
	long hit = -1;

	for (size_t k = 0; k < n; k++) {
		if (!same(ends[k].fn, fn))
			continue;
		hit = (long)k;
		if (same(ends[k].assign, assign))
			break;
	}
	return hit;
}

/*
 * Does another origin than pinned GUP pages reach completion fn?  Says which, and where;
 * *shared: at the assignment assign too (then one bio may hold both: no split separates them).
 */
static int other_kind(const struct plan *p, struct call_ref fn, struct call_ref assign,
		      const char **what, const char **path, unsigned *line, int *shared)
{
	int found = 0;
	long k;

	*shared = 0;
	for (size_t i = 0; i < p->nsites; i++) {
		const struct site *s = &p->sites[i];
		const struct call_fact *c = call_at(p, s->at);

		if (c->api->kind == API_PIN || c->api->kind == API_ITER_EXTRACT)
			continue;
		if ((k = hit_of(s->endios, s->nendios, fn, assign)) < 0)
			continue;
		*what = c->api->name;
		*path = p->facts[s->at.file].path;
		*line = c->line;
		*shared = same(s->endios[k].assign, assign);
		found = 1;
		if (*shared)
			return 1;
	}
	for (size_t i = 0; i < p->norigins; i++) {
		const struct origin *o = &p->origins[i];
		const struct flow_fact *fl = &p->facts[o->at.file].flows[o->at.call];

		if ((k = hit_of(o->endios, o->nendios, fn, assign)) < 0)
			continue;
		*what = strcmp(fl->src, "zero") ? fl->src : "ZERO_PAGE";
		*path = p->facts[o->at.file].path;
		*line = fl->line;
		*shared = same(o->endios[k].assign, assign);
		found = 1;
		if (*shared)
			return 1;
	}
	return found;
}

void check_bio_mixed_kinds(struct plan *p, long i)
{
	struct site *s = site_at(p, i);
	enum api_kind k = call_at(p, s->at)->api->kind;

	if (p->impl[s->at.file] || (k != API_PIN && k != API_ITER_EXTRACT))
		return;
	for (size_t e = 0; e < s->nendios; e++) {
		const struct call_ref *first;
		const char *what, *path;
		unsigned line;
		int shared;

		if (!endio_releases(p, s->endios[e].fn, &first) ||
		    p->dispatched[first->file][first->call] ||
		    !other_kind(p, s->endios[e].fn, s->endios[e].assign, &what, &path, &line, &shared))
			continue;
		plan_report(p, *first, i, CHECK_bio_mixed_kinds,
			    "%s() releases with %s() the pages of bios that hold pinned pages (%s() at"
			    " %s:%u) and pages that are not pinned (%s at %s:%u): %s",
			    p->facts[s->endios[e].fn.file].fns[s->endios[e].fn.call].name,
			    call_at(p, *first)->api->name, call_at(p, s->at)->api->name,
			    p->facts[s->at.file].path, call_at(p, s->at)->line, what, path, line, shared ?
			    "both get it at the same assignment, so one bio may hold both: pin the other"
			    " pages too, or mark the pinned bios and release by kind" :
			    "split it into _gup and _normal variants, or mark the bio");
	}
}
