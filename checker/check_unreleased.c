/*
 * unreleased: pages taken by a site reach no release, are not kept, and go nowhere gupcheck
 * cannot see.
 */
#include <string.h>
#include "checks.h"

void check_unreleased(struct plan *p, long i)
{
	struct site *s = site_at(p, i);
	const struct call_fact *a = call_at(p, s->at);

	if (p->impl[site_at(p, i)->at.file])
		return;	/* the GUP implementation releases by its callers' flags */
	if (!a->compiled || strcmp(a->seen_by, "clang") || !a->pages_to ||
	    strstr(a->pages_to, "null") || strstr(a->pages_to, "expr"))
		return;
	if (s->nrel || s->escape || s->unknown || s->returned)
		return;
	plan_report(p, s->at, i, CHECK_unreleased,
		    "pages taken by %s() into %s reach no release on any path", a->api->name,
		    a->pages ? a->pages : "?");
}
