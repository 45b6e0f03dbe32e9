/* Fixture: the debug intrinsic __gupcheck_where() asks the flow model what it believes about a location. */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/scatterlist.h>

void __gupcheck_where(const void *p);

struct plan_probe {
	struct sg_table sgt;
	struct page **pages;
};

void plan_probe_release(struct plan_probe *pp)
{
	struct scatterlist *sg;

	for (sg = pp->sgt.sgl; sg; sg = sg_next(sg)) {
		__gupcheck_where(sg_page(sg));
		put_page(sg_page(sg));
	}
}

int plan_probe_fill(struct plan_probe *pp, unsigned long addr, int n)
{
	struct page **pages = pp->pages;
	int got = get_user_pages_fast(addr, n, FOLL_WRITE, pages);

	__gupcheck_where(pages);
	__gupcheck_where(pages[0]);
	if (got > 0)
		sg_alloc_table_from_pages(&pp->sgt, pages, got, 0, got * 4096ul, GFP_KERNEL);
	return got;
}

/*
 * check-name: the debug intrinsic: sg_page(sg) in the release loop is the sg list, which holds the
 * pages the fill put in pp->sgt; pages and pages[0] are one location
 * check-plan-start
drivers/gupplan/probe.c:18:3: probe: local:sg; releases: drivers/gupplan/probe.c:19 put_page(); kept in field struct plan_probe.sgt
drivers/gupplan/probe.c:26:12: site: get_user_pages_fast() in plan_probe_fill: pin -> pin_user_pages_fast [case 1]: pages go into an sg table or bio for DMA; kept in field struct plan_probe.sgt
drivers/gupplan/probe.c:26:12: release: drivers/gupplan/probe.c:19:3: put_page() in plan_probe_release -> unpin_user_page via field struct plan_probe.sgt
drivers/gupplan/probe.c:26:12: warning: get_user_pages_fast() asks for FOLL_WRITE and the pages' bytes are written (put into an sg table or bio), but none of their releases dirties them (put_page() at drivers/gupplan/probe.c:19 among them): set_page_dirty_lock() before the release, or release with a *_dirty_lock(..., true) [dirty-missing]
drivers/gupplan/probe.c:28:2: probe: local:pages; releases: drivers/gupplan/probe.c:19 put_page(); kept in field struct plan_probe.sgt
drivers/gupplan/probe.c:29:2: probe: local:pages; releases: drivers/gupplan/probe.c:19 put_page(); kept in field struct plan_probe.sgt
 * check-plan-end
 */
