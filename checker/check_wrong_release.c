/*
 * wrong-release: pinned pages released by put_page()/release_pages() (iov_iter_extract_pages()'s
 * too: it pins or takes nothing), or referenced pages released by an unpin (which
 * put_user_page*() is in a tree that has pins: kernel-patches/linux-6.1).
 */
#include "checks.h"

void check_wrong_release(struct plan *p, long i)
{
	struct site *s = site_at(p, i);
	const struct call_fact *a = call_at(p, s->at);
	int pinned = a->api->kind == API_PIN, extracted = a->api->kind == API_ITER_EXTRACT;
	int reffed = a->api->kind == API_GET || a->api->kind == API_ITER_GET ||
		     a->api->kind == API_LONGTERM;

	if (p->impl[site_at(p, i)->at.file])
		return;	/* the GUP implementation releases by its callers' flags */
	for (size_t r = 0; r < s->nrel; r++) {
		const struct call_fact *c = call_at(p, s->rel[r].at);
		enum api_kind k = c->api->kind;

		if (p->dispatched[s->rel[r].at.file][s->rel[r].at.call])
			continue;

		if (pinned && k == API_BIO_RELEASE)
			plan_report(p, s->rel[r].at, i, CHECK_wrong_release,
				    "%s() puts the pages of its bio, which holds pages pinned by %s() at"
				    " %s:%u: this tree's bios have no BIO_PAGE_PINNED (v6.5+, or"
				    " kernel-patches/linux-6.1) to unpin them by", c->api->name, a->api->name,
				    path_of(p, s->at), a->line);
		else if (pinned && (k == API_PUT || k == API_RELEASE))
			plan_report(p, s->rel[r].at, i, CHECK_wrong_release,
				    "%s() releases pages pinned by %s() at %s:%u: pins are released by"
				    " unpin_user_page*()", c->api->name, a->api->name,
				    path_of(p, s->at), a->line);
		else if (extracted && (k == API_PUT || k == API_RELEASE))
			plan_report(p, s->rel[r].at, i, CHECK_wrong_release,
				    "%s() releases pages of %s() at %s:%u, which pins the pages of a"
				    " user-backed iterator and takes nothing on others: unpin_user_page*()"
				    " where iov_iter_extract_will_pin()", c->api->name, a->api->name,
				    path_of(p, s->at), a->line);
		else if (reffed && (k == API_UNPIN || (k == API_PUT_USER && dialect_pins(p->dialect))))
			plan_report(p, s->rel[r].at, i, CHECK_wrong_release,
				    "%s() releases pages referenced by %s() at %s:%u: references are"
				    " released by put_page()%s", c->api->name, a->api->name,
				    path_of(p, s->at), a->line, k == API_PUT_USER ?
				    " (in this tree put_user_page*() releases pins)" : "");
	}
}
