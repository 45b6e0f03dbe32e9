/* bio-mixed-kinds: one bio completion receives pinned pages and pages that are not pinned, and releases them one way. */
#include <string.h>
#include "checks.h"

static int same(struct call_ref a, struct call_ref b)
{
	return a.file == b.file && a.call == b.call;
}

/*
 * Does another origin than pinned GUP pages reach completion fn?  Says which, and where;
 * *shared: at the assignment assign too (then one bio may hold both: no split separates them).
 */
static int other_kind(const struct plan *p, struct call_ref fn, struct call_ref assign, const char **what,
		      const char **path, unsigned *line, int *shared)
{
	int found = 0;

	*shared = 0;
	for (size_t i = 0; i < p->nsites; i++) {
		const struct site *s = &p->sites[i];

		if (call_at(p, s->at)->api->kind == API_PIN || call_at(p, s->at)->api->kind == API_ITER_EXTRACT)
			continue;
		for (size_t k = 0; k < s->nendios && !*shared; k++)
			if (same(s->endios[k].fn, fn)) {
				*what = call_at(p, s->at)->api->name;
				*path = p->facts[s->at.file].path;
				*line = call_at(p, s->at)->line;
				*shared = same(s->endios[k].assign, assign);
				found = 1;
			}
	}
	for (size_t i = 0; i < p->norigins; i++) {
		const struct origin *o = &p->origins[i];

		for (size_t k = 0; k < o->nendios && !*shared; k++)
			if (same(o->endios[k].fn, fn)) {
				*what = p->facts[o->at.file].flows[o->at.call].src;
				if (!strcmp(*what, "zero"))
					*what = "ZERO_PAGE";
				*path = p->facts[o->at.file].path;
				*line = p->facts[o->at.file].flows[o->at.call].line;
				*shared = same(o->endios[k].assign, assign);
				found = 1;
			}
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
