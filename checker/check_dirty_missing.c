/*
 * dirty-missing: pages an acquire asks for writing (FOLL_WRITE, also through its flags
 * variable) whose bytes the walk sees reached, put into an sg table or bio for a device or
 * mapped or copied by the CPU (kernel.def MAPS_DATA), and whose releases dirty none of them:
 * no set_page_dirty*() the walk reaches, no release whose dirtying argument may be true
 * (unpin_user_pages_dirty_lock(), bio_release_pages()), no bio_check_pages_dirty(), no
 * dirtying in a function that releases them.  Pages put into a container are taken as dirtied
 * when their file dirties pages that no site's walk reaches (what comes back out of an sg
 * table, the walk does not follow back: i915's put_pages()), and as read by the device when
 * the acquire's function maps for DMA_TO_DEVICE only.
 */
#include <string.h>
#include "checks.h"
#include "kernel.h"

/*
 * Does release r dirty what it releases: kernel.def DIRTIES, a DIRTY_ARG release whose argument
 * may be true or is absent (the old two-argument form dirties always)?
 */
static int may_dirty(const struct call_fact *r)
{
	if (kernel_has(r->api->name, ROLE_DIRTIES))
		return 1;
	if (kernel_arg(r->api->name, ROLE_DIRTY_ARG) < 0)
		return 0;
	return !r->dirty_arg || (strcmp(r->dirty_arg, "false") && strcmp(r->dirty_arg, "0"));
}

/* Does the function of release call at dirty pages, by a dirtying call or release? */
static int releaser_dirties(const struct plan *p, struct call_ref at)
{
	const struct file_facts *ff = &p->facts[at.file];
	const char *fn = ff->calls[at.call].function;

	for (size_t i = 0; fn && i < ff->ncalls; i++) {
		const struct call_fact *c = &ff->calls[i];

		if (c->function && !strcmp(c->function, fn) &&
		    (c->api->kind == API_DIRTY || may_dirty(c)))
			return 1;
	}
	return 0;
}

/* Is call (file f, number c) among the dirtyings or releases some site's walk reaches? */
static int reached_by_a_site(const struct plan *p, size_t f, size_t c)
{
	for (size_t i = 0; i < p->nsites; i++) {
		const struct site *s = &p->sites[i];

		for (size_t d = 0; d < s->ndirty; d++)
			if (s->dirty[d].at.file == f && s->dirty[d].at.call == c)
				return 1;
		for (size_t r = 0; r < s->nrel; r++)
			if (s->rel[r].at.file == f && s->rel[r].at.call == c)
				return 1;
	}
	return 0;
}

/*
 * Does file f dirty pages no site's walk reaches?  Those come out of a container (an sg
 * table's iteration: i915's put_pages()), where the walk does not follow them back to the
 * pages the site put in.
 */
static int file_dirties_container_pages(const struct plan *p, size_t f)
{
	const struct file_facts *ff = &p->facts[f];

	for (size_t i = 0; i < ff->ncalls; i++)
		if ((ff->calls[i].api->kind == API_DIRTY || may_dirty(&ff->calls[i])) &&
		    !reached_by_a_site(p, f, i))
			return 1;
	return 0;
}

void check_dirty_missing(struct plan *p, long i)
{
	struct site *s = site_at(p, i);
	const struct call_fact *a = call_at(p, s->at);

	if (p->impl[s->at.file] || !a->write || !s->nrel || s->ndirty)
		return;
	if (!s->fills && !s->maps)
		return;	/* nothing the walk sees writes their bytes */
	if (s->fills && !s->maps && a->dma_to_device)
		return;	/* mapped for the device to read only (mthca's doorbell page) */
	if (s->fills && file_dirties_container_pages(p, s->at.file))
		return;	/* i915: put_pages() dirties what it walks in its sg table */
	for (size_t r = 0; r < s->nrel; r++)
		if (may_dirty(call_at(p, s->rel[r].at)) || releaser_dirties(p, s->rel[r].at))
			return;
	plan_report(p, s->at, i, CHECK_dirty_missing,
		    "%s() asks for FOLL_WRITE and the pages' bytes are written (%s%s), but none of"
		    " their releases dirties them (%s() at %s:%u among them): set_page_dirty_lock()"
		    " before the release, or release with a *_dirty_lock(..., true)",
		    a->api->name, s->fills ? "put into an sg table or bio" : s->maps,
		    s->fills ? "" : "()", call_at(p, s->rel[0].at)->api->name,
		    path_of(p, s->rel[0].at), call_at(p, s->rel[0].at)->line);
}
