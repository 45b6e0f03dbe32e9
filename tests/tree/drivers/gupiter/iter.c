/* Fixture: an sg page iterator stands for the sg table it walks (for_each_sgtable_page(), for_each_sg_page()). */
#include "gupiter.h"

struct iter_map {
	struct sg_table sgt;		/* the user pages, for DMA */
	struct sg_table bounce;		/* pages of our own */
	struct page **pages;
};

int iter_map_user(struct iter_map *m, unsigned long addr, int n)
{
	int got = get_user_pages_fast(addr, n, FOLL_WRITE, m->pages);

	if (got != n)
		return -EFAULT;
	return sg_alloc_table_from_pages(&m->sgt, m->pages, n, 0, n * 4096ul, GFP_KERNEL);
}

/* radeon_ttm_tt_unpin_userptr()'s shape: the iterator's page is the table's page. */
void iter_map_unmap(struct iter_map *m)
{
	struct sg_page_iter iter;

	for_each_sgtable_page(&m->sgt, &iter, 0) {
		struct page *page = sg_page_iter_page(&iter);

		set_page_dirty_lock(page);
		put_page(page);
	}
	sg_free_table(&m->sgt);
}

/* The same walk over a table of allocated pages: not the user pages' release. */
void iter_map_bounce_free(struct iter_map *m)
{
	struct sg_page_iter iter;

	for_each_sgtable_page(&m->bounce, &iter, 0)
		put_page(sg_page_iter_page(&iter));
}

int iter_map_bounce(struct iter_map *m, int n)
{
	struct page *p = alloc_page(GFP_KERNEL);

	return sg_alloc_table_from_pages(&m->bounce, &p, 1, 0, 4096ul, GFP_KERNEL);
}

struct iter_pin {
	struct sg_table *sgt;
};

int iter_pin_user(struct iter_pin *ip, unsigned long addr, int n, struct page **pages)
{
	int got = pin_user_pages_fast(addr, n, FOLL_WRITE, pages);

	if (got <= 0)
		return got;
	return sg_alloc_table_from_pages(ip->sgt, pages, got, 0, got * 4096ul, GFP_KERNEL);
}

/* for_each_sg_page() over the table's sgl, the page released straight from the iterator. */
void iter_pin_done(struct iter_pin *ip)
{
	struct sg_page_iter piter;

	for_each_sg_page(ip->sgt->sgl, &piter, ip->sgt->nents, 0) {
		__gupcheck_where(sg_page_iter_page(&piter));
		unpin_user_page(sg_page_iter_page(&piter));
	}
}

/*
 * check-name: iterators: the page of for_each_sgtable_page() and for_each_sg_page() is the page
 * of the table walked (the user table's release pairs; the bounce table's does not)
 * check-plan-start
drivers/gupiter/iter.c:12:12: site: get_user_pages_fast() in iter_map_user: pin -> pin_user_pages_fast [case 1]: pages go into an sg table or bio for DMA; kept in field struct iter_map.pages
drivers/gupiter/iter.c:12:12: release: drivers/gupiter/iter.c:28:3: put_page() in iter_map_unmap -> unpin_user_page via field struct iter_map.pages
drivers/gupiter/iter.c:12:12: dirty: drivers/gupiter/iter.c:27:3: set_page_dirty_lock() in iter_map_unmap via field struct iter_map.pages
drivers/gupiter/iter.c:12:12: error: pages get_user_pages_fast() took are still held at the exit at line 15 and neither released nor handed off (path: lines 10,15) [error-path-leak]
drivers/gupiter/iter.c:55:12: site: pin_user_pages_fast() in iter_pin_user: pin -> pin_user_pages_fast [as written]: already a pin; pages kept in field struct iter_pin.sgt
drivers/gupiter/iter.c:55:12: release: drivers/gupiter/iter.c:69:3: unpin_user_page() in iter_pin_done -> unpin_user_page via field struct iter_pin.sgt
drivers/gupiter/iter.c:55:12: warning: pin_user_pages_fast() asks for FOLL_WRITE and the pages' bytes are written (put into an sg table or bio), but none of their releases dirties them (unpin_user_page() at drivers/gupiter/iter.c:69 among them): set_page_dirty_lock() before the release, or release with a *_dirty_lock(..., true) [dirty-missing]
drivers/gupiter/iter.c:68:3: probe: local:piter; releases: drivers/gupiter/iter.c:69 unpin_user_page(); kept in field struct iter_pin.sgt
 * check-plan-end
 */
