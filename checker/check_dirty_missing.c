/*
 * dirty-missing: pages taken for writing (FOLL_WRITE) whose releases, none of them, dirty the
 * pages, with no dirtying reached either.  Site level: the walk's releases and dirtyings of
 * the site, not per path.
 */
#include <string.h>
#include "checks.h"
#include "kernel.h"

/* Does release c dirty: a dirtying argument that is not a constant false, a bio check? */
static int release_dirties(const struct call_fact *c)
{
	if (!strcmp(c->api->name, "bio_check_pages_dirty"))
		return 1;
	if (kernel_arg(c->api->name, ROLE_DIRTY_ARG) < 0 || !c->dirty_arg)
		return 0;
	return strcmp(c->dirty_arg, "0") && strcmp(c->dirty_arg, "false");
}

void check_dirty_missing(struct plan *p, long i)
{
	struct site *s = site_at(p, i);
	const struct call_fact *a = call_at(p, s->at);

	if (!a->write || p->impl[s->at.file])
		return;
	/* Released where the facts do not show, or by a completion: not decided here. */
	if (!s->nrel || s->ndirty || s->unknown || s->returned || s->nendios)
		return;
	/* MMU-notifier users dirty from their invalidation callbacks (GUP.md case 3). */
	if (p->facts[s->at.file].mmu_notifier || s->rule == RULE_CASE_3 || s->rule == RULE_CASE_4)
		return;
	for (size_t r = 0; r < s->nrel; r++)
		if (release_dirties(call_at(p, s->rel[r].at)))
			return;
	plan_report(p, s->at, i, CHECK_dirty_missing,
		    "%s() takes the pages for writing (%s), but none of its %zu release%s (first"
		    " %s() at %s:%u) dirties them and no set_page_dirty_lock() is reached",
		    a->api->name, a->flags, s->nrel, s->nrel == 1 ? "" : "s",
		    call_at(p, s->rel[0].at)->api->name, path_of(p, s->rel[0].at),
		    call_at(p, s->rel[0].at)->line);
}
