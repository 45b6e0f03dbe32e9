/* bio-mixed-kinds: one bio completion receives pinned pages and pages that are not pinned, and releases them one way. */
#include <string.h>
#include "checks.h"

/* Does another origin than pinned GUP pages reach completion fn?  Says which, and where. */
static int other_kind(const struct plan *p, struct call_ref fn, const char **what, const char **path,
		      unsigned *line)
{
	for (size_t i = 0; i < p->nsites; i++) {
		const struct site *s = &p->sites[i];

		if (call_at(p, s->at)->api->kind == API_PIN || call_at(p, s->at)->api->kind == API_ITER_EXTRACT)
			continue;
		for (size_t k = 0; k < s->nendios; k++)
			if (s->endios[k].fn.file == fn.file && s->endios[k].fn.call == fn.call) {
				*what = call_at(p, s->at)->api->name;
				*path = p->facts[s->at.file].path;
				*line = call_at(p, s->at)->line;
				return 1;
			}
	}
	for (size_t i = 0; i < p->norigins; i++) {
		const struct origin *o = &p->origins[i];

		for (size_t k = 0; k < o->nendios; k++)
			if (o->endios[k].fn.file == fn.file && o->endios[k].fn.call == fn.call) {
				*what = p->facts[o->at.file].flows[o->at.call].src;
				if (!strcmp(*what, "zero"))
					*what = "ZERO_PAGE";
				*path = p->facts[o->at.file].path;
				*line = p->facts[o->at.file].flows[o->at.call].line;
				return 1;
			}
	}
	return 0;
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

		if (!endio_releases(p, s->endios[e].fn, &first) ||
		    p->dispatched[first->file][first->call] ||
		    !other_kind(p, s->endios[e].fn, &what, &path, &line))
			continue;
		plan_report(p, *first, i, "bio-mixed-kinds", "error",
			    "%s() releases with %s() the pages of bios that hold pinned pages (%s() at"
			    " %s:%u) and pages that are not pinned (%s at %s:%u): split it into _gup and"
			    " _normal variants, or mark the bio",
			    p->facts[s->endios[e].fn.file].fns[s->endios[e].fn.call].name,
			    call_at(p, *first)->api->name, call_at(p, s->at)->api->name,
			    p->facts[s->at.file].path, call_at(p, s->at)->line, what, path, line);
	}
}
