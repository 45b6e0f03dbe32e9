/* bio-unreleased: GUP pages go into a bio whose completion releases none, and nothing else does. */
#include "checks.h"

void check_bio_unreleased(struct plan *p, long i)
{
	struct site *s = site_at(p, i);
	const struct call_ref *first;

	if (p->impl[s->at.file] || !s->nendios || s->nrel)
		return;
	for (size_t k = 0; k < s->nendios; k++)
		if (endio_releases(p, s->endios[k].fn, &first))
			return;
	plan_report(p, s->at, i, CHECK_bio_unreleased,
		    "pages taken by %s() go into a bio completed by %s() (bi_end_io set at %s:%u),"
		    " which releases none of them, and nothing else does",
		    call_at(p, s->at)->api->name,
		    p->facts[s->endios[0].fn.file].fns[s->endios[0].fn.call].name,
		    p->facts[s->endios[0].assign.file].path,
		    p->facts[s->endios[0].assign.file].flows[s->endios[0].assign.call].line);
}
