/* Fixture: a helper releases its parameter, and dirties the pages without the page lock. */
#include <linux/mm.h>
#include <linux/highmem.h>

static void plan_put_pages(struct page **pages, int n, bool dirty)
{
	int i;

	for (i = 0; i < n; i++) {
		if (dirty)
			set_page_dirty(pages[i]);
		put_page(pages[i]);
	}
}

int plan_copy_from_user_pages(unsigned long addr, int n, char *dst)
{
	struct page *pages[16];
	int got, i;

	got = get_user_pages_fast(addr, n, FOLL_WRITE, pages);
	if (got <= 0)
		return got;
	for (i = 0; i < got; i++)
		memcpy_from_page(dst, pages[i], 0, 4096);
	plan_put_pages(pages, got, true);
	return 0;
}

/*
 * check-name: a helper that releases its parameter (and a bare set_page_dirty() in it)
 * check-plan-start
drivers/gupplan/helper.c:11:4: warning: set_page_dirty() on pages from get_user_pages_fast() at drivers/gupplan/helper.c:21: without the page lock, use set_page_dirty_lock() [dirty-unlocked]
drivers/gupplan/helper.c:21:8: site: get_user_pages_fast() in plan_copy_from_user_pages: pin -> pin_user_pages_fast [case 5]: the pages' data is used (memcpy_from_page)
drivers/gupplan/helper.c:21:8: release: drivers/gupplan/helper.c:12:3: put_page() in plan_put_pages -> unpin_user_page via plan_put_pages
drivers/gupplan/helper.c:21:8: dirty: drivers/gupplan/helper.c:11:4: set_page_dirty() in plan_put_pages via plan_put_pages if dirty
 * check-plan-end
 */
