/* Fixture: pinned pages go into an sg table; the completion puts them from the table (a bug). */
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/scatterlist.h>

struct plan_dma {
	struct sg_table sgt;
	int n;
};

int plan_dma_start(struct plan_dma *d, unsigned long addr, int n, struct page **pages)
{
	int got = pin_user_pages_fast(addr, n, FOLL_WRITE, pages);

	if (got != n) {
		if (got > 0)
			unpin_user_pages(pages, got);
		return -EFAULT;
	}
	return sg_alloc_table_from_pages(&d->sgt, pages, n, 0, n * 4096ul, GFP_KERNEL);
}

void plan_dma_done(struct plan_dma *d)
{
	struct scatterlist *sg;

	for (sg = d->sgt.sgl; sg; sg = sg_next(sg))
		put_page(sg_page(sg));
	sg_free_table(&d->sgt);
}

/*
 * check-name: release through an sg table: sg_alloc_table_from_pages() in, sg_page() out
 * (the completion puts pinned pages: wrong-release there, mixed-release at the pin)
 * check-plan-start
drivers/gupplan/sg.c:13:12: site: pin_user_pages_fast() in plan_dma_start: pin -> pin_user_pages_fast [as written]: already a pin; pages kept in field struct plan_dma.sgt
drivers/gupplan/sg.c:13:12: release: drivers/gupplan/sg.c:17:4: unpin_user_pages() in plan_dma_start -> unpin_user_pages if got > 0
drivers/gupplan/sg.c:13:12: release: drivers/gupplan/sg.c:28:3: put_page() in plan_dma_done -> unpin_user_page via field struct plan_dma.sgt
drivers/gupplan/sg.c:13:12: warning: pin_user_pages_fast() asks for FOLL_WRITE and the pages' bytes are written (put into an sg table or bio), but none of their releases dirties them (unpin_user_pages() at drivers/gupplan/sg.c:17 among them): set_page_dirty_lock() before the release, or release with a *_dirty_lock(..., true) [dirty-missing]
drivers/gupplan/sg.c:13:12: error: pages of pin_user_pages_fast() are released by put_page() at drivers/gupplan/sg.c:28 and by unpin_user_pages() at drivers/gupplan/sg.c:17 [mixed-release]
drivers/gupplan/sg.c:28:3: error: put_page() releases pages pinned by pin_user_pages_fast() at drivers/gupplan/sg.c:13: pins are released by unpin_user_page*() [wrong-release]
 * check-plan-end
 */
