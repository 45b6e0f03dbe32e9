/*
 * bio-merge-leak: GUP pages go through a bio merge whose same-page answer is dropped: a page
 * merged twice is released once.
 */
#include "checks.h"

void check_bio_merge_leak(struct plan *p, long i)
{
	struct site *s = site_at(p, i);
	const struct flow_fact *m;

	if (p->impl[s->at.file] || s->merge.file == (size_t)-1)
		return;
	m = &p->facts[s->merge.file].flows[s->merge.call];
	plan_report(p, s->at, i, CHECK_bio_merge_leak,
		    "pages taken by %s() go through %s() at %s:%u, whose answer %s is never read: a page"
		    " merged into the segment that holds it keeps a reference the completion does not"
		    " release", call_at(p, s->at)->api->name, m->callee, p->facts[s->merge.file].path,
		    m->line, m->dst);
}
