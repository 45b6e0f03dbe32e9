/* Fixture: pins released by put_user_page*(), and a reference released by one (wrong here). */
#include <linux/mm.h>

/* Pins whose data is read, released by put_user_pages(): balanced in this tree. */
int k_copy_in(unsigned long addr, struct page **pages, int n, char *dst)
{
	int got = pin_user_pages_fast(addr, n, 0, pages), i;

	for (i = 0; i < got; i++) {
		char *src = kmap_local_page(pages[i]);

		dst[i] = src[0];
		kunmap_local(src);
	}
	if (got > 0)
		put_user_pages(pages, got);
	return got;
}

/* A reference released by put_user_page(), which releases pins in this tree: wrong. */
int k_peek(unsigned long addr, char *dst)
{
	struct page *page;
	char *src;

	if (get_user_pages_fast(addr, 1, 0, &page) != 1)
		return -1;
	src = kmap_local_page(page);
	*dst = src[0];
	kunmap_local(src);
	put_user_page(page);
	return 0;
}

/* A reference whose data is written, released by put_page(). */
int k_poke(unsigned long addr, char c)
{
	struct page *page;
	char *dst;

	if (get_user_pages_fast(addr, 1, FOLL_WRITE, &page) != 1)
		return -1;
	dst = kmap_local_page(page);
	dst[0] = c;
	kunmap_local(dst);
	put_page(page);
	return 0;
}

/*
 * check-name: put_user_page*() is a release of pins where the tree has pin_user_pages*():
 * it balances a pin, and releasing a reference with it is a wrong release
 * check-plan-start
drivers/gupk/pins.c:7:12: site: pin_user_pages_fast() in k_copy_in: pin -> pin_user_pages_fast [as written]: already a pin
drivers/gupk/pins.c:7:12: release: drivers/gupk/pins.c:16:3: put_user_pages() in k_copy_in -> put_user_pages if got > 0
drivers/gupk/pins.c:26:6: site: get_user_pages_fast() in k_peek: pin -> pin_user_pages_fast [case 5]: the pages' data is used (kmap_local_page)
drivers/gupk/pins.c:26:6: release: drivers/gupk/pins.c:31:2: put_user_page() in k_peek -> put_user_page
drivers/gupk/pins.c:31:2: error: put_user_page() releases pages referenced by get_user_pages_fast() at drivers/gupk/pins.c:26: references are released by put_page() (in this tree put_user_page*() releases pins) [wrong-release]
drivers/gupk/pins.c:41:6: site: get_user_pages_fast() in k_poke: pin -> pin_user_pages_fast [case 5]: the pages' data is used (kmap_local_page)
drivers/gupk/pins.c:41:6: release: drivers/gupk/pins.c:46:2: put_page() in k_poke -> unpin_user_page
drivers/gupk/pins.c:41:6: warning: get_user_pages_fast() asks for FOLL_WRITE and the pages' bytes are written (kmap_local_page()), but none of their releases dirties them (put_page() at drivers/gupk/pins.c:46 among them): set_page_dirty_lock() before the release, or release with a *_dirty_lock(..., true) [dirty-missing]
 * check-plan-end
 */
