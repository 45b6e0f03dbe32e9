/* Fixture: a release loop whose count cannot be negative; convert collapses it. */
#include <linux/mm.h>

int k_write_back(unsigned long addr, int n, char c, bool dirty)
{
	struct page *pages[8];
	int got, i;

	got = get_user_pages_fast(addr, n, FOLL_WRITE, pages);
	if (got <= 0)
		return got;
	for (i = 0; i < got; i++) {
		char *dst = kmap_local_page(pages[i]);

		dst[0] = c;
		kunmap_local(dst);
	}
	for (i = 0; i < got; i++) {
		if (dirty)
			set_page_dirty(pages[i]);
		put_page(pages[i]);
	}
	return got;
}

/*
 * check-name: a release loop after a test that the count is positive, dirtying without the
 * page lock: convert collapses it into one *_dirty_lock() call
 * check-plan-start
drivers/gupk/loop.c:9:8: site: get_user_pages_fast() in k_write_back: pin -> pin_user_pages_fast [case 5]: the pages' data is used (kmap_local_page)
drivers/gupk/loop.c:9:8: release: drivers/gupk/loop.c:21:3: put_page() in k_write_back -> unpin_user_page
drivers/gupk/loop.c:9:8: dirty: drivers/gupk/loop.c:20:4: set_page_dirty() in k_write_back if dirty
drivers/gupk/loop.c:20:4: warning: set_page_dirty() on pages from get_user_pages_fast() at drivers/gupk/loop.c:9: without the page lock, use set_page_dirty_lock() [dirty-unlocked]
 * check-plan-end
 */
