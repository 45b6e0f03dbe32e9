/* dirty-unlocked: set_page_dirty() on GUP pages, not locked: set_page_dirty_lock() is meant. */
#include <string.h>
#include "checks.h"

void check_dirty_unlocked(struct plan *p, long i)
{
	struct site *s = site_at(p, i);

	if (p->impl[site_at(p, i)->at.file])
		return;	/* the GUP implementation releases by its callers' flags */
	/*
	 * A device that follows MMU notifiers dirties pages from its invalidation
	 * callbacks, where the page lock may or may not be held; it serialises on
	 * its own lock instead (ODP's umem_mutex).
	 */
	if (p->facts[s->at.file].mmu_notifier)
		return;
	for (size_t d = 0; d < s->ndirty; d++) {
		const struct call_fact *c = call_at(p, s->dirty[d].at);

		if (!strcmp(c->api->name, "set_page_dirty"))
			plan_report(p, s->dirty[d].at, i, CHECK_dirty_unlocked,
				    "set_page_dirty() on pages from %s() at %s:%u: without the page"
				    " lock, use set_page_dirty_lock()", call_at(p, s->at)->api->name,
				    path_of(p, s->at), call_at(p, s->at)->line);
	}
}
