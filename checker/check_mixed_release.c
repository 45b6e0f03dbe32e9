/*
 * mixed-release: one site's pages are released both as references and as pins.  put_user_page*()
 * releases references in v5.2-v5.5 trees and pins where the tree also has pin_user_pages*().
 */
#include "checks.h"

void check_mixed_release(struct plan *p, long i)
{
	struct site *s = site_at(p, i);
	const struct reached *put = NULL, *unpin = NULL;

	if (p->impl[site_at(p, i)->at.file])
		return;	/* the GUP implementation releases by its callers' flags */
	if (call_at(p, s->at)->api->kind == API_ITER_EXTRACT)
		return;	/* it pins or not by iterator type, and its callers release accordingly */
	for (size_t r = 0; r < s->nrel; r++) {
		enum api_kind k = call_at(p, s->rel[r].at)->api->kind;

		if (p->dispatched[s->rel[r].at.file][s->rel[r].at.call])
			continue;

		int as_pin = k == API_UNPIN || (k == API_PUT_USER && dialect_pins(p->dialect));

		if ((k == API_PUT || k == API_RELEASE || (k == API_PUT_USER && !as_pin)) && !put)
			put = &s->rel[r];
		if (as_pin && !unpin)
			unpin = &s->rel[r];
	}
	if (put && unpin)
		plan_report(p, s->at, i, CHECK_mixed_release,
			    "pages of %s() are released by %s() at %s:%u and by %s() at %s:%u",
			    call_at(p, s->at)->api->name, call_at(p, put->at)->api->name,
			    path_of(p, put->at), call_at(p, put->at)->line,
			    call_at(p, unpin->at)->api->name, path_of(p, unpin->at),
			    call_at(p, unpin->at)->line);
}
